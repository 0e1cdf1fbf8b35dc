import django_filters

from .models import TenantUser


class MemberFilter(django_filters.FilterSet):
    class Meta:
        model = TenantUser
        fields = ["role", "is_active"]
