"""Reading polls: results as each viewer may see them, in one query per page,
the voters of a "show who voted" poll, the CSV export, and closing with its notifications.

Votes are anonymous to other members unless the author chose "show who voted". Results show
once the viewer has voted or the poll has closed; the author and the group's moderators see
them throughout."""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Value
from django.utils import timezone

from kettle.core.prepared import PreparedQuery, bound_in, stand_in, stand_ins
from kettle.core.subqueries import count_of
from kettle.groups.models import Poll, PollChoice, PollOption, PollVote
from kettle.groups.queries import Standing, standing_in

if TYPE_CHECKING:
    from kettle.accounts.models import Member
    from kettle.social.models import Post


@dataclass
class OptionResult:
    option: PollOption
    votes: int
    percent: int
    mine: bool


@dataclass
class PollView:
    poll: Poll
    options: list[OptionResult]
    voters: int
    voted: bool
    closed: bool
    results_visible: bool
    can_vote: bool
    can_export: bool
    my_option_ids: set[int] = field(default_factory=set)

    @property
    def id(self) -> int:
        return self.poll.id


def _percent(votes: int, voters: int) -> int:
    return round(100 * votes / voters) if voters else 0


def poll_views(posts: list[Post], viewer: Member | None, standing: Standing | None = None) -> dict[int, PollView]:
    """Polls on these posts, keyed by post id: one query however many polls (each option comes
    with its count, its poll's voter count and whether it is the viewer's choice), and one
    more when some are in groups and the caller has not already asked where the viewer stands."""
    ids = list(dict.fromkeys(post.id for post in posts))
    if not ids:
        return {}
    bound = bound_in(ids, after=1) | ({STAND_IN_VIEWER: viewer.id} if viewer else {})
    rows = _options_of(len(ids), viewer is not None).fetch(bound)
    if not rows:
        return {}
    if standing is None:
        standing = standing_in(viewer, {post.group_id for post in posts if post.group_id is not None})
    by_post: dict[int, list[PollOption]] = {}
    for option in rows:
        by_post.setdefault(option.poll.post_id, []).append(option)
    now = timezone.now()
    views = {}
    by_id = {post.id: post for post in posts}
    for post_id, options in by_post.items():
        post, poll = by_id[post_id], options[0].poll
        total = options[0].voters
        chosen = {option.id for option in options if option.mine}
        closed = poll.is_closed(now)
        manages = viewer is not None and (viewer.id == post.author_id or post.group_id in standing.moderated)
        views[post_id] = PollView(
            poll=poll, voters=total, voted=bool(chosen), closed=closed,
            results_visible=bool(chosen) or closed or manages,
            can_vote=viewer is not None and not closed and (post.group_id is None
                                                            or post.group_id in standing.participating),
            can_export=manages, my_option_ids=chosen,
            options=[OptionResult(option=o, votes=o.votes, percent=_percent(o.votes, total), mine=o.mine)
                     for o in options])
    return views


STAND_IN_VIEWER = stand_in(0)


@functools.cache
def _options_of(count: int, with_viewer: bool) -> PreparedQuery:
    """The options of `count` posts' polls, each with its count, its poll's voter count and
    whether it is the viewer's choice: asked on every page of posts, so compiled once."""
    ids = stand_ins(count, after=1)
    mine = (Exists(PollChoice.objects.filter(option=OuterRef("pk"), vote__member=STAND_IN_VIEWER)) if with_viewer
            else Value(False))
    rows = PollOption.objects.filter(poll__post_id__in=ids).select_related("poll").annotate(
        votes=count_of(PollChoice.objects.filter(option=OuterRef("pk")), "option"),
        voters=count_of(PollVote.objects.filter(poll=OuterRef("poll")), "poll"),
        mine=mine)
    return PreparedQuery(rows, [*ids, STAND_IN_VIEWER] if with_viewer else ids)


def poll_view(post: Post, viewer: Member | None) -> PollView | None:
    return poll_views([post], viewer).get(post.id)


def voters_by_option(view: PollView, viewer: Member | None) -> dict[int, list[Member]]:
    """For a "show who voted" poll whose results the viewer may see: who chose each option,
    among members the viewer may see. Empty otherwise."""
    from kettle.accounts.models import Member

    if not (view.poll.show_voters and view.results_visible):
        return {}
    visible = Member.objects.visible_to(viewer).values("id")
    by_option: dict[int, list[Member]] = {}
    for choice in (PollChoice.objects.filter(poll=view.poll, vote__member__in=visible)
                   .select_related("vote__member__profile").order_by("id")):
        by_option.setdefault(choice.option_id, []).append(choice.vote.member)
    return by_option


def results_csv(view: PollView) -> str:
    """Counts and percentages per option; with "show who voted", one line per vote as well."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["option", "votes", "percent"])
    for result in view.options:
        writer.writerow([_cell(result.option.text), result.votes, result.percent])
    writer.writerow(["(people who voted)", view.voters, ""])
    if view.poll.show_voters:
        writer.writerow([])
        writer.writerow(["option", "voter", "voted_at"])
        for choice in (PollChoice.objects.filter(poll=view.poll, vote__member__is_active=True)
                       .select_related("option", "vote__member").order_by("option__position", "id")):
            writer.writerow([_cell(choice.option.text), f"@{choice.vote.member.handle}",
                             choice.vote.created_at.isoformat()])
    return out.getvalue()


def _cell(text: str) -> str:
    """Keep spreadsheet apps from running an option's words as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def close_and_notify(poll_id: int) -> bool:
    """Mark a poll closed (if its time has come) and notify its voters, once. True if this run did it."""
    from kettle.notifications.models import Notification
    from kettle.notifications.tasks import notify

    now = timezone.now()
    poll = Poll.objects.filter(id=poll_id).select_related("post").first()
    if poll is None or not poll.is_closed(now) or poll.post.deleted_at is not None:
        return False
    if not Poll.objects.filter(id=poll_id, voters_notified_at=None).update(voters_notified_at=now):
        return False  # another run got here first
    if poll.closed_at is None:
        Poll.objects.filter(id=poll_id, closed_at=None).update(closed_at=poll.closes_at or now)
    for member_id in PollVote.objects.filter(poll_id=poll_id).values_list("member_id", flat=True):
        notify(member_id, None, Notification.Kind.POLL_CLOSED, post_id=poll.post_id)
    return True
