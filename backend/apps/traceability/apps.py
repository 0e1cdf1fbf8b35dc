from django.apps import AppConfig


class TraceabilityConfig(AppConfig):
    name = "apps.traceability"
    label = "traceability"
    verbose_name = "Lot traceability"
