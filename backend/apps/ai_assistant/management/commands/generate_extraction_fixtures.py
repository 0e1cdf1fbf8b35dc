"""Write the extraction fixture set: documents in apps/ai_assistant/fixtures/ and expected.json."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


class Command(BaseCommand):
    help = "Generate the meat-brokerage documents used to evaluate the offline extractor (deterministic)."

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(FIXTURES))

    def handle(self, *args, **options):
        from apps.ai_assistant.fixture_docs import OWN_NAME, build_docs, render

        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        expected = {"own_names": [OWN_NAME], "documents": {}}
        for doc in build_docs():
            data, ext = render(doc)
            name = f"{doc.name}{ext}"
            (out / name).write_bytes(data)
            expected["documents"][name] = {
                "layout": doc.layout,
                "held_out": doc.layout in {"F", "G", "H"} or "heldout" in doc.name,
                "image": doc.image is not None,
                "expected": doc.expected(),
            }
            self.stdout.write(f"{name}: {len(data) // 1024} KB")
        (out / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")
        self.stdout.write(self.style.SUCCESS(f"{len(expected['documents'])} documents in {out}"))
