"""Groups (local, due-month clubs, interest), who belongs to them, and invite links."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from kettle.core.links import link
from kettle.groups.queries import GroupQuerySet

NAME_MAX = 80
DESCRIPTION_MAX = 2_000
RULES_MAX = 4_000
QUESTION_MAX = 200
ANSWER_MAX = 500
MAX_QUESTIONS = 3
LOCAL_RADII = (5, 15, 30)  # km: the distance bands a local group can reach
CLUB_RADIUS = 25  # km around a large town: a due-month club's area


class Group(models.Model):
    class Kind(models.TextChoices):
        LOCAL = "local", "Local group"
        DUE_MONTH = "due_month", "Due-month club"
        INTEREST = "interest", "Interest group"

    class Privacy(models.TextChoices):
        PUBLIC = "public", "Public: anyone can read, members post"
        PRIVATE = "private", "Private: listed, but only members read; join by request"
        SECRET = "secret", "Secret: not listed or searchable; invite link only"

    class Approval(models.TextChoices):
        NONE = "none", "No approval needed"
        FIRST = "first", "Approve the first post of each new member"
        ALL = "all", "Approve every post"

    class ClubKind(models.TextChoices):
        DUE = "due", "Due"
        BORN = "born", "Born"

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=NAME_MAX)
    description = models.TextField(blank=True)
    description_html = models.TextField(blank=True)
    rules = models.TextField(blank=True)
    rules_html = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.INTEREST)
    privacy = models.CharField(max_length=10, choices=Privacy.choices, default=Privacy.PRIVATE)
    place = models.ForeignKey("core.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              help_text="A local group's town, or the large town at the centre of a club's area.")
    radius_km = models.PositiveSmallIntegerField(null=True, blank=True,
                                                 help_text="How far around the place the group reaches.")
    club_kind = models.CharField(max_length=4, choices=ClubKind.choices, blank=True)
    club_month = models.DateField(null=True, blank=True, help_text="The first day of the club's month.")
    topics = models.ManyToManyField("accounts.Interest", blank=True, related_name="groups")
    organisation = models.ForeignKey("groups.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="groups")
    post_approval = models.CharField(max_length=5, choices=Approval.choices, default=Approval.NONE)
    allow_anonymous = models.BooleanField(default=False, help_text="Members may post without their name.")
    questions = models.JSONField(default=list, blank=True, help_text="Asked of everyone who requests to join.")
    run_by_site = models.BooleanField(default=False, help_text="A due-month club the site made; staff moderate it.")
    member_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = GroupQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["club_kind", "club_month"],
                                    condition=models.Q(kind="due_month", place__isnull=True),
                                    name="one_site_club_per_month"),
            models.UniqueConstraint(fields=["club_kind", "club_month", "place"],
                                    condition=models.Q(kind="due_month", place__isnull=False),
                                    name="one_area_club_per_month"),
        ]
        indexes = [models.Index(fields=["privacy", "-member_count"], name="group_listing_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def url(self) -> str:
        return link("groups:group", slug=self.slug)

    @property
    def is_public(self) -> bool:
        return self.privacy == self.Privacy.PUBLIC

    @property
    def is_secret(self) -> bool:
        return self.privacy == self.Privacy.SECRET

    @property
    def is_club(self) -> bool:
        return self.kind == self.Kind.DUE_MONTH


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        MODERATOR = "moderator", "Moderator"
        MEMBER = "member", "Member"

    class State(models.TextChoices):
        ACTIVE = "active", "Member"
        PENDING = "pending", "Asked to join"
        INVITED = "invited", "Invited"
        BANNED = "banned", "Banned"

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(max_length=10, choices=State.choices, default=State.ACTIVE)
    answers = models.JSONField(default=list, blank=True, help_text="Answers to the group's questions.")
    trusted = models.BooleanField(default=False, help_text="Has had a post approved, so later posts skip the "
                                                           "first-post queue.")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "member"], name="membership_once"),
            models.UniqueConstraint(fields=["group"], condition=models.Q(role="owner"), name="one_owner_per_group"),
        ]
        indexes = [
            models.Index(fields=["member", "state"], name="membership_member_idx"),
            models.Index(fields=["group", "state", "-id"], name="membership_group_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} in {self.group_id} ({self.state}, {self.role})"

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE

    @property
    def is_moderator(self) -> bool:
        return self.is_active and self.role in (self.Role.OWNER, self.Role.MODERATOR)


class Invite(models.Model):
    """A shareable link into a group. It skips the questions and the approval queue."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="invites")
    code = models.CharField(max_length=32, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    max_uses = models.PositiveIntegerField(null=True, blank=True)
    uses = models.PositiveIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Invite to {self.group_id}"

    @property
    def url(self) -> str:
        return link("groups:invite", code=self.code)

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return (self.revoked_at is None and self.expires_at > now
                and (self.max_uses is None or self.uses < self.max_uses))
