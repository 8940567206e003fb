"""API schemas for groups and membership. Inputs and outputs are separate; outputs are built
explicitly from what the queries return, never by serialising a model."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt, StringConstraints

from kettle.api.schemas import StrictIn, Text
from kettle.groups.models import Group, Invite, Membership, Organisation
from kettle.groups.models.groups import ANSWER_MAX, DESCRIPTION_MAX, MAX_QUESTIONS, NAME_MAX, QUESTION_MAX, RULES_MAX
from kettle.social.schemas import AuthorOut, GroupRefOut

GroupKind = Literal["local", "due_month", "interest"]
Privacy = Literal["public", "private", "secret"]
Approval = Literal["none", "first", "all"]
Role = Literal["owner", "moderator", "member"]
MembershipState = Literal["active", "pending", "invited", "banned"]
Radius = Literal[5, 15, 30]
DbId = Annotated[StrictInt, Field(ge=1, le=2**63 - 1)]
Slug = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
MAX_TOPICS = 20


# --- groups --------------------------------------------------------------------------------

class ClubOut(Schema):
    kind: Literal["due", "born"] = Field(description="Parents whose babies are due, or were born, that month.")
    month: str = Field(description="The club's month, as YYYY-MM.")


class OrganisationRefOut(Schema):
    slug: str
    name: str
    url: str
    verified: bool

    @staticmethod
    def of(organisation: Organisation) -> OrganisationRefOut:
        return OrganisationRefOut(slug=organisation.slug, name=organisation.name, url=organisation.url,
                                  verified=organisation.is_verified)


class MeInGroupOut(Schema):
    state: MembershipState | None = Field(description="Your membership: null if you have none.")
    role: Role | None
    moderator: bool = Field(description="You may moderate the group (its owner, a moderator, an admin of its "
                                        "organisation, or staff for the clubs the site runs).")


class GroupOut(Schema):
    id: int
    slug: str
    url: str
    name: str
    kind: GroupKind
    privacy: Privacy
    description_html: str
    rules_html: str
    questions: list[str] = Field(description="Asked of everyone who asks to join a private group.")
    place: str | None = Field(description="A local group's town (or a club's area town): its name only.")
    radius_km: int | None = Field(description="How far around its place the group reaches.")
    club: ClubOut | None = Field(description="Set for due-month clubs.")
    topics: list[str]
    organisation: OrganisationRefOut | None
    post_approval: Approval = Field(description="Which posts wait for a moderator: none, members' first, or all.")
    allow_anonymous: bool
    member_count: int
    created_at: datetime
    me: MeInGroupOut | None = Field(description="Where you stand in the group; null when logged out.")

    @staticmethod
    def of(group: Group, me: MeInGroupOut | None) -> GroupOut:
        club = (ClubOut(kind=group.club_kind, month=f"{group.club_month:%Y-%m}")
                if group.is_club and group.club_month else None)
        return GroupOut(
            id=group.id, slug=group.slug, url=group.url, name=group.name, kind=group.kind, privacy=group.privacy,
            description_html=group.description_html, rules_html=group.rules_html, questions=list(group.questions),
            place=group.place.name if group.place_id else None, radius_km=group.radius_km, club=club,
            topics=[topic.name for topic in group.topics.all()],
            organisation=OrganisationRefOut.of(group.organisation) if group.organisation_id else None,
            post_approval=group.post_approval, allow_anonymous=group.allow_anonymous,
            member_count=group.member_count, created_at=group.created_at, me=me)


class GroupPageOut(Schema):
    items: list[GroupOut]
    next_before: int | None = Field(None, description="Pass as ?before= to get the next page; null at the end.")


class SuggestionOut(Schema):
    group: GroupOut
    reason: str = Field(description='Why it is suggested, e.g. "Local to you (under 5 km)".')


class GroupListQuery(Schema):
    q: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = Field(
        None, description="Find groups by name, description or topic (returns one page of the best matches).")
    kind: GroupKind | None = None
    mine: bool = Field(False, description="Only groups you belong to, asked to join, or were invited to.")
    before: int | None = Field(None, ge=1, le=2**63 - 1, description="Show groups older than this id.")
    limit: int = Field(20, ge=1, le=40)


class _GroupFields(StrictIn):
    description: Text | None = Field(None, max_length=DESCRIPTION_MAX, description="Markdown.")
    rules: Text | None = Field(None, max_length=RULES_MAX, description="Markdown, shown when joining and beside "
                                                                         "the feed.")
    privacy: Privacy | None = None
    place_id: DbId | None = Field(None, description="A local group's town: a place id from GET /places.")
    radius_km: Radius | None = Field(None, description="How far a local group reaches.")
    topics: list[Annotated[Text, Field(max_length=40)]] | None = Field(None, max_length=MAX_TOPICS)
    post_approval: Approval | None = None
    allow_anonymous: StrictBool | None = None
    questions: list[Annotated[Text, Field(max_length=QUESTION_MAX)]] | None = Field(
        None, max_length=MAX_QUESTIONS, description="Up to three questions for people asking to join.")


class GroupIn(_GroupFields):
    name: Text = Field(..., max_length=NAME_MAX)
    kind: Literal["local", "interest"] = Field("interest", description="Due-month clubs are made by the site.")
    privacy: Privacy = "private"
    organisation: Slug | None = Field(None, description="Run it for an organisation you are an admin of "
                                                        "(its slug).")


class GroupPatch(_GroupFields):
    """Only what is sent changes. Only the owner changes privacy."""

    name: Text | None = Field(None, max_length=NAME_MAX)


# --- membership ----------------------------------------------------------------------------

class JoinIn(StrictIn):
    answers: list[Annotated[Text, Field(max_length=ANSWER_MAX)]] = Field(
        default_factory=list, max_length=MAX_QUESTIONS,
        description="Answers to the group's questions, in order (private groups).")


class MembershipOut(Schema):
    group: GroupRefOut
    state: MembershipState
    role: Role
    joined_at: datetime | None

    @staticmethod
    def of(membership: Membership) -> MembershipOut:
        return MembershipOut(group=GroupRefOut.of(membership.group), state=membership.state, role=membership.role,
                             joined_at=membership.joined_at)


class GroupMemberOut(Schema):
    id: int = Field(description="The membership's id (use it as ?before=).")
    member: AuthorOut
    role: Role
    joined_at: datetime | None

    @staticmethod
    def of(membership: Membership) -> GroupMemberOut:
        return GroupMemberOut(id=membership.id, member=AuthorOut.of(membership.member), role=membership.role,
                              joined_at=membership.joined_at)


class GroupMemberPageOut(Schema):
    moderators: list[GroupMemberOut] = Field(description="The owner and moderators, on the first page only.")
    items: list[GroupMemberOut] = Field(description="Everyone else, newest member first.")
    next_before: int | None = None


class AnswerOut(Schema):
    question: str
    answer: str


class JoinRequestOut(Schema):
    id: int
    member: AuthorOut
    answers: list[AnswerOut]
    created_at: datetime

    @staticmethod
    def of(membership: Membership, questions: list[str]) -> JoinRequestOut:
        answers = list(membership.answers or [])
        return JoinRequestOut(
            id=membership.id, member=AuthorOut.of(membership.member), created_at=membership.created_at,
            answers=[AnswerOut(question=q, answer=answers[i] if i < len(answers) else "")
                     for i, q in enumerate(questions)])


class JoinRequestPageOut(Schema):
    items: list[JoinRequestOut]
    next_before: int | None = None


class GroupMemberListOut(Schema):
    items: list[GroupMemberOut]
    next_before: int | None = None


class HandleIn(StrictIn):
    handle: Text = Field(..., min_length=1, max_length=31, description="A member's handle, with or without @.")


class RoleIn(StrictIn):
    role: Literal["moderator", "member"] = Field(..., description="To hand the group on, use POST .../owner.")


class InvitationOut(Schema):
    member: AuthorOut
    state: MembershipState = Field(description="invited; active if they had asked and a moderator invited them.")


# --- invite links --------------------------------------------------------------------------

class InviteIn(StrictIn):
    days: StrictInt = Field(7, ge=1, le=30, description="How long the link works.")
    max_uses: StrictInt | None = Field(None, ge=1, le=1000, description="How many people may use it; null: no limit.")


class InviteOut(Schema):
    id: int
    code: str
    url: str
    created_by: AuthorOut
    created_at: datetime
    expires_at: datetime
    max_uses: int | None
    uses: int
    revoked: bool
    usable: bool

    @staticmethod
    def of(invite: Invite) -> InviteOut:
        return InviteOut(id=invite.id, code=invite.code, url=invite.url, created_by=AuthorOut.of(invite.created_by),
                         created_at=invite.created_at, expires_at=invite.expires_at, max_uses=invite.max_uses,
                         uses=invite.uses, revoked=invite.revoked_at is not None, usable=invite.is_usable())


class InvitePageOut(Schema):
    items: list[InviteOut]
    next_before: int | None = None


# --- organisations -------------------------------------------------------------------------

class OrganisationOut(OrganisationRefOut):
    id: int
    description_html: str
    area: str = Field(description='The area it serves, in words, e.g. "Across Suffolk".')
    place: str | None = Field(description="The town at the centre of its area: its name only.")
    website: str
    verified_at: datetime | None

    @staticmethod
    def of(organisation: Organisation) -> OrganisationOut:
        return OrganisationOut(
            id=organisation.id, slug=organisation.slug, name=organisation.name, url=organisation.url,
            verified=organisation.is_verified, verified_at=organisation.verified_at,
            description_html=organisation.description_html, area=organisation.area,
            place=organisation.place.name if organisation.place_id else None, website=organisation.website)


class TeamMemberOut(Schema):
    member: AuthorOut
    role: Literal["admin", "team"]
    title: str


class OrganisationDetailOut(OrganisationOut):
    team: list[TeamMemberOut] = Field(description="Its team, among people you may see.")
    groups: list[GroupRefOut] = Field(description="The groups it runs that you may see.")


class OrganisationPageOut(Schema):
    items: list[OrganisationOut]
    next_before: int | None = None


class _OrganisationFields(StrictIn):
    description: Text | None = Field(None, max_length=4000, description="Markdown.")
    place_id: DbId | None = Field(None, description="The town at the centre of its area: an id from GET /places.")
    area: Text | None = Field(None, max_length=120)
    website: Text | None = Field(None, max_length=300, description="Its full address, starting https://")


class OrganisationIn(_OrganisationFields):
    name: Text = Field(..., max_length=120)


class OrganisationPatch(_OrganisationFields):
    name: Text | None = Field(None, max_length=120, description="A new name is checked again by staff.")


class TeamIn(StrictIn):
    handle: Text = Field(..., min_length=1, max_length=31)
    role: Literal["admin", "team"] = "team"
    title: Text = Field("", max_length=60, description='e.g. "Baby massage teacher".')


# --- polls ---------------------------------------------------------------------------------

class VoteIn(StrictIn):
    options: list[DbId] = Field(..., min_length=1, max_length=10, description="The ids of the options you choose.")


class PollVoterOut(Schema):
    id: int = Field(description="Use it as ?before= for the next page.")
    option_id: int
    member: AuthorOut


class PollVoterPageOut(Schema):
    items: list[PollVoterOut]
    next_before: int | None = None
