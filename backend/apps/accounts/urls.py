from django.urls import path

from . import views

urlpatterns = [
    path("csrf/", views.CsrfView.as_view(), name="auth-csrf"),
    path("login/", views.LoginView.as_view(), name="auth-login"),
    path("logout/", views.LogoutView.as_view(), name="auth-logout"),
    path("logout-all/", views.LogoutAllView.as_view(), name="auth-logout-all"),
    path("me/", views.MeView.as_view(), name="auth-me"),
    path("password/change/", views.PasswordChangeView.as_view(), name="auth-password-change"),
    path("2fa/", views.TwoFactorStatusView.as_view(), name="auth-2fa"),
    path("2fa/setup/", views.TwoFactorSetupView.as_view(), name="auth-2fa-setup"),
    path("2fa/confirm/", views.TwoFactorConfirmView.as_view(), name="auth-2fa-confirm"),
    path("2fa/disable/", views.TwoFactorDisableView.as_view(), name="auth-2fa-disable"),
    path("password/reset/", views.PasswordResetRequestView.as_view(), name="auth-password-reset"),
    path("password/reset/confirm/", views.PasswordResetConfirmView.as_view(), name="auth-password-reset-confirm"),
    path("invitations/preview/", views.InvitationPreviewView.as_view(), name="auth-invitation-preview"),
    path("invitations/accept/", views.InvitationAcceptView.as_view(), name="auth-invitation-accept"),
    path("invitations/register/", views.InvitationRegisterView.as_view(), name="auth-invitation-register"),
]
