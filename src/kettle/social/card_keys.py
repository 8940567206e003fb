"""What a post card shows, as one key for kettle.core.fragments.

Everything social/_post_card.html and _post_actions.html read is in here: every column of
the post, of its group and of the shown author's profile; the images; what this viewer has
done to the post and who they are to it; where its forms return to; the time zone its
times are printed in. So a card served from memory is the card that would be rendered.
Cards with a poll are rendered every time (results depend on the viewer's vote)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language

if TYPE_CHECKING:
    from django.http import HttpRequest

    from kettle.social.timelines import PostCard


def _row(instance: models.Model | None) -> tuple:
    if instance is None:
        return ()
    values = instance.__dict__
    return tuple(_hashable(values.get(field.attname)) for field in instance._meta.concrete_fields)


def _hashable(value):
    return json.dumps(value, sort_keys=True, default=str) if isinstance(value, (list, dict)) else value


def card_key(card: PostCard, request: HttpRequest, *, full: bool, in_group, back: str) -> tuple | None:
    if card.poll is not None:
        return None
    post = card.post
    viewer = getattr(request, "member", None)
    author = card.author
    return (
        "post-card", _row(post), _row(post.group) if post.group_id is not None else (),
        (author.id, author.handle, _row(author.profile)) if author is not None else None,
        tuple((image.id, image.path, image.alt_text, image.position) for image in card.images),
        tuple(sorted(card.my_reactions)), card.bookmarked, card.revealed,
        viewer is not None, viewer is not None and viewer.id == post.author_id,
        bool(full), bool(in_group), back, timezone.get_current_timezone_name(), get_language(),
    )
