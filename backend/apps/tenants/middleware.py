"""TenantMiddleware: notes which tenant the request asks for; the API view checks membership after auth."""

from .resolution import requested_tenant


class TenantMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.tenant_request = requested_tenant(request)
        request.tenant = None
        request.membership = None
        return self.get_response(request)
