import django_filters

from .models import Invitation, TenantUser


class MemberFilter(django_filters.FilterSet):
    class Meta:
        model = TenantUser
        fields = ["role", "is_active"]


class InvitationFilter(django_filters.FilterSet):
    class Meta:
        model = Invitation
        fields = ["role", "status"]
