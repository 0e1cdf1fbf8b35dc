"""The OpenAPI schema and its Swagger UI, as served: generated once per process and release, then answered from
memory; open to anyone only where API_SCHEMA_PUBLIC says so (on by default outside production, off in it).

Generating the schema walks every viewset and serializer (seconds of CPU for ~650 KB); it only changes with
the code, so a worker renders it on the first request for each format and keeps the bytes. The key holds the
release, so a worker that somehow outlived a deploy would still not serve the previous release's schema.
"""

from django.conf import settings
from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny, IsAuthenticated

# (release, version, lang, format) -> (content type, body, headers)
_RENDERED: dict[tuple, tuple[str, bytes, dict[str, str]]] = {}


def schema_permissions():
    return [AllowAny()] if settings.API_SCHEMA_PUBLIC else [IsAuthenticated()]


class CachedSchemaView(SpectacularAPIView):
    def get_permissions(self):
        return schema_permissions()

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        key = (
            settings.APP_RELEASE,
            request.GET.get("version"),
            request.GET.get("lang"),
            request.accepted_renderer.format,
        )
        if key not in _RENDERED:
            response = super().get(request, *args, **kwargs)
            response.accepted_renderer = request.accepted_renderer
            response.accepted_media_type = request.accepted_media_type
            response.renderer_context = self.get_renderer_context()
            response.render()
            headers = {"Content-Disposition": response["Content-Disposition"]}
            _RENDERED[key] = (response["Content-Type"], response.content, headers)
        content_type, body, headers = _RENDERED[key]
        return HttpResponse(body, content_type=content_type, headers=headers)


class SchemaSwaggerView(SpectacularSwaggerView):
    def get_permissions(self):
        return schema_permissions()
