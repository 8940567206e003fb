"""API schemas for posts, comments, reactions, timelines, blogs and relationships.

Inputs and outputs are separate; outputs are built explicitly with `Out.of(...)` from what the
queries return, never by serialising a model. The post outputs a timeline sends by the
page are constructed, not validated (it is our own output, typed here, and validating
twenty posts' worth twice cost more than the page's queries); tests check each against its
schema (tests/api/test_output_schemas.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt

from kettle.accounts.models import Member
from kettle.api.schemas import StrictIn, Text
from kettle.groups.models.polls import MAX_OPTIONS, MIN_OPTIONS, OPTION_MAX
from kettle.social.models import BlogRollEntry, Comment, Post, PostImage, PostRevision
from kettle.social.models.posts import BLOG_MAX, COMMENT_MAX, CONTENT_NOTE_MAX, TITLE_MAX
from kettle.social.timelines import PostCard

ReactionKind = Literal["hug", "me_too", "helpful"]
REACTION_KINDS: tuple[str, ...] = ("hug", "me_too", "helpful")


# --- people ------------------------------------------------------------------------------

class AuthorOut(Schema):
    id: int
    handle: str
    display_name: str
    url: str
    avatar_url: str

    @staticmethod
    def of(member: Member) -> AuthorOut:
        profile = getattr(member, "profile", None)
        return AuthorOut.model_construct(id=member.id, handle=member.handle, display_name=member.display_name,
                                         url=member.url, avatar_url=profile.avatar_url if profile is not None else "")


class PersonListOut(Schema):
    items: list[AuthorOut]
    next_before: int | None = Field(None, description="Pass as ?before= to get the next page; null at the end.")


class HandleIn(StrictIn):
    handle: Text = Field(..., min_length=1, max_length=31, description="A member's handle, with or without @.")


class FollowStateOut(Schema):
    state: Literal["following", "requested", "none"]


# --- posts -------------------------------------------------------------------------------

class ImageOut(Schema):
    url: str
    alt_text: str

    @staticmethod
    def of(image: PostImage) -> ImageOut:
        return ImageOut.model_construct(url=image.url, alt_text=image.alt_text)


class CountsOut(Schema):
    comments: int
    hug: int
    me_too: int
    helpful: int

    @staticmethod
    def of(post: Post) -> CountsOut:
        return CountsOut.model_construct(comments=post.comment_count, hug=post.hug_count, me_too=post.me_too_count,
                         helpful=post.helpful_count)


class GroupRefOut(Schema):
    slug: str
    name: str
    url: str

    @staticmethod
    def of(group) -> GroupRefOut:
        return GroupRefOut.model_construct(slug=group.slug, name=group.name, url=group.url)


class PollOptionOut(Schema):
    id: int
    text: str
    votes: int | None = Field(description="Null until you may see results (after voting, or once it closes).")
    percent: int | None
    chosen: bool = Field(description="You picked this option.")


class PollOut(Schema):
    id: int
    post_id: int = Field(description="The post it is attached to.")
    multiple: bool = Field(description="Voters may pick more than one option.")
    show_voters: bool = Field(description="Who voted for what is shown; otherwise votes are anonymous.")
    closes_at: datetime | None
    closed: bool
    voters: int | None = Field(description="How many people voted; null until you may see results.")
    voted: bool
    results_visible: bool
    options: list[PollOptionOut]

    @staticmethod
    def of(view) -> PollOut:
        shown = view.results_visible
        return PollOut.model_construct(
            id=view.poll.id, post_id=view.poll.post_id, multiple=view.poll.multiple,
            show_voters=view.poll.show_voters,
            closes_at=view.poll.closed_at or view.poll.closes_at, closed=view.closed,
            voters=view.voters if shown else None, voted=view.voted, results_visible=shown,
            options=[PollOptionOut.model_construct(id=r.option.id, text=r.option.text, votes=r.votes if shown else None,
                                   percent=r.percent if shown else None, chosen=r.mine) for r in view.options])


class PostOut(Schema):
    id: int
    url: str
    kind: Literal["update", "blog"]
    title: str
    body: str | None = Field(description="The markdown source, for the author only (to edit it); null for others.")
    body_html: str
    audience: Literal["public", "followers", "group"]
    content_note: str = Field(description="When set, show the body folded behind this note until the reader opens it.")
    vent_mode: bool = Field(description="The author asked for support, not advice.")
    author: AuthorOut | None = Field(description="Null for an anonymous group post, unless you wrote it or moderate "
                                                 "its group.")
    anonymous: bool = Field(description="Posted without the author's name (groups that allow it).")
    group: GroupRefOut | None = Field(description="The group it was posted in; null outside groups.")
    held: bool = Field(description="Waiting for a group moderator's approval (seen only by its author and them).")
    pinned: bool = Field(description="Pinned to the top of its group.")
    poll: PollOut | None = Field(description="The poll attached to the post, if any.")
    images: list[ImageOut]
    cover: ImageOut | None = Field(description="A blog post's cover image.")
    counts: CountsOut
    my_reactions: list[ReactionKind]
    bookmarked: bool
    created_at: datetime
    edited_at: datetime | None

    @staticmethod
    def of(card: PostCard, viewer: Member | None) -> PostOut:
        post = card.post
        is_author = viewer is not None and viewer.id == post.author_id
        cover = (ImageOut.model_construct(url=f"/media/{post.cover_image}", alt_text=post.cover_alt)
                 if post.cover_image else None)
        return PostOut.model_construct(
            id=post.id, url=post.url, kind=post.kind, title=post.title, body=post.body if is_author else None,
            body_html=post.body_html, audience=post.audience, content_note=post.content_note,
            vent_mode=post.vent_mode, author=AuthorOut.of(card.author) if card.author is not None else None,
            anonymous=post.is_anonymous, group=GroupRefOut.of(post.group) if post.group_id else None,
            held=post.held_at is not None, pinned=post.pinned_at is not None,
            poll=PollOut.of(card.poll) if card.poll is not None else None, images=[ImageOut.of(i) for i in card.images],
            cover=cover, counts=CountsOut.of(post),
            my_reactions=[kind for kind in REACTION_KINDS if kind in card.my_reactions],
            bookmarked=card.bookmarked, created_at=post.created_at, edited_at=post.edited_at)


class PostPageOut(Schema):
    items: list[PostOut]
    next_before: int | None = Field(None, description="Pass as ?before= to get the next page; null at the end.")


class ImageRef(StrictIn):
    media_id: Text = Field(..., max_length=500, description="A token from POST /media.")
    alt_text: Text = Field("", max_length=300, description="What the photo shows, for people who can't see it.")


class MediaOut(Schema):
    media_id: str = Field(description="Use in POST /posts within a day, as images[].media_id or cover.media_id.")
    url: str


class PollIn(StrictIn):
    options: list[Annotated[Text, Field(max_length=OPTION_MAX)]] = Field(
        ..., min_length=MIN_OPTIONS, max_length=MAX_OPTIONS, description="2 to 10 different options.")
    multiple: StrictBool = Field(False, description="Voters may pick more than one option.")
    show_voters: StrictBool = Field(False, description="Show who voted for what; otherwise votes are anonymous.")
    closes_at: datetime | None = Field(None, description="When it closes, with a time zone: 5 minutes to 90 days "
                                                         "away. Leave out to close it yourself.")


class PostIn(StrictIn):
    kind: Literal["update", "blog"] = "update"
    audience: Literal["public", "followers"] = "public"
    title: Text = Field("", max_length=TITLE_MAX, description="Blog posts only, where it is required.")
    body: Text = Field(..., max_length=BLOG_MAX,
                            description="Markdown: up to 2,000 characters for an update, 50,000 for a blog post.")
    content_note: Text = Field("", max_length=CONTENT_NOTE_MAX,
                                    description='e.g. "loss", "birth story", "medical", "mental health".')
    vent_mode: StrictBool = Field(False, description="Just need to vent: support, not advice, please.")
    images: list[ImageRef] = Field(default_factory=list, max_length=4, description="Up to four photos.")
    cover: ImageRef | None = Field(None, description="A blog post's cover photo.")
    group: Text | None = Field(None, min_length=1, max_length=60,
                               description="Post in this group (its slug): an update, seen by whoever may read the "
                                           "group; leave audience out.")
    anonymous: StrictBool = Field(False, description="Post without your name, in a group that allows it. The "
                                                     "group's moderators can still see who wrote it.")
    poll: PollIn | None = Field(None, description="Attach a poll.")


class PostPatch(StrictIn):
    """Change a post's words. Who can see it and its kind stay as published."""

    title: Text | None = Field(None, max_length=TITLE_MAX)
    body: Text | None = Field(None, max_length=BLOG_MAX)
    content_note: Text | None = Field(None, max_length=CONTENT_NOTE_MAX)
    vent_mode: StrictBool | None = None


class RevisionOut(Schema):
    id: int
    title: str
    body_html: str
    content_note: str
    created_at: datetime = Field(description="When this version was published (or last edited).")

    @staticmethod
    def of(revision: PostRevision) -> RevisionOut:
        return RevisionOut(id=revision.id, title=revision.title, body_html=revision.body_html,
                           content_note=revision.content_note, created_at=revision.created_at)


class RevisionPageOut(Schema):
    items: list[RevisionOut]
    next_before: int | None = None


# --- comments ----------------------------------------------------------------------------

class CommentOut(Schema):
    id: int
    url: str
    post_id: int
    parent_id: int | None = Field(description="The comment this replies to (one level of replies).")
    author: AuthorOut | None = Field(description="Null once the comment is deleted, and for the anonymous author "
                                                 "of a post replying in its thread (unless you moderate the group).")
    anonymous: bool = Field(description="Written by the post's anonymous author.")
    body: str | None = Field(description="The markdown source, for the comment's author only.")
    body_html: str
    deleted: bool = Field(description="A tombstone kept so the thread still reads; it has no words.")
    hidden: bool = Field(description="Hidden by the post's author: seen only by them and the commenter.")
    created_at: datetime
    edited_at: datetime | None

    @staticmethod
    def of(comment: Comment, viewer: Member | None, *, reveal_anonymous: bool = False) -> CommentOut:
        deleted = comment.deleted_at is not None
        mine = viewer is not None and viewer.id == comment.author_id
        hidden_author = deleted or (comment.is_anonymous and not (mine or reveal_anonymous))
        return CommentOut(
            id=comment.id, url=f"{comment.post.url}#comment-{comment.id}", post_id=comment.post_id,
            parent_id=comment.parent_id, author=None if hidden_author else AuthorOut.of(comment.author),
            anonymous=comment.is_anonymous,
            body=comment.body if mine and not deleted else None, body_html="" if deleted else comment.body_html,
            deleted=deleted, hidden=comment.hidden_at is not None, created_at=comment.created_at,
            edited_at=comment.edited_at)


class CommentPageOut(Schema):
    items: list[CommentOut]
    next_before: int | None = None


class CommentIn(StrictIn):
    body: Text = Field(..., max_length=COMMENT_MAX)
    parent_id: StrictInt | None = Field(None, description="Reply to this comment on the same post.")


class CommentPatch(StrictIn):
    body: Text = Field(..., max_length=COMMENT_MAX)


# --- reactions and bookmarks -------------------------------------------------------------

class ReactionIn(StrictIn):
    kind: ReactionKind


class ReactionsSummaryOut(Schema):
    counts: CountsOut
    my_reactions: list[ReactionKind]


class ReactionOut(Schema):
    id: int
    kind: ReactionKind
    member: AuthorOut
    created_at: datetime


class ReactionsOut(ReactionsSummaryOut):
    items: list[ReactionOut] = Field(description="Who reacted, newest first, among people you may see.")
    next_before: int | None = None


class BookmarkOut(Schema):
    bookmarked: bool


# --- timelines, tags, search -------------------------------------------------------------

class NewPostsOut(Schema):
    new: int = Field(description="Posts that arrived in your home timeline after the given id.")


class TagOut(Schema):
    name: str
    url: str
    uses: int = Field(description="Public posts using it in the last 7 days.")


class TagPageOut(PostPageOut):
    name: str
    url: str


# --- blogs -------------------------------------------------------------------------------

class BlogRollOut(Schema):
    title: str
    url: str
    member: AuthorOut | None = Field(description="Set when the blog is a Kettle member's.")

    @staticmethod
    def of(entry: BlogRollEntry) -> BlogRollOut:
        if entry.blog_id is not None:
            return BlogRollOut(title=entry.blog.display_name, url=blog_url(entry.blog),
                               member=AuthorOut.of(entry.blog))
        return BlogRollOut(title=entry.title, url=entry.url, member=None)


class BlogOut(PostPageOut):
    id: int = Field(description="The blogger's member id.")
    url: str
    author: AuthorOut
    blog_roll: list[BlogRollOut]
    listed_by: list[AuthorOut] = Field(description="Members whose blog roll lists this blog.")


class BlogRollEntryIn(StrictIn):
    handle: Text | None = Field(None, max_length=31, description="A Kettle member's blog...")
    url: Text | None = Field(None, max_length=500, description="...or an external blog's address...")
    title: Text | None = Field(None, max_length=120, description="...with its name.")


class BlogRollIn(StrictIn):
    entries: list[BlogRollEntryIn] = Field(..., max_length=50)


def blog_url(member: Member) -> str:
    return f"{member.url}/blog"


# --- follow requests, blocks, mutes -------------------------------------------------------

class FollowRequestOut(Schema):
    id: int
    member: AuthorOut
    created_at: datetime


class FollowRequestPageOut(Schema):
    items: list[FollowRequestOut]
    next_before: int | None = None
