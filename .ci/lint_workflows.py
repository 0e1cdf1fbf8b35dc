#!/usr/bin/env python3
"""shellcheck every `run:` block of .github/workflows (what actionlint does through shellcheck), plus the
repository's shell scripts. `${{ … }}` expressions become a plain word first. Exit 1 on any finding."""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ["config/backup.sh", "start_dev.sh", "stop_dev.sh", ".ci/run", *map(str, ROOT.glob(".github/scripts/*.sh"))]


def run_blocks():
    for path in sorted((ROOT / ".github/workflows").glob("*.yml")):
        workflow = yaml.safe_load(path.read_text())
        for job_name, job in (workflow.get("jobs") or {}).items():
            shell = (job.get("defaults") or {}).get("run", {}).get("shell", "bash")
            for number, step in enumerate(job.get("steps") or [], 1):
                if "run" in step and step.get("shell", shell).startswith("bash"):
                    yield f"{path.name}:{job_name}:{step.get('name', number)}", step["run"]


def main() -> int:
    if not shutil.which("shellcheck"):
        print("shellcheck not installed (apt-get install shellcheck)", file=sys.stderr)
        return 2
    failed = 0
    for label, script in run_blocks():
        text = re.sub(r"\$\{\{.*?\}\}", "GITHUB_EXPRESSION", script)
        with tempfile.NamedTemporaryFile("w", suffix=".sh") as handle:
            # GitHub runs `bash -e {0}` (with pipefail for `shell: bash`).
            handle.write("#!/usr/bin/env bash\nset -eo pipefail\n" + text)
            handle.flush()
            result = subprocess.run(["shellcheck", "-S", "style", handle.name], capture_output=True, text=True)
        if result.returncode:
            failed += 1
            print(f"--- {label}\n{result.stdout.replace(handle.name, label)}")
    scripts = [str(ROOT / name) for name in SCRIPTS if (ROOT / name).exists()]
    result = subprocess.run(["shellcheck", "-S", "style", *scripts], capture_output=True, text=True)
    if result.returncode:
        failed += 1
        print(result.stdout)
    print(f"shellcheck: {'clean' if not failed else f'{failed} file(s) with findings'} "
          f"({len(list(run_blocks()))} workflow run blocks, {len(scripts)} scripts)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
