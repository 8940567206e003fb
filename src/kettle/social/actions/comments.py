"""Comments with one level of replies; editing, deleting and hiding them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from kettle.accounts.models import Member
from kettle.core import ratelimit
from kettle.core.validators import no_nul
from kettle.notifications.models import Notification
from kettle.notifications.tasks import notify
from kettle.social.actions.group_posts import check_can_take_part
from kettle.social.actions.ownership import own
from kettle.social.models import Comment, Post
from kettle.social.models.posts import COMMENT_MAX
from kettle.social.text import render_with_links


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": ["Write something first."]})
    try:
        no_nul(body)
    except ValidationError as error:
        raise ValidationError({"body": error.messages})
    if len(body) > COMMENT_MAX:
        raise ValidationError({"body": [
            f"Please keep comments to {COMMENT_MAX:,} characters (this has {len(body):,})."]})
    return body


@transaction.atomic
def do_comment(member: Member, post_id: int, *, body: str, parent_id: int | None = None) -> Comment:
    """Comment on a post the member may see; a reply to a reply joins its thread."""
    post = Post.objects.visible_to(member).filter(id=post_id).select_related("author", "group").first()
    if post is None:
        raise Http404("No such post.")
    check_can_take_part(member, post)
    body = _clean_body(body)
    parent = replied_to = None
    if parent_id is not None:
        parent = replied_to = Comment.objects.visible_to(member).filter(id=parent_id, post=post).first()
        if parent is None:
            raise ValidationError({"parent_id": ["That comment isn't on this post any more."]})
        if parent.parent_id is not None:
            parent = Comment.objects.get(id=parent.parent_id)  # one level of replies
    ratelimit.hit("comment", str(member.id), settings.COMMENT_RATE,
                  message="You've commented a lot in a short time. Take a breather and try again soon.")
    rendered = render_with_links(body)
    # The author of an anonymous post stays anonymous in its thread, notifications included.
    anonymous = post.is_anonymous and member.id == post.author_id
    comment = Comment.objects.create(post=post, author=member, parent=parent, body=body, body_html=rendered.html,
                                     is_anonymous=anonymous)
    Post.objects.filter(id=post.id).update(comment_count=F("comment_count") + 1)
    actor_id = None if anonymous else member.id
    notify(post.author_id, member.id, Notification.Kind.COMMENT, post_id=post.id, comment_id=comment.id)
    # The member replied to and the thread's first commenter both hear of it (once each).
    repliers = {c.author_id for c in (parent, replied_to) if c is not None} - {post.author_id}
    for author_id in repliers:
        notify(author_id, actor_id, Notification.Kind.REPLY, post_id=post.id, comment_id=comment.id)
    if anonymous:
        return comment
    for handle in rendered.handles:
        mentioned = Member.objects.filter(handle=handle).values_list("id", flat=True).first()
        if mentioned and mentioned != post.author_id and mentioned not in repliers:
            notify(mentioned, member.id, Notification.Kind.MENTION, post_id=post.id, comment_id=comment.id)
    return comment


@transaction.atomic
def do_edit_comment(member: Member, comment_id: int, *, body: str) -> Comment:
    comment = own(Comment, member, comment_id)
    comment.body = _clean_body(body)
    comment.body_html = render_with_links(comment.body).html
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "body_html", "edited_at"])
    return comment


@transaction.atomic
def do_delete_comment(member: Member, comment_id: int) -> None:
    """The comment's author (or staff) deletes it; replies stay under a tombstone."""
    comment = Comment.objects.filter(id=comment_id, deleted_at=None).first()
    if comment is None or (comment.author_id != member.id and not member.is_staff):
        raise Http404("No such comment.")
    comment.deleted_at = timezone.now()
    comment.body, comment.body_html = "", ""
    comment.save(update_fields=["deleted_at", "body", "body_html"])
    Post.objects.filter(id=comment.post_id, comment_count__gt=0).update(comment_count=F("comment_count") - 1)
    Notification.objects.filter(comment=comment).delete()


@transaction.atomic
def do_hide_comment(member: Member, comment_id: int, *, hidden: bool = True) -> Comment:
    """The post's author hides (or shows again) a reply on their post."""
    comment = Comment.objects.visible_to(member).filter(id=comment_id).select_related("post").first()
    if comment is None:
        raise Http404("No such comment.")
    if comment.post.author_id != member.id:
        raise PermissionDenied("Only the post's author can hide replies to it.")
    comment.hidden_at = timezone.now() if hidden else None
    comment.save(update_fields=["hidden_at"])
    return comment
