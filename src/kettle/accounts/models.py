"""Members, their profiles, children and access tokens."""

from __future__ import annotations

import secrets
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac

from kettle.accounts.queries import MemberQuerySet
from kettle.core.links import link

HANDLE_PATTERN = r"^[a-z0-9_]{3,30}$"
handle_validator = RegexValidator(
    HANDLE_PATTERN,
    "Handles are 3 to 30 characters: lower-case letters, numbers and underscores.",
    code="handle",
)


def new_session_salt() -> str:
    return secrets.token_hex(16)


class MemberManager(BaseUserManager.from_queryset(MemberQuerySet)):
    use_in_migrations = True

    def create_user(self, email: str, handle: str, password: str | None = None, **extra) -> Member:
        member = self.model(email=self.normalize_email(email).lower(), handle=handle.lower(), **extra)
        member.set_password(password)
        member.save(using=self._db)
        return member

    def create_superuser(self, email: str, handle: str, password: str | None = None, **extra) -> Member:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("email_confirmed_at", timezone.now())
        member = self.create_user(email, handle, password, **extra)
        Profile.objects.get_or_create(member=member, defaults={"display_name": handle})
        return member


class Member(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Public identity lives on the Profile."""

    email = models.EmailField(unique=True)
    handle = models.CharField(max_length=30, unique=True, validators=[handle_validator])
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    onboarded_at = models.DateTimeField(null=True, blank=True)
    onboarding_progress = models.PositiveSmallIntegerField(default=0)
    # Part of every session's auth hash: replacing it logs the member out everywhere.
    session_salt = models.CharField(max_length=32, default=new_session_salt)

    objects = MemberManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["handle"]

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"@{self.handle}"

    def _get_session_auth_hash(self, secret=None):
        key_salt = "kettle.accounts.Member.session_auth_hash"
        return salted_hmac(key_salt, f"{self.password}:{self.session_salt}", secret=secret,
                           algorithm="sha256").hexdigest()

    @property
    def url(self) -> str:
        return link("profile", handle=self.handle)

    @property
    def display_name(self) -> str:
        profile = getattr(self, "profile", None)
        return profile.display_name if profile is not None and profile.display_name else self.handle

    @property
    def timezone_name(self) -> str | None:
        profile = getattr(self, "profile", None)
        if profile is not None and profile.place_id is not None:
            return profile.place.timezone
        return None

    @property
    def onboarding_step(self) -> int | None:
        """The onboarding step to show next, or None once done or skipped."""
        if self.onboarded_at is not None:
            return None
        return min(self.onboarding_progress + 1, 3)


class Interest(models.Model):
    """A tag a member is into: "sling wearing", "baby-led weaning", "running"."""

    name = models.CharField(max_length=40, unique=True)
    slug = models.SlugField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    MUM = "mum", "Mum"
    DAD = "dad", "Dad"
    PARENT = "parent", "Parent"
    CARER = "carer", "Carer"
    PARENT_TO_BE = "parent_to_be", "Parent-to-be"


class ChildrenVisibility(models.TextChoices):
    EVERYONE = "everyone", "Everyone signed in to Kettle"
    FOLLOWED = "followed", "People I follow back"
    NOBODY = "nobody", "Nobody but me"


class Profile(models.Model):
    member = models.OneToOneField(Member, on_delete=models.CASCADE, primary_key=True, related_name="profile")
    display_name = models.CharField(max_length=60)
    pronouns = models.CharField(max_length=30, blank=True)
    bio = models.TextField(blank=True, max_length=2000)
    bio_html = models.TextField(blank=True)
    avatar = models.CharField(max_length=200, blank=True, help_text="Storage path of the re-encoded avatar.")
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    interests = models.ManyToManyField(Interest, blank=True, related_name="profiles")
    place = models.ForeignKey("core.Place", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    h3_cell = models.CharField(max_length=16, blank=True, db_index=True)
    place_changed_at = models.DateTimeField(null=True, blank=True)
    children_visibility = models.CharField(max_length=10, choices=ChildrenVisibility.choices,
                                           default=ChildrenVisibility.NOBODY)
    discoverable = models.BooleanField(default=False, help_text="Appear in \"parents near you\".")
    is_public = models.BooleanField(default=False, help_text="Profile visible to logged-out visitors.")
    is_locked = models.BooleanField(default=False, help_text="Approve each new follower.")

    def __str__(self) -> str:
        return self.display_name

    @property
    def avatar_url(self) -> str:
        return f"/media/{self.avatar}" if self.avatar else ""


class Child(models.Model):
    """A child as a due date or a birth month and year: no name, no exact birthday."""

    parent = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="children")
    due_date = models.DateField(null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(null=True, blank=True)
    weeks_early = models.PositiveSmallIntegerField(default=0)
    # Private to the parent: nobody else ever learns of it, and milestone prompts stop.
    loss_recorded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(due_date__isnull=False, birth_year__isnull=True, birth_month__isnull=True)
                    | models.Q(due_date__isnull=True, birth_year__isnull=False, birth_month__isnull=False)
                ),
                name="child_due_date_xor_birth_month",
            ),
            models.CheckConstraint(condition=models.Q(weeks_early__lte=20), name="child_weeks_early_range"),
        ]

    def __str__(self) -> str:
        return f"Child {self.id} of {self.parent_id}"

    @property
    def is_expected(self) -> bool:
        return self.due_date is not None

    @property
    def is_lost(self) -> bool:
        return self.loss_recorded_at is not None

    def birth_month_date(self) -> date | None:
        if self.birth_year and self.birth_month:
            return date(self.birth_year, self.birth_month, 1)
        return None


class AccessToken(models.Model):
    """A personal access token for the API. Only its SHA-256 is kept."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(max_length=60)
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=16, help_text="The first characters, to tell tokens apart.")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
