"""Claim endpoints: CRUD through the services, the declared actions review / approve / reject, the photos and
documents attached, and the timeline."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.core.documents import TimelineMixin
from apps.core.views import TenantModelViewSet
from apps.core.workflow_api import WorkflowViewSetMixin
from apps.tenants.models import Role

from . import services
from .filters import ClaimFilter
from .models import Claim, ClaimDocument, ClaimLine
from .serializers import ClaimDocumentSerializer, ClaimSerializer


def claim_queryset():
    return Claim.objects.select_related(
        "invoice", "customer", "load", "credit_memo", "debit_memo", "decided_by"
    ).prefetch_related(Prefetch("lines", queryset=ClaimLine.objects.order_by("line_number", "id")))


class ClaimViewSet(WorkflowViewSetMixin, TimelineMixin, TenantModelViewSet):
    """Customer claims against invoices. Decided claims are kept (DELETE of an open claim only)."""

    queryset = claim_queryset()
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter
    search_fields = ["number", "invoice__number", "customer__name", "customer__code", "description"]
    ordering_fields = ["number", "claim_date", "status", "kind", "amount", "created_at"]
    ordering = ["-claim_date", "-id"]
    csv_import_key = None
    action_roles = {"documents": Role.USER}

    def _fresh(self, claim):
        return claim_queryset().get(pk=claim.pk)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        lines = data.pop("lines", None)
        claim = services.create_claim(tenant=self.request.tenant, by=self.request.user, lines=lines, **data)
        serializer.instance = self._fresh(claim)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        lines = data.pop("lines", None)
        claim = services.update_claim(
            serializer.instance, by=self.request.user, role=self.request.membership.role, lines=lines, **data
        )
        serializer.instance = self._fresh(claim)

    def perform_destroy(self, instance):
        services.delete_claim(instance, by=self.request.user)

    @extend_schema(methods=["get"], request=None, responses=ClaimDocumentSerializer(many=True), filters=False)
    @extend_schema(methods=["post"], request=ClaimDocumentSerializer, responses={201: ClaimDocumentSerializer})
    @action(detail=True, methods=["get", "post"], filter_backends=[], pagination_class=None)
    def documents(self, request, *args, **kwargs):
        """The photos and documents attached to the claim; POST attaches an uploaded document."""
        claim = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            links = ClaimDocument.objects.filter(claim=claim).select_related("document", "created_by")
            return Response(ClaimDocumentSerializer(links, many=True, context=context).data)
        body = ClaimDocumentSerializer(data=request.data, context=context)
        body.is_valid(raise_exception=True)
        link = services.attach_document(claim, by=request.user, **body.validated_data)
        return Response(ClaimDocumentSerializer(link, context=context).data, status=201)

    # review, approve and reject come from workflows.py.
