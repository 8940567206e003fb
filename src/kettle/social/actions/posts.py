"""Publishing, editing and deleting posts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from kettle.accounts.models import Member
from kettle.core import images, ratelimit
from kettle.core.images import delete_image
from kettle.core.validators import no_nul
from kettle.groups.actions.polls import PollSpec, clean_poll, create_poll
from kettle.groups.models import Group
from kettle.notifications.models import Notification
from kettle.notifications.tasks import notify
from kettle.social.actions.group_posts import hold_for_approval, place_in_group
from kettle.social.actions.ownership import own
from kettle.social.models import FeedEntry, Hashtag, Mention, Post, PostImage, PostRevision
from kettle.social.models.posts import BLOG_MAX, CONTENT_NOTE_MAX, TITLE_MAX, UPDATE_MAX
from kettle.social.tasks import FanOut
from kettle.social.text import render_with_links

MAX_IMAGES = 4
IMAGE_SIDE = 2048


@dataclass
class ImageUpload:
    file: object
    alt_text: str = ""


def _clean_post_fields(*, kind: str, audience: str, title: str, body: str, content_note: str,
                       in_group: bool | None = None) -> dict:
    in_group = audience == Post.Audience.GROUP if in_group is None else in_group
    errors: dict[str, list[str]] = {}
    if kind not in Post.Kind.values:
        errors["kind"] = ["Choose an update or a blog post."]
    if audience not in Post.Audience.values or (audience == Post.Audience.GROUP) != in_group:
        errors["audience"] = ["Choose who can see this: everyone, or your followers."]
    for name, value in (("body", body), ("title", title), ("content_note", content_note)):
        try:
            no_nul(value)
        except ValidationError as error:
            errors[name] = error.messages
    body = (body or "").strip()
    title = " ".join((title or "").split())
    limit = BLOG_MAX if kind == Post.Kind.BLOG else UPDATE_MAX
    if not body:
        errors["body"] = ["Write something first."]
    elif len(body) > limit:
        errors["body"] = [f"Please keep this to {limit:,} characters (it has {len(body):,})."
                          + (" For longer stories, write a blog post." if kind != Post.Kind.BLOG else "")]
    if kind == Post.Kind.BLOG and not title:
        errors["title"] = ["A blog post needs a title."]
    if len(title) > TITLE_MAX:
        errors["title"] = [f"Please keep the title to {TITLE_MAX} characters."]
    note = " ".join((content_note or "").split())
    if len(note) > CONTENT_NOTE_MAX:
        errors["content_note"] = [f"Please keep the content note to {CONTENT_NOTE_MAX} characters."]
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "audience": audience, "title": title if kind == Post.Kind.BLOG else "", "body": body,
            "content_note": note}


def _store_images(uploads: list[ImageUpload], *, cover: ImageUpload | None = None
                  ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Store the images and the cover, or (on any error) none of them."""
    stored: list[tuple[str, str]] = []
    try:
        for field, upload in [(f"images.{i}", u) for i, u in enumerate(uploads)] + [("cover", cover)] * bool(cover):
            alt = " ".join((upload.alt_text or "").split())
            if len(alt) > 300:
                raise ValidationError({f"{field}.alt_text": ["Please keep descriptions to 300 characters."]})
            try:
                stored.append((images.store_image(upload.file, folder="posts", max_side=IMAGE_SIDE), alt))
            except ValidationError as error:
                raise ValidationError({field: error.messages})
    except ValidationError:
        for path, _ in stored:
            images.delete_image(path)
        raise
    return (stored[:-1], stored[-1:]) if cover is not None else (stored, [])


def _known_hashtags(names: list[str]) -> dict[str, Hashtag]:
    """The hashtags that exist already, looked up before a transaction needs them."""
    return {tag.name: tag for tag in Hashtag.objects.filter(name__in=[name[:60] for name in names])} if names else {}


def _link_tags_and_mentions(post: Post, hashtags: list[str], handles: list[str], actor: Member,
                            notify_new: bool = True, *, new_post: bool = False,
                            known: dict[str, Hashtag] | None = None) -> None:
    """Link the post's hashtags and mentions to what its words now say. A new post has none
    linked yet, so nothing is read back or unlinked (the posting transaction stays short)."""
    known = known or {}
    tags = []
    for name in hashtags:
        tag = known.get(name[:60]) or Hashtag.objects.get_or_create(name=name[:60])[0]
        tags.append(tag)
    if new_post:
        post.hashtags.add(*tags)
    else:
        post.hashtags.set(tags)
    members = list(Member.objects.filter(handle__in=handles, is_active=True)) if handles else []
    already: set[str] = set()
    if not new_post:
        already = set(post.mentions.values_list("member__handle", flat=True))
        dropped = post.mentions.exclude(member__in=members)
        Notification.objects.filter(post=post, comment=None, kind=Notification.Kind.MENTION,
                                    recipient__in=dropped.values("member")).delete()
        dropped.delete()
    for member in members:
        Mention.objects.get_or_create(post=post, member=member)
        if notify_new and member.handle not in already:
            notify(member.id, actor.id, Notification.Kind.MENTION, post_id=post.id)


POSTING_TOO_FAST = "You've posted a lot in a short time. Take a breather and try again soon."


def _check_posting_rate(author: Member) -> None:
    """The flood limit (POST_RATE posts in a sliding window), read from the author's own
    newest posts: a posting needs no cache writes of its own, which on SQLite were two more
    turns at the write lock for every post. Deleted posts still count."""
    allowed, seconds = ratelimit.parse_rate(settings.POST_RATE)
    nth_newest = list(Post.objects.filter(author=author).order_by("-id")
                      .values_list("created_at", flat=True)[allowed - 1:allowed])
    if nth_newest:
        free_at = nth_newest[0] + timedelta(seconds=seconds)
        wait = (free_at - timezone.now()).total_seconds()
        if wait > 0:
            raise ratelimit.RateLimited(retry_after=wait, message=POSTING_TOO_FAST)


def do_create_post(author: Member, *, body: str, kind: str = Post.Kind.UPDATE, audience: str = Post.Audience.PUBLIC,
                   title: str = "", content_note: str = "", vent_mode: bool = False,
                   images: list[ImageUpload] | None = None, cover: ImageUpload | None = None,
                   group_id: int | None = None, anonymous: bool = False, poll: PollSpec | None = None) -> Post:
    """Publish a post and queue its fan-out. The only way a post is created.

    In a group (group_id), only members post; the group decides whether it waits for a
    moderator's approval, and whether it may be anonymous. A poll comes with its post."""
    placement = place_in_group(author, group_id, kind=kind, anonymous=anonymous)
    if placement is not None:
        audience = Post.Audience.GROUP
    fields = _clean_post_fields(kind=kind, audience=audience, title=title, body=body, content_note=content_note,
                                in_group=placement is not None)
    poll = clean_poll(poll) if poll is not None else None
    uploads = list(images or [])
    if len(uploads) > MAX_IMAGES:
        raise ValidationError({"images": [f"Up to {MAX_IMAGES} images per post, please."]})
    if cover is not None and kind != Post.Kind.BLOG:
        raise ValidationError({"cover": ["Only blog posts have a cover image."]})
    _check_posting_rate(author)
    stored, cover_stored = _store_images(uploads, cover=cover)
    rendered = render_with_links(fields["body"])
    # Worked out before the transaction: on SQLite it holds the write lock for every writer.
    known_tags = _known_hashtags(rendered.hashtags)
    fan_out = None
    if placement is None or not placement.held:
        fan_out = FanOut.prepare(author.id, group_id=placement.group.id if placement else None,
                                 anonymous=bool(placement and placement.anonymous))
    try:
        with transaction.atomic():
            post = Post.objects.create(author=author, body_html=rendered.html, vent_mode=bool(vent_mode),
                                       cover_image=cover_stored[0][0] if cover_stored else "",
                                       cover_alt=cover_stored[0][1] if cover_stored else "",
                                       group=placement.group if placement else None,
                                       is_anonymous=bool(placement and placement.anonymous),
                                       held_at=timezone.now() if placement and placement.held else None, **fields)
            PostImage.objects.bulk_create([PostImage(post=post, path=path, alt_text=alt, position=i)
                                           for i, (path, alt) in enumerate(stored)])
            # An anonymous author's mentions still link, but nobody is told who mentioned them.
            _link_tags_and_mentions(post, rendered.hashtags, rendered.handles, author,
                                    notify_new=not post.is_anonymous, new_post=True, known=known_tags)
            if poll is not None:
                create_poll(post, poll)
            if fan_out is None:
                FeedEntry.objects.create(member=author, post=post, author=author,
                                         group=post.group)  # the author sees it at once
                hold_for_approval(post)
            else:
                fan_out.spread(post)  # the author's own row with the first of the audience's
    except Exception:
        for path, _ in stored + cover_stored:
            delete_image(path)  # the `images` argument hides the module here
        raise
    return post


@transaction.atomic
def do_edit_post(member: Member, post_id: int, *, body: str, title: str | None = None,
                 content_note: str | None = None, vent_mode: bool | None = None) -> Post:
    """Change a post's words. The earlier version is kept for readers to look back at."""
    post = own(Post, member, post_id)
    fields = _clean_post_fields(kind=post.kind, audience=post.audience,
                                title=post.title if title is None else title, body=body,
                                content_note=post.content_note if content_note is None else content_note)
    if (fields["body"], fields["title"], fields["content_note"]) == (post.body, post.title, post.content_note) \
            and (vent_mode is None or vent_mode == post.vent_mode):
        return post
    PostRevision.objects.create(post=post, title=post.title, body=post.body, body_html=post.body_html,
                                content_note=post.content_note, created_at=post.edited_at or post.created_at)
    rendered = render_with_links(fields["body"])
    post.title, post.body, post.content_note = fields["title"], fields["body"], fields["content_note"]
    post.body_html = rendered.html
    if vent_mode is not None:
        post.vent_mode = bool(vent_mode)
    post.edited_at = timezone.now()
    post.save(update_fields=["title", "body", "body_html", "content_note", "vent_mode", "edited_at"])
    _link_tags_and_mentions(post, rendered.hashtags, rendered.handles, member, notify_new=not post.is_anonymous)
    return post


@transaction.atomic
def do_delete_post(member: Member, post_id: int) -> None:
    """Delete a post: gone from feeds, tags, search, notifications and the API. Its comment
    thread stays readable under a tombstone."""
    post = Post.objects.filter(id=post_id, deleted_at=None).filter(author=member).first()
    if post is None and member.is_staff:
        post = Post.objects.filter(id=post_id, deleted_at=None).first()
    if post is None:  # a group's moderators remove posts from their group
        post = Post.objects.filter(id=post_id, deleted_at=None,
                                   group__in=Group.objects.moderated_by(member).values("id")).first()
    if post is None:
        raise Http404("No such post.")
    post.deleted_at = timezone.now()
    post.save(update_fields=["deleted_at"])
    FeedEntry.objects.filter(post=post).delete()
    post.hashtags.clear()
    Notification.objects.filter(post=post).delete()
    paths = [image.path for image in post.images.all()] + ([post.cover_image] if post.cover_image else [])
    post.images.all().delete()
    transaction.on_commit(lambda: [images.delete_image(path) for path in paths])
