"""Serves the built web app (frontend/dist/index.html) for every path that is not the API's, so
client-side routes like /suppliers/12 load the app; its hashed assets are served by WhiteNoise."""

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_safe


@require_safe
@ensure_csrf_cookie
def spa_index(request, *args, **kwargs):
    index = settings.FRONTEND_DIST / "index.html"
    if not index.is_file():
        return HttpResponse(
            "The web app is not built yet: run `make frontend-build` (or `make dev`).",
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    response = FileResponse(index.open("rb"), content_type="text/html; charset=utf-8")
    # index.html names the current hashed assets, so it must never be served from a stale cache.
    response["Cache-Control"] = "no-cache"
    return response
