"""What the demo community has written: a few hundred updates and about forty blog posts
spread over the last six months, with comments and replies, reactions, hashtags, mentions,
content notes, a few vent-mode posts with kind replies, and blog rolls.

Every write goes through the actions (do_create_post, do_comment, do_react, do_follow,
do_set_blog_roll), like any other way in. The plan is a pure function of a fixed seed and
the community, so the demo reads the same every time; if the demo members have posted
before, nothing is added."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from kettle.accounts.lifestage import stage_for_months
from kettle.accounts.models import Member
from kettle.core import demo_blogs as blogs
from kettle.core import demo_updates as words
from kettle.notifications.models import Notification
from kettle.social.actions import do_comment, do_create_post, do_edit_post, do_react, do_set_blog_roll
from kettle.social.models import Comment, Follow, Post, Reaction

SEED = 4077
UPDATES = 360
DAYS = 183  # about six months back
EDITED = 4  # posts whose authors later added a line, so "edited" and earlier versions show


@dataclass
class PostsResult:
    posts: int = 0
    blogs: int = 0
    comments: int = 0
    reactions: int = 0
    blog_rolls: int = 0
    skipped: bool = False


@dataclass
class Planned:
    when: datetime
    author: Member
    body: str
    kind: str = Post.Kind.UPDATE
    title: str = ""
    audience: str = Post.Audience.PUBLIC
    content_note: str = ""
    vent_mode: bool = False
    replies: tuple[str, ...] = ()  # what commenters say
    gentle: bool = False  # vent mode or a content note: the author only thanks, nobody banters
    number: int = 0  # its place in the plan, which seeds its comments and reactions
    reactions: tuple[int, int, int] = (4, 4, 2)  # weights of hug, me too, helpful


def stage_then(children: list[tuple], days_ago: float) -> str:
    """A member's life stage `days_ago`: expecting in the last seven months before a due date
    (or a birth), else their youngest child's stage then; "" before any of that."""
    months = [spec[1] - days_ago / 30.44 for spec in children if spec[0] == "born"]
    due_in = [spec[1] + days_ago for spec in children if spec[0] == "due"] + [-m * 30.44 for m in months if m < 0]
    if any(days <= 215 for days in due_in):
        return "expecting"
    born = [m for m in months if m >= 0]
    return stage_for_months(int(min(born))) if born else ""


def _town_tag(town: str) -> str:
    return "".join(ch for ch in town.lower() if ch.isalpha())


def _when(rng: random.Random, now: datetime, days_ago: float, hours: tuple[int, ...]) -> datetime:
    day = (now - timedelta(days=days_ago)).astimezone(timezone.get_default_timezone())
    moment = day.replace(hour=rng.choice(hours), minute=rng.randrange(60), second=rng.randrange(60))
    return moment - timedelta(days=1) if moment > now - timedelta(minutes=30) else moment  # not yet: yesterday


class Planner:
    def __init__(self, people, members: dict[str, Member], now: datetime) -> None:
        self.rng = random.Random(SEED)
        self.now = now
        self.people = [p for p in people if p.email in members]
        self.members = members
        self.by_local = {p.local: members[p.email] for p in self.people}
        self.persona = {members[p.email].id: p for p in self.people}
        self.following: dict[int, list[int]] = {}
        self.followers: dict[int, list[int]] = {}
        for follower, followee in Follow.objects.filter(follower__in=list(members.values())).values_list(
                "follower_id", "followee_id"):
            self.following.setdefault(follower, []).append(followee)
            self.followers.setdefault(followee, []).append(follower)
        self.handles = {m.id: m.handle for m in members.values()}
        self.people_by_id = {m.id: m for m in members.values()}
        self.bodies: set[str] = set()
        # Some people post a lot, many a little, a few never: the featured logins are regulars.
        self.activity = [8 if p.login else self.rng.choice((0, 1, 1, 2, 3)) for p in self.people]

    def update(self) -> Planned | None:
        rng = self.rng
        person = rng.choices(self.people, self.activity)[0]
        days_ago = DAYS * rng.random() ** 1.7  # busier lately, so trending tags have a week to count
        stage = stage_then(person.children, days_ago)
        themes = [(name, theme) for name, theme in words.THEMES.items()
                  if stage in theme.stages and (not theme.roles or person.role in theme.roles)]
        if not themes:
            return None
        name, theme = rng.choices(themes, [3 if theme.roles else 1 for _, theme in themes])[0]
        lines = rng.sample(theme.lines, 2 if rng.random() < 0.35 else 1)
        if rng.random() < 0.4:
            lines.append(rng.choice(theme.asks))
        author = self.members[person.email]
        followed = self.following.get(author.id, [])
        if followed and rng.random() < 0.12:
            lines.append(rng.choice(words.MENTIONS).format(handle=self.handles[rng.choice(followed)]))
        tags = list(rng.sample(theme.tags, rng.randint(1, len(theme.tags))))
        if name in ("out", "village") and rng.random() < 0.7:
            tags.append(_town_tag(person.town))
        body = " ".join(lines).format(town=person.town) + "\n\n" + " ".join(f"#{tag}" for tag in tags)
        if body in self.bodies:
            return None
        self.bodies.add(body)
        hug = 5 if name in ("nightfeeds", "sleep", "village", "wins", "carer") else 3
        return Planned(when=_when(rng, self.now, days_ago, theme.hours), author=author, body=body,
                       audience="followers" if rng.random() < 0.22 else "public", replies=theme.comments,
                       reactions=(hug, 4 if name != "out" else 2, 3 if name in ("out", "bump", "work") else 1))

    def blog(self, title: str, theme: str) -> Planned:
        rng = self.rng
        specific = {
            "Eight weeks early: our neonatal story": "alex", "Corrected age and other new vocabulary": "alex",
            "Double trouble: a day with twins": "dan", "Two mums, one baby, a lot of laundry": "jo",
            "How we became a family through adoption": "james", "Grandparenting, the second time round": "maureen",
            "Notes from a foster carer's kitchen table": "ruth",
        }
        stages = {"nights": ("newborn", "baby"), "newborn": ("newborn", "baby"), "weaning": ("baby",),
                  "expecting": ("expecting",), "work": ("baby", "toddler", "preschool"),
                  "toddler": ("toddler", "preschool"), "birth": ("newborn", "baby")}
        days_ago = rng.uniform(1, 20) if theme == "birth" else rng.uniform(1, DAYS)
        author = self.by_local.get(specific.get(title, ""))
        if author is None:
            fits = [p for p in self.people[15 if theme == "loss" else 0:40]
                    if stage_then(p.children, days_ago) in stages.get(theme, (stage_then(p.children, days_ago),))
                    and (theme != "dads" or p.role == "dad")]
            author = self.members[rng.choice(fits or self.people).email]
        paragraphs = rng.sample(blogs.PARAGRAPHS[theme], min(3, len(blogs.PARAGRAPHS[theme])))
        helped = "\n".join(f"- {item}" for item in rng.sample(blogs.HELPED, 3))
        body = "\n\n".join([rng.choice(blogs.OPENINGS), *paragraphs[:2], f"### What helped\n\n{helped}",
                            *paragraphs[2:], rng.choice(blogs.CLOSINGS),
                            " ".join(f"#{tag}" for tag in blogs.TAGS[theme])])
        note = blogs.NOTES.get(theme, "")
        return Planned(when=_when(rng, self.now, days_ago, (20, 21, 22)), author=author, body=body,
                       kind=Post.Kind.BLOG, title=title, content_note=note, gentle=bool(note),
                       replies=words.NOTE_REPLIES.get(note, tuple(blogs.BLOG_COMMENTS)), reactions=(3, 3, 4))

    def specials(self) -> list[Planned]:
        """Vent-mode posts and posts behind a content note, each by someone it fits."""
        rng, planned = self.rng, []
        little = [p for p in self.people if stage_then(p.children, 0) in ("newborn", "baby")] or self.people
        newborn = [p for p in little if any(spec[0] == "born" and 1 <= spec[1] <= 2 for spec in p.children)] or little
        others = [p for p in self.people[15:] if p.role in ("mum", "parent")] or self.people
        for body in words.VENTS:
            person = rng.choice(little)
            planned.append(Planned(when=_when(rng, self.now, rng.uniform(0.5, 60), (14, 21, 22, 23)),
                                   author=self.members[person.email], body=body, vent_mode=True, gentle=True,
                                   replies=words.VENT_REPLIES, reactions=(1, 0, 0)))
        for note, audience, body in words.NOTED:
            person = rng.choice(newborn if note == "birth story" else others)
            days_ago = self._three_weeks_after_birth(person) if note == "birth story" else rng.uniform(2, 120)
            planned.append(Planned(when=_when(rng, self.now, days_ago, (10, 15, 21)),
                                   author=self.members[person.email], body=body, content_note=note, gentle=True,
                                   audience=audience, replies=words.NOTE_REPLIES[note], reactions=(1, 0, 0)))
        return planned

    def _three_weeks_after_birth(self, person) -> float:
        youngest = min((spec[1] for spec in person.children if spec[0] == "born"), default=0)
        return max(1.0, youngest * 30.44 - 21)

    def audience_of(self, planned: Planned, rng: random.Random) -> list[int]:
        """Who may answer: followers-only posts get their followers; public ones anyone, mostly
        followers and neighbours."""
        followers = self.followers.get(planned.author.id, [])
        if planned.audience == "followers":
            return list(followers)
        town = self.persona[planned.author.id].town
        neighbours = [self.members[p.email].id for p in self.people if p.town == town]
        strangers = [self.members[p.email].id for p in rng.sample(self.people, min(12, len(self.people)))]
        return [m for m in dict.fromkeys(followers + neighbours + strangers) if m != planned.author.id]


def _stamp(model, when_by_id: dict[int, datetime]) -> None:
    # The actions stamp everything with now(); the demo should read as months of life, so the
    # times are moved back afterwards, keeping ids in time order for keyset pages.
    model.objects.bulk_update([model(id=i, created_at=when) for i, when in when_by_id.items()],
                              ["created_at"], batch_size=500)


def _stamp_notifications(posts: list[Post]) -> None:
    """Give each notification the moment of what it is about, not the moment the demo ran.
    (With a queued worker they arrive later and keep their own time.)"""
    reacted = {(r.member_id, r.post_id, r.kind): r.created_at for r in Reaction.objects.filter(post__in=posts)}
    when = {}
    for note in Notification.objects.filter(post__in=posts).select_related("comment", "post"):
        if note.comment_id:
            when[note.id] = note.comment.created_at
        elif note.kind == Notification.Kind.REACTION:
            when[note.id] = reacted.get((note.actor_id, note.post_id, note.reaction), note.post.created_at)
        else:
            when[note.id] = note.post.created_at
    _stamp(Notification, when)


def _write(planner: Planner, planned: Planned, result: PostsResult, times: dict) -> Post:
    # Each post's answers come from its own seed, so they don't depend on the order posts are
    # written in (which follows their dates, and so the time of day the demo runs).
    rng = random.Random(SEED * 10_000 + planned.number)
    post = do_create_post(planned.author, body=planned.body, kind=planned.kind, title=planned.title,
                          audience=planned.audience, content_note=planned.content_note,
                          vent_mode=planned.vent_mode)
    Post.objects.filter(id=post.id).update(created_at=planned.when)
    post.created_at = planned.when
    result.blogs += post.is_blog
    result.posts += not post.is_blog
    pool = planner.audience_of(planned, rng)
    count = min(len(pool), rng.choices((0, 1, 2, 3, 4, 6), (22, 26, 20, 14, 10, 8))[0] + 2 * planned.vent_mode)
    commenters = rng.sample(pool, count)
    texts = rng.sample(planned.replies, len(planned.replies))  # no one says the same thing twice
    moment = planned.when
    people = planner.people_by_id
    for index, commenter in enumerate(commenters):
        moment = min(moment + timedelta(minutes=rng.randint(3, 400)), planner.now - timedelta(minutes=1))
        comment = do_comment(people[commenter], post.id, body=texts[index % len(texts)])
        times[Comment][comment.id] = moment
        result.comments += 1
        if rng.random() < 0.3:  # the author answers, and sometimes another commenter joins in
            moment = min(moment + timedelta(minutes=rng.randint(5, 200)), planner.now)
            thanks = words.GRATEFUL if planned.gentle else words.AUTHOR_REPLIES
            reply = do_comment(planned.author, post.id, body=rng.choice(thanks), parent_id=comment.id)
            times[Comment][reply.id] = moment
            result.comments += 1
        elif len(commenters) > 2 and not planned.gentle and rng.random() < 0.2:
            other = people[rng.choice([c for c in commenters if c != commenter])]
            reply = do_comment(other, post.id, body=rng.choice(words.THREAD_REPLIES), parent_id=comment.id)
            times[Comment][reply.id] = min(moment + timedelta(minutes=30), planner.now)
            result.comments += 1
    reactors = rng.sample(pool, min(len(pool), rng.choices((0, 1, 2, 3, 5, 9), (16, 26, 24, 16, 11, 7))[0]))
    for reactor in reactors:
        kinds = rng.choices(["hug", "me_too", "helpful"], planned.reactions, k=rng.choice((1, 1, 1, 2)))
        for kind in kinds:
            result.reactions += do_react(people[reactor], post.id, kind)
    times[Post][post.id] = moment  # reactions are stamped from this below
    return post


def _blog_rolls(planner: Planner, themes_by_blogger: dict[Member, set[str]], result: PostsResult) -> None:
    """Each blogger lists a few other Kettle blogs, and some a site that fits what they write."""
    rng = planner.rng
    fitting = {"early": "Bliss", "twins": "Twins Trust", "loss": "Tommy's", "expecting": "NCT"}
    sites = dict(blogs.EXTERNAL_BLOGS)
    bloggers = sorted(themes_by_blogger, key=lambda m: m.id)
    for owner in bloggers:
        others = [m for m in bloggers if m.id != owner.id]
        entries = [{"handle": m.handle} for m in rng.sample(others, min(len(others), rng.randint(2, 5)))]
        wanted = ["NHS Start for Life"] if rng.random() < 0.6 else []
        wanted += sorted({fitting[theme] for theme in themes_by_blogger[owner] if theme in fitting})
        at = rng.randrange(len(entries) + 1)
        entries[at:at] = [{"title": title, "url": sites[title]} for title in wanted]
        do_set_blog_roll(owner, entries)
        result.blog_rolls += 1


def build_posts(people, say: Callable[[str], None] = lambda text: None, *, scale: float = 1.0) -> PostsResult:
    """Write the demo's posts, comments, reactions and blog rolls, unless they are there already."""
    members = {m.email: m for m in Member.objects.filter(email__in=[p.email for p in people], is_active=True)
               .select_related("profile")}
    if not members:
        return PostsResult(skipped=True)
    if Post.objects.filter(author__in=list(members.values())).exists():
        say("The demo posts are already there.")
        return PostsResult(skipped=True)
    now = timezone.now()
    planner = Planner(people, members, now)
    plan = [p for p in (planner.update() for _ in range(round(UPDATES * scale))) if p is not None]
    titles = blogs.TITLES[:max(8, round(len(blogs.TITLES) * scale))]
    plan += [planner.blog(title, theme) for title, theme in titles] + planner.specials()
    for number, planned in enumerate(plan):
        planned.number = number
    themes = {title: theme for title, theme in blogs.TITLES}
    plan.sort(key=lambda planned: planned.when)  # ids in time order, as keyset pages expect
    result = PostsResult()
    times: dict = {Post: {}, Comment: {}}
    say(f"Writing {len(plan)} posts with their comments and reactions...")
    # The demo writes months of posts in seconds; the rate limits guard against floods from
    # members, not against our own seeding, so they are lifted while it runs. One transaction
    # keeps it quick on SQLite and all-or-nothing, so a second run sees either everything or nothing.
    with override_settings(POST_RATE="100000/1", COMMENT_RATE="100000/1"), transaction.atomic():
        posts = [_write(planner, planned, result, times) for planned in plan]
        answered = Post.objects.filter(id__in=[p.id for p in posts], kind=Post.Kind.UPDATE, comment_count__gte=2,
                                       body__contains="\n\n#").order_by("body")  # order: not by date
        answered = list(answered.select_related("author"))
        for post in planner.rng.sample(answered, min(EDITED, len(answered))):
            do_edit_post(post.author, post.id, body=post.body.replace(
                "\n\n#", " (Edited to add: thank you all for the kind replies.)\n\n#", 1))
            Post.objects.filter(id=post.id).update(edited_at=min(post.created_at + timedelta(hours=3), now))
        _stamp(Comment, times[Comment])
        last_activity = times[Post]
        reactions = Reaction.objects.filter(post__in=posts).values_list("id", "post_id")
        _stamp(Reaction, {rid: min(last_activity[pid] + timedelta(minutes=rid % 240), now) for rid, pid in reactions})
        by_blogger: dict[Member, set[str]] = {}
        for post in posts:
            if post.is_blog:
                by_blogger.setdefault(post.author, set()).add(themes[post.title])
        _blog_rolls(planner, by_blogger, result)
    _stamp_notifications(posts)  # after commit, once the notifications have been delivered
    say(f"Wrote {result.posts} updates, {result.blogs} blog posts, {result.comments} comments, "
        f"{result.reactions} reactions and {result.blog_rolls} blog rolls.")
    return result
