"""The one role policy (DESIGN §4): who may do what in a tenant, applied by the base views."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from apps.tenants.models import Role, role_at_least

# Minimum role per HTTP method for business data. A view narrows it with `required_roles`.
DEFAULT_REQUIRED_ROLES = {
    "GET": Role.READONLY,
    "HEAD": Role.READONLY,
    "OPTIONS": Role.READONLY,
    "POST": Role.USER,
    "PUT": Role.USER,
    "PATCH": Role.USER,
    "DELETE": Role.MANAGER,
}


def required_role(view, request) -> str:
    """The minimum role for this request: action overrides, then view's method map, then the default."""
    action_roles = {}
    for klass in reversed(type(view).__mro__):  # a subclass adds to its bases' action roles
        action_roles.update(vars(klass).get("action_roles", {}) or {})
    action = getattr(view, "action", None)
    if action in action_roles:
        return action_roles[action]
    method_roles = {**DEFAULT_REQUIRED_ROLES, **(getattr(view, "required_roles", {}) or {})}
    return method_roles.get(request.method, Role.OWNER)


class HasTenantRole(BasePermission):
    """Allows the request when the member's role in the request's tenant is high enough."""

    message = "Your role in this tenant does not allow this action."

    def has_permission(self, request, view) -> bool:
        membership = getattr(request, "membership", None)
        if membership is None:
            return False
        minimum = required_role(view, request)
        if request.method in SAFE_METHODS and minimum == Role.READONLY:
            return True
        return role_at_least(membership.role, minimum)
