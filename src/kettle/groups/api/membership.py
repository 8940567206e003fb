"""Membership: the member list, joining (or asking, or accepting an invitation), leaving,
inviting by handle, roles, handing the group on, removing, bans, and invite links."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from kettle.accounts.models import Member
from kettle.api.auth import optional_auth
from kettle.api.pagination import PageParams
from kettle.core.pagination import keyset_page
from kettle.groups import actions
from kettle.groups.access import readable_group, visible_group
from kettle.groups.actions.invites import usable_invite
from kettle.groups.api.common import active_member, group_out, membership_by_handle, moderated_or_404
from kettle.groups.api.schemas import (
    GroupMemberListOut,
    GroupMemberOut,
    GroupMemberPageOut,
    GroupOut,
    HandleIn,
    InvitationOut,
    InviteIn,
    InviteOut,
    InvitePageOut,
    JoinIn,
    MembershipOut,
    RoleIn,
)
from kettle.groups.models import Group, Invite, Membership
from kettle.groups.queries import MODERATOR_ROLES, membership_of
from kettle.social.api.common import ObjectId, viewer_of
from kettle.social.schemas import AuthorOut

router = Router(tags=["group members"])

State = Membership.State


def _members(group, viewer: Member):
    """Active members the viewer may see (never anyone blocked either way), with profiles."""
    return (Membership.objects.filter(group=group, state=State.ACTIVE, member__in=Member.objects.visible_to(viewer))
            .select_related("member__profile"))


@router.get("/groups/{slug}/members", response=GroupMemberPageOut, auth=optional_auth,
            summary="Who is in a group you may read (signed in): its moderators first, then members, newest first")
def list_members(request: HttpRequest, slug: str, page: Query[PageParams]):
    if viewer_of(request) is None:
        raise Http404("No such group.")  # members are never listed to the logged-out
    group = readable_group(request.member, slug)
    members = _members(group, request.member)
    moderators = [] if page.before else list(members.filter(role__in=MODERATOR_ROLES).order_by("-role", "id"))
    found = keyset_page(members.filter(role=Membership.Role.MEMBER), before=page.before, limit=page.limit)
    return GroupMemberPageOut(moderators=[GroupMemberOut.of(m) for m in moderators],
                              items=[GroupMemberOut.of(m) for m in found.items], next_before=found.next_before)


def _membership_answer(before: Membership | None, after: Membership):
    after = Membership.objects.select_related("group").get(id=after.id)
    changed = before is None or before.state != after.state
    return Status(201 if changed else 200, MembershipOut.of(after))


@router.post("/groups/{slug}/members", response={200: MembershipOut, 201: MembershipOut},
             summary="Join a public group, accept an invitation, or ask to join a private one with answers")
def join_group(request: HttpRequest, slug: str, data: JoinIn):
    group = visible_group(request.member, slug)
    before = membership_of(request.member, group)
    membership = actions.do_join_group(request.member, group.id, answers=data.answers)
    return _membership_answer(before, membership)


@router.delete("/groups/{slug}/members/me", response={204: None},
               summary="Leave a group, withdraw your request, or turn down an invitation")
def leave_group(request: HttpRequest, slug: str):
    actions.do_leave_group(request.member, visible_group(request.member, slug).id)
    return Status(204, None)


@router.post("/groups/{slug}/invitations", response={201: InvitationOut},
             summary="Invite someone by handle (moderators only, for secret groups)")
def invite_member(request: HttpRequest, slug: str, data: HandleIn):
    group = visible_group(request.member, slug)
    membership = actions.do_invite_member(request.member, group.id, data.handle)
    invitee = Member.objects.with_profile().get(id=membership.member_id)
    return Status(201, InvitationOut(member=AuthorOut.of(invitee), state=membership.state))


@router.patch("/groups/{slug}/members/{handle}", response=GroupMemberOut,
              summary="Make a member a moderator, or a moderator a member again (the owner)")
def set_role(request: HttpRequest, slug: str, handle: str, data: RoleIn):
    group = visible_group(request.member, slug)
    target = membership_by_handle(group, handle, State.ACTIVE)
    actions.do_set_role(request.member, group.id, target.member_id, data.role)
    return GroupMemberOut.of(membership_by_handle(group, handle))


@router.post("/groups/{slug}/owner", response=GroupMemberOut,
             summary="Hand the group to another member; you stay on as a moderator")
def transfer_ownership(request: HttpRequest, slug: str, data: HandleIn):
    group = visible_group(request.member, slug)
    target = membership_by_handle(group, data.handle, State.ACTIVE)
    actions.do_transfer_ownership(request.member, group.id, target.member_id)
    return GroupMemberOut.of(membership_by_handle(group, data.handle))


@router.delete("/groups/{slug}/members/{handle}", response={204: None},
               summary="Remove a member (moderators); they may ask to join again")
def remove_member(request: HttpRequest, slug: str, handle: str):
    group = visible_group(request.member, slug)
    target = membership_by_handle(group, handle, State.ACTIVE, State.INVITED)
    actions.do_remove_member(request.member, group.id, target.member_id)
    return Status(204, None)


# --- bans ----------------------------------------------------------------------------------

@router.get("/groups/{slug}/bans", response=GroupMemberListOut, summary="Who is banned from a group (moderators)")
def list_bans(request: HttpRequest, slug: str, page: Query[PageParams]):
    group = moderated_or_404(request.member, slug)
    banned = Membership.objects.filter(group=group, state=State.BANNED, member__is_active=True).select_related(
        "member__profile")
    found = keyset_page(banned, before=page.before, limit=page.limit)
    return GroupMemberListOut(items=[GroupMemberOut.of(m) for m in found.items], next_before=found.next_before)


@router.post("/groups/{slug}/bans/{handle}", response={204: None},
             summary="Ban someone: they leave, and can't join, ask, post or be invited again")
def ban_member(request: HttpRequest, slug: str, handle: str):
    group = visible_group(request.member, slug)
    actions.do_ban_member(request.member, group.id, active_member(handle).id)
    return Status(204, None)


@router.delete("/groups/{slug}/bans/{handle}", response={204: None}, summary="Lift a ban")
def unban_member(request: HttpRequest, slug: str, handle: str):
    group = visible_group(request.member, slug)
    actions.do_unban_member(request.member, group.id, active_member(handle).id)
    return Status(204, None)


# --- invite links --------------------------------------------------------------------------

@router.get("/groups/{slug}/invites", response=InvitePageOut,
            summary="A group's invite links, newest first (moderators)")
def list_invites(request: HttpRequest, slug: str, page: Query[PageParams]):
    group = moderated_or_404(request.member, slug)
    found = keyset_page(Invite.objects.filter(group=group).select_related("created_by__profile"),
                        before=page.before, limit=page.limit)
    return InvitePageOut(items=[InviteOut.of(i) for i in found.items], next_before=found.next_before)


@router.post("/groups/{slug}/invites", response={201: InviteOut},
             summary="Make an invite link: it skips the questions and the queue, and expires")
def create_invite(request: HttpRequest, slug: str, data: InviteIn):
    group = visible_group(request.member, slug)
    invite = actions.do_create_invite(request.member, group.id, days=data.days, max_uses=data.max_uses)
    return Status(201, InviteOut.of(Invite.objects.select_related("created_by__profile").get(id=invite.id)))


@router.delete("/groups/{slug}/invites/{invite_id}", response={204: None}, summary="Turn an invite link off")
def revoke_invite(request: HttpRequest, slug: str, invite_id: ObjectId):
    group = visible_group(request.member, slug)
    actions.do_revoke_invite(request.member, group.id, invite_id)
    return Status(204, None)


@router.get("/invites/{code}", response=GroupOut, auth=optional_auth,
            summary="The group an invite link leads to, while the link works")
def invite_preview(request: HttpRequest, code: str):
    invite = usable_invite(code)
    if invite is None:
        raise Http404("This invite link has expired or been turned off.")
    # The link itself is the permission to see the group's about information, even a secret group's.
    group = Group.objects.select_related("organisation", "place").get(id=invite.group_id)
    return group_out(group, viewer_of(request))


@router.post("/invites/{code}", response={200: MembershipOut, 201: MembershipOut},
             summary="Join a group through an invite link")
def join_by_invite(request: HttpRequest, code: str):
    invite = usable_invite(code)
    before = membership_of(request.member, invite.group) if invite is not None else None
    membership = actions.do_join_by_invite(request.member, code)
    return _membership_answer(before, membership)
