"""Background jobs that belong to no one app."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(to: str, subject: str, body: str) -> None:
    """Send one plain-text email. Retried by the worker; a duplicate is harmless."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)


@task()
def prune_old_files(folder: str, max_age_seconds: int) -> int:
    """Delete files in a storage folder older than max_age_seconds (e.g. photos kept for a
    compose form that was never sent). Safe to run twice; returns how many went."""
    from datetime import timedelta

    from django.core.files.storage import default_storage
    from django.utils import timezone

    cutoff = timezone.now() - timedelta(seconds=max_age_seconds)
    try:
        _, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return 0
    removed = 0
    for name in files:
        path = f"{folder}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def prune_old_files_now_and_then(folder: str, max_age_seconds: int) -> None:
    """Queue a prune at most once an hour per folder, from code that adds files there."""
    from django.core.cache import cache
    from django.db import transaction

    if cache.add(f"prune:{folder}", 1, timeout=3600):
        transaction.on_commit(lambda: prune_old_files.enqueue(folder=folder, max_age_seconds=max_age_seconds))
