"""Celery tasks of the accounts app (found by the worker's autodiscovery): the password reset mail."""

from .password_reset import send_reset_mail

__all__ = ["send_reset_mail"]
