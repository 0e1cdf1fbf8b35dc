from django.apps import AppConfig


class LoadsConfig(AppConfig):
    name = "apps.loads"
    label = "loads"
