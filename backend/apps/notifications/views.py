"""The caller's own notifications (list, read, read-all) and the registration of their phones' push tokens."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.core.views import TenantReadOnlyModelViewSet, TenantScopedMixin
from apps.tenants.models import Role

from . import services
from .filters import NotificationFilter
from .models import Notification, PushDevice
from .serializers import NotificationSerializer, PushDeviceSerializer, ReadAllResultSerializer


class OwnRowsMixin:
    """Every member sees and changes only their own rows (never another member's notifications or devices)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = getattr(self.request, "user", None)
        return queryset.filter(user=user) if user is not None and user.is_authenticated else queryset.none()


class NotificationViewSet(OwnRowsMixin, TenantReadOnlyModelViewSet):
    """Newest first; `?unread=true` for the unread ones."""

    queryset = Notification.objects.all()
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    search_fields = ["title", "body"]
    ordering_fields = ["created_at"]
    ordering = ["-created_at", "-id"]
    required_roles = {"POST": Role.READONLY}

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, *args, **kwargs):
        """Mark one notification read (again is fine)."""
        notification = self.get_object()
        services.mark_read(Notification.objects.filter(pk=notification.pk))
        notification.refresh_from_db()
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses=ReadAllResultSerializer, filters=False)
    @action(detail=False, methods=["post"], url_path="read-all", filter_backends=[], pagination_class=None)
    def read_all(self, request, *args, **kwargs):
        """Mark all of the caller's notifications in this tenant read."""
        return Response({"marked": services.mark_read(self.get_queryset())})


class PushDeviceViewSet(
    OwnRowsMixin,
    TenantScopedMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The caller's phones. POST is idempotent per token: registering a known token again answers 200 with the
    same row (moved to the caller); a new one 201. DELETE on sign-out."""

    queryset = PushDevice.objects.all()
    serializer_class = PushDeviceSerializer
    ordering = ["-created_at", "-id"]
    required_roles = {"POST": Role.READONLY, "DELETE": Role.READONLY}

    @extend_schema(responses={201: PushDeviceSerializer, 200: PushDeviceSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        device, created = services.register_device(
            tenant=request.tenant, user=request.user, **serializer.validated_data
        )
        return Response(
            self.get_serializer(device).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )
