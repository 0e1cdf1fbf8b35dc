"""Optional TOTP two-factor sign-in (django-otp) for owners and platform staff: the API login and the Django
admin login ask for the authenticator code once a device is confirmed."""

from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.tenants.models import Role, TenantUser

CODE_REQUIRED = "Two-factor sign-in is on for this account: enter the 6-digit code from your authenticator app."
CODE_WRONG = "That code is not valid (or was already used); enter the current code from your authenticator app."
DEVICE_NAME = "Authenticator app"


def may_enroll(user) -> bool:
    """Owners of a tenant and platform staff may turn two-factor sign-in on."""
    if user.is_staff or user.is_superuser:
        return True
    return TenantUser.objects.filter(user=user, role=Role.OWNER, is_active=True).exists()


def enabled_for(user) -> bool:
    return user_has_device(user, confirmed=True)


def verify(user, code: str) -> bool:
    code = "".join(code.split())
    if not code.isascii() or not code.isdigit():
        return False
    return any(device.verify_token(code) for device in TOTPDevice.objects.devices_for_user(user, confirmed=True))


def start_enrollment(user) -> TOTPDevice:
    """A new unconfirmed device (replacing any unconfirmed one); confirmed devices stay until disabled."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def confirm_enrollment(user, code: str) -> bool:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None or not code.strip().isdigit() or not device.verify_token(code.strip()):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return True


def disable(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
