"""Brokerages (tenants), the domains that reach them, and who belongs to which with what role."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from apps.core.models import TenantOwnedModel, TimeStampedModel
from apps.core.rls import USER_EXPR

from .logo import logo_path


class Tenant(TimeStampedModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=63, unique=True)
    is_active = models.BooleanField(default=True)
    settings = models.JSONField(default=dict, blank=True)
    logo = models.FileField(
        upload_to=logo_path,
        max_length=200,
        blank=True,
        help_text="PNG or JPEG printed in the header of every business PDF (apps/tenants/logo.py).",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TenantDomain(TimeStampedModel):
    """A host name that resolves to a tenant (custom domain or subdomain)."""

    domain = models.CharField(
        max_length=253,
        unique=True,
        validators=[RegexValidator(r"^[a-z0-9.-]+$", "Use a lower-case host name such as acme.example.com.")],
    )
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="domains")
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    ADMIN = "admin", "Admin"
    MANAGER = "manager", "Manager"
    USER = "user", "User"
    READONLY = "readonly", "Read-only"


ROLE_RANK = {Role.READONLY: 0, Role.USER: 1, Role.MANAGER: 2, Role.ADMIN: 3, Role.OWNER: 4}


def role_at_least(role: str | None, minimum: str) -> bool:
    return role is not None and ROLE_RANK[Role(role)] >= ROLE_RANK[Role(minimum)]


class TenantUser(TenantOwnedModel):
    """Membership: a user's role in one tenant. A user sees their own memberships in every tenant."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.USER)
    is_active = models.BooleanField(default=True)

    rls_extra_condition = f"user_id = {USER_EXPR}"

    class Meta:
        ordering = ["tenant", "user__username"]
        constraints = [models.UniqueConstraint(fields=["tenant", "user"], name="tenants_tenantuser_unique")]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="tenants_tenantuser_tcr")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.tenant} ({self.role})"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"


class Invitation(TenantOwnedModel):
    """An invitation to join a tenant with a role, sent by e-mail (apps.tenants.invitations).

    Only the SHA-256 of the link's token is stored; the token itself reaches the invitee in the e-mail alone.
    Pending until the person accepts it (signed in with an account of that address, or by creating one) or it
    expires; revoking deletes it; resending makes a new token (the old link stops working) and a new expiry."""

    email = models.EmailField(max_length=254)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.USER)
    status = models.CharField(max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_count = models.PositiveSmallIntegerField(default=0)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="tenants_invitation_tcr")]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "email"],
                condition=models.Q(status="pending"),
                name="tenants_invitation_one_pending_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.tenant} ({self.role}, {self.status})"
