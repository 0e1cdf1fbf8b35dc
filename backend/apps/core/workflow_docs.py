"""docs/WORKFLOWS.md's tables, generated from the declared workflows (apps.core.workflow). Each table sits
between `<!-- workflow:<app_label.model>:start -->` and `<!-- workflow:<app_label.model>:end -->`; the rest of
the document is prose. `manage.py workflow_docs` rewrites them; a test fails when the document differs."""

import re
from pathlib import Path

from django.conf import settings

from apps.tenants.models import Role

from .workflow import Workflow, all_workflows

DOC_PATH = Path(settings.BASE_DIR).parent / "docs" / "WORKFLOWS.md"
BLOCK = re.compile(r"(<!-- workflow:(?P<key>[a-z_.]+):start -->\n)(?P<body>.*?)(<!-- workflow:(?P=key):end -->)", re.S)


def _states(workflow: Workflow, states) -> str:
    return ", ".join(workflow.state_label(state) for state in states) or "–"


def _role(role: str) -> str:
    return str(Role(role).label).lower()


def render(workflow: Workflow) -> str:
    rows = [
        "| Action | Endpoint | From | To | Who (minimum role) | Reason | Notes |",
        "|---|---|---|---|---|---|---|",
    ]
    for action in workflow.actions:
        to = workflow.state_label(action.target) if action.target else "(status stays)"
        source = _states(workflow, action.source)
        if action.repeat_from:
            again = [state for state in action.repeat_from if state not in action.source]
            source = (
                f"{source}; again from {_states(workflow, again)} (status stays)"
                if action.source
                else (_states(workflow, again))
            )
        reason = "required" if action.requires_reason else "–"
        rows.append(
            f"| {action.label} | `POST …/{{id}}/{action.name}/` | {source} | {to} | {_role(action.role)} | "
            f"{reason} | {action.notes or ''} |"
        )
    if workflow.system:
        rows += ["", "| System move | From | To | When |", "|---|---|---|---|"]
        for move in workflow.system:
            rows.append(
                f"| – | {_states(workflow, move.source)} | {workflow.state_label(move.target)} | {move.trigger} |"
            )
    rows += [
        "",
        f"| Status | Fields a {_role(workflow.edit_role)} may change | Fields that need a higher role |",
        "|---|---|---|",
    ]
    for rule in workflow.edits:
        extra = "; ".join(
            f"{_role(minimum)}: {', '.join(f'`{name}`' for name in sorted(fields))}"
            for minimum, fields in rule.role_fields.items()
        )
        rows.append(
            f"| {_states(workflow, rule.states)} | {', '.join(f'`{name}`' for name in sorted(rule.fields))} | "
            f"{extra or '–'} |"
        )
    locked = [state for state in workflow.states if workflow._rule(state) is None]
    if locked:
        rows.append(f"| {_states(workflow, locked)} | none (409) | – |")
    return "\n".join(rows) + "\n"


def regenerate(text: str) -> str:
    workflows = {workflow.model.lower(): workflow for workflow in all_workflows()}
    seen = set()

    def replace(match):
        key = match.group("key")
        if key not in workflows:
            raise ValueError(f"docs/WORKFLOWS.md has a block for {key}, which declares no workflow")
        seen.add(key)
        return match.group(1) + render(workflows[key]) + match.group(4)

    text = BLOCK.sub(replace, text)
    missing = sorted(set(workflows) - seen)
    if missing:
        raise ValueError(f"docs/WORKFLOWS.md has no table block for {', '.join(missing)}")
    return text
