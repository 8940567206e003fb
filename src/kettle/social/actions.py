"""Writes for relationships. The posts issue grows this into the full follow flow."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from kettle.accounts.models import Member
from kettle.social.models import Follow


@transaction.atomic
def do_follow(follower: Member, followee: Member) -> Follow:
    if follower.id == followee.id:
        raise ValidationError("You can't follow yourself.", code="self")
    follow, _ = Follow.objects.get_or_create(follower=follower, followee=followee)
    return follow


@transaction.atomic
def do_unfollow(follower: Member, followee: Member) -> None:
    Follow.objects.filter(follower=follower, followee=followee).delete()
