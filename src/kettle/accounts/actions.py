"""Every change to an account, profile or child goes through here: forms, the API, the CLI,
the demo and the tests all call these functions."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from kettle.accounts import emails
from kettle.accounts.models import AccessToken, Child, Member, Profile, new_session_salt
from kettle.accounts.validation import (
    clean_bio,
    clean_child,
    clean_display_name,
    clean_email,
    clean_handle,
    clean_interests,
    clean_pronouns,
    clean_role,
    interests_for,
)
from kettle.core import images, ratelimit
from kettle.core.models import Place

UNSET: Any = object()
AVATAR_SIDE = 512
TOKEN_PREFIX = "kettle_"


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _collect(errors: dict[str, list[str]], field: str, func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except ValidationError as error:
        errors.setdefault(field, []).extend(error.messages)
        return None


# --- Sign-up and confirmation ------------------------------------------------------------

def do_sign_up(*, email: str, handle: str, display_name: str, password: str) -> Member | None:
    """Create an unconfirmed member and send the confirmation link.

    If the address already has an account, nothing is created and that address is told so
    by email; the caller shows the same "check your inbox" page either way, so the answer
    never reveals who is registered."""
    errors: dict[str, list[str]] = {}
    email = _collect(errors, "email", clean_email, email)
    handle = _collect(errors, "handle", clean_handle, handle)
    display_name = _collect(errors, "display_name", clean_display_name, display_name)
    if not errors:
        probe = Member(email=email, handle=handle)
        _collect(errors, "password", validate_password, password, probe)
    _raise_if(errors)
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
    email = _collect(errors, "email", clean_email, email)
    handle = _collect(errors, "handle", clean_handle, handle)
    name = _collect(errors, "display_name", clean_display_name, display_name or handle or "")
    if email and Member.objects.filter(email=email).exists():
        errors.setdefault("email", []).append("An account with that email already exists.")
    if password is not None and not errors:
        _collect(errors, "password", validate_password, password, Member(email=email, handle=handle))
    _raise_if(errors)
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
    _collect(errors, "new_password", validate_password, new_password, member)
    _raise_if(errors)
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
        _collect(errors, "new_password", validate_password, new_password, member)
    _raise_if(errors)
    member.set_password(new_password)
    member.save(update_fields=["password"])


def do_request_email_change(member: Member, *, password: str, new_email: str) -> None:
    """Send a confirmation link to the new address; the change happens when it is opened.
    If the address is already in use its owner is told instead, and the answer is the same."""
    errors: dict[str, list[str]] = {}
    if not member.check_password(password):
        errors["password"] = ["That isn't your current password."]
    new_email = _collect(errors, "new_email", clean_email, new_email)
    if new_email and new_email == member.email:
        errors.setdefault("new_email", []).append("That's already your email address.")
    _raise_if(errors)
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


# --- Profile ------------------------------------------------------------------------------

def _child_errors(errors: dict[str, list[str]], prefix: str, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            errors.setdefault(f"{prefix}.{field}", []).extend(messages)
    else:
        errors.setdefault(prefix, []).extend(error.messages)


def _place_for(place_id: int | None, errors: dict[str, list[str]]) -> Place | None:
    if place_id is None:
        return None
    place = Place.objects.filter(id=place_id).first()
    if place is None:
        errors.setdefault("place_id", []).append(
            "We couldn't find that place. Start typing your town or village and pick it from the list.")
    return place


def do_update_profile(
    member: Member,
    *,
    display_name: str = UNSET,
    pronouns: str = UNSET,
    bio: str = UNSET,
    role: str = UNSET,
    interests: list[str] | str = UNSET,
    place_id: int | None = UNSET,
    children_visibility: str = UNSET,
    discoverable: bool = UNSET,
    is_public: bool = UNSET,
    children: list[dict] = UNSET,
) -> Profile:
    """Change any part of a profile. Everything is checked first; on any error nothing changes.

    `children` is a list of operations: a dict without "id" adds a child, one with "id"
    updates it, and {"id": n, "remove": true} removes it."""
    from kettle.accounts.models import ChildrenVisibility

    profile = member.profile
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    updates: dict[str, Any] = {}
    if display_name is not UNSET:
        updates["display_name"] = _collect(errors, "display_name", clean_display_name, display_name)
    if pronouns is not UNSET:
        updates["pronouns"] = _collect(errors, "pronouns", clean_pronouns, pronouns)
    if bio is not UNSET:
        cleaned = _collect(errors, "bio", clean_bio, bio)
        if cleaned:
            updates["bio"], updates["bio_html"] = cleaned
    if role is not UNSET:
        updates["role"] = _collect(errors, "role", clean_role, role)
    interest_names = None
    if interests is not UNSET:
        interest_names = _collect(errors, "interests", clean_interests, interests)
    if children_visibility is not UNSET:
        if children_visibility not in ChildrenVisibility.values:
            errors["children_visibility"] = [f"Choose one of: {', '.join(ChildrenVisibility.values)}."]
        else:
            updates["children_visibility"] = children_visibility
    for name, value in (("discoverable", discoverable), ("is_public", is_public)):
        if value is not UNSET:
            if not isinstance(value, bool):
                errors[name] = ["Choose yes or no."]
            else:
                updates[name] = value
    place_changes = False
    if place_id is not UNSET:
        place = _place_for(place_id, errors)
        if not errors.get("place_id") and place_id != profile.place_id:
            place_changes = True
            if profile.place_id is not None:
                ratelimit.check("place-change", str(member.id), settings.PLACE_CHANGE_RATE,
                                message="You've changed your area a few times today. Please try again tomorrow.")
            updates["place_id"] = place.id if place else None
            updates["h3_cell"] = place.h3_cell if place else ""
    child_ops: list[tuple[str, Child | None, dict]] = []
    if children is not UNSET:
        owned = {child.id: child for child in member.children.all()}
        named: set[int] = set()
        for index, op in enumerate(children):
            prefix = f"children.{index}"
            child_id = op.get("id")
            if child_id is not None and child_id not in owned:
                errors.setdefault(f"{prefix}.id", []).append("You don't have a child with that id.")
                continue
            if child_id in named:
                errors.setdefault(f"{prefix}.id", []).append("Change each child only once at a time.")
                continue
            if child_id is not None:
                named.add(child_id)
            if op.get("remove") and child_id is None:
                errors.setdefault(f"{prefix}.id", []).append("Give the id of the child to remove.")
                continue
            if op.get("remove"):
                child_ops.append(("remove", owned[child_id], {}))
                continue
            try:
                data = clean_child(op, today)
            except ValidationError as error:
                _child_errors(errors, prefix, error)
                continue
            child_ops.append(("update" if child_id else "add", owned.get(child_id), data))
    _raise_if(errors)

    with transaction.atomic():
        if place_changes and profile.place_id is not None:
            ratelimit.hit("place-change", str(member.id), settings.PLACE_CHANGE_RATE)
        if place_changes:
            updates["place_changed_at"] = timezone.now()
        for field, value in updates.items():
            setattr(profile, field, value)
        if updates:
            profile.save(update_fields=list(updates))
        if interest_names is not None:
            profile.interests.set(interests_for(interest_names))
        for kind, child, data in child_ops:
            if kind == "remove":
                child.delete()
            elif kind == "add":
                Child.objects.create(parent=member, **data)
            else:
                for field, value in data.items():
                    setattr(child, field, value)
                child.save()
    if place_changes:
        profile.place = Place.objects.filter(id=profile.place_id).first() if profile.place_id else None
    return profile


def do_set_avatar(member: Member, upload) -> Profile:
    """Re-encode and store a new avatar; the old file is removed after commit."""
    try:
        path = images.store_image(upload, folder="avatars", max_side=AVATAR_SIDE)
    except ValidationError as error:
        raise ValidationError({"avatar": error.messages})
    profile = member.profile
    old = profile.avatar
    with transaction.atomic():
        profile.avatar = path
        profile.save(update_fields=["avatar"])
        if old:
            transaction.on_commit(lambda: images.delete_image(old))
    return profile


@transaction.atomic
def do_remove_avatar(member: Member) -> None:
    profile = member.profile
    if profile.avatar:
        old = profile.avatar
        profile.avatar = ""
        profile.save(update_fields=["avatar"])
        transaction.on_commit(lambda: images.delete_image(old))


# --- Children -----------------------------------------------------------------------------

def _own_child(member: Member, child_id: int) -> Child:
    child = Child.objects.filter(id=child_id, parent=member).first()
    if child is None:
        raise Http404("No such child.")
    return child


def do_add_child(member: Member, **data) -> Child:
    do_update_profile(member, children=[data])
    return member.children.order_by("-id").first()


def do_update_child(member: Member, child_id: int, **data) -> Child:
    _own_child(member, child_id)
    do_update_profile(member, children=[{**data, "id": child_id}])
    return _own_child(member, child_id)


def do_remove_child(member: Member, child_id: int) -> None:
    _own_child(member, child_id)
    do_update_profile(member, children=[{"id": child_id, "remove": True}])


@transaction.atomic
def do_record_loss(member: Member, child_id: int) -> Child:
    """Privately record a loss: only the parent ever sees it, and prompts stop for good."""
    child = _own_child(member, child_id)
    if child.loss_recorded_at is None:
        child.loss_recorded_at = timezone.now()
        child.save(update_fields=["loss_recorded_at"])
    return child


@transaction.atomic
def do_undo_loss(member: Member, child_id: int) -> Child:
    child = _own_child(member, child_id)
    child.loss_recorded_at = None
    child.save(update_fields=["loss_recorded_at"])
    return child


# --- Onboarding ---------------------------------------------------------------------------

@transaction.atomic
def do_advance_onboarding(member: Member, *, completed_step: int) -> None:
    member.onboarding_progress = max(member.onboarding_progress, completed_step)
    fields = ["onboarding_progress"]
    if member.onboarding_progress >= 3 and member.onboarded_at is None:
        member.onboarded_at = timezone.now()
        fields.append("onboarded_at")
    member.save(update_fields=fields)


@transaction.atomic
def do_finish_onboarding(member: Member) -> None:
    if member.onboarded_at is None:
        member.onboarded_at = timezone.now()
        member.save(update_fields=["onboarded_at"])


# --- Access tokens ------------------------------------------------------------------------

def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def do_create_token(member: Member, *, name: str) -> tuple[AccessToken, str]:
    """Create a personal access token; the raw value is returned once and never stored."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": ["Give the token a name so you can recognise it later."]})
    if len(name) > 60:
        raise ValidationError({"name": ["Please keep the name to 60 characters."]})
    if member.access_tokens.filter(revoked_at=None).count() >= 20:
        raise ValidationError({"name": ["You have 20 active tokens. Revoke one you no longer use first."]})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(member=member, name=name, token_hash=hash_token(raw),
                                       prefix=raw[: len(TOKEN_PREFIX) + 6])
    return token, raw


@transaction.atomic
def do_revoke_token(member: Member, token_id: int) -> AccessToken:
    token = AccessToken.objects.filter(id=token_id, member=member).first()
    if token is None:
        raise Http404("No such token.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
