"""A group's moderators at work: requests to join, the queue of held posts, and pins. The
lists are a 404 to anyone who doesn't moderate the group; the changes go through the actions,
which say why not."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from kettle.accounts.models import Member
from kettle.api.pagination import PageParams
from kettle.core.pagination import keyset_page
from kettle.groups import actions
from kettle.groups.access import visible_group
from kettle.groups.api.common import moderated_or_404, post_list
from kettle.groups.api.schemas import JoinRequestOut, JoinRequestPageOut, MembershipOut
from kettle.groups.models import Membership
from kettle.social.api.common import ObjectId, post_out, visible_post
from kettle.social.models import Post
from kettle.social.schemas import PostOut, PostPageOut

router = Router(tags=["group moderation"])


# --- requests to join ----------------------------------------------------------------------

@router.get("/groups/{slug}/requests", response=JoinRequestPageOut,
            summary="Requests to join, with their answers, newest first (moderators)")
def list_requests(request: HttpRequest, slug: str, page: Query[PageParams]):
    group = moderated_or_404(request.member, slug)
    pending = (Membership.objects.filter(group=group, state=Membership.State.PENDING,
                                         member__in=Member.objects.visible_to(request.member))
               .select_related("member__profile"))
    found = keyset_page(pending, before=page.before, limit=page.limit)
    return JoinRequestPageOut(items=[JoinRequestOut.of(m, group.questions) for m in found.items],
                              next_before=found.next_before)


@router.post("/groups/{slug}/requests/{member_id}/approve", response=MembershipOut,
             summary="Let someone in: they see the group's posts from now on")
def approve_request(request: HttpRequest, slug: str, member_id: ObjectId):
    group = visible_group(request.member, slug)
    membership = actions.do_approve_request(request.member, group.id, member_id)
    return MembershipOut.of(Membership.objects.select_related("group").get(id=membership.id))


@router.post("/groups/{slug}/requests/{member_id}/decline", response={204: None},
             summary="Decline a request quietly; they may ask again later")
def decline_request(request: HttpRequest, slug: str, member_id: ObjectId):
    group = visible_group(request.member, slug)
    actions.do_decline_request(request.member, group.id, member_id)
    return Status(204, None)


# --- held posts and pins -------------------------------------------------------------------

@router.get("/groups/{slug}/queue", response=PostPageOut,
            summary="Posts waiting for approval, newest first (moderators)")
def queue(request: HttpRequest, slug: str, page: Query[PageParams]):
    group = moderated_or_404(request.member, slug)
    held = Post.objects.visible_to(request.member).filter(group=group, held_at__isnull=False)
    return post_list(held, request.member, page)


def _group_post_out(viewer: Member, post_id: int) -> PostOut:
    return post_out(visible_post(viewer, post_id), viewer)


@router.post("/groups/{slug}/posts/{post_id}/approve", response=PostOut,
             summary="Publish a held post: it reaches members' home timelines")
def approve_post(request: HttpRequest, slug: str, post_id: ObjectId):
    group = visible_group(request.member, slug)
    actions.do_approve_post(request.member, group.id, post_id)
    return _group_post_out(request.member, post_id)


@router.post("/groups/{slug}/posts/{post_id}/decline", response={204: None},
             summary="Decline a held post: it is deleted")
def decline_post(request: HttpRequest, slug: str, post_id: ObjectId):
    group = visible_group(request.member, slug)
    actions.do_decline_post(request.member, group.id, post_id)
    return Status(204, None)


@router.post("/groups/{slug}/posts/{post_id}/pin", response=PostOut,
             summary="Pin a post to the top of the group (up to three)")
def pin_post(request: HttpRequest, slug: str, post_id: ObjectId):
    group = visible_group(request.member, slug)
    actions.do_pin_post(request.member, group.id, post_id, pinned=True)
    return _group_post_out(request.member, post_id)


@router.delete("/groups/{slug}/posts/{post_id}/pin", response=PostOut, summary="Unpin a post")
def unpin_post(request: HttpRequest, slug: str, post_id: ObjectId):
    group = visible_group(request.member, slug)
    actions.do_pin_post(request.member, group.id, post_id, pinned=False)
    return _group_post_out(request.member, post_id)
