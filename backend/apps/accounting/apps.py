from django.apps import AppConfig


class AccountingConfig(AppConfig):
    name = "apps.accounting"
    label = "accounting"
    verbose_name = "Accounting (journal and exports)"

    def ready(self) -> None:
        # The journal posts every money event the money apps announce (apps.core.money_events), in their
        # transaction: an event whose posting fails fails with it.
        from apps.core.money_events import subscribe

        from .services import post_event

        subscribe(post_event)
