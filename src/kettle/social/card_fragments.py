"""Post cards served from memory: `{{ post_card(card) }}` in a template.

A timeline shows the same card to every follower who has done the same to the post (most
have done nothing), so each card is rendered once per key and kept (kettle.core.fragments).
The key is everything social/_post_card.html and _post_actions.html read: every column of
the post, of its group and of the shown author's profile; the images; what this viewer has
done to the post and who they are to it; where its forms return to; the time zone and
language it is printed in; a poll as this viewer sees it (counts, their vote, what they may
do). So a card served from memory is the card that would be rendered."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from jinja2 import pass_context

from kettle.core.fragments import serve

if TYPE_CHECKING:
    from django.http import HttpRequest

    from kettle.groups.polls import PollView
    from kettle.social.timelines import PostCard

CARD_TEMPLATE = "social/_post_card.html"
_columns: dict[type, tuple[tuple[str, ...], tuple[int, ...]]] = {}


@pass_context
def post_card(context: Any, card: PostCard, *, full: bool = False, in_group: Any = None, back: str | None = None):
    request = context.get("request")
    path, zone, language = _printed_as(request)
    back = back if back is not None else path

    def render() -> str:
        values = context.get_all() | {"card": card, "full": full, "in_group": in_group, "back": back}
        return context.environment.get_template(CARD_TEMPLATE).render(values)

    # A page answering a refused vote prints the refusal in its poll: rendered afresh.
    refused = card.poll is not None and context.get("poll_errors")
    key = None if refused else card_key(card, request, full=full, in_group=in_group, back=back,
                                        printed_in=(zone, language))
    return serve(key, context, render)


def _printed_as(request: HttpRequest) -> tuple[str, str, str]:
    """The page's path (where a card's forms return to), and the time zone and language it is
    printed in: the same for every card on the page, so looked up once."""
    facts = request.__dict__.get("_kettle_printed_as")
    if facts is None:
        facts = request.__dict__["_kettle_printed_as"] = (
            request.get_full_path(), timezone.get_current_timezone_name(), get_language())
    return facts


def card_key(card: PostCard, request: HttpRequest, *, full: bool, in_group: Any, back: str,
             printed_in: tuple[str, str]) -> tuple:
    post = card.post
    viewer = getattr(request, "member", None)
    author = card.author
    return (
        "post-card", _row(post), _row(post.group) if post.group_id is not None else (),
        (author.id, author.handle, _row(author.profile)) if author is not None else None,
        tuple((image.id, image.path, image.alt_text, image.position) for image in card.images),
        tuple(sorted(card.my_reactions)), card.bookmarked, card.revealed,
        viewer is not None, viewer is not None and viewer.id == post.author_id,
        bool(full), bool(in_group), back, printed_in, _poll_as_seen(card.poll),
    )


def _poll_as_seen(view: PollView | None) -> tuple:
    """The poll as this viewer is shown it: its columns, each option with its count and
    whether it is theirs, and what they may do (groups/_poll.html reads no more)."""
    if view is None:
        return ()
    return (_row(view.poll), tuple((_row(result.option), result.votes, result.percent, result.mine)
                                   for result in view.options),
            view.voters, view.voted, view.closed, view.results_visible, view.can_vote, view.can_export)


def _row(instance: models.Model | None) -> tuple:
    """Every column's value, as loaded (a deferred column is None here, never a query)."""
    if instance is None:
        return ()
    names, json_at = _columns.get(type(instance)) or _columns_of(type(instance))
    row = tuple(map(instance.__dict__.get, names))
    if json_at:
        row = tuple(json.dumps(value, sort_keys=True, default=str) if i in json_at else value
                    for i, value in enumerate(row))
    return row


def _columns_of(model: type) -> tuple[tuple[str, ...], tuple[int, ...]]:
    fields = model._meta.concrete_fields
    _columns[model] = (tuple(field.attname for field in fields),
                       tuple(i for i, field in enumerate(fields) if isinstance(field, models.JSONField)))
    return _columns[model]
