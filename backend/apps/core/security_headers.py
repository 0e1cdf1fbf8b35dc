"""Content-Security-Policy and Permissions-Policy on every response (docs/SECURITY.md).

The web app (frontend/dist) and the Django admin run without inline scripts, so scripts come from our own
origin only. Styles allow 'unsafe-inline': Ant Design writes its CSS-in-JS into <style> elements at run time
and the admin uses style attributes; inline style cannot run code. The API documentation page (/api/docs/)
loads Swagger UI from its CDN.
"""

from django.conf import settings

SWAGGER_CDN = "https://cdn.jsdelivr.net"


def _policy(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


BASE_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "media-src": "'self' blob:",
    "worker-src": "'self' blob:",
    "frame-src": "'self' blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
CSP = _policy(BASE_DIRECTIVES)
DOCS_CSP = _policy(
    {
        **BASE_DIRECTIVES,
        "script-src": f"'self' {SWAGGER_CDN}",
        "style-src": f"'self' 'unsafe-inline' {SWAGGER_CDN}",
        "img-src": f"'self' data: {SWAGGER_CDN}",
    }
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "interest-cohort",
    )
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            docs = request.path.startswith("/api/docs/")
            response["Content-Security-Policy"] = DOCS_CSP if docs else CSP
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if getattr(settings, "CSP_REPORT_ONLY", False):
            response["Content-Security-Policy-Report-Only"] = response.pop("Content-Security-Policy")
        return response
