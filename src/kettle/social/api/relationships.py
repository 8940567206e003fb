"""Follows (with requests for locked profiles), follower lists, blocks and mutes."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from kettle.accounts.models import Member
from kettle.api.auth import optional_auth
from kettle.api.pagination import PageParams
from kettle.core.pagination import keyset_page
from kettle.social import actions
from kettle.social.actions import FollowState
from kettle.social.api.common import clean_handle, viewer_of, visible_member
from kettle.social.models import Block, Follow, FollowRequest, Mute
from kettle.social.schemas import (
    AuthorOut,
    FollowRequestOut,
    FollowRequestPageOut,
    FollowStateOut,
    HandleIn,
    PersonListOut,
)

router = Router(tags=["relationships"])


def _person_page(queryset, field: str, page: PageParams) -> PersonListOut:
    """A page of follows, blocks or mutes, keyed by the relationship's id, showing `field`."""
    found = keyset_page(queryset.select_related(f"{field}__profile"), before=page.before, limit=page.limit)
    return PersonListOut(items=[AuthorOut.of(getattr(row, field)) for row in found.items],
                         next_before=found.next_before)


def _any_active_member(handle: str) -> Member:
    """For blocking: a member must always be able to block someone, whoever blocked whom first."""
    member = Member.objects.with_profile().filter(handle=clean_handle(handle), is_active=True).first()
    if member is None:
        raise Http404("No such member.")
    return member


def _state(viewer: Member, member: Member) -> FollowState:
    if Follow.objects.filter(follower=viewer, followee=member).exists():
        return FollowState.FOLLOWING
    if FollowRequest.objects.filter(follower=viewer, followee=member).exists():
        return FollowState.REQUESTED
    return FollowState.NONE


# --- following ----------------------------------------------------------------------------

@router.get("/people/{handle}/follow", response=FollowStateOut, summary="Whether you follow someone")
def follow_state(request: HttpRequest, handle: str):
    return FollowStateOut(state=_state(request.member, visible_member(request.member, handle)))


@router.post("/people/{handle}/follow", response=FollowStateOut,
             summary="Follow someone, or ask to if their profile is locked")
def follow(request: HttpRequest, handle: str):
    return FollowStateOut(state=actions.do_follow(request.member, visible_member(request.member, handle)))


@router.delete("/people/{handle}/follow", response=FollowStateOut,
               summary="Stop following someone, or withdraw your request")
def unfollow(request: HttpRequest, handle: str):
    actions.do_unfollow(request.member, visible_member(request.member, handle))
    return FollowStateOut(state=FollowState.NONE)


def _network_of(viewer: Member | None, handle: str) -> Member:
    """Whose follow lists the viewer may read: a locked profile shows them only to its approved
    followers; everyone listed must be someone the viewer may see."""
    member = visible_member(viewer, handle)
    if member.profile.is_locked and (viewer is None or (
            viewer.id != member.id and not Follow.objects.filter(follower=viewer, followee=member).exists())):
        raise Http404("No such list.")
    return member


@router.get("/people/{handle}/followers", response=PersonListOut, auth=optional_auth,
            summary="Who follows someone, among people you may see; newest follow first")
def followers(request: HttpRequest, handle: str, page: Query[PageParams]):
    viewer = viewer_of(request)
    member = _network_of(viewer, handle)
    follows = Follow.objects.filter(followee=member, follower__in=Member.objects.visible_to(viewer))
    return _person_page(follows, "follower", page)


@router.get("/people/{handle}/following", response=PersonListOut, auth=optional_auth,
            summary="Who someone follows, among people you may see; newest follow first")
def following(request: HttpRequest, handle: str, page: Query[PageParams]):
    viewer = viewer_of(request)
    member = _network_of(viewer, handle)
    follows = Follow.objects.filter(follower=member, followee__in=Member.objects.visible_to(viewer))
    return _person_page(follows, "followee", page)


@router.delete("/me/followers/{handle}", response={204: None}, summary="Quietly stop someone following you")
def remove_follower(request: HttpRequest, handle: str):
    actions.do_remove_follower(request.member, visible_member(request.member, handle).id)
    return Status(204, None)


# --- follow requests ----------------------------------------------------------------------

@router.get("/me/follow-requests", response=FollowRequestPageOut,
            summary="People asking to follow you, newest first")
def follow_requests(request: HttpRequest, page: Query[PageParams]):
    asks = FollowRequest.objects.filter(followee=request.member, follower__is_active=True).select_related(
        "follower__profile")
    found = keyset_page(asks, before=page.before, limit=page.limit)
    return FollowRequestPageOut(
        items=[FollowRequestOut(id=a.id, member=AuthorOut.of(a.follower), created_at=a.created_at)
               for a in found.items],
        next_before=found.next_before)


@router.post("/me/follow-requests/{handle}/approve", response={204: None}, summary="Let someone follow you")
def approve_follow_request(request: HttpRequest, handle: str):
    actions.do_approve_follow_request(request.member, visible_member(request.member, handle).id)
    return Status(204, None)


@router.post("/me/follow-requests/{handle}/decline", response={204: None}, summary="Turn down a follow request")
def decline_follow_request(request: HttpRequest, handle: str):
    actions.do_decline_follow_request(request.member, visible_member(request.member, handle).id)
    return Status(204, None)


# --- blocks and mutes ---------------------------------------------------------------------

@router.get("/blocks", response=PersonListOut, summary="People you blocked, newest first")
def list_blocks(request: HttpRequest, page: Query[PageParams]):
    return _person_page(Block.objects.filter(blocker=request.member, blocked__is_active=True), "blocked", page)


@router.post("/blocks", response={201: AuthorOut},
             summary="Block someone: neither of you sees the other, and follows both ways end")
def block(request: HttpRequest, data: HandleIn):
    target = _any_active_member(data.handle)
    actions.do_block(request.member, target)
    return Status(201, AuthorOut.of(target))


@router.delete("/blocks/{handle}", response={204: None}, summary="Unblock someone")
def unblock(request: HttpRequest, handle: str):
    actions.do_unblock(request.member, _any_active_member(handle).id)
    return Status(204, None)


@router.get("/mutes", response=PersonListOut, summary="People you muted, newest first")
def list_mutes(request: HttpRequest, page: Query[PageParams]):
    return _person_page(Mute.objects.filter(muter=request.member, muted__is_active=True), "muted", page)


@router.post("/mutes", response={201: AuthorOut},
             summary="Mute someone: their posts and notifications leave your feeds; they aren't told")
def mute(request: HttpRequest, data: HandleIn):
    target = visible_member(request.member, data.handle)
    actions.do_mute(request.member, target)
    return Status(201, AuthorOut.of(target))


@router.delete("/mutes/{handle}", response={204: None}, summary="Unmute someone")
def unmute(request: HttpRequest, handle: str):
    actions.do_unmute(request.member, _any_active_member(handle).id)
    return Status(204, None)
