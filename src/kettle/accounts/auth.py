"""Logging in (with throttling) and recognising API tokens."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import authenticate, login
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone

from kettle.accounts.actions import do_resend_confirmation, hash_token
from kettle.accounts.models import AccessToken, Member
from kettle.core import ratelimit
from kettle.core.prepared import PreparedQuery, stand_in, stand_in_text

LOGIN_FAILED = "That email and password don't match. Check them and try again, or reset your password."


class MemberBackend(ModelBackend):
    """Loads the member with their profile and place, which almost every page needs."""

    def get_user(self, user_id):
        try:
            key = Member._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        members = _member_by_id().fetch({STAND_IN_ID: key})
        return members[0] if members and self.user_can_authenticate(members[0]) else None


STAND_IN_ID, STAND_IN_HASH = stand_in(0), stand_in_text(0)


@lru_cache(maxsize=1)
def _member_by_id() -> PreparedQuery:
    """Every request with a session asks it: compiled once per process."""
    return PreparedQuery(Member.objects.with_profile().filter(pk=STAND_IN_ID)[:1], [STAND_IN_ID])


def log_in(request: HttpRequest, *, email: str, password: str) -> Member:
    """Check the password with per-IP and per-account throttles, then start a fresh session.
    Raises RateLimited (answered 429) or ValidationError with words that reveal nothing."""
    email = (email or "").strip().lower()
    ratelimit.hit("login-ip", ratelimit.client_ip(request), settings.LOGIN_RATE)
    ratelimit.hit("login-account", email or "-", settings.LOGIN_RATE)
    member = authenticate(request, username=email, password=password)
    if member is None:
        raise ValidationError(LOGIN_FAILED, code="invalid_login")
    if member.email_confirmed_at is None:
        do_resend_confirmation(member)
        raise ValidationError(
            f"Please confirm your email first. We've sent a fresh link to {member.email}.",
            code="unconfirmed")
    ratelimit.reset("login-account", email, settings.LOGIN_RATE)
    login(request, member, backend="kettle.accounts.auth.MemberBackend")  # cycles the session id
    return member


def member_for_token(raw: str) -> Member | None:
    """The member a bearer token belongs to, or None for an unknown or revoked token."""
    if not raw or len(raw) > 200:
        return None
    tokens = _live_token().fetch({STAND_IN_HASH: hash_token(raw)})
    if not tokens:
        return None
    token = tokens[0]
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        AccessToken.objects.filter(id=token.id).update(last_used_at=now)
    return token.member


@lru_cache(maxsize=1)
def _live_token() -> PreparedQuery:
    """Every API request with a token asks it: compiled once per process."""
    tokens = (AccessToken.objects.select_related("member__profile__place")
              .filter(token_hash=STAND_IN_HASH, revoked_at=None, member__is_active=True).order_by("pk")[:1])
    return PreparedQuery(tokens, [STAND_IN_HASH])
