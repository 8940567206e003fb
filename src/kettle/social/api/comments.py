"""Comments on posts, with one level of replies; editing, deleting and hiding them."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from kettle.accounts.models import Member
from kettle.api.auth import optional_auth
from kettle.api.pagination import PageParams
from kettle.core.pagination import keyset_page
from kettle.groups.queries import can_moderate
from kettle.social import actions
from kettle.social.api.common import ObjectId, viewer_of, visible_post
from kettle.social.models import Comment
from kettle.social.schemas import CommentIn, CommentOut, CommentPageOut, CommentPatch

router = Router(tags=["comments"])


def visible_comment(viewer: Member | None, comment_id: int) -> Comment:
    comment = (Comment.objects.visible_to(viewer).select_related("author__profile", "post__author", "post__group")
               .filter(id=comment_id).first())
    if comment is None:
        raise Http404("No such comment.")
    return comment


@router.get("/posts/{post_id}/comments", response=CommentPageOut, auth=optional_auth,
            summary="A post's comments and replies, newest first; replies carry parent_id")
def list_comments(request: HttpRequest, post_id: ObjectId, page: Query[PageParams]):
    viewer = viewer_of(request)
    post = visible_post(viewer, post_id)
    comments = Comment.objects.visible_to(viewer).filter(post=post).select_related("author__profile")
    found = keyset_page(comments, before=page.before, limit=page.limit)
    for comment in found.items:
        comment.post = post  # every comment here is on this post: no query per comment for its url
    reveal = post.is_anonymous and post.group is not None and can_moderate(viewer, post.group)
    return CommentPageOut(items=[CommentOut.of(c, viewer, reveal_anonymous=reveal) for c in found.items],
                          next_before=found.next_before)


@router.post("/posts/{post_id}/comments", response={201: CommentOut}, summary="Comment on a post, or reply")
def create_comment(request: HttpRequest, post_id: ObjectId, data: CommentIn):
    comment = actions.do_comment(request.member, post_id, body=data.body, parent_id=data.parent_id)
    return Status(201, CommentOut.of(visible_comment(request.member, comment.id), request.member))


@router.patch("/comments/{comment_id}", response=CommentOut, summary="Change your comment")
def edit_comment(request: HttpRequest, comment_id: ObjectId, data: CommentPatch):
    visible_comment(request.member, comment_id)
    actions.do_edit_comment(request.member, comment_id, body=data.body)
    return CommentOut.of(visible_comment(request.member, comment_id), request.member)


@router.delete("/comments/{comment_id}", response={204: None},
               summary="Delete your comment; replies stay under a tombstone")
def delete_comment(request: HttpRequest, comment_id: ObjectId):
    actions.do_delete_comment(request.member, comment_id)
    return Status(204, None)


@router.post("/comments/{comment_id}/hide", response=CommentOut,
             summary="Hide a reply on your post (it stays visible to its writer and you)")
def hide_comment(request: HttpRequest, comment_id: ObjectId):
    actions.do_hide_comment(request.member, comment_id, hidden=True)
    return CommentOut.of(visible_comment(request.member, comment_id), request.member)


@router.post("/comments/{comment_id}/unhide", response=CommentOut, summary="Show a hidden reply again")
def unhide_comment(request: HttpRequest, comment_id: ObjectId):
    actions.do_hide_comment(request.member, comment_id, hidden=False)
    return CommentOut.of(visible_comment(request.member, comment_id), request.member)
