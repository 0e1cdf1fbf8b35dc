from django.apps import AppConfig


class PlantsConfig(AppConfig):
    name = "apps.plants"
    label = "plants"
