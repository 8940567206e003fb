"""Posts (short updates and blog posts), their images, earlier versions, comments,
reactions, bookmarks, hashtags and mentions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kettle.core.links import link
from kettle.social.queries import CommentQuerySet, PostQuerySet

UPDATE_MAX = 2_000
BLOG_MAX = 50_000
TITLE_MAX = 200
COMMENT_MAX = 2_000
CONTENT_NOTE_MAX = 80
CONTENT_NOTE_SUGGESTIONS = ("loss", "birth story", "medical", "mental health", "feeding", "infertility")


class Post(models.Model):
    class Kind(models.TextChoices):
        UPDATE = "update", "Update"
        BLOG = "blog", "Blog post"

    class Audience(models.TextChoices):
        PUBLIC = "public", "Everyone"
        FOLLOWERS = "followers", "Followers only"
        GROUP = "group", "The group"  # a group post: who reads it follows the group's privacy

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.UPDATE)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    group = models.ForeignKey("groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="posts")
    # Anonymous group posts: the author is kept (moderators see it; the author gets replies)
    # but no page, feed, notification or API answer shows it to anyone else.
    is_anonymous = models.BooleanField(default=False)
    held_at = models.DateTimeField(null=True, blank=True, help_text="Waiting for a group moderator's approval.")
    pinned_at = models.DateTimeField(null=True, blank=True, help_text="Pinned to the top of its group.")
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    body = models.TextField()
    body_html = models.TextField()
    cover_image = models.CharField(max_length=200, blank=True)
    cover_alt = models.CharField(max_length=300, blank=True)
    content_note = models.CharField(max_length=CONTENT_NOTE_MAX, blank=True)
    vent_mode = models.BooleanField(default=False, help_text="Support, not advice, please.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # Denormalised counts so a feed page never counts rows per post.
    comment_count = models.PositiveIntegerField(default=0)
    hug_count = models.PositiveIntegerField(default=0)
    me_too_count = models.PositiveIntegerField(default=0)
    helpful_count = models.PositiveIntegerField(default=0)

    objects = PostQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["author", "-id"], name="post_author_idx"),
            models.Index(fields=["audience", "-id"], name="post_audience_idx"),
            models.Index(fields=["group", "-id"], name="post_group_idx"),
            # A group page's pinned posts, found without reading every post of a busy group.
            models.Index(fields=["group", "-pinned_at"], name="post_pinned_idx", condition=Q(pinned_at__isnull=False)),
        ]

    def __str__(self) -> str:
        return self.title or self.body[:60]

    def _address(self, suffix: str = "") -> str:
        # A group post's address names the group, never the author: anonymous posts rely on it.
        if self.group_id is not None:
            return link(f"groups:post{suffix}", slug=self.group.slug, post_id=self.id)
        return link(f"social:post{suffix}", handle=self.author.handle, post_id=self.id)

    @property
    def url(self) -> str:
        return self._address()

    @property
    def history_url(self) -> str:
        return self._address("_history")

    @property
    def edit_url(self) -> str:
        return self._address("_edit")

    @property
    def delete_url(self) -> str:
        return self._address("_delete")

    @property
    def is_held(self) -> bool:
        return self.held_at is not None

    @property
    def is_blog(self) -> bool:
        return self.kind == self.Kind.BLOG

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def reaction_count(self, kind: str) -> int:
        return getattr(self, f"{kind}_count")


class PostImage(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    path = models.CharField(max_length=200)
    alt_text = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.alt_text or self.path

    @property
    def url(self) -> str:
        return f"/media/{self.path}"


class PostRevision(models.Model):
    """What a post said before an edit; readers can look back through them."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    body = models.TextField()
    body_html = models.TextField()
    content_note = models.CharField(max_length=CONTENT_NOTE_MAX, blank=True)
    created_at = models.DateTimeField(help_text="When this version was first published or last edited.")

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Version of post {self.post_id} from {self.created_at:%Y-%m-%d %H:%M}"


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField()
    body_html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True, help_text="Hidden by the post's author.")
    # The author of an anonymous post replying in its thread stays anonymous there too.
    is_anonymous = models.BooleanField(default=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["post", "id"], name="comment_post_idx")]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Reaction(models.Model):
    class Kind(models.TextChoices):
        HUG = "hug", "Hug"
        ME_TOO = "me_too", "Me too"
        HELPFUL = "helpful", "Helpful"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "member", "kind"], name="react_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind} on {self.post_id} by {self.member_id}"


class Bookmark(models.Model):
    """Private: only the member who saved it ever knows."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "post"], name="bookmark_once")]

    def __str__(self) -> str:
        return f"{self.member_id} saved {self.post_id}"


class Hashtag(models.Model):
    name = models.CharField(max_length=60, unique=True, help_text="Lower case, without the #.")
    posts = models.ManyToManyField(Post, related_name="hashtags", blank=True)

    def __str__(self) -> str:
        return f"#{self.name}"

    @property
    def url(self) -> str:
        return link("social:tag", name=self.name)


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentions")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "member"], name="mention_once")]

    def __str__(self) -> str:
        return f"{self.member_id} mentioned in {self.post_id}"
