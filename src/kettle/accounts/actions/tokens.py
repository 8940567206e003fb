"""Personal access tokens for the API. Only a hash of each token is ever stored."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from kettle.accounts.models import AccessToken, Member

TOKEN_PREFIX = "kettle_"


# --- Access tokens ------------------------------------------------------------------------

def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def do_create_token(member: Member, *, name: str) -> tuple[AccessToken, str]:
    """Create a personal access token; the raw value is returned once and never stored."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": ["Give the token a name so you can recognise it later."]})
    if len(name) > 60:
        raise ValidationError({"name": ["Please keep the name to 60 characters."]})
    if member.access_tokens.filter(revoked_at=None).count() >= 20:
        raise ValidationError({"name": ["You have 20 active tokens. Revoke one you no longer use first."]})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(member=member, name=name, token_hash=hash_token(raw),
                                       prefix=raw[: len(TOKEN_PREFIX) + 6])
    return token, raw


@transaction.atomic
def do_revoke_token(member: Member, token_id: int) -> AccessToken:
    token = AccessToken.objects.filter(id=token_id, member=member).first()
    if token is None:
        raise Http404("No such token.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
