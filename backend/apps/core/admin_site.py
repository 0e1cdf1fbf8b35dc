"""The Django admin site: the stock one, with its login behind the same sign-in limiter as the API
(apps.accounts.throttling) and an authenticator code asked of staff who turned two-factor sign-in on."""

from django.contrib import admin
from django.http import HttpResponse
from django_otp import user_has_device
from django_otp.admin import OTPAdminAuthenticationForm, _admin_template_for_django_version
from django_otp.plugins.otp_totp.models import TOTPDevice


class AdminLoginForm(OTPAdminAuthenticationForm):
    """Username and password; the OTP code only for users with a confirmed device."""

    def clean(self):
        cleaned = super(OTPAdminAuthenticationForm, self).clean()  # the stock admin checks
        user = self.get_user()
        if user is not None and user_has_device(user, confirmed=True):
            if not self.cleaned_data.get("otp_device"):
                device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
                self.cleaned_data["otp_device"] = device.persistent_id if device else None
            self.clean_otp(user)
        return cleaned


class AdminSite(admin.AdminSite):
    login_form = AdminLoginForm
    login_template = _admin_template_for_django_version()

    def login(self, request, extra_context=None):
        if request.method != "POST":
            return super().login(request, extra_context)
        from apps.accounts import throttling
        from apps.accounts.views import find_user

        identifier = str(request.POST.get("username", ""))[:254]
        account = throttling.account_key(find_user(identifier) if identifier else None, identifier)
        ip = throttling.client_ip(request)
        refusal = throttling.check(account, ip)
        if refusal is not None:
            response = HttpResponse(f"{refusal.reason} Retry in {refusal.retry_after} s.", status=429)
            response["Retry-After"] = str(refusal.retry_after)
            response["Content-Type"] = "text/plain; charset=utf-8"
            return response
        response = super().login(request, extra_context)
        if request.user.is_authenticated and response.status_code in (301, 302):
            throttling.clear_failures(account)
        else:
            throttling.record_failure(account, ip)
        return response
