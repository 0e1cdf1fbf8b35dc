"""Membership workflows: who may grant which role, and the last-owner rule."""

from django.contrib.auth import get_user_model
from django.db import transaction
from rest_framework.exceptions import PermissionDenied, ValidationError

from apps.core.exceptions import Conflict

from .models import Role, TenantUser

User = get_user_model()


def _active_owner_count(tenant) -> int:
    return TenantUser.objects.filter(tenant=tenant, role=Role.OWNER, is_active=True).count()


def _ensure_may_touch_owner(actor: TenantUser, *, target_role: str | None, new_role: str | None) -> None:
    if Role.OWNER in (target_role, new_role) and actor.role != Role.OWNER:
        raise PermissionDenied("Only an owner can grant or remove the owner role.")


def _ensure_not_last_owner(member: TenantUser) -> None:
    if member.role == Role.OWNER and member.is_active and _active_owner_count(member.tenant) <= 1:
        raise Conflict("This is the tenant's last active owner; make someone else owner first.")


@transaction.atomic
def add_member(
    *, actor: TenantUser, email: str, role: str, first_name: str = "", last_name: str = "", password: str = ""
) -> TenantUser:
    """Add (or re-activate) the user with this e-mail; a new user is created if none exists."""
    _ensure_may_touch_owner(actor, target_role=None, new_role=role)
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).order_by("id").first()
    if user is None:
        if User.objects.filter(username__iexact=email).exists():
            raise ValidationError({"email": ["A user with this username already exists."]})
        user = User(username=email, email=email, first_name=first_name, last_name=last_name)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    member = TenantUser.objects.filter(tenant=actor.tenant, user=user).first()
    if member is not None and member.is_active:
        raise ValidationError({"email": ["This person is already an active member of this tenant."]})
    if member is None:
        member = TenantUser(tenant=actor.tenant, user=user, created_by=actor.user)
    member.role = role
    member.is_active = True
    member.save()
    return member


@transaction.atomic
def change_role(member: TenantUser, *, actor: TenantUser, role: str) -> TenantUser:
    member = TenantUser.objects.select_for_update().get(pk=member.pk)
    if role == member.role:
        return member
    _ensure_may_touch_owner(actor, target_role=member.role, new_role=role)
    if member.role == Role.OWNER:
        _lock_owners(member.tenant)
        _ensure_not_last_owner(member)
    member.role = role
    member.save(update_fields=["role", "updated_at"])
    return member


@transaction.atomic
def set_active(member: TenantUser, *, actor: TenantUser, active: bool) -> TenantUser:
    member = TenantUser.objects.select_for_update().get(pk=member.pk)
    if member.is_active == active:
        return member
    _ensure_may_touch_owner(actor, target_role=member.role, new_role=None)
    if not active:
        _lock_owners(member.tenant)
        _ensure_not_last_owner(member)
    member.is_active = active
    member.save(update_fields=["is_active", "updated_at"])
    return member


def _lock_owners(tenant) -> None:
    # Two concurrent demotions of the last two owners must not both pass the count check.
    list(TenantUser.objects.select_for_update().filter(tenant=tenant, role=Role.OWNER, is_active=True))
