"""The demo's groups: a Suffolk parents' group in Ipswich, the due-month clubs around Bury St
Edmunds, a county not-for-profit (verified) with its baby-class and dads' groups, and a
breastfeeding group with anonymous posts; members, requests waiting with their answers, a held
post, pins, polls (one answered by 155 parents). Everything goes through the real actions."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from kettle.accounts.models import Member
from kettle.core.demo_groups_words import (
    BABY_CLASS_POSTS,
    CLUB_POSTS,
    DADS_POSTS,
    FEEDING_ANONYMOUS,
    FEEDING_POSTS,
    IPSWICH_POSTS,
    KIND_REPLIES,
    RULES,
)
from kettle.core.models import Place
from kettle.groups import actions
from kettle.groups.actions import PollSpec
from kettle.groups.clubs import clubs_for
from kettle.groups.models import Group, Membership
from kettle.social.actions import do_comment, do_create_post, do_react
from kettle.social.models import Comment, Post

SEED = 2027
BIG_POLL_VOTERS = 155
MIN_MEMBERS = 8


@dataclass
class GroupsResult:
    groups: int = 0
    posts: int = 0
    votes: int = 0
    skipped: bool = False


class Seeder:
    def __init__(self, members: list[Member], staff: Member) -> None:
        self.rng = random.Random(SEED)
        self.members = members
        self.staff = staff
        self.result = GroupsResult()
        self.posts: list[Post] = []

    def near(self, town_names: set[str]) -> list[Member]:
        return [m for m in self.members if m.profile.place_id and m.profile.place.name in town_names]

    def fill(self, group: Group, people: list[Member]) -> None:
        for person in people:
            membership = Membership.objects.filter(group=group, member=person).first()
            if membership is not None and membership.is_active:
                continue
            if group.is_public or group.is_club:
                actions.do_join_group(person, group.id, answers=["Hello!"] * len(group.questions))
            else:
                owner = Membership.objects.get(group=group, role=Membership.Role.OWNER).member
                actions.do_invite_member(owner, group.id, person.handle)
                actions.do_join_group(person, group.id)
        group.refresh_from_db()

    def write(self, group: Group, lines: list[str], *, anonymous: bool = False, replies: int = 2,
              by: Member | None = None) -> list[Post]:
        people = list(Membership.objects.filter(group=group, state=Membership.State.ACTIVE)
                      .values_list("member", flat=True))
        authors = Member.objects.in_bulk(people)
        written = []
        for line in lines:
            author = by or authors[self.rng.choice(people)]
            post = do_create_post(author, body=line, group_id=group.id, anonymous=anonymous)
            if post.held_at is not None:
                actions.do_approve_post(self.owner_of(group), group.id, post.id)
            for _ in range(replies):
                replier = authors[self.rng.choice(people)]
                if replier.id != author.id:
                    do_comment(replier, post.id, body=self.rng.choice(KIND_REPLIES))
            for _ in range(self.rng.randint(1, 6)):
                reactor = authors[self.rng.choice(people)]
                if reactor.id != author.id:
                    do_react(reactor, post.id, self.rng.choice(["hug", "me_too", "helpful"]))
            written.append(post)
        self.posts += written
        self.result.posts += len(written)
        return written

    def active(self, group: Group, *, besides: Member, limit: int) -> list[Member]:
        return [m.member for m in Membership.objects.filter(group=group, state=Membership.State.ACTIVE)
                .exclude(member=besides).select_related("member").order_by("id")[:limit]]

    def owner_of(self, group: Group) -> Member:
        owner = Membership.objects.filter(group=group, role=Membership.Role.OWNER).first()
        return owner.member if owner else self.staff

    def poll(self, group: Group, author: Member, body: str, options: list[str], voters: list[Member], *,
             multiple: bool = False, show_voters: bool = False, close: bool = False) -> Post:
        post = do_create_post(author, body=body, group_id=group.id, poll=PollSpec(
            options=options, multiple=multiple, show_voters=show_voters,
            closes_at=None if close else timezone.now() + timedelta(days=6)))
        option_ids = list(post.poll.options.values_list("id", flat=True))
        weights = [len(options) - i + 1 for i in range(len(options))]
        for voter in voters:
            chosen = self.rng.choices(option_ids, weights, k=2 if multiple and self.rng.random() < 0.5 else 1)
            actions.do_vote(voter, post.poll.id, list(dict.fromkeys(chosen)))
            self.result.votes += 1
        if close:
            actions.do_close_poll(author, post.poll.id)
        self.posts.append(post)
        self.result.posts += 1
        return post


def _place(name: str) -> Place | None:
    return Place.objects.filter(name=name, country_code="GB").order_by("-population").first()


def build_groups(people, staff_email: str, say: Callable[[str], None] = lambda text: None) -> GroupsResult:
    """Build the demo's groups once; a second run finds them and does nothing."""
    if Group.objects.filter(kind__in=(Group.Kind.LOCAL, Group.Kind.INTEREST)).exists():
        say("The demo groups are already there.")
        return GroupsResult(skipped=True)
    members = list(Member.objects.filter(email__in=[p.email for p in people], is_active=True)
                   .select_related("profile__place").prefetch_related("children").order_by("id"))
    staff = Member.objects.filter(email=staff_email).first()
    if len(members) < MIN_MEMBERS or staff is None:
        return GroupsResult(skipped=True)  # too few people for groups to make sense
    by_local = {m.email.split("@")[0]: m for m in members}
    say("Starting the Suffolk groups, clubs and polls...")
    seeder = Seeder(members, staff)
    with override_settings(POST_RATE="100000/1", COMMENT_RATE="100000/1", GROUP_CREATE_RATE="1000/1"), \
            transaction.atomic():
        _build(seeder, by_local)
        _stamp_recent(seeder.posts)
    seeder.result.groups = Group.objects.count()
    return seeder.result


def _build(seeder: Seeder, by_local: dict[str, Member]) -> None:
    members, staff = seeder.members, seeder.staff
    amara, tom, alex, jo = (by_local.get(name, members[i]) for i, name in enumerate(("amara", "tom", "alex", "jo")))
    dan = by_local.get("dan", members[-1])
    ipswich = _place("Ipswich")

    # A county not-for-profit, verified by the site's staff, with its own groups.
    charity = actions.do_create_organisation(
        jo, name="Little Steps Suffolk", area="Across Suffolk", place_id=ipswich.id if ipswich else None,
        website="https://littlesteps.example",
        description="A Suffolk not-for-profit running baby massage, sensory play and baby signing classes in "
                    "children's centres and village halls across the county, plus free drop-ins for dads and "
                    "a breastfeeding support network trained by the NHS.")
    actions.do_set_team_member(jo, charity.id, tom.handle, role="admin", title="Dads' group lead")
    actions.do_set_team_member(jo, charity.id, amara.handle, role="team", title="Baby massage teacher")
    actions.do_verify_organisation(staff, charity.id)

    # The Ipswich parents' group: public, local, most of the demo in it.
    local = actions.do_create_group(
        amara, name="Ipswich Parents", kind=Group.Kind.LOCAL, privacy=Group.Privacy.PUBLIC,
        place_id=ipswich.id if ipswich else None, radius_km=30, rules=RULES["local"],
        topics=["meet-ups", "local"],
        description="For mums, dads and carers in and around Ipswich: meet-ups, recommendations, questions at "
                    "3 a.m. and anything else that helps.")
    seeder.fill(local, [tom])
    actions.do_set_role(amara, local.id, tom.id, Membership.Role.MODERATOR)
    seeder.fill(local, [m for m in members if m.id != amara.id][:175])
    welcome = seeder.write(local, IPSWICH_POSTS[:1], replies=4, by=amara)[0]
    actions.do_pin_post(amara, local.id, welcome.id)
    seeder.write(local, IPSWICH_POSTS[1:], replies=2)
    seeder.poll(local, amara, "We're planning a weekly meet-up at Christchurch Park. Which morning suits you best?",
                ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
                seeder.active(local, besides=amara, limit=BIG_POLL_VOTERS))

    # Due-month clubs around Bury St Edmunds: made when members added children; parents due or
    # born that month get straight in.
    bury = {"Bury St Edmunds", "Thurston", "Woolpit", "Elmswell", "Mildenhall", "Newmarket", "Haverhill"}
    club_posts = 0
    for person in seeder.near(bury):
        for club in clubs_for(person, create=True):
            if club.place_id and club.place.name == "Bury St Edmunds":
                actions.do_join_group(person, club.id)
    for club in Group.objects.filter(kind=Group.Kind.DUE_MONTH, place__name="Bury St Edmunds", member_count__gte=2):
        seeder.write(club, CLUB_POSTS[club_posts % len(CLUB_POSTS):][:2], replies=2)
        club_posts += 2

    # The charity's groups: its baby-class parents (private, with questions, first posts approved)...
    classes = actions.do_create_group(
        jo, name="Little Steps Baby Classes", kind=Group.Kind.INTEREST, privacy=Group.Privacy.PRIVATE,
        organisation_id=charity.id, topics=["baby massage", "sensory play"], rules=RULES["classes"],
        post_approval=Group.Approval.FIRST, questions=["Which class and venue do you come to?"],
        description="For parents and carers who come to a Little Steps class: swap notes, ask the teachers, and "
                    "arrange a cuppa after class.")
    seeder.fill(classes, [m for m in members if m.profile.role in ("mum", "parent", "carer")][:40])
    seeder.write(classes, BABY_CLASS_POSTS, replies=2)
    seeder.poll(classes, jo, "Which class should we add next term at Stowmarket?",
                ["Baby signing", "Sensory play", "Toddler music"], seeder.active(classes, besides=jo, limit=24),
                close=True)
    newcomers = [m for m in members if not Membership.objects.filter(group=classes, member=m).exists()][:3]
    for person, answer in zip(newcomers, ["Baby massage at Kesgrave on Tuesdays", "Sensory play at Sudbury",
                                          "My health visitor suggested it; I haven't started yet"], strict=False):
        actions.do_join_group(person, classes.id, answers=[answer])
    first_timer = Membership.objects.filter(group=classes, state=Membership.State.ACTIVE, trusted=False,
                                            role=Membership.Role.MEMBER).select_related("member").first()
    if first_timer is not None:
        post = do_create_post(first_timer.member, group_id=classes.id,
                              body="Hello! Is it OK to bring a toddler sibling to the baby massage class?")
        seeder.posts.append(post)  # held: it waits in the moderators' queue
        seeder.result.posts += 1

    # ...and its dads' group (public), with a "show who voted" poll.
    dads = actions.do_create_group(
        tom, name="Suffolk Dads", kind=Group.Kind.INTEREST, privacy=Group.Privacy.PUBLIC,
        organisation_id=charity.id, topics=["dads"], rules=RULES["dads"],
        description="Dads, step-dads and granddads: buggy walks, football in the park, and honest chat about "
                    "the bits nobody warns you about.")
    dad_members = [m for m in members if m.profile.role == "dad"]
    seeder.fill(dads, dad_members + [dan])
    seeder.write(dads, DADS_POSTS, replies=2)
    seeder.poll(dads, tom, "Saturday buggy walk: who's in?", ["Christchurch Park, 9am", "Felixstowe seafront, 10am",
                                                              "Can't this week"],
                seeder.active(dads, besides=tom, limit=12), show_voters=True)

    # Support after a loss, offered (never a baby club) to members who privately record one.
    loss = actions.do_create_group(
        alex, name="Gentle Hearts: pregnancy and baby loss support", kind=Group.Kind.INTEREST,
        privacy=Group.Privacy.PRIVATE, topics=["loss support"], allow_anonymous=True, rules=RULES["loss"],
        questions=["Would you like to tell us a little about why you're joining? (Only moderators see this.)"],
        description="A quiet, private space for parents after miscarriage, stillbirth or the loss of a baby. "
                    "No baby announcements here. Post anonymously whenever you need to.")
    seeder.fill(loss, [m for m in members if any(child.is_lost for child in m.children.all())])

    # A breastfeeding group where members may post anonymously.
    feeding = actions.do_create_group(
        alex, name="Feeding Together Suffolk", kind=Group.Kind.INTEREST, privacy=Group.Privacy.PRIVATE,
        topics=["breastfeeding", "feeding"], allow_anonymous=True, rules=RULES["feeding"],
        description="Breast, bottle, combination, tube or pumping: every way of feeding a baby is welcome here, "
                    "and so are the wobbles. Post anonymously whenever you need to.")
    seeder.fill(feeding, [m for m in members if m.profile.role in ("mum", "parent", "parent_to_be")][:60])
    seeder.write(feeding, FEEDING_POSTS, replies=2)
    seeder.write(feeding, FEEDING_ANONYMOUS, anonymous=True, replies=3)
    seeder.poll(feeding, alex, "What helped most in the first weeks? Pick as many as you like.",
                ["A feeding supporter or peer supporter", "My health visitor or midwife", "Friends who'd been there",
                 "Other parents on here", "Just time"], seeder.active(feeding, besides=alex, limit=38),
                multiple=True)


def _stamp_recent(posts: list[Post]) -> None:
    """Spread the groups' posts over the last fortnight (after the demo's other posts), in id order."""
    if not posts:
        return
    now = timezone.now()
    ordered = sorted(posts, key=lambda post: post.id)
    # After every older post, so ids still follow dates (keyset pages read in time order).
    before = Post.objects.filter(id__lt=ordered[0].id).order_by("-id").values_list("created_at", flat=True).first()
    start = max(now - timedelta(days=14), before or now - timedelta(days=14))
    step = (now - start) / (len(ordered) + 1)
    when = {post.id: start + step * (i + 1) for i, post in enumerate(ordered)}
    Post.objects.bulk_update([Post(id=i, created_at=t) for i, t in when.items()], ["created_at"], batch_size=500)
    comments = list(Comment.objects.filter(post_id__in=list(when)).only("id", "post_id"))
    for comment in comments:
        comment.created_at = min(now, when[comment.post_id] + timedelta(minutes=20 + comment.id % 300))
    Comment.objects.bulk_update(comments, ["created_at"], batch_size=500)

