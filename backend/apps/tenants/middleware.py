"""TenantMiddleware: notes which tenant the request asks for; the API view checks membership after auth."""

from django.utils.functional import SimpleLazyObject

from .resolution import requested_tenant


class TenantMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Lazy: requests that never need a tenant (health, static, admin) cost no query.
        request.tenant_request = SimpleLazyObject(lambda: requested_tenant(request))
        request.tenant = None
        request.membership = None
        return self.get_response(request)
