"""Comment list filters: `?target=app_label.model:id` for one record's comments (404 when the tenant has no
such record: another tenant's record is never revealed)."""

import django_filters
from rest_framework.exceptions import NotFound

from . import services
from .models import Comment


class CommentFilter(django_filters.FilterSet):
    target = django_filters.CharFilter(method="filter_target", help_text="The record: app_label.model:id.")
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")

    class Meta:
        model = Comment
        fields = ["target", "created_after"]

    def filter_target(self, queryset, name, value):
        try:
            record = services.resolve_target(getattr(self.request, "tenant", None), value)
        except services.TargetNotFound:
            raise NotFound("No such record.") from None
        return queryset.filter(content_type=services.content_type_of(record), object_id=record.pk)
