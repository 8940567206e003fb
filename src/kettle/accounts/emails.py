"""The emails accounts send. Each is rendered now and sent by the worker after commit."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from kettle.accounts.models import Member
from kettle.core import ratelimit
from kettle.core.tasks import send_email

CONFIRM_SALT = "kettle.accounts.confirm-email"


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def queue_email(to: str, template: str, context: dict) -> None:
    text = render_to_string(f"emails/{template}.txt", {"site_name": settings.SITE_NAME, **context})
    subject, _, body = text.strip().partition("\n")
    transaction.on_commit(lambda: send_email.enqueue(to=to, subject=subject.strip(), body=body.strip() + "\n"))


def confirmation_token(member: Member, email: str) -> str:
    # "c" is the address the account had when the link was sent: once it changes, older links stop working.
    return signing.dumps({"m": member.id, "e": email, "c": member.email}, salt=CONFIRM_SALT, compress=True)


def read_confirmation_token(token: str) -> dict:
    """The member id and address a link confirms; raises signing.BadSignature when invalid or old."""
    return signing.loads(token, salt=CONFIRM_SALT, max_age=settings.EMAIL_CONFIRM_MAX_AGE)


def send_confirmation(member: Member, email: str | None = None) -> None:
    address = email or member.email
    link = absolute(reverse("accounts:confirm_email", kwargs={"token": confirmation_token(member, address)}))
    template = "confirm_email" if address == member.email else "confirm_new_email"
    queue_email(address, template, {"member": member, "link": link})


def mail_allowed(kind: str, address: str) -> bool:
    """At most a few emails of one kind to one address per hour, so nobody can use Kettle to
    flood someone's inbox. Over the limit the email is quietly not sent: the answer on the
    page stays the same, which keeps it from revealing anything."""
    try:
        ratelimit.hit(f"mail-{kind}", address, settings.EMAIL_PER_ADDRESS_RATE)
    except ratelimit.RateLimited:
        return False
    return True


def send_already_registered(email: str) -> None:
    if not mail_allowed("already-registered", email):
        return
    queue_email(email, "already_registered", {"login": absolute(reverse("accounts:login")),
                                              "reset": absolute(reverse("accounts:password_reset"))})


def send_password_reset(member: Member) -> None:
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    token = default_token_generator.make_token(member)
    link = absolute(reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token}))
    queue_email(member.email, "password_reset", {"member": member, "link": link})


def send_email_changed_notice(old_email: str, new_email: str) -> None:
    queue_email(old_email, "email_changed", {"new_email": new_email})
