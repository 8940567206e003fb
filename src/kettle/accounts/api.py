"""API endpoints for the member's own account and for other people's profiles."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field, StrictBool, StrictInt

from kettle.accounts import actions
from kettle.accounts.models import Member
from kettle.accounts.queries import children_visible_to, children_with_stages
from kettle.api.auth import optional_auth
from kettle.api.schemas import StrictIn, Text
from kettle.core.api import PlaceOut
from kettle.core.places import distance_band

router = Router(tags=["people"])


class ChildOut(Schema):
    id: int
    due_date: date | None
    birth_year: int | None
    birth_month: int | None
    weeks_early: int
    stage: str | None
    stage_words: str | None
    loss_recorded: bool


class ChildStageOut(Schema):
    stage: str
    stage_words: str


class PrivacyOut(Schema):
    children_visibility: str
    discoverable: bool
    is_public: bool
    is_locked: bool


class MeOut(Schema):
    id: int
    handle: str
    url: str
    email: str
    email_confirmed: bool
    display_name: str
    pronouns: str
    bio: str
    bio_html: str
    role: str
    avatar_url: str
    interests: list[str]
    place: PlaceOut | None
    children: list[ChildOut]
    privacy: PrivacyOut

    @staticmethod
    def of(member: Member) -> MeOut:
        profile = member.profile
        children = [
            ChildOut(id=c.id, due_date=c.due_date, birth_year=c.birth_year, birth_month=c.birth_month,
                     weeks_early=c.weeks_early, stage=s.key if s else None, stage_words=s.words if s else None,
                     loss_recorded=c.is_lost)
            for c, s in children_with_stages(list(member.children.all()))
        ]
        return MeOut(
            id=member.id, handle=member.handle, url=member.url, email=member.email,
            email_confirmed=member.email_confirmed_at is not None, display_name=profile.display_name,
            pronouns=profile.pronouns, bio=profile.bio, bio_html=profile.bio_html, role=profile.role,
            avatar_url=profile.avatar_url, interests=[i.name for i in profile.interests.all()],
            place=PlaceOut.of(profile.place) if profile.place else None, children=children,
            privacy=PrivacyOut(children_visibility=profile.children_visibility,
                               discoverable=profile.discoverable, is_public=profile.is_public,
                               is_locked=profile.is_locked),
        )


class ChildIn(StrictIn):
    id: StrictInt | None = Field(None, description="Leave out to add a child; give it to change one.")
    due_date: date | None = None
    birth_year: StrictInt | None = Field(None, ge=1900, le=2200)
    birth_month: StrictInt | None = Field(None, ge=1, le=12)
    weeks_early: StrictInt = Field(0, ge=0, le=20)
    remove: StrictBool = False


class PrivacyIn(StrictIn):
    children_visibility: Literal["everyone", "followed", "nobody"] | None = None
    discoverable: StrictBool | None = None
    is_public: StrictBool | None = None
    is_locked: StrictBool | None = None


class MePatch(StrictIn):
    display_name: Text | None = Field(None, max_length=60)
    pronouns: Text | None = Field(None, max_length=30)
    bio: Text | None = Field(None, max_length=2000)
    role: Literal["", "mum", "dad", "parent", "carer", "parent_to_be"] | None = None
    interests: list[Text] | None = Field(None, max_length=20)
    place_id: StrictInt | None = Field(None, description="A place id from GET /places; null clears it.")
    privacy: PrivacyIn | None = None
    children: list[ChildIn] | None = Field(None, max_length=20)


class PersonOut(Schema):
    id: int
    handle: str
    url: str
    display_name: str
    pronouns: str
    bio_html: str
    role: str
    avatar_url: str
    interests: list[str]
    place_name: str | None = Field(description="The town or village only; never anything finer.")
    distance_band: str | None
    children: list[ChildStageOut]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked: bool


class TokenCreated(TokenOut):
    token: str = Field(description="Shown once. Keep it somewhere safe.")


class TokenIn(Schema):
    name: Text = Field(..., min_length=1, max_length=60)


def _me(request: HttpRequest) -> Member:
    return Member.objects.with_profile().get(id=request.member.id)


@router.get("/me", response=MeOut, summary="Your own profile, children and privacy choices")
def get_me(request: HttpRequest):
    return MeOut.of(_me(request))


@router.patch("/me", response=MeOut, summary="Change your profile, children, place or privacy")
def patch_me(request: HttpRequest, data: MePatch):
    sent = data.model_dump(exclude_unset=True)
    changes = {key: value for key, value in sent.items() if key not in ("privacy", "children")}
    if "role" in changes and changes["role"] is None:
        changes["role"] = ""
    for key in ("display_name", "pronouns", "bio", "interests"):
        if key in changes and changes[key] is None:
            changes.pop(key)
    for key, value in (sent.get("privacy") or {}).items():
        if value is not None:
            changes[key] = value
    if "children" in sent and sent["children"] is not None:
        changes["children"] = [
            {k: v for k, v in child.items() if k in ("id", "remove") or v is not None} for child in sent["children"]
        ]
        for child in changes["children"]:
            child.setdefault("weeks_early", 0)
    member = _me(request)
    actions.do_update_profile(member, **changes)
    return MeOut.of(_me(request))


@router.get("/people/{handle}", response=PersonOut, auth=optional_auth,
            summary="Someone's profile, as you are allowed to see it")
def get_person(request: HttpRequest, handle: str):
    viewer = request.member
    member = get_object_or_404(Member.objects.visible_to(viewer).with_profile(), handle=handle.lower())
    profile = member.profile
    stages = [ChildStageOut(stage=s.key, stage_words=s.words)
              for _, s in children_with_stages(children_visible_to(viewer, member)) if s is not None]
    band = distance_band(viewer.profile.place, profile.place) if viewer and viewer.id != member.id else None
    return PersonOut(
        id=member.id, handle=member.handle, url=member.url, display_name=profile.display_name,
        pronouns=profile.pronouns, bio_html=profile.bio_html, role=profile.role, avatar_url=profile.avatar_url,
        interests=[i.name for i in profile.interests.all()],
        place_name=profile.place.name if profile.place else None, distance_band=band, children=stages)


def _token_out(token) -> dict:
    return {"id": token.id, "name": token.name, "prefix": token.prefix, "created_at": token.created_at,
            "last_used_at": token.last_used_at, "revoked": token.revoked_at is not None}


@router.get("/me/tokens", response=list[TokenOut], summary="Your personal access tokens")
def list_tokens(request: HttpRequest):
    return [TokenOut(**_token_out(t)) for t in request.member.access_tokens.all()]


@router.post("/me/tokens", response={201: TokenCreated}, summary="Create a personal access token")
def create_token(request: HttpRequest, data: TokenIn):
    token, raw = actions.do_create_token(request.member, name=data.name)
    return Status(201, TokenCreated(**_token_out(token), token=raw))


@router.delete("/me/tokens/{token_id}", response={204: None}, summary="Revoke a personal access token")
def revoke_token(request: HttpRequest, token_id: int):
    actions.do_revoke_token(request.member, token_id)
    return Status(204, None)
