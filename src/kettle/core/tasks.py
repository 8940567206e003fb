"""Background jobs that belong to no one app."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(to: str, subject: str, body: str) -> None:
    """Send one plain-text email. Retried by the worker; a duplicate is harmless."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
