"""Creating and changing groups. The only way a group is made or changed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kettle.accounts.models import Member
from kettle.accounts.validation import clean_interests, interests_for
from kettle.core import ratelimit
from kettle.core.markdown import render_markdown
from kettle.core.models import Place
from kettle.groups.access import moderated_group
from kettle.groups.actions.common import clean_text, unique_slug
from kettle.groups.models import Group, Membership, Organisation
from kettle.groups.models.groups import (
    DESCRIPTION_MAX,
    LOCAL_RADII,
    MAX_QUESTIONS,
    NAME_MAX,
    QUESTION_MAX,
    RULES_MAX,
)
from kettle.groups.queries import is_organisation_admin, membership_of

UNSET: Any = object()
EDITABLE = ("name", "description", "rules", "privacy", "place_id", "radius_km", "topics", "post_approval",
            "allow_anonymous", "questions")


def _clean_questions(errors: dict, questions) -> list[str]:
    if questions is None:
        return []
    if isinstance(questions, str):
        questions = questions.splitlines()
    cleaned = []
    for i, question in enumerate(questions):
        text = clean_text(errors, f"questions.{i}", question if isinstance(question, str) else "",
                          limit=QUESTION_MAX, one_line=True)
        if text:
            cleaned.append(text)
    if len(cleaned) > MAX_QUESTIONS:
        errors.setdefault("questions", []).append(f"Ask at most {MAX_QUESTIONS} questions.")
    return cleaned


def _clean(fields: dict, *, kind: str, errors: dict) -> dict:
    """Check each sent field; collect every problem before anything is written."""
    out: dict = {}
    if "name" in fields:
        out["name"] = clean_text(errors, "name", fields["name"], limit=NAME_MAX, one_line=True,
                                 required="Give the group a name.")
    for field, limit in (("description", DESCRIPTION_MAX), ("rules", RULES_MAX)):
        if field in fields:
            out[field] = clean_text(errors, field, fields[field], limit=limit)
            out[f"{field}_html"] = render_markdown(out[field]) if out[field] else ""
    if "privacy" in fields:
        if fields["privacy"] not in Group.Privacy.values:
            errors["privacy"] = ["Choose public, private or secret."]
        out["privacy"] = fields["privacy"]
    if "post_approval" in fields:
        if fields["post_approval"] not in Group.Approval.values:
            errors["post_approval"] = ["Choose which posts need approval: all, first posts, or none."]
        out["post_approval"] = fields["post_approval"]
    if "allow_anonymous" in fields:
        out["allow_anonymous"] = bool(fields["allow_anonymous"])
    if "questions" in fields:
        out["questions"] = _clean_questions(errors, fields["questions"])
    if "topics" in fields:
        try:
            out["topics"] = clean_interests(fields["topics"] or [])
        except ValidationError as error:
            errors["topics"] = error.messages
    if "place_id" in fields:
        place_id = fields["place_id"]
        out["place"] = Place.objects.filter(id=place_id).first() if place_id else None
        if place_id and out["place"] is None:
            errors["place_id"] = ["We couldn't find that place. Pick a town or village from the list."]
    if "radius_km" in fields:
        out["radius_km"] = fields["radius_km"] or None
        if out["radius_km"] is not None and out["radius_km"] not in LOCAL_RADII:
            errors["radius_km"] = [f"Choose how far the group reaches: {', '.join(map(str, LOCAL_RADII))} km."]
    if kind == Group.Kind.LOCAL and not errors.get("place_id"):
        if "place_id" in fields and out.get("place") is None:
            errors["place_id"] = ["A local group needs its town or village."]
        if "radius_km" in fields and out.get("radius_km") is None:
            errors["radius_km"] = ["Choose how far the group reaches."]
    return out


@transaction.atomic
def do_create_group(member: Member, *, name: str, kind: str = Group.Kind.INTEREST,
                    privacy: str = Group.Privacy.PRIVATE, description: str = "", rules: str = "",
                    place_id: int | None = None, radius_km: int | None = None, topics: list[str] | None = None,
                    post_approval: str = Group.Approval.NONE, allow_anonymous: bool = False,
                    questions: list[str] | None = None, organisation_id: int | None = None) -> Group:
    """Start a group; its creator is its owner. Due-month clubs are made by the site (see clubs)."""
    errors: dict[str, list[str]] = {}
    if kind not in (Group.Kind.LOCAL, Group.Kind.INTEREST):
        errors["kind"] = ["Choose a local group or an interest group (due-month clubs are made for you)."]
    fields = _clean({"name": name, "description": description, "rules": rules, "privacy": privacy,
                     "place_id": place_id, "radius_km": radius_km, "topics": topics or [],
                     "post_approval": post_approval, "allow_anonymous": allow_anonymous,
                     "questions": questions or []}, kind=kind, errors=errors)
    organisation = None
    if organisation_id is not None:
        organisation = Organisation.objects.filter(id=organisation_id).first()
        if organisation is None or not is_organisation_admin(member, organisation):
            errors["organisation_id"] = ["You can start groups only for organisations you are an admin of."]
    if errors:
        raise ValidationError(errors)
    ratelimit.hit("group_create", str(member.id), settings.GROUP_CREATE_RATE,
                  message="You've started several groups in a short time. Try again tomorrow.")
    topic_names = fields.pop("topics")
    group = Group.objects.create(slug=unique_slug(Group, fields["name"]), kind=kind, created_by=member,
                                 organisation=organisation, member_count=1, **fields)
    group.topics.set(interests_for(topic_names))
    Membership.objects.create(group=group, member=member, role=Membership.Role.OWNER,
                              state=Membership.State.ACTIVE, joined_at=timezone.now(), trusted=True)
    return group


@transaction.atomic
def do_update_group(member: Member, group_id: int, **changes) -> Group:
    """Moderators change the group's words, rules, questions and approval; only the owner (or
    its organisation's admins) change its privacy."""
    group = moderated_group(member, group_id)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: ["This can't be changed here."] for name in unknown})
    if "privacy" in changes and changes["privacy"] != group.privacy:
        mine = membership_of(member, group)
        owner = mine is not None and mine.role == Membership.Role.OWNER and mine.is_active
        if not owner and not (group.organisation and is_organisation_admin(member, group.organisation)):
            raise PermissionDenied("Only the group's owner can change who can see it.")
    if group.is_club and ({"privacy", "place_id", "radius_km", "name"} & set(changes)):
        raise ValidationError({"name": ["A due-month club's name, place and privacy are set by the site."]})
    errors: dict[str, list[str]] = {}
    fields = _clean(changes, kind=group.kind, errors=errors)
    if errors:
        raise ValidationError(errors)
    topic_names = fields.pop("topics", None)
    for name, value in fields.items():
        setattr(group, name, value)
    group.save()
    if topic_names is not None:
        group.topics.set(interests_for(topic_names))
    return group


@transaction.atomic
def do_delete_group(member: Member, group_id: int) -> None:
    """The owner closes the group for good: its posts, polls and memberships go with it."""
    group = moderated_group(member, group_id)
    mine = membership_of(member, group)
    if mine is None or mine.role != Membership.Role.OWNER:
        raise PermissionDenied("Only the group's owner can delete it.")
    group.delete()
