from django.apps import AppConfig


class PurchaseOrdersConfig(AppConfig):
    name = "apps.purchase_orders"
    label = "purchase_orders"
