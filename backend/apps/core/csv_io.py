"""CSV export (`?format=csv`, the same filters as the list) and CSV import (`POST <resource>/import/`,
row-by-row report, all-or-nothing, update by natural key) for every tenant resource, in one place."""

from __future__ import annotations

import csv
import io
import json
import re

from django.db import IntegrityError, transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response

from apps.tenants.models import Role

EXPORT_ROW_LIMIT = 100_000
IMPORT_MAX_BYTES = 5 * 1024 * 1024
MULTI_SEPARATOR = "|"


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        view = (renderer_context or {}).get("view")
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code >= 400:
            # Errors stay readable: one "detail" column.
            rows, columns = [{"detail": json.dumps(data)}], ["detail"]
        else:
            rows = data if isinstance(data, list) else [data]
            columns = view.csv_columns() if view is not None and hasattr(view, "csv_columns") else sorted(rows[0])
        buffer = io.StringIO()
        # RFC 4180 line ends: a cell holding a lone CR or LF is then always quoted.
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: to_cell(row.get(column)) for column in columns})
        return buffer.getvalue().encode(self.charset)


# A cell a spreadsheet would run as a formula ("CSV injection"): it is exported with a leading apostrophe,
# which spreadsheets show as text, and the importer takes the apostrophe off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[-+]?[0-9]+(\.[0-9]+)?$")


def escape_formula(text: str) -> str:
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def unescape_formula(text: str) -> str:
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def to_cell(value) -> str:
    return escape_formula(_cell_text(value))


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return MULTI_SEPARATOR.join(_cell_text(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    return str(value)


def parse_csv(text: str):
    """(row number, cells, error) per record; row 1 is the header. A malformed record (an unterminated
    quote, a cell over the csv module's 131,072-character limit, text after a closing quote) is reported
    as an error on its own row instead of swallowing the rest of the file or failing the request."""
    reader = csv.reader(io.StringIO(text), strict=True)
    row = 0
    while True:
        start_line = reader.line_num + 1
        row += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            message = str(exc)
            if "field larger than field limit" in message:
                error = f"A cell is too long (over {csv.field_size_limit():,} characters)."
            elif "unexpected end of data" in message:
                error = f"A quoted cell that starts on line {start_line} is never closed (missing closing quote)."
            else:
                error = f"Malformed CSV on line {start_line}: {message}; put quotes around cells with commas."
            yield row, None, error
            continue
        yield row, cells, None


def _is_flat(field) -> bool:
    return not isinstance(field, serializers.BaseSerializer)


def _is_multi(field) -> bool:
    return isinstance(field, serializers.ManyRelatedField | serializers.ListField | serializers.MultipleChoiceField)


def from_cell(field, text: str):
    """A CSV cell into what the serializer field accepts; `...` means 'leave the field out'."""
    text = unescape_formula(text.strip())
    if _is_multi(field):
        return [part.strip() for part in text.split(MULTI_SEPARATOR) if part.strip()]
    if isinstance(field, serializers.JSONField):
        return json.loads(text) if text else ...
    if text == "":
        if getattr(field, "allow_null", False):
            return None
        if isinstance(field, serializers.CharField) and field.allow_blank:
            return ""
        return ...
    return text


ImportReportSerializer = inline_serializer(
    "CsvImportReport",
    {
        "dry_run": serializers.BooleanField(),
        "committed": serializers.BooleanField(),
        "total_rows": serializers.IntegerField(),
        "created": serializers.IntegerField(),
        "updated": serializers.IntegerField(),
        "errors": serializers.ListField(
            child=inline_serializer(
                "CsvImportError",
                {
                    "row": serializers.IntegerField(),
                    "field": serializers.CharField(),
                    "error": serializers.CharField(),
                },
            )
        ),
    },
)


def _flatten_errors(detail, prefix="") -> list[tuple[str, str]]:
    if isinstance(detail, dict):
        pairs = []
        for key, value in detail.items():
            pairs += _flatten_errors(value, f"{prefix}{key}" if not prefix else f"{prefix}.{key}")
        return pairs
    if isinstance(detail, list):
        pairs = []
        for item in detail:
            pairs += _flatten_errors(item, prefix)
        return pairs
    return [(prefix or "non_field_errors", str(detail))]


class CsvImportExportMixin:
    """Mixed into TenantModelViewSet. `csv_import_key` names the natural key that re-imports update by;
    None turns import off for a resource (export stays)."""

    csv_import_key: str | None = "code"
    action_roles = {"import_csv": Role.MANAGER}

    @classmethod
    def get_extra_actions(cls):
        """No import route (nor schema operation) for a resource that cannot be imported."""
        actions = super().get_extra_actions()
        return actions if cls.csv_import_key else [extra for extra in actions if extra.__name__ != "import_csv"]

    def csv_columns(self) -> list[str]:
        fields = self.get_serializer().fields
        return [name for name, field in fields.items() if _is_flat(field) and not field.write_only]

    def list(self, request, *args, **kwargs):
        if getattr(request, "accepted_renderer", None) is not None and request.accepted_renderer.format == "csv":
            queryset = self.filter_queryset(self.get_queryset())
            rows = list(queryset[: EXPORT_ROW_LIMIT + 1])
            if len(rows) > EXPORT_ROW_LIMIT:
                raise ValidationError(
                    {"detail": f"More than {EXPORT_ROW_LIMIT} rows match; narrow the filters to export."}
                )
            response = Response(self.get_serializer(rows, many=True).data)
            filename = f"{self.basename}-export.csv"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer("CsvImportUpload", {"file": serializers.FileField()}),
        },
        parameters=[
            OpenApiParameter("dry_run", OpenApiTypes.BOOL, description="Validate and report only; nothing is written.")
        ],
        responses={200: ImportReportSerializer, 400: ImportReportSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
        filter_backends=[],
        pagination_class=None,
    )
    def import_csv(self, request, *args, **kwargs):
        """Import rows from a CSV file (the export's format). All rows are written or none."""
        if not self.csv_import_key:
            raise ValidationError({"detail": "This resource cannot be imported from CSV."})
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": ["Attach the CSV file in the 'file' field."]})
        if upload.size > IMPORT_MAX_BYTES:
            return Response(
                {"detail": f"The file is larger than {IMPORT_MAX_BYTES // (1024 * 1024)} MB; split it."},
                status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            )
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError({"file": ["The file is not UTF-8 text; save it as CSV UTF-8."]})
        dry_run = str(request.query_params.get("dry_run", "")).lower() in {"1", "true", "yes"}
        report = self._import_rows(list(parse_csv(text)), dry_run=dry_run)
        return Response(report, status=status.HTTP_400_BAD_REQUEST if report["errors"] else status.HTTP_200_OK)

    def _import_rows(self, table: list[tuple[int, list[str] | None, str | None]], *, dry_run: bool) -> dict:
        report = {"dry_run": dry_run, "committed": False, "total_rows": 0, "created": 0, "updated": 0, "errors": []}
        errors = report["errors"]
        if table and table[0][2]:
            errors.append({"row": 1, "field": "", "error": table[0][2]})
            return report
        if not table or not any(cell.strip() for cell in table[0][1]):
            errors.append({"row": 1, "field": "", "error": "The file is empty; the first row must name the columns."})
            return report
        header = [cell.strip() for cell in table[0][1]]
        fields = self.get_serializer().fields
        writable = {name for name, field in fields.items() if not field.read_only and _is_flat(field)}
        readable = set(self.csv_columns())
        for column in header:
            if column not in writable and column not in readable:
                errors.append({"row": 1, "field": column, "error": "Unknown column."})
        key = self.csv_import_key
        if key not in header:
            errors.append({"row": 1, "field": key, "error": f"The '{key}' column is required to match rows."})
        if errors:
            return report
        model = self.get_queryset().model
        seen_keys: dict[str, int] = {}
        with transaction.atomic():
            for offset, cells, parse_error in table[1:]:
                if parse_error:
                    report["total_rows"] += 1
                    errors.append({"row": offset, "field": "", "error": parse_error})
                    continue
                if not any(cell.strip() for cell in cells):
                    continue
                report["total_rows"] += 1
                if len(cells) > len(header):
                    errors.append({"row": offset, "field": "", "error": "More cells than columns."})
                    continue
                values = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
                data = {}
                for column, cell in values.items():
                    if column not in writable:
                        continue
                    try:
                        value = from_cell(fields[column], cell)
                    except ValueError as exc:
                        errors.append({"row": offset, "field": column, "error": f"Not valid JSON: {exc}"})
                        continue
                    if value is not ...:
                        data[column] = value
                natural_key = unescape_formula(values.get(key, "").strip())
                if natural_key in seen_keys:
                    errors.append(
                        {"row": offset, "field": key, "error": f"Same {key} as row {seen_keys[natural_key]}."}
                    )
                    continue
                seen_keys[natural_key] = offset
                existing = self.get_queryset().filter(**{key: natural_key}).first() if natural_key else None
                serializer = self.get_serializer(existing, data=data, partial=existing is not None)
                if not serializer.is_valid():
                    errors += [
                        {"row": offset, "field": field, "error": message}
                        for field, message in _flatten_errors(serializer.errors)
                    ]
                    continue
                try:
                    with transaction.atomic():
                        if existing is None:
                            serializer.save(tenant=self.request.tenant, created_by=self.request.user)
                            report["created"] += 1
                        else:
                            serializer.save()
                            report["updated"] += 1
                except IntegrityError:
                    message = f"Conflicts with an existing {model._meta.verbose_name}."
                    errors.append({"row": offset, "field": "", "error": message})
            if errors or dry_run:
                transaction.set_rollback(True)
            else:
                report["committed"] = True
        return report
