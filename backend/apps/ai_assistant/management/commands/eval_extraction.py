"""Score the offline extractor on the fixture set, field by field; the last line is the overall F1."""

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


class Command(BaseCommand):
    help = "Evaluate the offline extractor on apps/ai_assistant/fixtures (precision, recall, F1 per field)."

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", default=str(FIXTURES))
        parser.add_argument("--only", default="", help="substring of the file names to evaluate")
        parser.add_argument("--no-images", action="store_true", help="skip the OCR documents (fast)")
        parser.add_argument("--images", action="store_true", help="only the OCR documents")
        parser.add_argument("--mistakes", action="store_true", help="list every wrong or missing value")

    def handle(self, *args, **options):
        from apps.ai_assistant.evaluation import Report, score_document
        from apps.ai_assistant.offline import extract_offline
        from apps.ai_assistant.schema import validate_extraction
        from apps.ai_assistant.text_layer import text_layer_for
        from apps.ai_assistant.uploads import inspect_upload

        folder = Path(options["fixtures"])
        spec = json.loads((folder / "expected.json").read_text())
        report = Report()
        groups = {"text PDFs": [], "images": [], "held-out layouts (text)": [], "held-out images": []}
        started = time.monotonic()
        for name, entry in sorted(spec["documents"].items()):
            if options["only"] and options["only"] not in name:
                continue
            if (options["no_images"] and entry["image"]) or (options["images"] and not entry["image"]):
                continue
            data = (folder / name).read_bytes()
            t0 = time.monotonic()
            info = inspect_upload(data)
            layer = text_layer_for(info.kind, data)
            extraction = validate_extraction(extract_offline(layer, spec["own_names"]))
            score = score_document(extraction, entry["expected"], name, report)
            groups["images" if entry["image"] else "text PDFs"].append(name)
            if entry["held_out"]:
                groups["held-out images" if entry["image"] else "held-out layouts (text)"].append(name)
            elapsed = time.monotonic() - t0
            self.stdout.write(
                f"{name:42} P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f} ({elapsed:.1f}s)"
            )
        self.stdout.write("\nPer field:")
        for field_name, score in sorted(report.by_field.items()):
            self.stdout.write(
                f"  {field_name:26} P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f} "
                f"(tp={score.tp} fp={score.fp} fn={score.fn})"
            )
        if options["mistakes"]:
            self.stdout.write("\nMistakes:")
            for line in report.mistakes:
                self.stdout.write(f"  {line}")
        self.stdout.write("")
        for label, names in groups.items():
            if names:
                s = report.overall(names)
                self.stdout.write(
                    f"{label:26} ({len(names):2} docs) P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}"
                )
        overall = report.overall()
        self.stdout.write(f"({time.monotonic() - started:.0f}s)")
        self.stdout.write(f"OVERALL F1 = {overall.f1:.3f} (P={overall.precision:.3f} R={overall.recall:.3f})")
