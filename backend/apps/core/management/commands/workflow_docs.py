"""Rewrite the tables of docs/WORKFLOWS.md from the declared workflows (`--check`: exit 1 when they differ)."""

from django.core.management.base import BaseCommand, CommandError

from apps.core.workflow_docs import DOC_PATH, regenerate


class Command(BaseCommand):
    help = "Generate the workflow tables of docs/WORKFLOWS.md from the declarations in apps/*/workflows.py."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only compare; fail when the document differs.")

    def handle(self, *args, check=False, **options):
        current = DOC_PATH.read_text(encoding="utf-8")
        wanted = regenerate(current)
        if check:
            if wanted != current:
                raise CommandError("docs/WORKFLOWS.md differs from the declared workflows; run `make docs-workflows`.")
            self.stdout.write("docs/WORKFLOWS.md matches the declared workflows.")
            return
        if wanted != current:
            DOC_PATH.write_text(wanted, encoding="utf-8")
            self.stdout.write("docs/WORKFLOWS.md updated.")
        else:
            self.stdout.write("docs/WORKFLOWS.md already up to date.")
