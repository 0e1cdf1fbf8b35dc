from django.apps import AppConfig


class AccountsReceivablesConfig(AppConfig):
    name = "apps.accounts_receivables"
    label = "accounts_receivables"
