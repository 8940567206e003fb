"""What `kettle bench run` asks for: each measurement as a list of calls (who asks for what),
built from the generated community. The in-process half and the HTTP half get disjoint
calls for the writes, so no vote, RSVP or follow is ever sent twice."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.test import Client

from kettle.accounts.actions import do_create_token, do_revoke_token
from kettle.accounts.models import Member
from kettle.bench.http import Call
from kettle.groups.models import Group, Membership, Poll, PollVote
from kettle.meetups.models import Meetup, Rsvp
from kettle.social.models import FeedEntry, Follow, Post
from kettle.social.models.feeds import FEED_KEEP

READS = ("hello", "home_html", "home_api", "local", "group", "profile", "post_50_comments", "blog_rss",
         "meetups_near")
WRITES = ("post_create", "vote", "rsvp", "follow")
VIEWERS = 40
RSVP_HEADROOM = timedelta(hours=1)  # longer than a whole run
BENCH_TOKEN = "bench"


@dataclass
class Identity:
    member: Member
    cookie: str
    token: str
    csrf_secret: str

    def session(self) -> dict[str, str]:
        """The cookies of a signed-in browser: its session, and the CSRF cookie every browser
        has held since the sign-in form (without it, each page with a form would mint a new
        secret, which a real member's pages never do)."""
        return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={self.cookie}; "
                          f"{settings.CSRF_COOKIE_NAME}={self.csrf_secret}"}

    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class Plan:
    reads: dict[str, list[Call]] = field(default_factory=dict)
    writes: dict[str, list[Call]] = field(default_factory=dict)  # in-process
    http_writes: dict[str, list[Call]] = field(default_factory=dict)
    targets: dict[str, str] = field(default_factory=dict)  # what each measurement looks at, in words
    viewer_ids: list[int] = field(default_factory=list)


_identities: dict[int, Identity] = {}


def identity(member: Member) -> Identity:
    if member.id not in _identities:
        client = Client()
        client.force_login(member, backend="kettle.accounts.auth.MemberBackend")
        for earlier in member.access_tokens.filter(name=BENCH_TOKEN, revoked_at=None).values_list("id", flat=True):
            do_revoke_token(member, earlier)  # an earlier run's: runs never pile up to the 20-token limit
        _, raw = do_create_token(member, name=BENCH_TOKEN)
        _identities[member.id] = Identity(member=member, cookie=client.cookies[settings.SESSION_COOKIE_NAME].value,
                                          token=raw, csrf_secret=_new_csrf_secret())
    return _identities[member.id]


def _new_csrf_secret() -> str:
    """A CSRF cookie's value as Django mints it for a browser that has none."""
    request = HttpRequest()
    get_token(request)
    return request.META["CSRF_COOKIE"]


def plan(rng: random.Random, write_calls: int, http_write_calls: int) -> Plan:
    result = Plan()
    full = list(FeedEntry.objects.values("member").annotate(rows=Count("id"))
                .filter(rows__gte=min(FEED_KEEP, 200)).values_list("member", flat=True)[:5000])
    if not full:
        raise RuntimeError("No member has a home feed here: run `kettle bench generate` first.")
    viewers = [identity(m) for m in Member.objects.filter(id__in=rng.sample(full, min(VIEWERS, len(full))))]
    group = (Group.objects.filter(privacy="public").order_by("-member_count").first()
             or Group.objects.order_by("-member_count").first())
    in_group = [identity(m) for m in Member.objects.filter(
        group_memberships__group=group, group_memberships__state=Membership.State.ACTIVE).order_by("?")[:VIEWERS]]
    famous = (Member.objects.filter(profile__is_public=True).annotate(n=Count("followers")).order_by("-n").first())
    # The first post with 50 comments or more (a tiny community may have none: then its busiest).
    threads = Post.objects.filter(group=None, audience="public", author__profile__is_public=True).select_related(
        "author")
    thread = threads.filter(comment_count__gte=50).order_by("id").first() or threads.order_by(
        "-comment_count").first()
    blogger = (Member.objects.filter(profile__is_public=True, posts__kind="blog").annotate(n=Count("posts"))
               .order_by("-n").first())
    reads = {
        "hello": [Call("GET", "/bench/hello", v.session()) for v in viewers],
        "home_html": [Call("GET", "/", v.session()) for v in viewers],
        "home_api": [Call("GET", "/api/v1/timelines/home", v.bearer()) for v in viewers],
        "local": [Call("GET", "/local", v.session()) for v in viewers],
        "group": [Call("GET", group.url, v.session()) for v in in_group],
        "profile": [Call("GET", famous.url, v.session()) for v in viewers],
        "post_50_comments": [Call("GET", thread.url, v.session()) for v in viewers],
        "blog_rss": [Call("GET", f"/@{blogger.handle}/blog/rss.xml")],
        # "Later" (this week onwards): a small community has only a handful of meetups in any one
        # week, so its first page this week would hold 4 cards to the county's 20 and the growth
        # budget would compare different pages. Later fills a page at both sizes, and ranks ten
        # times as many meetups at county size as at small.
        "meetups_near": [Call("GET", "/meetups?when=later", v.session()) for v in viewers],
    }
    result.reads = reads
    result.viewer_ids = [v.member.id for v in viewers]
    result.targets = {
        "group": f"{group.name} ({group.member_count:,} members)",
        "profile": f"@{famous.handle} ({famous.n:,} followers)",
        "post_50_comments": f"post {thread.id} ({thread.comment_count} comments)",
        "blog_rss": f"@{blogger.handle} ({blogger.n} posts)",
    }
    total = write_calls + http_write_calls
    writes = {"post_create": _posts(rng, total), "vote": _votes(rng, total), "rsvp": _rsvps(rng, total),
              "follow": _follows(rng, total)}
    result.writes = {name: calls[:write_calls] for name, calls in writes.items()}
    result.http_writes = {name: calls[write_calls:] for name, calls in writes.items()}
    return result


def _posts(rng: random.Random, count: int) -> list[Call]:
    """Posts by members with about 150 followers, so each fans out to that many feeds."""
    authors = list(Member.objects.annotate(n=Count("followers")).filter(n__gte=130, n__lte=170)[:50])
    if not authors:
        authors = list(Member.objects.annotate(n=Count("followers")).order_by("-n")[:50])
    calls = []
    for number in range(count):
        author = identity(authors[number % len(authors)])
        calls.append(Call("POST", "/api/v1/posts", author.bearer(),
                          {"body": f"Benchmark morning {number}: anyone up for the park later? #bench"}))
    return calls


def _votes(rng: random.Random, count: int) -> list[Call]:
    # Members see everyone's public posts (a public profile only matters to logged-out visitors).
    polls = list(Poll.objects.filter(post__group=None, post__audience="public", closed_at=None)
                 .select_related("post").prefetch_related("options")[:40])
    voted = set(PollVote.objects.filter(poll__in=polls).values_list("poll_id", "member_id"))
    return [Call("POST", f"/api/v1/polls/{poll.id}/votes", _bearer(member_id),
                 {"options": [rng.choice(list(poll.options.all())).id]})
            for poll, member_id in _new_pairs(rng, polls, voted, lambda poll: poll.post.author_id, count)]


def _rsvps(rng: random.Random, count: int) -> list[Call]:
    from django.utils import timezone

    # Full meetups still answer 200 (a place on the waitlist), so any upcoming public one will do,
    # but not one starting before the run reaches it: an RSVP to a started meetup is refused.
    meetups = list(Meetup.objects.filter(starts_at__gt=timezone.now() + RSVP_HEADROOM, audience="public",
                                         cancelled_at=None, requires_approval=False)[:40])
    taken = set(Rsvp.objects.filter(meetup__in=meetups).values_list("meetup_id", "member_id"))
    return [Call("PUT", f"/api/v1/meetups/{meetup.id}/rsvp", _bearer(member_id),
                 {"status": "going", "safety_read": True})
            for meetup, member_id in _new_pairs(rng, meetups, taken, lambda meetup: meetup.host_id, count)]


def _new_pairs(rng: random.Random, things: list, taken: set[tuple[int, int]], owner_of, count: int):
    """(thing, member id) pairs nobody has answered yet, never the thing's own author or host."""
    members = list(Member.objects.values_list("id", flat=True))
    pairs = []
    while things and len(pairs) < count:
        thing, member_id = rng.choice(things), rng.choice(members)
        if (thing.id, member_id) in taken or member_id == owner_of(thing):
            continue
        taken.add((thing.id, member_id))
        pairs.append((thing, member_id))
    return pairs


def _follows(rng: random.Random, count: int) -> list[Call]:
    people = list(Member.objects.filter(profile__is_locked=False).values_list("id", "handle"))
    follows = set()
    calls = []
    while len(calls) < count:
        (follower, _), (followee, handle) = rng.sample(people, 2)
        if (follower, followee) in follows or Follow.objects.filter(Q(follower=follower, followee=followee)).exists():
            continue
        follows.add((follower, followee))
        calls.append(Call("POST", f"/api/v1/people/{handle}/follow", _bearer(follower)))
    return calls


def _bearer(member_id: int) -> dict[str, str]:
    return identity(Member.objects.get(id=member_id)).bearer()
