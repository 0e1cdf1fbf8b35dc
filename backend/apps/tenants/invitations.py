"""Invitations: how a person joins a tenant (docs/api/invitations.md, docs/SECURITY.md).

An admin invites an e-mail address with a role; nothing about accounts is looked up or revealed to the admin
(the answer is the same whether the address has an account on the platform, in this tenant or another). The
e-mail carries a link with a random token; only its SHA-256 is stored. The person opens the link and either
signs in with the account of that address and accepts, or — when the address has no account — chooses a
password (AUTH_PASSWORD_VALIDATORS) and the account is created. Either way the membership starts then.

The token is `<tenant id>.<random>`: the tenant id lets the public accept endpoints look the invitation up
under that tenant's row-level security context; the random part (256 bits) is what proves receipt of the mail.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.exceptions import PermissionDenied, ValidationError

from apps.core import delivery, rls

from .models import Invitation, InvitationStatus, Role, Tenant, TenantUser
from .services import _ensure_may_touch_owner

User = get_user_model()

INVALID_LINK = "This invitation link is not valid: it has expired, was revoked, replaced or already used."
LINK_PLACEHOLDER = "{invitation_link}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token(tenant_id: int) -> str:
    return f"{tenant_id}.{secrets.token_urlsafe(32)}"


def _tenant_of(token: str) -> int | None:
    head, _, rest = token.partition(".")
    if not rest or not head.isascii() or not head.isdigit() or len(head) > 18:
        return None
    return int(head)


def accept_url(base_url: str) -> str:
    return base_url.rstrip("/") + "/accept-invitation?token="


def _display_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


def _send(invitation: Invitation, *, actor_user, base_url: str) -> None:
    """A new token and expiry for the invitation, and the e-mail with its link (through apps.core.delivery)."""
    token = _new_token(invitation.tenant_id)
    invitation.token_hash = hash_token(token)
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_EXPIRY_DAYS)
    invitation.invited_by = actor_user
    invitation.sent_count += 1
    invitation.save()
    tenant = invitation.tenant
    inviter = _display_name(actor_user)
    body = (
        f"{inviter} invites you to join {tenant.name} on ProjectMeats as {Role(invitation.role).label}.\n\n"
        f"Open this link to accept:\n{LINK_PLACEHOLDER}\n\n"
        f"If you already have a ProjectMeats account with this address, sign in and accept; otherwise you choose "
        f"a password there. The link works once and expires on "
        f"{timezone.localtime(invitation.expires_at):%Y-%m-%d %H:%M %Z}.\n\n"
        f"If you did not expect this invitation, ignore this message.\n"
    )
    delivery.send_document(
        document_obj=invitation,
        kind="invitation",
        to=[invitation.email],
        subject=f"Invitation to join {tenant.name} on ProjectMeats",
        body=body,
        by=actor_user,
        secrets={"invitation_link": accept_url(base_url) + token},
    )


@transaction.atomic
def invite(*, actor: TenantUser, email: str, role: str, base_url: str) -> Invitation:
    """Create a pending invitation and send it. Refused (400) only for facts about THIS tenant: the address is
    already an active member here, or already has a pending invitation here."""
    _ensure_may_touch_owner(actor, target_role=None, new_role=role)
    email = email.strip().lower()
    if TenantUser.objects.filter(tenant=actor.tenant, is_active=True, user__email__iexact=email).exists():
        raise ValidationError({"email": ["This address is already an active member of this tenant."]})
    if Invitation.objects.filter(tenant=actor.tenant, email=email, status=InvitationStatus.PENDING).exists():
        raise ValidationError({"email": ["An invitation to this address is pending; resend it instead."]})
    invitation = Invitation(
        tenant=actor.tenant, email=email, role=role, created_by=actor.user, expires_at=timezone.now()
    )
    try:
        with transaction.atomic():
            _send(invitation, actor_user=actor.user, base_url=base_url)
    except IntegrityError as exc:  # a concurrent invitation to the same address won the race
        raise ValidationError({"email": ["An invitation to this address is pending; resend it instead."]}) from exc
    return invitation


@transaction.atomic
def resend(invitation: Invitation, *, actor: TenantUser, base_url: str) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError({"status": ["This invitation was already accepted."]})
    _ensure_may_touch_owner(actor, target_role=None, new_role=invitation.role)
    _send(invitation, actor_user=actor.user, base_url=base_url)
    return invitation


def revoke(invitation: Invitation, *, actor: TenantUser) -> None:
    _ensure_may_touch_owner(actor, target_role=None, new_role=invitation.role)
    invitation.delete()


# --- The invitee's side (public endpoints, no tenant header) ----------------------------------------------------


@dataclass
class Preview:
    tenant_name: str
    email: str
    role: str
    invited_by: str
    expires_at: object
    account_exists: bool


def _pending(token: str, *, lock: bool = False) -> Invitation:
    """The pending, unexpired invitation of this token, inside its tenant's context, or 400."""
    queryset = Invitation.objects.select_related("tenant", "invited_by")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    invitation = queryset.filter(token_hash=hash_token(token), status=InvitationStatus.PENDING).first()
    if invitation is None or invitation.expires_at <= timezone.now() or not invitation.tenant.is_active:
        raise ValidationError({"token": [INVALID_LINK]})
    return invitation


def _in_tenant(token: str, func, *args):
    tenant_id = _tenant_of(token or "")
    if tenant_id is None or not Tenant.objects.filter(pk=tenant_id).exists():
        raise ValidationError({"token": [INVALID_LINK]})
    return rls.run_for_tenant(tenant_id, func, *args)


def _account_for(email: str):
    return User.objects.filter(email__iexact=email, is_active=True).order_by("id").first()


def preview(token: str) -> Preview:
    """What the link is for, shown to whoever holds it (the invitee: the token came in their e-mail)."""

    def look():
        invitation = _pending(token)
        return Preview(
            tenant_name=invitation.tenant.name,
            email=invitation.email,
            role=invitation.role,
            invited_by=_display_name(invitation.invited_by),
            expires_at=invitation.expires_at,
            account_exists=_account_for(invitation.email) is not None
            or User.objects.filter(username__iexact=invitation.email).exists(),
        )

    return _in_tenant(token, look)


def _join(invitation: Invitation, user) -> TenantUser:
    member = TenantUser.objects.filter(tenant=invitation.tenant, user=user).first()
    if member is None:
        member = TenantUser(tenant=invitation.tenant, user=user, created_by=invitation.invited_by)
    if not member.is_active or member.pk is None:
        member.role = invitation.role
        member.is_active = True
        member.save()
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save()
    return member


def accept(token: str, user) -> TenantUser:
    """The signed-in user accepts: the account's e-mail must be the invited address."""

    def run():
        invitation = _pending(token, lock=True)
        if (user.email or "").strip().lower() != invitation.email:
            raise PermissionDenied(
                "This invitation was sent to another address; sign in with the account of that address."
            )
        return _join(invitation, user)

    return _in_tenant(token, run)


def register(token: str, *, password: str, first_name: str = "", last_name: str = "") -> TenantUser:
    """A person without an account: create it (username = the invited address) with a valid password."""

    def run():
        invitation = _pending(token, lock=True)
        email = invitation.email
        if _account_for(email) is not None or User.objects.filter(username__iexact=email).exists():
            raise ValidationError(
                {"token": ["An account with this address exists: sign in with it to accept the invitation."]}
            )
        user = User(username=email, email=email, first_name=first_name, last_name=last_name)
        try:
            validate_password(password, user)
        except DjangoValidationError as exc:
            raise ValidationError({"password": list(exc.messages)}) from exc
        user.set_password(password)
        user.save()
        return _join(invitation, user)

    return _in_tenant(token, run)
