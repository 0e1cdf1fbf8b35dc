"""django.contrib.admin, with the project's admin site (apps.core.admin_site) as the default site."""

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    default_site = "apps.core.admin_site.AdminSite"
