from django.apps import AppConfig


class BugReportsConfig(AppConfig):
    name = "apps.bug_reports"
    label = "bug_reports"
