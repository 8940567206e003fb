"""Polls: made with their post (see social.actions.posts), voted in, changed, closed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from kettle.accounts.models import Member
from kettle.core.visibility import among
from kettle.groups.access import require_participant
from kettle.groups.models import Poll, PollChoice, PollOption, PollVote
from kettle.groups.models.polls import MAX_OPTIONS, MIN_OPTIONS, OPTION_MAX
from kettle.groups.tasks import close_poll
from kettle.social.models import Post

SHORTEST = timedelta(minutes=5)
LONGEST = timedelta(days=90)


@dataclass
class PollSpec:
    options: list[str] = field(default_factory=list)
    multiple: bool = False
    show_voters: bool = False
    closes_at: datetime | None = None


def clean_poll(spec: PollSpec) -> PollSpec:
    """2 to 10 distinct, non-empty options of up to 100 characters; a closing time between five
    minutes and 90 days away."""
    from kettle.groups.actions.common import clean_text

    errors: dict[str, list[str]] = {}
    options = [clean_text(errors, f"poll.options.{i}", text if isinstance(text, str) else "", limit=OPTION_MAX,
                          one_line=True) for i, text in enumerate(spec.options or [])]
    options = [text for text in options if text]
    if not errors:
        if len(options) < MIN_OPTIONS:
            errors["poll.options"] = [f"A poll needs at least {MIN_OPTIONS} options."]
        elif len(options) > MAX_OPTIONS:
            errors["poll.options"] = [f"A poll can have up to {MAX_OPTIONS} options."]
        elif len({text.casefold() for text in options}) != len(options):
            errors["poll.options"] = ["Each option needs to be different."]
    closes_at = spec.closes_at
    if closes_at is not None:
        if timezone.is_naive(closes_at):
            errors["poll.closes_at"] = ["Give the closing time with its time zone."]
        else:
            now = timezone.now()
            if closes_at < now + SHORTEST:
                errors["poll.closes_at"] = ["Choose a closing time at least five minutes from now."]
            elif closes_at > now + LONGEST:
                errors["poll.closes_at"] = ["A poll can stay open for up to 90 days."]
    if errors:
        raise ValidationError(errors)
    return PollSpec(options=options, multiple=bool(spec.multiple), show_voters=bool(spec.show_voters),
                    closes_at=closes_at)


def create_poll(post: Post, spec: PollSpec) -> Poll:
    """Called by do_create_post inside its transaction, with a spec clean_poll has passed."""
    poll = Poll.objects.create(post=post, multiple=spec.multiple, show_voters=spec.show_voters,
                               closes_at=spec.closes_at)
    PollOption.objects.bulk_create([PollOption(poll=poll, position=i, text=text)
                                    for i, text in enumerate(spec.options)])
    if spec.closes_at is not None:
        when, poll_id = spec.closes_at, poll.id
        transaction.on_commit(lambda: _schedule_close(poll_id, when))
    return poll


def _schedule_close(poll_id: int, when: datetime) -> None:
    if close_poll.get_backend().supports_defer:
        close_poll.using(run_after=when).enqueue(poll_id=poll_id)


def _open_poll(member: Member, poll_id: int) -> Poll:
    """A poll on a post the member may see; closed polls refuse changes."""
    poll = Poll.objects.filter(among(Post.objects.visible_to(member), "post"), id=poll_id).select_related(
        "post__group").first()
    if poll is None:
        raise Http404("No such poll.")
    if poll.post.group is not None:
        require_participant(member, poll.post.group)
    if poll.is_closed():
        raise ValidationError({"options": ["This poll has closed."]})
    return poll


@transaction.atomic
def do_vote(member: Member, poll_id: int, option_ids: list[int]) -> PollVote:
    """Vote, or change a vote, until the poll closes. One ballot per member per poll, held by
    the database: two votes sent at the same moment become one."""
    poll = _open_poll(member, poll_id)
    chosen = list(dict.fromkeys(option_ids or []))
    valid = set(poll.options.values_list("id", flat=True))
    if not chosen:
        raise ValidationError({"options": ["Choose an option."]})
    if any(option not in valid for option in chosen):
        raise ValidationError({"options": ["That option isn't part of this poll."]})
    if not poll.multiple and len(chosen) > 1:
        raise ValidationError({"options": ["Choose one option."]})
    try:
        with transaction.atomic():
            vote = PollVote.objects.create(poll=poll, member=member)
    except IntegrityError:
        vote = None
    if vote is None:  # already voted (perhaps a moment ago, in a request sent at the same time)
        vote = PollVote.objects.select_for_update().get(poll=poll, member=member)
        vote.changed_at = timezone.now()
        vote.save(update_fields=["changed_at"])
        vote.choices.all().delete()
    PollChoice.objects.bulk_create([PollChoice(vote=vote, option_id=option, poll=poll) for option in chosen],
                                   ignore_conflicts=True)
    return vote


@transaction.atomic
def do_retract_vote(member: Member, poll_id: int) -> None:
    poll = _open_poll(member, poll_id)
    deleted, _ = PollVote.objects.filter(poll=poll, member=member).delete()
    if not deleted:
        raise Http404("You haven't voted in this poll.")


@transaction.atomic
def do_close_poll(member: Member, poll_id: int) -> Poll:
    """The author closes their poll early; voters hear of it."""
    poll = Poll.objects.filter(among(Post.objects.visible_to(member), "post"), id=poll_id).select_related(
        "post").first()
    if poll is None:
        raise Http404("No such poll.")
    if poll.post.author_id != member.id:
        raise PermissionDenied("Only the poll's author can close it.")
    if poll.closed_at is None:
        poll.closed_at = timezone.now()
        poll.save(update_fields=["closed_at"])
        transaction.on_commit(lambda: close_poll.enqueue(poll_id=poll.id))
    return poll
