"""URL map: /api/v1/ (the router), /api/auth/, /api/schema/ and /api/docs/, /health/, /admin/."""

from importlib import import_module

from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.urls import include, path

from apps.core.routers import router
from apps.core.schema_views import CachedSchemaView, SchemaSwaggerView
from apps.core.views import HealthView

# Importing each app's urls module registers its viewsets on the shared router; a module may also list plain
# views outside the router as `api_v1_urlpatterns`, served under /api/v1/ too.
app_urlpatterns = []
for app in settings.INSTALLED_APPS:
    if app.startswith("apps."):
        try:
            app_urlpatterns += getattr(import_module(f"{app}.urls"), "api_v1_urlpatterns", [])
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.urls":
                raise

# Health must answer 503 when the database is down, so no request transaction is opened for it.
health_view = transaction.non_atomic_requests(HealthView.as_view())

# An unmatched /api/ path answers JSON like the rest of the API.
handler404 = "apps.core.exceptions.not_found"

urlpatterns = [
    path("health/", health_view, name="health"),
    path("api/v1/health/", health_view, name="api-health"),
    path("api/auth/", include("apps.accounts.urls")),
    path("api/v1/", include(app_urlpatterns)),
    path("api/v1/", include(router.urls)),
    path("api/schema/", CachedSchemaView.as_view(), name="schema"),
    path("api/docs/", SchemaSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("admin/", admin.site.urls),
]

# Last: any other path loads the web app, whose router takes it from there.
from django.urls import re_path  # noqa: E402

from apps.core.spa import spa_index  # noqa: E402

urlpatterns.append(re_path(r"^(?!(?:api|admin|health|static|media)(?:/|$)).*$", spa_index, name="spa"))
