"""Score the offline extractor on the generated layout families: tuning families first, held-out last.

Per family, per source (text PDF, scan, phone photo) and per group: precision, recall, F1, line rows fully
correct, seconds per page. Mistakes are listed for tuning families only (held-out discipline: nobody looks at a
held-out document's output while changing rules)."""

import os
import time
from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Evaluate the offline extractor on the generated layout families (strict scoring)."

    def add_arguments(self, parser):
        parser.add_argument("--per-family", type=int, default=3, help="text PDFs per family")
        parser.add_argument("--sources", default="text,scan,photo", help="comma list of text, scan, photo")
        parser.add_argument("--families", default="", help="comma list of families (default: all)")
        parser.add_argument("--tuning-only", action="store_true", help="skip the held-out families")
        parser.add_argument("--mistakes", action="store_true", help="list wrong and missing values (tuning only)")
        parser.add_argument("--save", default="", help="folder to write the generated documents into")

    def handle(self, *args, **options):
        from pathlib import Path

        from apps.ai_assistant.evaluation import Report, score_document
        from apps.ai_assistant.families import FAMILIES, HELD_OUT, OWN_NAME, TUNING, documents, render
        from apps.ai_assistant.offline import extract_offline
        from apps.ai_assistant.schema import validate_extraction
        from apps.ai_assistant.text_layer import ocr_threads, text_layer_for, warm_up
        from apps.ai_assistant.uploads import inspect_upload

        sources = {s.strip() for s in options["sources"].split(",") if s.strip()}
        if not sources <= {"text", "scan", "photo"}:
            raise CommandError("--sources takes text, scan and photo")
        families = [f.strip() for f in options["families"].split(",") if f.strip()] or FAMILIES
        unknown = set(families) - set(FAMILIES)
        if unknown:
            raise CommandError(f"unknown families: {', '.join(sorted(unknown))}")
        if options["tuning_only"]:
            families = [f for f in families if f in TUNING]
        docs = [
            d
            for d in documents(
                per_family=options["per_family"], images=bool(sources & {"scan", "photo"}), families=families
            )
            if d.source in sources
        ]
        report = Report()
        pages = defaultdict(int)
        seconds = defaultdict(float)
        cpu = defaultdict(float)
        groups = defaultdict(list)
        if sources & {"scan", "photo"}:
            warm_up()  # the models are loaded once, as in a worker, not inside the first page's time
        load_before = os.getloadavg()[0]
        started = time.monotonic()
        save = Path(options["save"]) if options["save"] else None
        if save:
            save.mkdir(parents=True, exist_ok=True)
        ordered = [d for d in docs if not d.held_out] + [d for d in docs if d.held_out]
        for doc in ordered:
            data, ext = render(doc)
            if save:
                (save / f"{doc.name}{ext}").write_bytes(data)
            t0, c0 = time.monotonic(), time.process_time()
            info = inspect_upload(data)
            layer = text_layer_for(info.kind, data)
            extraction = validate_extraction(extract_offline(layer, [OWN_NAME]))
            elapsed, cpu_elapsed = time.monotonic() - t0, time.process_time() - c0
            score = score_document(extraction, doc.expected(), doc.name, report)
            split = "held-out" if doc.held_out else "tuning"
            for key in (f"{split} {doc.source}", f"{split} all", f"family {doc.family} {doc.source}"):
                groups[key].append(doc.name)
                pages[key] += len(layer.pages)
                seconds[key] += elapsed
                cpu[key] += cpu_elapsed
            shown = doc.name if not doc.held_out else f"{doc.name} (held out)"
            self.stdout.write(
                f"{shown:44} P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f} "
                f"rows {score.lines_ok}/{score.lines} ({elapsed / max(len(layer.pages), 1):.1f} s/page, "
                f"CPU {cpu_elapsed / max(len(layer.pages), 1):.1f} s)"
            )

        def line(label, key):
            s = report.overall(groups[key])
            per_page = seconds[key] / max(pages[key], 1)
            cpu_page = cpu[key] / max(pages[key], 1)
            self.stdout.write(
                f"  {label:40} ({len(groups[key]):2} docs) P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
                f"rows ok {100 * s.rows_ok:5.1f}% ({s.lines_ok}/{s.lines})  {per_page:.2f} s/page "
                f"(CPU {cpu_page:.2f} s)"
            )

        if options["mistakes"]:
            self.stdout.write("\nMistakes (tuning families only):")
            for doc in ordered:
                if doc.held_out:
                    continue
                for text in report.mistakes.get(doc.name, []):
                    self.stdout.write(f"  {doc.name}: {text}")
        self.stdout.write("\nPer field (all documents):")
        for field_name, s in sorted(report.by_field.items()):
            self.stdout.write(
                f"  {field_name:26} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} (tp={s.tp} fp={s.fp} fn={s.fn})"
            )
        for split, names in (("TUNING", TUNING), ("HELD-OUT", HELD_OUT)):
            present = [f for f in names if f in families]
            if not present:
                continue
            self.stdout.write(f"\n{split} families, by family and source:")
            for family in present:
                for source in ("text", "scan", "photo"):
                    if groups.get(f"family {family} {source}"):
                        line(f"{family} [{source}]", f"family {family} {source}")
            self.stdout.write(f"{split} by source:")
            key = "tuning" if split == "TUNING" else "held-out"
            for source in ("text", "scan", "photo"):
                if groups.get(f"{key} {source}"):
                    line(f"{key} {source}", f"{key} {source}")
            line(f"{key} ALL", f"{key} all")
            f1s = [
                report.overall(groups[f"family {f} {src}"]).f1
                for f in present
                for src in ("text", "scan", "photo")
                if groups.get(f"family {f} {src}")
            ]
            if f1s:
                self.stdout.write(f"  {key} mean F1 over family x source cells: {sum(f1s) / len(f1s):.3f}")
        self.stdout.write(
            f"\n({time.monotonic() - started:.0f} s in all; OCR threads {ocr_threads()}; load average "
            f"{load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, on {os.cpu_count()} cores)"
        )
        for key in ("tuning all", "held-out all"):
            if groups.get(key):
                s = report.overall(groups[key])
                self.stdout.write(
                    f"{key.upper():14} F1 = {s.f1:.3f} (P={s.precision:.3f} R={s.recall:.3f}), "
                    f"line rows fully correct {100 * s.rows_ok:.1f}%"
                )
