"""The declared role policy: per resource (router basename) and per action, the minimum role.

This table is written by hand and on purpose NOT derived from the viewsets. Three checks hold it to the code:
- `apps/core/tests/test_role_policy.py::test_viewsets_declare_the_policy` compares every viewset's
  `required_roles` / `action_roles` (through `apps.core.permissions.required_role`) and its set of actions with
  this table, so changing who may do something means changing both places deliberately;
- `apps/core/tests/test_generic_api.py::test_role_matrix` drives the live API as every role for every cell here
  and expects 403 below the minimum and no 403 from the minimum up;
- `apps/core/tests/test_role_policy.py::test_tenancy_doc_is_generated_from_the_policy` fails when the matrix in
  `docs/TENANCY.md` is not what `manage.py role_matrix --write` generates from this table.

Action names: `list`, `retrieve`, `create`, `update` (PUT and PATCH), `delete`, `import` (POST …/import/),
`export` (the list as `?format=csv`), `history` (GET …/{id}/history/), and every custom action by its
DRF action name (`pick_up`, `customer_exposure`, …). A resource offers exactly the actions listed for it.
"""

from apps.tenants.models import Role

R, U, M, A, OWN = Role.READONLY, Role.USER, Role.MANAGER, Role.ADMIN, Role.OWNER

STANDARD_ACTIONS = ["list", "retrieve", "create", "update", "delete", "import", "export", "history"]

POLICY: dict[str, dict[str, str]] = {
    # --- tenant administration -------------------------------------------------------------------------
    "tenant": {"list": R, "retrieve": R, "update": OWN, "logo": OWN, "logo_image": R},
    # People join by invitation only (POST /invitations/); members are then changed or deactivated.
    "member": {"history": A, "list": A, "retrieve": A, "update": A, "delete": A, "export": A},
    "invitation": {"history": A, "list": A, "retrieve": A, "create": A, "delete": A, "resend": A},
    # Background CSV imports and exports: starting one also needs the resource's own import / export role.
    "csv-job": {"list": R, "retrieve": R, "create": R, "download": R},
    # Saved list filters: every member keeps their own; a shared one is changed by its creator or a manager.
    "saved-filter": {"list": R, "retrieve": R, "create": R, "update": R, "delete": R},
    # --- master data ------------------------------------------------------------------------------------
    "supplier": {
        "history": R,
        "list": R,
        "retrieve": R,
        "create": U,
        "update": U,
        "delete": M,
        "import": M,
        "export": R,
    },
    "plant": {"history": R, "list": R, "retrieve": R, "create": U, "update": U, "delete": M, "import": M, "export": R},
    "customer": {
        "timeline": R,
        "history": R,
        "list": R,
        "retrieve": R,
        "create": U,
        "update": U,
        "delete": M,
        "import": M,
        "export": R,
    },
    "ship-to-location": {"history": R, "list": R, "retrieve": R, "create": U, "update": U, "delete": M, "export": R},
    "carrier": {
        "history": R,
        "list": R,
        "retrieve": R,
        "create": U,
        "update": U,
        "delete": M,
        "import": M,
        "export": R,
    },
    "contact": {"history": R, "list": R, "retrieve": R, "create": U, "update": U, "delete": M, "export": R},
    "product": {
        "history": R,
        "list": R,
        "retrieve": R,
        "create": U,
        "update": U,
        "delete": M,
        "import": M,
        "export": R,
    },
    # Anyone who sees a problem files it; admins triage.
    "bug-report": {
        "history": R,
        "list": R,
        "retrieve": R,
        "create": R,
        "update": A,
        "delete": A,
        "export": R,
        "screenshot": R,
    },
    # --- buying and moving -----------------------------------------------------------------------------
    "purchase-order": {
        "history": R,
        "list": R,
        "retrieve": R,
        "create": U,
        "update": U,
        "delete": M,
        "export": R,
        "send": U,
        "confirm": U,
        "pick_up": U,
        "receive": U,
        "close": U,
        "cancel": U,
        "pdfs": R,  # the selected records' PDFs merged into one file
        "groups": R,  # group-by with subtotals (apps.core.grouping)
        "pdf": R,
        "timeline": R,
    },
    "load": {
        "history": R,
        "lines": R,
        "catch_weights": U,
        # Listing and attaching a load's documents: members who work loads (one role for both methods).
        "documents": U,
        "list": R,
        "retrieve": R,
        "create": U,
        "update": U,
        "delete": M,
        "export": R,
        "accept": U,
        "pick_up": U,
        "deliver": U,
        "cancel": U,
        "send": U,
        "pdfs": R,  # the selected records' PDFs merged into one file
        "pdf": R,
        "timeline": R,
    },
    "cold-storage-entry": {"history": R, "list": R, "retrieve": R, "create": U, "update": U, "delete": M, "export": R},
    # --- selling and money -----------------------------------------------------------------------------
    "sales-order": {
        "history": R,
        "list": R,
        "retrieve": R,
        "create": U,
        "update": U,
        "delete": M,
        "export": R,
        "confirm": U,
        "ship": U,
        "deliver": U,
        "cancel": U,
        "invoice": U,
        "send": U,
        "pdfs": R,  # the selected records' PDFs merged into one file
        "groups": R,  # group-by with subtotals (apps.core.grouping)
        "pdf": R,
        "timeline": R,
        "customer_exposure": R,
    },
    "invoice": {
        "history": R,
        "list": R,
        "retrieve": R,
        "create": U,
        "update": U,
        "delete": M,
        "export": R,
        "issue": U,
        "void": M,
        "send": U,
        "pdfs": R,  # the selected records' PDFs merged into one file
        "groups": R,  # group-by with subtotals (apps.core.grouping)
        "pdf": R,
        "timeline": R,
    },
    # Credit memos are accounting documents: issuing, changing and voiding (DELETE) them is for managers.
    "credit-memo": {"history": R, "list": R, "retrieve": R, "create": M, "update": M, "delete": M, "export": R},
    "payment": {
        "history": R,
        "list": R,
        "retrieve": R,
        "create": U,
        "update": U,
        "delete": M,
        "export": R,
        "apply": U,
        "unapply": M,
        "timeline": R,
    },
    "accounts-receivable": {"aging": R, "overdue": R, "credits": R},
    # --- buying's money: supplier bills (accounts payable) ---------------------------------------------
    "supplier-bill": {
        "history": R,
        "list": R,
        "retrieve": R,
        "create": U,
        "update": U,
        "delete": M,
        "export": R,
        "submit": U,
        "approve": M,  # a held bill's variances are accepted by a manager, with a reason
        "reopen": U,
        "mark_paid": M,
        "void": M,
        "timeline": R,
    },
    # A carrier's freight bill: the supplier bill's lifecycle (declared once in apps/payables/workflows.py).
    "freight-bill": {
        "history": R,
        "list": R,
        "retrieve": R,
        "create": U,
        "update": U,
        "delete": M,
        "export": R,
        "submit": U,
        "approve": M,  # variances against the rate confirmation are accepted by a manager, with a reason
        "reopen": U,
        "mark_paid": M,
        "void": M,
        "timeline": R,
    },
    # Money out of the broker's account: entered and voided by managers, never edited.
    "payment-out": {"history": R, "list": R, "retrieve": R, "create": M, "export": R, "void": M, "timeline": R},
    # Chargebacks to a supplier or carrier: entered and voided by managers, never edited.
    "debit-memo": {
        "history": R,
        "list": R,
        "retrieve": R,
        "create": M,
        "export": R,
        "void": M,
        "timeline": R,
    },
    "accounts-payable": {"aging": R, "cash_requirements": R},
    # --- the broker's P&L per load: settlement, margin reports, commissions ------------------------------
    "load-settlement": {
        "history": R,
        "list": R,
        "retrieve": R,
        "create": U,
        "update": U,
        "delete": M,
        "export": R,
        "settle": M,  # freezes the load's figures once every document is in
        "reopen": M,
        "timeline": R,
    },
    "settlement-report": {"margin": R, "commissions": M},
    # Customer claims: recorded and reviewed by users, decided (credit memo, chargeback) by managers.
    "claim": {
        "history": R,
        "list": R,
        "retrieve": R,
        "create": U,
        "update": U,
        "delete": M,
        "export": R,
        "review": U,
        "approve": M,
        "reject": M,
        "documents": U,
        "timeline": R,
    },
    # The accounting hand-off: the journal is posted by the money services (read-only here); exporting it marks
    # entries exported (managers); the account mapping is the tenant's chart (owners and admins).
    "journal-entry": {"list": R, "retrieve": R, "export": R},
    "journal-export": {"history": R, "list": R, "retrieve": R, "create": M, "csv": R, "iif": R},
    "account-mapping": {"history": R, "list": R, "retrieve": R, "update": A},
    "customer-statement": {"retrieve": R, "pdf": R, "send": U},
    "dashboard": {"list": R},
    # The recall query (which customers received which lots): managers and up, as the list or its CSV.
    "recall": {"list": M, "export": M},
    # --- assistant --------------------------------------------------------------------------------------
    "ai-document": {
        "list": R,
        "retrieve": R,
        "create": U,
        "delete": M,
        "confirm": U,
        "discard": U,
        "retry": U,
        "file": R,
        "intake": U,  # upload an e-mail: its body and attachments become documents
        "inbound_secret": OWN,  # issue / rotate the tenant's inbound e-mail secret
    },
    # Asking questions only reads data: every member may chat and delete their own chats.
    "ai-chat-session": {"list": R, "retrieve": R, "create": R, "delete": R, "messages": R},
    "ai-usage": {"list": A, "retrieve": A, "summary": A},
}

POLICY.update(
    {
        # --- the caller's own rows (each viewset filters to request.user): any member -----------------------
        "notification": {"list": R, "retrieve": R, "read": R, "read_all": R},
        "push-device": {"list": R, "retrieve": R, "create": R, "delete": R},
        # Comments on records (apps.comments): every member reads; posting and editing one's own from user; a
        # comment is deleted by its author, or by a manager (any comment; the viewset checks, 403 otherwise).
        "comment": {"list": R, "retrieve": R, "create": U, "update": U, "delete": U, "members": R},
        "comment-attachment": {"retrieve": R, "download": R},
    }
)

# Resources whose rule is not a per-request role check of the base classes, and how it is enforced instead.
# They are in the live role matrix but not in the viewset comparison nor in /api/auth/me/ permissions.
OBJECT_LEVEL_RULES = {
    "tenant": "lists the caller's own tenants; updating one or its logo needs the owner role in THAT tenant "
    "(perform_update, _check_owner)",
}


def minimum_role(resource: str, action: str) -> str | None:
    """The declared minimum role, or None when the resource does not offer the action."""
    return POLICY.get(resource, {}).get(action)


def role_matrix_markdown() -> str:
    """The role matrix of docs/TENANCY.md, generated from POLICY (`manage.py role_matrix --write`)."""
    columns = [action for action in STANDARD_ACTIONS if any(action in actions for actions in POLICY.values())]
    header = ["resource", *columns, "other actions"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for resource in sorted(POLICY):
        actions = POLICY[resource]
        cells = [Role(actions[c]).value if c in actions else "–" for c in columns]
        others = ", ".join(
            f"{name} {Role(role).value}" for name, role in sorted(actions.items()) if name not in columns
        )
        lines.append("| " + " | ".join([f"`{resource}`", *cells, others or "–"]) + " |")
    return "\n".join(lines) + "\n"
