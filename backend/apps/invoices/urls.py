from apps.core.routers import router

from .views import CreditMemoViewSet, InvoiceViewSet

router.register("invoices", InvoiceViewSet, basename="invoice")
router.register("credit-memos", CreditMemoViewSet, basename="credit-memo")
