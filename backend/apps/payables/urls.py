from apps.core.routers import router

from .views import AccountsPayableViewSet, DebitMemoViewSet, FreightBillViewSet, PaymentOutViewSet, SupplierBillViewSet

router.register("supplier-bills", SupplierBillViewSet, basename="supplier-bill")
router.register("accounts-payable", AccountsPayableViewSet, basename="accounts-payable")
router.register("debit-memos", DebitMemoViewSet, basename="debit-memo")
router.register("freight-bills", FreightBillViewSet, basename="freight-bill")
router.register("payments-out", PaymentOutViewSet, basename="payment-out")
