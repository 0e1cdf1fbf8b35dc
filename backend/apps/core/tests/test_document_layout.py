"""Every business PDF, rendered and measured (pdfplumber reads back each word's box and each image's): the
brokerage's branding from its settings is printed, its logo is an image in the header of page 1 that no word
touches, a long description wraps inside its column instead of running into the next one, nothing is cut off,
and no word leaves the page."""

import datetime
import io
import re
from decimal import Decimal

import pdfplumber
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from apps.accounts_receivables import reports
from apps.accounts_receivables.documents import statement_document
from apps.core.pdf import render
from apps.core.testing.factories import TenantFactory
from apps.customers.tests.factories import CustomerFactory
from apps.invoices.documents import invoice_document
from apps.invoices.services import create_invoice, issue_invoice
from apps.loads.documents import rate_confirmation_document
from apps.loads.tests.factories import LoadFactory
from apps.products.tests.factories import ProductFactory
from apps.purchase_orders.documents import purchase_order_document
from apps.purchase_orders.tests.factories import PurchaseOrderFactory
from apps.purchase_orders.tests.factories import line as po_line
from apps.sales_orders.documents import sales_order_document
from apps.sales_orders.tests.factories import SalesOrderFactory
from apps.sales_orders.tests.factories import line as so_line
from apps.tenants.logo import replace_logo

pytestmark = pytest.mark.django_db

LONG = (
    "Beef chuck roll 116A USDA Choice boneless vacuum packed twelve pieces per box, keep frozen at minus "
    "eighteen Celsius, lot 2611-A-77 from establishment 245C, halal certified, country of origin USA"
)
BRANDING = {
    "company_address": "1200 Stockyards Blvd, Suite 400\nOmaha, NE 68107",
    "company_phone": "(402) 555-0188",
    "remit_to": "Lockbox 7721, First National Bank of Omaha, NE 68197",
    "document_footer": "Prime Cut Brokerage LLC - PACA licence 20261234 - all sales subject to our terms",
}


MM = 72 / 25.4  # PDF points per millimetre
# The header box: the top 32 mm of page 1 (the title, the number and the logo), inside the 10 mm margins.
HEADER_BOTTOM = 32 * MM
MARGIN = 10 * MM


@pytest.fixture
def tenant(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    tenant = TenantFactory(name="Prime Cut Brokerage", settings=BRANDING)
    # A wide logo (3:1), stored through the storage API as the upload endpoint stores it.
    buffer = io.BytesIO()
    Image.new("RGB", (600, 200), (159, 29, 32)).save(buffer, format="PNG")
    replace_logo(tenant, SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png"))
    return tenant


def words_of(pdf_bytes: bytes) -> tuple[list[dict], str, list]:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        pages = [(page.width, page.height, page.extract_words(keep_blank_chars=False)) for page in pdf.pages]
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    return pages, text, [w for _w, _h, words in pages for w in words]


def images_of(pdf_bytes: bytes) -> list[list[dict]]:
    """Each page's images, with their boxes in points (x0, top, x1, bottom)."""
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return [list(page.images) for page in pdf.pages]


def check_logo(pdf_bytes: bytes) -> None:
    """One image on page 1, in the header box, about 50 x 16.7 mm (the 3:1 logo scaled into 50 x 20 mm), right-
    aligned at the margin; no word of page 1 touches it."""
    pages, _text, _all = words_of(pdf_bytes)
    images = images_of(pdf_bytes)
    assert len(images[0]) == 1, images[0]
    logo = images[0][0]
    width, _height, words = pages[0]
    assert logo["top"] >= MARGIN - 0.5 and logo["bottom"] <= HEADER_BOTTOM, logo
    assert abs(logo["x1"] - (width - MARGIN)) < 0.5 and logo["x0"] > width / 2, logo
    assert abs((logo["x1"] - logo["x0"]) - 50 * MM) < 0.5 and abs((logo["bottom"] - logo["top"]) - 50 / 3 * MM) < 0.5
    touching = [
        w["text"]
        for w in words
        if w["x0"] < logo["x1"] and logo["x0"] < w["x1"] and w["top"] < logo["bottom"] and logo["top"] < w["bottom"]
    ]
    assert not touching, touching


def overlapping(words: list[dict]) -> list[tuple[str, str]]:
    """Pairs of words on one line whose boxes intersect: text that ran out of its cell into the next."""
    clashes = []
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            same_line = abs(a["top"] - b["top"]) < 1.5
            if same_line and a["x0"] < b["x1"] - 0.5 and b["x0"] < a["x1"] - 0.5:
                clashes.append((a["text"], b["text"]))
    return clashes


def check_layout(document, *, expect_remit: bool = False):
    pdf_bytes = render(document)
    check_logo(pdf_bytes)
    pages, text, _all = words_of(pdf_bytes)
    for width, height, words in pages:
        assert not overlapping(words), overlapping(words)[:5]
        for word in words:
            assert 0 <= word["x0"] and word["x1"] <= width and 0 <= word["top"] and word["bottom"] <= height, word
    flat = re.sub(r"\s+", " ", text)
    for line in (*BRANDING["company_address"].splitlines(), BRANDING["company_phone"]):
        assert line in flat, line
    assert BRANDING["document_footer"] in flat
    assert ("Lockbox 7721" in flat) is expect_remit
    return flat


def test_purchase_order(tenant):
    order = PurchaseOrderFactory(tenant=tenant, lines=[po_line(description=LONG), po_line()])
    flat = check_layout(purchase_order_document(order))
    # Nothing cut off: every word of the long description is printed.
    assert all(word in flat for word in LONG.split())
    assert "Page 1/1" in flat


def test_sales_order(tenant):
    order = SalesOrderFactory(tenant=tenant, lines=[so_line(ProductFactory(tenant=tenant), description=LONG)])
    flat = check_layout(sales_order_document(order))
    assert all(word in flat for word in LONG.split())


def test_invoice_carries_remit_to(tenant):
    customer = CustomerFactory(tenant=tenant, name="Harborview Restaurant Group of the Greater Chesapeake Bay Area")
    lines = [
        {
            "product": ProductFactory(tenant=tenant),
            "description": LONG,
            "boxes": 3,
            "unit_price": "50",
            "price_unit": "each",
        }
        for _ in range(40)  # two pages
    ]
    invoice = issue_invoice(create_invoice(tenant=tenant, by=None, customer=customer, lines=lines), by=None)
    flat = check_layout(invoice_document(invoice), expect_remit=True)
    pages = int(re.search(r"Page 1/(\d+)", flat).group(1))
    assert pages >= 2 and f"Page {pages}/{pages}" in flat
    assert f"{Decimal('6000.00'):,.2f}" in flat  # 40 x 3 x $50


def test_rate_confirmation(tenant):
    load = LoadFactory(tenant=tenant)
    check_layout(rate_confirmation_document(load))


def test_statement_carries_remit_to(tenant):
    customer = CustomerFactory(tenant=tenant)
    invoice = create_invoice(
        tenant=tenant,
        by=None,
        customer=customer,
        lines=[{"product": ProductFactory(tenant=tenant), "boxes": 1, "unit_price": "10", "price_unit": "each"}],
    )
    issue_invoice(invoice, by=None)
    end = timezone.localdate()
    data = reports.statement(tenant, customer, end - datetime.timedelta(days=30), end)
    check_layout(statement_document(tenant, customer, data), expect_remit=True)


def test_without_branding_the_documents_still_render():
    tenant = TenantFactory(name="Bare Brokerage", settings={})
    order = PurchaseOrderFactory(tenant=tenant)
    pdf_bytes = render(purchase_order_document(order))
    _pages, text, _words = words_of(pdf_bytes)
    assert "Bare Brokerage" in text and "Remit to" not in text
    assert images_of(pdf_bytes) == [[]], "no logo set: no image"


def test_a_long_title_wraps_left_of_the_logo(tenant):
    order = PurchaseOrderFactory(tenant=tenant)
    document = purchase_order_document(order)
    document.title = "PURCHASE ORDER FOR FROZEN BONELESS BEEF TRIMMINGS AND CHUCK ROLLS"
    pdf_bytes = render(document)
    check_logo(pdf_bytes)  # the words of the title stay clear of the logo
    _pages, text, _words = words_of(pdf_bytes)
    assert "CHUCK ROLLS" in re.sub(r"\s+", " ", text)
