"""The declared role policy (apps/core/role_policy.py) against the code and the docs: every viewset's role
settings and set of actions equal the declaration, docs/TENANCY.md's matrix is generated from it, and
/api/auth/me/ publishes it per caller. The live API is driven per cell in test_generic_api.py."""

import pytest

from apps.core.management.commands.role_matrix import tenancy_doc, with_matrix
from apps.core.permissions import action_role, uses_role_policy, viewset_actions
from apps.core.role_policy import OBJECT_LEVEL_RULES, POLICY
from apps.core.testing.api import router_resources
from apps.core.testing.factories import TenantFactory, member
from conftest import client_for

ROUTED = {basename: viewset for _prefix, viewset, basename in router_resources()}
ROLES_LOW_TO_HIGH = ["readonly", "user", "manager", "admin", "owner"]
NOT_IN_POLICY = {"protein": "shared reference data, read by any signed-in user"}


def test_every_router_resource_is_declared():
    missing = sorted(set(ROUTED) - set(POLICY) - set(NOT_IN_POLICY))
    unknown = sorted(set(POLICY) - set(ROUTED))
    assert not missing, f"router resources missing from apps/core/role_policy.py: {missing}"
    assert not unknown, f"apps/core/role_policy.py declares resources the router does not have: {unknown}"


@pytest.mark.parametrize("basename", sorted(POLICY))
def test_viewsets_declare_the_policy(basename):
    """A viewset's actions and the role of each (its required_roles / action_roles) equal the declaration."""
    viewset = ROUTED[basename]
    offered = viewset_actions(viewset)
    declared = POLICY[basename]
    assert set(offered) == set(declared), (
        f"{basename}: the viewset offers {sorted(set(offered) - set(declared))} not declared in "
        f"apps/core/role_policy.py, and the declaration has {sorted(set(declared) - set(offered))} the viewset lacks"
    )
    if basename in OBJECT_LEVEL_RULES:
        assert not uses_role_policy(viewset)
        return
    assert uses_role_policy(viewset), f"{basename} does not apply HasTenantRole"
    wrong = [
        f"{name} ({drf_action} {method}): viewset needs {action_role(viewset, drf_action, method)}, declared {role}"
        for name, role in declared.items()
        for drf_action, method in offered[name]
        if action_role(viewset, drf_action, method) != role
    ]
    assert not wrong, f"{basename}: " + "; ".join(wrong)


def test_tenancy_doc_is_generated_from_the_policy():
    text = tenancy_doc().read_text()
    assert with_matrix(text) == text, "docs/TENANCY.md's role matrix is stale: run `manage.py role_matrix --write`"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES_LOW_TO_HIGH)
def test_me_publishes_the_callers_permissions(role):
    tenant = TenantFactory()
    response = client_for(member(tenant, role), tenant).get("/api/auth/me/")
    assert response.status_code == 200
    rank = ROLES_LOW_TO_HIGH.index(role)
    expected = {
        resource: sorted(name for name, minimum in actions.items() if ROLES_LOW_TO_HIGH.index(minimum) <= rank)
        for resource, actions in POLICY.items()
        if resource not in OBJECT_LEVEL_RULES
    }
    published = {resource: sorted(actions) for resource, actions in response.json()["permissions"].items()}
    assert published == expected


@pytest.mark.django_db
def test_me_without_a_tenant_publishes_no_permissions():
    from apps.core.testing.factories import UserFactory

    response = client_for(UserFactory()).get("/api/auth/me/")
    assert response.status_code == 200
    assert response.json()["permissions"] == {}


# --- Written against surviving mutants (`make mutation`, docs/TESTING.md). -----------------------------------


def test_export_is_the_list_as_csv_and_a_view_without_permission_classes_is_outside_the_policy():
    assert viewset_actions(ROUTED["supplier"])["export"] == [("list", "GET")]
    assert viewset_actions(ROUTED["supplier"])["import"] == [("import_csv", "POST")]
    assert uses_role_policy(ROUTED["supplier"]) is True
    assert uses_role_policy(type("Plain", (), {})) is False


def test_minimum_role_reads_the_table_and_is_none_where_nothing_is_offered():
    from apps.core.role_policy import minimum_role

    assert minimum_role("supplier", "delete") == "manager"
    assert minimum_role("supplier", "list") == "readonly"
    assert minimum_role("supplier", "confirm") is None
    assert minimum_role("no-such-resource", "list") is None


def test_the_generated_matrix_reads_back_as_the_table():
    """Parsed back cell by cell (not regenerated), the markdown says exactly what POLICY says."""
    from apps.core.role_policy import STANDARD_ACTIONS, role_matrix_markdown

    lines = role_matrix_markdown().splitlines()
    split = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
    header, separator, rows = split[0], lines[1], split[2:]
    columns = header[1:-1]
    assert header[0] == "resource" and header[-1] == "other actions"
    assert columns == [a for a in STANDARD_ACTIONS if any(a in actions for actions in POLICY.values())]
    assert separator == "|" + "---|" * len(header)
    assert [row[0] for row in rows] == [f"`{resource}`" for resource in sorted(POLICY)]
    for row in rows:
        resource = row[0].strip("`")
        declared = POLICY[resource]
        for column, cell in zip(columns, row[1:-1], strict=True):
            assert cell == (declared[column] if column in declared else "–"), (resource, column)
        others = {name: role for name, role in declared.items() if name not in columns}
        expected = ", ".join(f"{name} {others[name]}" for name in sorted(others)) or "–"
        assert row[-1] == expected, resource
    assert role_matrix_markdown().endswith("|\n")
