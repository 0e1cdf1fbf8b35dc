from apps.core.routers import router

from .views import AccountsReceivableViewSet, CustomerStatementViewSet, PaymentViewSet

router.register("payments", PaymentViewSet, basename="payment")
router.register("accounts-receivables", AccountsReceivableViewSet, basename="accounts-receivable")
router.register("accounts-receivables/statement", CustomerStatementViewSet, basename="customer-statement")
