"""Profile, avatar, children and onboarding: the one write path for what a member shares."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from kettle.accounts.actions.common import UNSET, collect_errors, raise_if_errors
from kettle.accounts.models import Child, Member, Profile
from kettle.accounts.validation import (
    clean_bio,
    clean_child,
    clean_display_name,
    clean_interests,
    clean_pronouns,
    clean_role,
    interests_for,
)
from kettle.core import images, ratelimit
from kettle.core.models import Place
from kettle.groups.tasks import make_clubs_for

AVATAR_SIDE = 512


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
    is_locked: bool = UNSET,
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
        updates["display_name"] = collect_errors(errors, "display_name", clean_display_name, display_name)
    if pronouns is not UNSET:
        updates["pronouns"] = collect_errors(errors, "pronouns", clean_pronouns, pronouns)
    if bio is not UNSET:
        cleaned = collect_errors(errors, "bio", clean_bio, bio)
        if cleaned:
            updates["bio"], updates["bio_html"] = cleaned
    if role is not UNSET:
        updates["role"] = collect_errors(errors, "role", clean_role, role)
    interest_names = None
    if interests is not UNSET:
        interest_names = collect_errors(errors, "interests", clean_interests, interests)
    if children_visibility is not UNSET:
        if children_visibility not in ChildrenVisibility.values:
            errors["children_visibility"] = [f"Choose one of: {', '.join(ChildrenVisibility.values)}."]
        else:
            updates["children_visibility"] = children_visibility
    for name, value in (("discoverable", discoverable), ("is_public", is_public), ("is_locked", is_locked)):
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
    raise_if_errors(errors)

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
        if any(kind != "remove" for kind, _, _ in child_ops) or (place_changes and member.children.exists()):
            # Due-month clubs are made on demand: a child (or a move to a new area) may need one.
            transaction.on_commit(lambda: make_clubs_for.enqueue(member_id=member.id))
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
