"""The demo community behind `kettle demo`: about 200 members in Suffolk towns and villages,
with children at every stage, interests, varied privacy choices, a few follows, a couple of
privately recorded losses and one staff account.

Everything is written through the actions, like any other way in. The community is planned
from a fixed seed and today's date, then built member by member, skipping anyone whose
demo email already exists, so running it again adds nothing."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from kettle.accounts.actions import (
    do_create_member,
    do_finish_onboarding,
    do_record_loss,
    do_update_profile,
)
from kettle.accounts.lifestage import BABY, EXPECTING, stage_of
from kettle.accounts.models import Member, Role
from kettle.core import demo_data as data
from kettle.core.demo_groups_seed import GroupsResult, build_groups
from kettle.core.demo_meetups import MeetupsResult, build_meetups, meetup_note
from kettle.core.demo_places import demo_towns, ensure_places
from kettle.core.demo_posts import PostsResult, build_posts
from kettle.core.models import Place

SEED = 2026
DEMO_PASSWORD = "kettle-demo-2026"
EMAIL_DOMAIN = "demo.kettle.test"
STAFF_EMAIL = f"admin@{EMAIL_DOMAIN}"
STAFF_HANDLE = "kettle_team"  # "admin" and "kettle" are reserved handles
DEFAULT_SIZE = 200


class DemoError(Exception):
    """The demo can't be built here, with a message saying what to do."""


class Progress(Protocol):
    def update(self, n: int = 1) -> object: ...


@dataclass
class Persona:
    local: str  # the part of the email before the @, also the start of the handle
    display_name: str
    role: str
    town: str
    children: list[tuple]  # see demo_data.FEATURED
    interests: list[str]
    bio: str
    visibility: str
    discoverable: bool
    public: bool
    pronouns: str = ""
    note: str = ""
    login: bool = False
    follows: list[str] = field(default_factory=list)

    @property
    def email(self) -> str:
        return f"{self.local}@{EMAIL_DOMAIN}"


@dataclass
class DemoResult:
    created: int = 0
    existing: int = 0
    follows: int = 0
    towns: int = 0
    skipped: bool = False
    posts: PostsResult | None = None
    groups: GroupsResult | None = None
    meetups: MeetupsResult | None = None


# --- Planning: a pure function of the seed, today and the towns available ---------------------

def _due_month(children: list[tuple], today: date) -> str:
    due = [c[1] for c in children if c[0] == "due"]
    return f"{today + timedelta(days=due[0]):%B}" if due else ""


def _pick_town(rng: random.Random, towns: list[str], weights: list[int]) -> str:
    return rng.choices(towns, weights)[0]


def _children_for(rng: random.Random, role: str) -> list[tuple]:
    if role == "parent_to_be":
        return [("due", rng.randint(30, 270))]
    low, high = rng.choices([(0, 2), (3, 11), (12, 35), (36, 59)], [20, 40, 28, 12])[0]
    months = rng.randint(low, high)
    weeks_early = rng.randint(2, 10) if rng.random() < 0.12 else 0
    children = [("born", months, weeks_early)]
    extra = rng.random()
    if extra < 0.04:
        children.append(("born", months, weeks_early))  # twins
    elif extra < 0.14:
        children.append(("born", min(59, months + rng.randint(18, 30)), 0))
    elif extra < 0.20 and role != "carer" and months >= 12:
        children.append(("due", rng.randint(30, 270)))  # expecting again
    return children


def _interests_for(rng: random.Random, role: str, children: list[tuple]) -> list[str]:
    picked = rng.sample(data.HOBBIES, rng.randint(1, 2)) + rng.sample(data.TOPICS, rng.randint(1, 2))
    if role in data.ROLE_INTERESTS and rng.random() < 0.7:
        picked.append(rng.choice(data.ROLE_INTERESTS[role]))
    if any(c[0] == "due" for c in children) and rng.random() < 0.6:
        picked.append(rng.choice(data.EXPECTING_INTERESTS))
    born = [c for c in children if c[0] == "born"]
    if len(born) == 2 and born[0] == born[1]:
        picked.append("twins")
    if any(c[2] for c in born) and rng.random() < 0.5:
        picked.append("premature babies")
    return picked


def _bio(rng: random.Random, role: str, children: list[tuple], town: str, hobby: str, today: date) -> str:
    due = _due_month(children, today)
    parts = [rng.choice(data.OPENERS[role]), rng.choice(data.MIDDLES), rng.choice(data.CLOSERS)]
    if role != "parent_to_be" and due:
        parts.insert(1, f"Number two is due in {due}.")
    text = " ".join(part for part in parts if part)
    return text.format(kids=data.kids_phrase(children), due=due, town=town, interest=hobby)


def _names(rng: random.Random, taken: set[str]):
    pools = {}
    for gender, names in (("female", data.FEMALE_NAMES), ("male", data.MALE_NAMES),
                          ("neutral", data.NEUTRAL_NAMES)):
        pool = [name for name in names if name not in taken]
        rng.shuffle(pool)
        pools[gender] = pool
    counts: dict[str, int] = {}

    def next_name(gender: str) -> str:
        pool = pools[gender]
        n = counts.get(gender, 0)
        counts[gender] = n + 1
        name = pool[n % len(pool)]
        return name if n < len(pool) else f"{name}{n // len(pool) + 1}"

    return next_name


GENDERS_FOR_ROLE = {
    "mum": {"female": 1}, "dad": {"male": 1}, "parent": {"neutral": 6, "female": 2, "male": 2},
    "carer": {"female": 6, "male": 4}, "parent_to_be": {"female": 6, "male": 3, "neutral": 1},
}


def plan_community(size: int, today: date, available: list[str]) -> list[Persona]:
    """`size` members (the first ones hand-written), each placed in an available town."""
    rng = random.Random(SEED)
    weights = {name: weight for name, _, weight in data.TOWNS}
    town_weights = [weights[name] for name in available]
    people: list[Persona] = []
    for spec in data.FEATURED[:size]:
        fallback = _pick_town(rng, available, town_weights)
        spec = dict(spec)
        bio = spec.pop("bio").format(due=_due_month(spec["children"], today))
        town = spec.pop("town")
        people.append(Persona(
            local=spec.pop("local"), display_name=spec.pop("name"), bio=bio,
            town=town if town in available else fallback, **spec))
    next_name = _names(rng, {spec["local"] for spec in data.FEATURED})
    roles, role_weights = list(data.ROLE_WEIGHTS), list(data.ROLE_WEIGHTS.values())
    for _ in range(size - len(people)):
        role = rng.choices(roles, role_weights)[0]
        genders = GENDERS_FOR_ROLE[role]
        gender = rng.choices(list(genders), list(genders.values()))[0]
        local = next_name(gender)
        town = _pick_town(rng, available, town_weights)
        children = _children_for(rng, role)
        interests = _interests_for(rng, role, children)
        people.append(Persona(
            local=local, display_name=f"{local.rstrip('0123456789').title()} {rng.choice(data.INITIALS)}.",
            role=role, town=town, children=children, interests=interests,
            bio=_bio(rng, role, children, town, interests[0], today),
            visibility=rng.choices(["everyone", "followed", "nobody"], [35, 40, 25])[0],
            discoverable=rng.random() < 0.6, public=rng.random() < 0.2,
            pronouns=data.PRONOUNS[gender] if rng.random() < 0.35 else ""))
    _plan_follows(rng, people)
    return people


def _plan_follows(rng: random.Random, people: list[Persona]) -> None:
    """A few follows each, mostly between neighbours, the way a village starts."""
    by_town: dict[str, list[str]] = {}
    for person in people:
        by_town.setdefault(person.town, []).append(person.local)
    everyone = [p.local for p in people]
    known = set(everyone)
    for person in people:
        wanted = [local for local in person.follows if local in known]
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
            neighbours = by_town[person.town]
            pool = neighbours if len(neighbours) > 1 and rng.random() < 0.7 else everyone
            wanted.append(rng.choice(pool))
        person.follows = [local for local in dict.fromkeys(wanted) if local != person.local]


# --- Building -----------------------------------------------------------------------------

def _child_ops(children: list[tuple], today: date) -> list[dict]:
    ops = []
    for kind, amount, *rest in children:
        if kind == "born":
            months = today.year * 12 + today.month - 1 - amount
            ops.append({"birth_year": months // 12, "birth_month": months % 12 + 1,
                        "weeks_early": rest[0] if rest else 0})
        else:
            ops.append({"due_date": today + timedelta(days=amount)})
    return ops


def _set_shared_password(member: Member, password_hash: str) -> None:
    # Every demo member shares one password. Hashing it 200 times with argon2 would take most
    # of the build, so it is hashed once and the hash is copied onto each account.
    Member.objects.filter(id=member.id).update(password=password_hash)


def _free_handle(base: str) -> str:
    handle, n = base[:30], 2
    while Member.objects.filter(handle=handle).exists():
        handle = f"{base[:27]}_{n}"
        n += 1
    return handle


def _create_persona(person: Persona, place: Place, slug: str, password_hash: str, today: date) -> Member:
    with transaction.atomic():
        member = do_create_member(email=person.email, handle=_free_handle(f"{person.local}_{slug}"),
                                  password=None, display_name=person.display_name)
        _set_shared_password(member, password_hash)
        do_update_profile(
            member, pronouns=person.pronouns, bio=person.bio, role=person.role,
            interests=person.interests, place_id=place.id, children_visibility=person.visibility,
            discoverable=person.discoverable, is_public=person.public,
            children=_child_ops(person.children, today))
        for child, spec in zip(member.children.order_by("id"), person.children, strict=True):
            if spec[0] == "lost":
                do_record_loss(member, child.id)
        do_finish_onboarding(member)
    return member


def _ensure_staff(place: Place) -> None:
    if Member.objects.filter(email=STAFF_EMAIL).exists():
        return
    with transaction.atomic():
        # The one account created with the password itself, so it passes the validators.
        staff = do_create_member(email=STAFF_EMAIL, handle=_free_handle(STAFF_HANDLE),
                                 password=DEMO_PASSWORD, display_name="The Kettle team", staff=True)
        do_update_profile(staff, place_id=place.id, is_public=True,
                          bio="The people who look after this Kettle: keeping it kind, answering "
                              "questions and sorting out anything that goes wrong. Say hello any time.")
        do_finish_onboarding(staff)


def build_demo(stdout=None, size: int = DEFAULT_SIZE, *, if_empty: bool = False,
               progress: Progress | None = None) -> DemoResult:
    """Build the demo community of `size` members (the staff account included). Safe to run
    again: members whose demo email exists are left as they are."""
    def say(text: str) -> None:
        if stdout is not None:
            stdout.write(text + "\n")

    if size < 1:
        raise DemoError("The demo needs at least one member.")
    result = DemoResult()
    if if_empty and Member.objects.exists():
        say("Members already exist, so the demo community was not built.")
        result.skipped = True
        return result
    ensure_places(say)
    towns = demo_towns()
    if not towns:
        raise DemoError("None of the demo's Suffolk towns are in the places table. "
                        "Run `kettle places import --country GB` first.")
    available = [name for name, _, _ in data.TOWNS if name in towns]
    result.towns = len(available)
    today = timezone.localdate()
    people = plan_community(size - 1, today, available)
    existing = set(Member.objects.filter(email__in=[p.email for p in people] + [STAFF_EMAIL])
                   .values_list("email", flat=True))
    _ensure_staff(towns[available[0]])
    result.existing = len(existing)
    scale = min(1.0, size / DEFAULT_SIZE)  # a smaller community writes fewer posts
    if len(existing) == size:
        say("The demo community is already built.")
        return _build_content(result, people, towns, say, scale)
    say(f"Building a demo community of {size} members across {len(available)} Suffolk towns "
        f"and villages...")
    slugs = {name: slug for name, slug, _ in data.TOWNS}
    password_hash = make_password(DEMO_PASSWORD)
    for person in people:
        if person.email not in existing:
            _create_persona(person, towns[person.town], slugs[person.town], password_hash, today)
            result.created += 1
        if progress is not None:
            progress.update(1)
    result.created += STAFF_EMAIL not in existing
    result.follows = _apply_follows(people)
    getattr(progress, "close", lambda: None)()  # members are done: keep the bar out of what follows
    return _build_content(result, people, towns, say, scale)


def _build_content(result: DemoResult, people: list[Persona], towns: dict[str, Place], say, scale: float):
    """What the members make, each step safe to run again: posts, groups, then meetups."""
    result.posts = build_posts(people, say, scale=scale)
    result.groups = build_groups(people, STAFF_EMAIL, say)
    result.meetups = build_meetups(people, towns, say)
    return result


def _apply_follows(people: list[Persona]) -> int:
    from kettle.social.actions import do_follow

    members = {m.email: m for m in Member.objects.filter(email__in=[p.email for p in people])}
    count = 0
    for person in people:
        follower = members[person.email]
        for local in person.follows:
            followee = members.get(f"{local}@{EMAIL_DOMAIN}")
            if followee is not None:
                do_follow(follower, followee)
                count += 1
    return count


# --- Logins -------------------------------------------------------------------------------

def _describe(member: Member, note: str) -> str:
    profile = member.profile
    role = Role(profile.role).label.lower() if profile.role else "member"
    words = f"{role} in {profile.place.name}" if profile.place_id else role
    child = next((c for c in member.children.all() if not c.is_lost), None)
    if child is not None:
        stage = stage_of(child, timezone.localdate())
        if stage.key == EXPECTING:
            words += f", due {child.due_date:%B %Y}"
        else:
            words += f", {'baby ' if stage.key == BABY else ''}{stage.words}"
    return f"{words} ({note})" if note else words


def demo_logins() -> list[tuple[str, str]]:
    """(email, description) for the staff account and the featured demo members that exist."""
    wanted = [(STAFF_EMAIL, "staff: can use /admin/")]
    wanted += [(f"{s['local']}@{EMAIL_DOMAIN}", s.get("note", "")) for s in data.FEATURED if s.get("login")]
    members = {m.email: m for m in Member.objects.filter(email__in=[email for email, _ in wanted])
               .select_related("profile", "profile__place").prefetch_related("children")}
    logins = []
    for email, note in wanted:
        if email in members:
            member = members[email]
            if member.is_staff:
                logins.append((email, note))
            else:  # "... (two-mum family; hosting 3 meetups and going to 1)"
                logins.append((email, _describe(member, "; ".join(p for p in (note, meetup_note(member)) if p))))
    return logins


def format_logins(logins: list[tuple[str, str]]) -> str:
    if not logins:
        return "No demo accounts here: run `kettle demo` on an empty site to create them."
    width = max(len(email) for email, _ in logins) + 3
    lines = [f"Demo logins (password: {DEMO_PASSWORD})"]
    lines += [f"  {email:<{width}}{description}" for email, description in logins]
    return "\n".join(lines)
