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
    """The minimum role for this request: a declared workflow action's role (apps.core.workflow), then the
    view's action overrides, then its method map, then the default."""
    action = getattr(view, "action", None)
    workflow = getattr(view, "workflow", None)
    if workflow is not None and action:
        try:
            return workflow.action(action).role
        except KeyError:
            pass
    action_roles = {}
    for klass in reversed(type(view).__mro__):  # a subclass adds to its bases' action roles
        action_roles.update(vars(klass).get("action_roles", {}) or {})
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


# --- The actions a viewset offers and the role each needs (what /api/auth/me/ publishes) -------------------

_STANDARD = [
    ("list", "list", "GET"),
    ("retrieve", "retrieve", "GET"),
    ("create", "create", "POST"),
    ("update", "update", "PUT"),
    ("update", "partial_update", "PATCH"),
    ("delete", "destroy", "DELETE"),
]


class _MethodOnly:
    def __init__(self, method: str):
        self.method = method


def viewset_actions(viewset) -> dict[str, list[tuple[str, str]]]:
    """Policy action name -> the (DRF action, HTTP method) pairs that perform it on this viewset:
    list, retrieve, create, update, delete, export (the list as CSV), import, and each extra action by name."""
    actions: dict[str, list[tuple[str, str]]] = {}
    for name, drf_action, method in _STANDARD:
        if hasattr(viewset, drf_action):
            actions.setdefault(name, []).append((drf_action, method))
    if hasattr(viewset, "csv_columns") and hasattr(viewset, "list"):
        actions["export"] = [("list", "GET")]
    for extra in viewset.get_extra_actions():
        name = "import" if extra.__name__ == "import_csv" else extra.__name__
        actions[name] = [(extra.__name__, method.upper()) for method in extra.mapping]
    return actions


def action_role(viewset, drf_action: str, method: str) -> str:
    """The minimum role the viewset's HasTenantRole asks for this action and method."""
    view = viewset()
    view.action = drf_action
    return required_role(view, _MethodOnly(method))


def uses_role_policy(viewset) -> bool:
    return HasTenantRole in getattr(viewset, "permission_classes", [])


def caller_permissions(membership) -> dict[str, list[str]]:
    """Per router resource (basename), the actions the member's role allows, for /api/auth/me/."""
    from apps.core.routers import router

    if membership is None:
        return {}
    permissions = {}
    for _prefix, viewset, basename in router.registry:
        if not uses_role_policy(viewset):
            continue
        permissions[basename] = [
            name
            for name, pairs in viewset_actions(viewset).items()
            if all(role_at_least(membership.role, action_role(viewset, a, m)) for a, m in pairs)
        ]
    return permissions
