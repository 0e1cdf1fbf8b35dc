"""Resource cases for the generic API tests: journal entries (read-only), export batches (with their files) and the
account mapping. Each factory makes its rows through the money services (an issued invoice posts an entry)."""

import datetime

from apps.accounting import services
from apps.accounting.models import AccountRole, JournalEntry
from apps.core.testing.cases import ResourceCase, register
from apps.invoices.tests.factories import InvoiceFactory


def posted_entry(tenant) -> JournalEntry:
    """An invoice issued by hand posts Dr AR / Cr sales; its entry (not exported)."""
    invoice = InvoiceFactory(tenant=tenant, issued=True, invoice_date=datetime.date(2026, 11, 2))
    return JournalEntry.objects.get(tenant=tenant, source_kind="invoice", source_id=invoice.pk)


def export_batch(tenant):
    """A batch holding one freshly posted entry (and only it: other entries of the tenant stay unexported)."""
    from django.db import transaction

    from apps.accounting.models import ExportBatch
    from apps.core.numbering import next_number

    entry = posted_entry(tenant)
    with transaction.atomic():
        batch = ExportBatch.objects.create(
            tenant=tenant,
            number=next_number(tenant, "EXP"),
            to_date=entry.entry_date,
            entry_count=1,
            line_count=entry.lines.count(),
            totals={entry.currency: str(entry.amount)},
        )
    entry.export_batch = batch
    entry.save(update_fields=["export_batch", "updated_at"])
    return batch


def export_payload(tenant) -> dict:
    """Export up to the end of the year, with a fresh entry posted first so there is something new."""
    posted_entry(tenant)
    return {"to_date": "2026-12-31"}


_roles = iter(AccountRole.values * 10_000)


def mapping(tenant):
    return services.ensure_accounts(tenant)[next(_roles)]


register(
    ResourceCase(
        basename="journal-entry",
        factory=posted_entry,
        search_term=lambda entry: entry.partner_name,  # numbers restart in every tenant
    ),
    ResourceCase(
        basename="journal-export",
        factory=export_batch,
        create_payload=export_payload,
        search_term=lambda batch: batch.number,
    ),
    ResourceCase(
        basename="account-mapping",
        factory=mapping,
        update_payload=lambda row: {"code": f"{row.code}-1", "name": f"{row.name} (trade)"},
        search_term=lambda row: row.code,
    ),
)
