"""CSV export (`?format=csv`, the same filters as the list) and CSV import (`POST <resource>/import/`,
row-by-row report, all-or-nothing, update by natural key) for every tenant resource, in one place; large
files run as background jobs (`CsvJob`, `POST /api/v1/csv-jobs/`, the Celery task `core.run_csv_job`).

Imports are linear: the file is parsed once, existing rows are fetched by natural key in chunks, related
rows are looked up in one query per column, every row is validated by one serializer instance (the same
rules as the API), and the rows are written in bulk statements (history rows and links too) in
one transaction: no query or savepoint per row."""

from __future__ import annotations

import csv
import io
import json
import re
from itertools import islice

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, connection, models, transaction
from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.fields import empty
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response

from apps.tenants.models import Role

from . import rls

# Hard limits (docs/SECURITY.md): over IMPORT_MAX_BYTES or IMPORT_MAX_ROWS data rows an import is a 413.
IMPORT_MAX_BYTES = 16 * 1024 * 1024
IMPORT_MAX_ROWS = 100_000
# Up to this many rows an import answers in the request; a larger file becomes a job (202).
IMPORT_SYNC_MAX_ROWS = 2_000
# An export (`?format=csv` or a job) takes up to EXPORT_ROW_LIMIT rows; more is a 400 before any row is read.
EXPORT_ROW_LIMIT = 100_000
CHUNK = 1_000
# Rows fetched, serialized and written per piece of a streamed export (what it holds in memory at once).
EXPORT_CHUNK = 500
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


def data_row_count(table) -> int:
    """Records after the header that hold something (blank lines are not rows)."""
    return sum(1 for _row, cells, error in table[1:] if error or any(cell.strip() for cell in cells))


class LookupCache:
    """Stands in for a relation field's queryset during an import: `get()` answers from the rows fetched
    in one query per column; a value it does not hold goes to the real queryset (for the exact error)."""

    def __init__(self, queryset, key: str, values):
        self.queryset = queryset
        self.rows: dict[str, object] = {}
        model_field = queryset.model._meta.pk if key == "pk" else queryset.model._meta.get_field(key)
        wanted = set()
        for value in values:
            try:
                wanted.add(model_field.to_python(value))
            except (DjangoValidationError, TypeError, ValueError):
                continue
        wanted = [value for value in wanted if value not in (None, "")]
        for start in range(0, len(wanted), CHUNK):
            for obj in queryset.filter(**{f"{key}__in": wanted[start : start + CHUNK]}):
                self.rows[str(obj.pk if key == "pk" else getattr(obj, key))] = obj

    def get(self, **kwargs):
        ((_name, value),) = kwargs.items()
        found = None if isinstance(value, bool) else self.rows.get(str(value))
        return found if found is not None else self.queryset.get(**kwargs)


def _install_lookups(fields, header: list[str], rows: list[dict]) -> None:
    for column in header:
        field = fields.get(column)
        relation = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
        if not isinstance(relation, serializers.PrimaryKeyRelatedField | serializers.SlugRelatedField):
            continue
        if relation.read_only:
            continue
        key = relation.slug_field if isinstance(relation, serializers.SlugRelatedField) else "pk"
        values = set()
        for data in rows:
            value = data.get(column)
            if isinstance(value, list):
                values.update(value)
            elif value is not None:
                values.add(value)
        cache = LookupCache(relation.get_queryset(), key, values)
        relation.get_queryset = lambda cache=cache: cache


def _uniqueness_errors(model, tenant, valid) -> list[dict]:
    """Per-tenant unique fields, across the file and against the database: one query per constraint and chunk."""
    errors = []
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint) or constraint.condition is not None:
            continue
        names = [name for name in constraint.fields if name != "tenant"]
        if "tenant" not in constraint.fields or len(names) != 1:
            continue  # several fields: the database refuses the row (reported as a conflict)
        name = names[0]
        label = model._meta.get_field(name).verbose_name
        owners: dict = {}
        for row in valid:
            value = row.validated[name] if name in row.validated else getattr(row.instance, name, None)
            if isinstance(value, str):
                value = value.strip()
            if value in (None, ""):
                continue
            if value in owners:
                errors.append({"row": row.offset, "field": name, "error": f"Same {label} as row {owners[value][0]}."})
                continue
            owners[value] = (row.offset, row.instance.pk if row.instance is not None else None)
        values = list(owners)
        for start in range(0, len(values), CHUNK):
            clashes = model._base_manager.filter(tenant=tenant, **{f"{name}__in": values[start : start + CHUNK]})
            for value, pk in clashes.values_list(name, "pk"):
                offset, own = owners[value]
                if own != pk:
                    message = f"A {model._meta.verbose_name} with this {label} already exists in this tenant."
                    errors.append({"row": offset, "field": name, "error": message})
    return errors


class _Row:
    __slots__ = ("offset", "data", "instance", "validated", "guarded")

    def __init__(self, offset, data, instance=None):
        self.offset, self.data, self.instance = offset, data, instance
        self.validated: dict = {}
        self.guarded = ({}, "")


class _Conflict(Exception):
    pass


def import_table(view, table, *, dry_run: bool, progress=None) -> dict:
    """Validate every row of `table` (parse_csv output) through the view's serializer and write them all or
    none. `progress(phase, done, total)` is called every CHUNK rows."""
    report = {"dry_run": dry_run, "committed": False, "total_rows": 0, "created": 0, "updated": 0, "errors": []}
    errors = report["errors"]
    if table and table[0][2]:
        errors.append({"row": 1, "field": "", "error": table[0][2]})
        return report
    if not table or not any(cell.strip() for cell in table[0][1]):
        errors.append({"row": 1, "field": "", "error": "The file is empty; the first row must name the columns."})
        return report
    header = [cell.strip() for cell in table[0][1]]
    serializer = view.get_serializer()
    fields = serializer.fields
    writable = {name for name, field in fields.items() if not field.read_only and _is_flat(field)}
    readable = set(view.csv_columns())
    for column in header:
        if column not in writable and column not in readable:
            errors.append({"row": 1, "field": column, "error": "Unknown column."})
    key = view.csv_import_key
    if key not in header:
        errors.append({"row": 1, "field": key, "error": f"The '{key}' column is required to match rows."})
    if errors:
        return report
    tenant, user = view.request.tenant, view.request.user
    model = view.get_queryset().model
    tick = progress or (lambda phase, done, total: None)

    # 1. Cells into serializer input, in one pass.
    rows: list[_Row] = []
    seen_keys: dict[str, int] = {}
    natural_keys: dict[int, str] = {}
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
            errors.append({"row": offset, "field": key, "error": f"Same {key} as row {seen_keys[natural_key]}."})
            continue
        seen_keys[natural_key] = offset
        natural_keys[offset] = natural_key
        rows.append(_Row(offset, data))
    total = report["total_rows"]
    tick("validating", 0, total)

    # 2. The rows that already exist, by natural key, in chunks.
    existing: dict[str, object] = {}
    wanted = [natural for natural in natural_keys.values() if natural]
    base = view.get_queryset().model._base_manager.filter(tenant=tenant)
    for start in range(0, len(wanted), CHUNK):
        for obj in base.filter(**{f"{key}__in": wanted[start : start + CHUNK]}):
            obj.tenant = tenant  # rules that read instance.tenant do not fetch it once per row
            existing[str(getattr(obj, key))] = obj
    for row in rows:
        natural = natural_keys[row.offset]
        row.instance = existing.get(natural) if natural else None

    # 3. Related rows: one query per relation column. 4. Every row through the one serializer.
    _install_lookups(fields, header, [row.data for row in rows])
    serializer._bulk_import = True  # per-tenant uniqueness is checked for all rows at once below
    serializer._import_fields = [
        field
        for field in serializer._writable_fields
        if field.field_name in header or field.required or field.default is not empty
    ]
    valid: list[_Row] = []
    for done, row in enumerate(rows, 1):
        serializer.instance = row.instance
        serializer.partial = row.instance is not None
        serializer.initial_data = row.data
        serializer._guarded_change = ({}, "")
        try:
            row.validated = serializer.run_validation(row.data)
        except ValidationError as exc:
            detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
            errors += [
                {"row": row.offset, "field": field, "error": message} for field, message in _flatten_errors(detail)
            ]
        except PermissionDenied as exc:
            detail = exc.detail if isinstance(exc.detail, dict) else {"detail": exc.detail}
            field = str(detail.get("field", ""))
            errors.append({"row": row.offset, "field": field, "error": str(detail.get("detail", exc))})
        else:
            row.guarded = serializer._guarded_change
            valid.append(row)
        if done % CHUNK == 0:
            tick("validating", done, total)
    errors += _uniqueness_errors(model, tenant, valid)
    report["created"] = sum(1 for row in valid if row.instance is None)
    report["updated"] = len(valid) - report["created"]
    if errors:
        errors.sort(key=lambda error: error["row"])
        return report
    if dry_run:
        tick("validating", total, total)
        return report

    # 5. One transaction, bulk writes.
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")
            _write_rows(view, model, valid, tenant, user, lambda done: tick("writing", done, total))
            if connection.vendor == "postgresql":
                connection.cursor().execute("SET CONSTRAINTS ALL DEFERRED")
    except IntegrityError:
        # A rule only the database knows (a constraint over several fields): find the rows, one by one.
        errors += _conflicting_rows(view, model, valid, tenant, user)
        if not errors:
            errors.append({"row": 1, "field": "", "error": f"Conflicts with an existing {model._meta.verbose_name}."})
        return report
    report["committed"] = True
    return report


def _write_rows(view, model, valid, tenant, user, tick) -> None:
    """Inserts and updates in statements of CHUNK rows, each with its history rows; every value is prepared
    for the database once (the history row of a record reuses the record's prepared values)."""
    from .history import is_tracked

    many = {field.name: field for field in model._meta.many_to_many}
    now = timezone.now()
    new, changed, one_by_one = [], [], []
    changed_fields: set[str] = set()
    for row in valid:
        if row.guarded[0]:
            one_by_one.append(row)  # guarded changes record a reason and a timeline event: the serializer saves
            continue
        plain = {name: value for name, value in row.validated.items() if name not in many}
        if row.instance is None:
            obj = model(**plain, tenant=tenant, created_by=user)
            new.append((obj, row))
        else:
            obj = row.instance
            for name, value in plain.items():
                setattr(obj, name, value)
            obj.updated_at = now
            changed_fields.update(plain)
            changed.append((obj, row))
        obj.normalize()
    history = _HistoryWriter(model, user, now) if is_tracked(model) else None
    concrete = [field for field in model._meta.concrete_fields if not field.primary_key]
    pk = model._meta.pk
    done = 0
    key = model._meta.get_field(view.csv_import_key)
    for start in range(0, len(new), CHUNK):
        batch = [obj for obj, _row in new[start : start + CHUNK]]
        prepared = [
            {field.attname: field.get_db_prep_save(field.pre_save(obj, True), connection) for field in concrete}
            for obj in batch
        ]
        returned = _insert_values(
            model._meta.db_table,
            concrete,
            [[values[field.attname] for field in concrete] for values in prepared],
            [pk, key],
        )
        # The ids come back matched by the natural key (unique per tenant), not by row order.
        ids = {str(natural): new_pk for new_pk, natural in returned}
        for obj, values in zip(batch, prepared, strict=True):
            obj.pk = values[pk.attname] = ids[str(getattr(obj, key.attname))]
            obj._state.adding, obj._state.db = False, connection.alias
        if history:
            history.write(prepared, "+")
        done += len(batch)
        tick(done)
    if changed:
        names = sorted(changed_fields | {"updated_at"})
        set_fields = [model._meta.get_field(name) for name in names]
        for start in range(0, len(changed), CHUNK):
            batch = [obj for obj, _row in changed[start : start + CHUNK]]
            prepared = [
                {field.attname: field.get_db_prep_save(getattr(obj, field.attname), connection) for field in concrete}
                | {pk.attname: obj.pk}
                for obj in batch
            ]
            _update_values(model._meta.db_table, pk, set_fields, prepared)
            if history:
                history.write(prepared, "~")
            done += len(batch)
            tick(done)
    for name, field in many.items():
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        linked = [(obj, row.validated[name]) for obj, row in new + changed if name in row.validated]
        if not linked:
            continue
        reset = [obj.pk for obj, row in changed if name in row.validated]
        for start in range(0, len(reset), CHUNK):
            through._base_manager.filter(**{f"{source}__in": reset[start : start + CHUNK]}).delete()
        link_fields = [column for column in through._meta.concrete_fields if not column.primary_key]
        links = []
        for obj, targets in linked:
            for target_pk in dict.fromkeys(item.pk for item in targets):
                link = through(**{f"{source}_id": obj.pk, f"{target}_id": target_pk})
                if hasattr(link, "tenant_id"):
                    link.tenant_id = tenant.pk
                links.append(
                    [column.get_db_prep_save(column.pre_save(link, True), connection) for column in link_fields]
                )
        _insert_values(through._meta.db_table, link_fields, links)
    for row in one_by_one:
        serializer = view.get_serializer(row.instance, data=row.data, partial=row.instance is not None)
        serializer.is_valid(raise_exception=True)
        serializer.save(**({"tenant": tenant, "created_by": user} if row.instance is None else {}))
        done += 1
    tick(done)


class _HistoryWriter:
    """The history rows simple_history would write for creates ("+") or updates ("~"), from the records'
    prepared values."""

    def __init__(self, model, user, when):
        self.model = model.history.model
        self.fields = [field for field in self.model._meta.concrete_fields if field.attname != "history_id"]
        special = {
            "history_date": when,
            "history_type": None,
            "history_user_id": getattr(user, "pk", None),
            "history_change_reason": None,
        }
        tracked = {field.attname for field in model._meta.concrete_fields}
        # Per column: ("type",), ("fixed", value) or ("record", attname).
        self.plan = []
        for field in self.fields:
            if field.attname == "history_type":
                self.plan.append(("type", None))
            elif field.attname in special:
                self.plan.append(("fixed", field.get_db_prep_save(special[field.attname], connection)))
            elif field.attname in tracked:
                self.plan.append(("record", field.attname))
            else:
                self.plan.append(("fixed", field.get_db_prep_save(field.get_default(), connection)))

    def write(self, prepared: list[dict], history_type: str) -> None:
        rows = [
            [
                history_type if kind == "type" else values[detail] if kind == "record" else detail
                for kind, detail in self.plan
            ]
            for values in prepared
        ]
        _insert_values(self.model._meta.db_table, self.fields, rows)


def _max_params() -> int:
    if connection.vendor == "sqlite":
        import sqlite3

        try:
            return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except (AttributeError, sqlite3.Error):
            return 999
    return 65_535


def _array_type(field) -> str | None:
    """The PostgreSQL array type a column's values are sent as (the element type without its length or
    precision: the column's own type then checks them, e.g. a too long text is an error, never cut);
    None for a column that is an array itself."""
    db_type = field.db_type(connection)
    if not db_type or "[" in db_type:
        return None
    return re.sub(r"\(.*?\)", "", db_type).strip() + "[]"


def _unnest(fields) -> str | None:
    types = [_array_type(field) for field in fields]
    if connection.vendor != "postgresql" or None in types:
        return None
    return ", ".join(f"%s::{array_type}" for array_type in types)


def _columns(rows: list[list], width: int) -> list[list]:
    return [[row[index] for row in rows] for index in range(width)]


def _insert_values(table: str, fields, rows: list[list], returning=None) -> list:
    """INSERTs of already prepared values (the ORM's per-value compilation is most of a bulk_create's time at
    this size); the rows of `returning` (fields) come back. On PostgreSQL one statement per CHUNK rows with one
    array parameter per column (INSERT … SELECT FROM unnest(…)): the statement stays small, so neither psycopg
    nor the server parses a placeholder per value. Elsewhere: one executemany, or multi-row INSERT … RETURNING."""
    qn = connection.ops.quote_name
    columns = [field.column for field in fields]
    head = f"INSERT INTO {qn(table)} ({', '.join(qn(column) for column in columns)}) "
    tail = f" RETURNING {', '.join(qn(field.column) for field in returning)}" if returning else ""
    returned = []
    arrays = _unnest(fields)
    with connection.cursor() as cursor:
        if arrays is not None:
            for start in range(0, len(rows), CHUNK):
                cursor.execute(
                    f"{head}SELECT * FROM unnest({arrays}){tail}", _columns(rows[start : start + CHUNK], len(fields))
                )
                if returning:
                    returned += cursor.fetchall()
            return returned
        row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
        if not returning:
            # One statement parsed once, the rows stepped (sqlite3).
            cursor.executemany(f"{head}VALUES {row_sql}", rows)
            return returned
        per = max(1, min(CHUNK, _max_params() // max(1, len(columns))))
        for start in range(0, len(rows), per):
            batch = rows[start : start + per]
            cursor.execute(
                f"{head}VALUES {', '.join([row_sql] * len(batch))}{tail}", [value for row in batch for value in row]
            )
            returned += cursor.fetchall()
    return returned


def _update_values(table: str, pk, fields, prepared: list[dict]) -> None:
    """The `fields` of every row (prepared values by attname, with the primary key): on PostgreSQL one
    UPDATE … FROM unnest(…) per call, elsewhere one parameterised UPDATE per row sent as one executemany
    (bulk_update's CASE per field and row grows quadratically in the ORM)."""
    qn = connection.ops.quote_name
    arrays = _unnest([pk, *fields])
    with connection.cursor() as cursor:
        if arrays is not None:
            names = ["__pk", *(field.column for field in fields)]
            assignments = ", ".join(f"{qn(field.column)} = v.{qn(field.column)}" for field in fields)
            sql = (
                f"UPDATE {qn(table)} SET {assignments} FROM unnest({arrays}) AS v({', '.join(map(qn, names))}) "
                f"WHERE {qn(table)}.{qn(pk.column)} = v.{qn('__pk')}"
            )
            rows = [[values[pk.attname], *(values[field.attname] for field in fields)] for values in prepared]
            cursor.execute(sql, _columns(rows, len(names)))
            return
        assignments = ", ".join(f"{qn(field.column)} = %s" for field in fields)
        sql = f"UPDATE {qn(table)} SET {assignments} WHERE {qn(pk.column)} = %s"
        cursor.executemany(
            sql, [[values[field.attname] for field in fields] + [values[pk.attname]] for values in prepared]
        )


def _conflicting_rows(view, model, valid, tenant, user) -> list[dict]:
    errors = []
    with transaction.atomic():
        for row in valid:
            serializer = view.get_serializer(row.instance, data=row.data, partial=row.instance is not None)
            if not serializer.is_valid():
                errors += [
                    {"row": row.offset, "field": field, "error": message}
                    for field, message in _flatten_errors(serializer.errors)
                ]
                continue
            try:
                with transaction.atomic():
                    serializer.save(**({"tenant": tenant, "created_by": user} if row.instance is None else {}))
                    if connection.vendor == "postgresql":
                        connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")
            except IntegrityError:
                errors.append(
                    {"row": row.offset, "field": "", "error": f"Conflicts with an existing {model._meta.verbose_name}."}
                )
        transaction.set_rollback(True)
    return errors


def read_upload(request) -> str:
    """The uploaded CSV as text; 400 without a file or not UTF-8, 413 over IMPORT_MAX_BYTES."""
    upload = request.FILES.get("file")
    if upload is None:
        raise ValidationError({"file": ["Attach the CSV file in the 'file' field."]})
    if upload.size > IMPORT_MAX_BYTES:
        raise PayloadTooLarge(f"The file is larger than {IMPORT_MAX_BYTES // (1024 * 1024)} MB; split it.")
    try:
        return upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"file": ["The file is not UTF-8 text; save it as CSV UTF-8."]}) from None


def check_row_cap(table) -> int:
    rows = data_row_count(table)
    if rows > IMPORT_MAX_ROWS:
        raise PayloadTooLarge(
            f"The file has {rows:,} rows; at most {IMPORT_MAX_ROWS:,} are imported at once. Split it."
        )
    return rows


def bounded_count(queryset, limit: int) -> int:
    """The number of rows, counted no further than `limit` (a COUNT over a LIMITed subquery): what an
    export checks before it starts, without reading a whole large tenant."""
    return queryset.order_by()[:limit].count()


def check_export_cap(queryset) -> int:
    """The rows an export will write; over EXPORT_ROW_LIMIT a 400 naming the limit, before any row is read."""
    rows = bounded_count(queryset, EXPORT_ROW_LIMIT + 1)
    if rows > EXPORT_ROW_LIMIT:
        raise ValidationError(
            {"detail": f"More than {EXPORT_ROW_LIMIT:,} rows match; an export takes at most that. Narrow the filters."}
        )
    return rows


def export_pieces(view, queryset, *, progress=None):
    """The CSV text of `queryset` in pieces: the header, then one piece per EXPORT_CHUNK rows, each serialized
    by the view's serializer (the list's columns and cells, formulas escaped). The rows come from one
    database cursor (`iterator`: a server-side cursor on PostgreSQL, prefetches per chunk), so memory holds one
    chunk whatever the number of rows. Runs inside the caller's transaction and tenant context.
    `progress(done)` is called after every piece."""
    columns = view.csv_columns()
    buffer = io.StringIO()
    # RFC 4180 line ends: a cell holding a lone CR or LF is then always quoted.
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")

    def take() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writeheader()
    yield take()
    done = 0
    serializer = view.get_serializer(many=True)  # one for every chunk: its fields are built once
    for name in [name for name in serializer.child.fields if name not in columns]:
        del serializer.child.fields[name]  # nested shapes are not exported: not serialized either
    rows = queryset.iterator(chunk_size=EXPORT_CHUNK)
    while batch := list(islice(rows, EXPORT_CHUNK)):
        for row in serializer.to_representation(batch):
            writer.writerow({column: to_cell(row.get(column)) for column in columns})
        for obj in batch:
            # A prefetched reverse relation points back at its row (a reference cycle that only the garbage
            # collector frees, so chunks would pile up until it runs): the chunk goes as soon as it is written.
            getattr(obj, "__dict__", {}).pop("_prefetched_objects_cache", None)
        done += len(batch)
        if progress is not None:
            progress(done)
        yield take()


def stream_export(view, queryset):
    """The body of a streamed `?format=csv` response, as bytes. It is read after the view has returned, when the
    request's transaction (with its database role and tenant) and its reporting scope have ended, so it opens
    its own: a transaction under the request's tenant and user (`rls.tenant_context`, the same statement as a
    request's) and, as every export, the replica's reads when there is one (`replica.reporting_reads`); it
    holds them until the last row is sent or the client goes away."""
    from . import replica

    tenant_id, user_id = view.request.tenant.pk, view.request.user.pk
    with rls.tenant_context(tenant_id, user_id), replica.reporting_reads(tenant_id=tenant_id, user_id=user_id):
        for piece in export_pieces(view, queryset):
            yield piece.encode(CSVRenderer.charset)


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The upload is too large."
    default_code = "too_large"


def is_true(value) -> bool:
    return str(value or "").lower() in {"1", "true", "yes"}


def is_export(view, request) -> bool:
    """`?format=csv` on a list: a CSV export (a report: read from the replica when there is one)."""
    accepted = getattr(request, "accepted_renderer", None)
    return getattr(view, "action", None) == "list" and accepted is not None and accepted.format == "csv"


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
            check_export_cap(queryset)
            response = StreamingHttpResponse(
                stream_export(self, queryset), content_type=f"text/csv; charset={CSVRenderer.charset}"
            )
            response["Content-Disposition"] = f'attachment; filename="{self.basename}-export.csv"'
            return response
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer("CsvImportUpload", {"file": serializers.FileField()}),
        },
        parameters=[
            OpenApiParameter("dry_run", OpenApiTypes.BOOL, description="Validate and report only; nothing is written."),
            OpenApiParameter(
                "background",
                OpenApiTypes.BOOL,
                description=f"Run as a job (202) whatever the size; over {IMPORT_SYNC_MAX_ROWS:,} rows always.",
            ),
        ],
        responses={
            200: ImportReportSerializer,
            400: ImportReportSerializer,
            202: OpenApiResponse(description="The import runs as a job: poll /api/v1/csv-jobs/{id}/."),
        },
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
        """Import rows from a CSV file (the export's format). All rows are written or none. Large files (and
        `?background=1`) run as a job: 202 with the job, whose report is polled and downloaded."""
        if not self.csv_import_key:
            raise ValidationError({"detail": "This resource cannot be imported from CSV."})
        text = read_upload(request)
        table = list(parse_csv(text))
        rows = check_row_cap(table)
        dry_run = is_true(request.query_params.get("dry_run"))
        if rows > IMPORT_SYNC_MAX_ROWS or is_true(request.query_params.get("background")):
            from .jobs import CsvJobSerializer, start_job

            job = start_job(request, kind="import", resource=self.basename, dry_run=dry_run, text=text, rows=rows)
            return Response(CsvJobSerializer(job, context={"request": request}).data, status=status.HTTP_202_ACCEPTED)
        report = import_table(self, table, dry_run=dry_run)
        return Response(report, status=status.HTTP_400_BAD_REQUEST if report["errors"] else status.HTTP_200_OK)
