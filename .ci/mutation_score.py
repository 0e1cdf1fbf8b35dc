"""Per-module mutation score from mutmut's results (backend/mutants/**/*.py.meta), for docs/TESTING.md.

Run from backend/ after `mutmut run`. A mutant counts as killed when the tests failed on it (or timed out);
survived when they passed; "no tests" when no selected test reaches the mutated function (a survivor too:
nothing would notice the change)."""

import json
import sys
from pathlib import Path

from mutmut.stats import status_by_exit_code


def main() -> int:
    rows = []
    for meta in sorted(Path("mutants").rglob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        statuses = [status_by_exit_code[code] for code in codes.values()]
        killed = sum(status in {"killed", "timeout", "caught by type check"} for status in statuses)
        survived = sum(status in {"survived", "no tests"} for status in statuses)
        unchecked = len(statuses) - killed - survived
        module = str(meta.relative_to("mutants"))[: -len(".meta")]
        rows.append((module, len(statuses), killed, survived, unchecked))
    if not rows:
        print("no mutmut results under mutants/ (run `make mutation`)", file=sys.stderr)
        return 1
    print("| module | mutants | killed | survived | not checked | survived % |")
    print("|---|---|---|---|---|---|")
    for module, total, killed, survived, unchecked in rows:
        share = 100 * survived / (killed + survived) if killed + survived else 0.0
        print(f"| `{module}` | {total} | {killed} | {survived} | {unchecked} | {share:.1f} |")
    total_killed = sum(row[2] for row in rows)
    total_survived = sum(row[3] for row in rows)
    checked = total_killed + total_survived
    print(f"\nall: {total_killed} killed, {total_survived} survived ({100 * total_survived / max(checked, 1):.1f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
