"""The HTTP side of the declared workflows (apps.core.workflow): the viewset mixin that turns each declared action
into `POST <detail-url><name>/` with the declared minimum role, and the serializer fields `allowed_actions` and
`editable_fields` (CONTRACTS C1) every order read shape carries."""

from django.utils.module_loading import import_string
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action as drf_action
from rest_framework.response import Response

from .workflow import Action, workflow_for


class AllowedActionSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="POST <detail-url><name>/ performs it.")
    label = serializers.CharField()
    requires_reason = serializers.BooleanField(help_text='The body must carry {"reason": "..."}.')
    destructive = serializers.BooleanField(help_text="Cancels or voids the record (ask before doing it).")
    target = serializers.CharField(
        allow_null=True,
        help_text="The status the record moves to (null: it stays, e.g. a document re-sent); a board uses it to "
        "know which column a card may go to.",
    )


def _role(context) -> str | None:
    request = context.get("request")
    membership = getattr(request, "membership", None)
    return getattr(membership, "role", None)


class WorkflowSerializerMixin(serializers.Serializer):
    # Adds C1's `allowed_actions` and `editable_fields` for the requesting member (no queries: state and role).
    # (A comment, not a docstring: the schema would take it as every order shape's description.)

    allowed_actions = serializers.SerializerMethodField(
        help_text="What the requesting member may do to the record in its current state."
    )
    editable_fields = serializers.SerializerMethodField(
        help_text='Fields the requesting member may change in this state ([] when locked); "lines" = add/remove '
        'lines, "lines.<field>" = that field of a line.'
    )

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, obj) -> list[dict]:
        return workflow_for(obj).allowed_actions(obj, _role(self.context))

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_editable_fields(self, obj) -> list[str]:
        return workflow_for(obj).editable_fields(obj, _role(self.context))


def _make_action(declared: Action, view_serializer):
    body_class = import_string(declared.body) if declared.body else None

    def handler(self, request, *args, **kwargs):
        obj = self.get_object()
        body = {}
        if body_class is not None:
            parsed = body_class(data=request.data, context=self.get_serializer_context())
            parsed.is_valid(raise_exception=True)
            body = dict(parsed.validated_data)
        service = import_string(declared.service)
        result = service(obj, by=request.user, role=request.membership.role, **body)
        return self.workflow_response(result)

    handler.__name__ = declared.method_name
    handler.__doc__ = f"{declared.label}: {', '.join(declared.source)} -> {declared.target}." + (
        f" {declared.notes}." if declared.notes else ""
    )
    handler = extend_schema(request=body_class, responses=view_serializer, filters=False)(handler)
    return drf_action(
        detail=True,
        methods=["post"],
        url_path=declared.name,
        url_name=declared.name,
        filter_backends=[],
        pagination_class=None,
    )(handler)


class WorkflowViewSetMixin:
    """For a viewset of a model with a registered workflow: one POST action per declared action that names a
    service (an action the viewset defines itself, such as `send`, keeps its method). The permission class takes
    each action's minimum role from the declaration (the 403 names the role needed); the service raises the 409s
    and writes the timeline."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        queryset = cls.__dict__.get("queryset")
        if queryset is None:
            return
        workflow = workflow_for(queryset.model)
        if workflow is None:
            return
        for declared in workflow.actions:
            if declared.service and declared.method_name not in cls.__dict__:
                setattr(cls, declared.method_name, _make_action(declared, cls.__dict__.get("serializer_class")))
        cls.workflow = workflow  # apps.core.permissions.required_role reads each action's role from it

    def workflow_response(self, obj):
        fresh = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer(fresh).data)

    def permission_denied(self, request, message=None, code=None):
        workflow = getattr(self, "workflow", None)
        membership = getattr(request, "membership", None)
        if workflow is not None and membership is not None and self.action:
            message = workflow.role_message(self.action, membership.role) or message
        return super().permission_denied(request, message=message, code=code)
