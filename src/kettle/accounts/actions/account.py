"""Sign-up, confirmation, passwords, email changes and sessions."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kettle.accounts import emails
from kettle.accounts.actions.common import collect_errors, raise_if_errors
from kettle.accounts.models import Member, Profile, new_session_salt
from kettle.accounts.validation import (
    clean_display_name,
    clean_email,
    clean_handle,
)
from kettle.core import ratelimit

# --- Sign-up and confirmation ------------------------------------------------------------

def do_sign_up(*, email: str, handle: str, display_name: str, password: str) -> Member | None:
    """Create an unconfirmed member and send the confirmation link.

    If the address already has an account, nothing is created and that address is told so
    by email; the caller shows the same "check your inbox" page either way, so the answer
    never reveals who is registered."""
    errors: dict[str, list[str]] = {}
    email = collect_errors(errors, "email", clean_email, email)
    handle = collect_errors(errors, "handle", clean_handle, handle)
    display_name = collect_errors(errors, "display_name", clean_display_name, display_name)
    if not errors:
        probe = Member(email=email, handle=handle)
        collect_errors(errors, "password", validate_password, password, probe)
    raise_if_errors(errors)
    if Member.objects.filter(email=email).exists():
        make_password(password)  # the same slow hashing as a real sign-up, so timing reveals nothing
        with transaction.atomic():
            emails.send_already_registered(email)
        return None
    try:
        with transaction.atomic():
            member = Member.objects.create_user(email=email, handle=handle, password=password)
            Profile.objects.create(member=member, display_name=display_name)
            emails.send_confirmation(member)
    except IntegrityError:
        # Lost a race with another sign-up for the same address or handle.
        if Member.objects.filter(email=email).exists():
            with transaction.atomic():
                emails.send_already_registered(email)
            return None
        raise ValidationError({"handle": ["That handle is taken. Please pick another."]})
    return member


@transaction.atomic
def do_create_member(*, email: str, handle: str, password: str | None, display_name: str = "",
                     staff: bool = False) -> Member:
    """An already-confirmed account, for the CLI and the demo."""
    errors: dict[str, list[str]] = {}
    email = collect_errors(errors, "email", clean_email, email)
    handle = collect_errors(errors, "handle", clean_handle, handle)
    name = collect_errors(errors, "display_name", clean_display_name, display_name or handle or "")
    if email and Member.objects.filter(email=email).exists():
        errors.setdefault("email", []).append("An account with that email already exists.")
    if password is not None and not errors:
        collect_errors(errors, "password", validate_password, password, Member(email=email, handle=handle))
    raise_if_errors(errors)
    member = Member.objects.create_user(email=email, handle=handle, password=password,
                                        is_staff=staff, is_superuser=staff,
                                        email_confirmed_at=timezone.now())
    if password is None:
        member.set_unusable_password()
        member.save(update_fields=["password"])
    Profile.objects.create(member=member, display_name=name)
    return member


@transaction.atomic
def do_confirm_email(token: str) -> Member:
    """Confirm a sign-up or a new address from an emailed link."""
    try:
        data = emails.read_confirmation_token(token)
    except signing.SignatureExpired:
        raise ValidationError("That link has expired. Log in and we'll send you a fresh one.", code="expired")
    except signing.BadSignature:
        raise ValidationError("That link isn't valid. Please copy the whole link from the email.",
                              code="invalid")
    member = Member.objects.select_for_update().filter(id=data["m"], is_active=True).first()
    if member is None:
        raise ValidationError("That link isn't valid any more.", code="invalid")
    new_email = data["e"]
    if new_email != member.email:
        if data.get("c", member.email) != member.email:
            # Sent before the address last changed: an old sign-up or superseded change link.
            raise ValidationError("That link isn't valid any more.", code="invalid")
        if Member.objects.filter(email=new_email).exclude(id=member.id).exists():
            raise ValidationError("That address now belongs to another account.", code="taken")
        old_email = member.email
        member.email = new_email
        emails.send_email_changed_notice(old_email, new_email)
    if member.email_confirmed_at is None or new_email == member.email:
        member.email_confirmed_at = member.email_confirmed_at or timezone.now()
    try:
        with transaction.atomic():
            member.save(update_fields=["email", "email_confirmed_at"])
    except IntegrityError:  # another account confirmed the same address a moment ago
        raise ValidationError("That address now belongs to another account.", code="taken")
    return member


def do_resend_confirmation(member: Member) -> None:
    if member.email_confirmed_at is None and emails.mail_allowed("confirm", member.email):
        with transaction.atomic():
            emails.send_confirmation(member)


# --- Passwords, email and sessions -------------------------------------------------------

def do_request_password_reset(email: str) -> None:
    """Email a reset link if the address has an active account. Says nothing either way."""
    try:
        email = clean_email(email)
    except ValidationError:
        return
    member = Member.objects.filter(email=email, is_active=True).first()
    if member is not None and emails.mail_allowed("reset", email):
        with transaction.atomic():
            emails.send_password_reset(member)


@transaction.atomic
def do_set_password(member: Member, new_password: str) -> None:
    """Set a new password after a reset; every other session is logged out."""
    errors: dict[str, list[str]] = {}
    collect_errors(errors, "new_password", validate_password, new_password, member)
    raise_if_errors(errors)
    member.set_password(new_password)
    member.session_salt = new_session_salt()
    if member.email_confirmed_at is None:
        member.email_confirmed_at = timezone.now()  # the reset link proved the address
    member.save(update_fields=["password", "session_salt", "email_confirmed_at"])


@transaction.atomic
def do_change_password(member: Member, *, current_password: str, new_password: str) -> None:
    errors: dict[str, list[str]] = {}
    if not member.check_password(current_password):
        errors["current_password"] = ["That isn't your current password."]
    else:
        collect_errors(errors, "new_password", validate_password, new_password, member)
    raise_if_errors(errors)
    member.set_password(new_password)
    member.save(update_fields=["password"])


def do_request_email_change(member: Member, *, password: str, new_email: str) -> None:
    """Send a confirmation link to the new address; the change happens when it is opened.
    If the address is already in use its owner is told instead, and the answer is the same."""
    errors: dict[str, list[str]] = {}
    if not member.check_password(password):
        errors["password"] = ["That isn't your current password."]
    new_email = collect_errors(errors, "new_email", clean_email, new_email)
    if new_email and new_email == member.email:
        errors.setdefault("new_email", []).append("That's already your email address.")
    raise_if_errors(errors)
    ratelimit.hit("email-change", str(member.id), settings.EMAIL_PER_ADDRESS_RATE)
    if not emails.mail_allowed("change", new_email):
        return
    with transaction.atomic():
        if Member.objects.filter(email=new_email).exists():
            emails.send_already_registered(new_email)
        else:
            emails.send_confirmation(member, new_email)


@transaction.atomic
def do_log_out_everywhere(member: Member) -> None:
    """Invalidate every session of this member, on every device."""
    member.session_salt = new_session_salt()
    member.save(update_fields=["session_salt"])
