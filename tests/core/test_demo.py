from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from kettle.accounts.models import Child, Member, Role
from kettle.accounts.queries import children_visible_to
from kettle.core.demo import DEMO_PASSWORD, STAFF_EMAIL, build_demo, demo_logins
from kettle.core.models import Place
from kettle.core.places import cell_for, normalise
from kettle.social.models import BlogRollEntry, Comment, Follow, Hashtag, Post, Reaction

SUFFOLK = [
    (2646057, "Ipswich", 178835, 52.059, 1.155),
    (6301921, "Kesgrave", 11020, 52.062, 1.236),
    (2633671, "Woodbridge", 11200, 52.093, 1.320),
    (2649579, "Felixstowe", 24521, 51.964, 1.351),
    # A second Hadleigh, in Essex and further from Ipswich, which the demo must not pick.
    (2647679, "Hadleigh", 18300, 51.553, 0.610),
    (2647678, "Hadleigh", 8150, 52.045, 0.953),
]
SIZE = 30


def make_places() -> None:
    Place.objects.bulk_create(
        Place(id=geoname_id, name=name, search_name=normalise(name), country_code="GB",
              country_name="United Kingdom", region="England", population=population,
              timezone="Europe/London", latitude=lat, longitude=lng, h3_cell=cell_for(lat, lng))
        for geoname_id, name, population, lat, lng in SUFFOLK
    )


def content_counts() -> tuple[int, ...]:
    models = (Member, Child, Follow, Post, Comment, Reaction, Hashtag, BlogRollEntry)
    return tuple(model.objects.count() for model in models)


@pytest.fixture(scope="class")
def built(django_db_setup, django_db_blocker):
    """One demo community per test class, since building it takes seconds. It lives in a
    transaction rolled back when the class is done (so later tests start from an empty
    database); each test runs in a savepoint inside it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            make_places()
            yield build_demo(size=SIZE)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(built, db):
    return built


class TestTheDemoCommunity:
    """Read-only checks on the one demo community built for this class."""

    def test_the_demo_builds_the_requested_number_of_members_with_one_staff_account(self, demo):
        assert Member.objects.count() == SIZE
        assert demo.created == SIZE
        assert Member.objects.filter(is_staff=True).count() == 1
        assert Member.objects.get(is_staff=True).email == STAFF_EMAIL

    def test_demo_members_include_dads_and_parents_to_be(self, demo):
        roles = set(Member.objects.values_list("profile__role", flat=True))
        assert {Role.MUM, Role.DAD, Role.PARENT_TO_BE} <= roles

    def test_every_demo_member_lives_in_a_suffolk_place_in_gb(self, demo):
        members = Member.objects.select_related("profile__place")
        assert all(m.profile.place is not None and m.profile.place.country_code == "GB" for m in members)
        assert not Member.objects.filter(profile__place_id=2647679).exists()  # Essex's Hadleigh

    def test_running_the_demo_again_changes_nothing(self, demo):
        counts = content_counts()
        again = build_demo(size=SIZE)
        assert again.created == 0 and again.posts.skipped
        assert content_counts() == counts

    def test_a_recorded_loss_is_never_shown_to_another_member(self, demo):
        lost = Child.objects.filter(loss_recorded_at__isnull=False).select_related("parent__profile")
        assert lost.exists()
        for child in lost:
            parent = child.parent
            other = Member.objects.exclude(id=parent.id).first()
            assert child not in children_visible_to(other, parent)
            assert child in children_visible_to(parent, parent)
        # At least one of them shares their other children with everyone, so the test means something.
        assert any(children_visible_to(Member.objects.exclude(id=c.parent_id).first(), c.parent)
                   for c in lost)

    def test_demo_members_can_log_in_with_the_shared_password(self, demo):
        assert authenticate(email="amara@demo.kettle.test", password=DEMO_PASSWORD) is not None
        assert authenticate(email=STAFF_EMAIL, password=DEMO_PASSWORD) is not None

    def test_children_have_valid_due_dates_and_birth_months(self, demo):
        assert Child.objects.filter(due_date__isnull=False).exists()
        assert Child.objects.filter(birth_year__isnull=False, weeks_early__gt=0).exists()
        handles = list(Member.objects.values_list("handle", flat=True))
        assert len(handles) == len(set(handles))

    def test_demo_members_have_written_updates_and_blog_posts_over_recent_months(self, demo):
        updates = Post.objects.filter(kind=Post.Kind.UPDATE, group=None)  # group posts: see the groups test
        blogs = Post.objects.filter(kind=Post.Kind.BLOG)
        assert updates.count() >= 40 and blogs.count() >= 8
        assert demo.posts.posts == updates.count() and demo.posts.blogs == blogs.count()
        assert not blogs.filter(title="").exists()
        now = timezone.now()
        assert not Post.objects.filter(created_at__gt=now).exists()
        assert Post.objects.filter(created_at__lt=now - timedelta(days=60)).exists()
        assert Post.objects.filter(created_at__gte=now - timedelta(days=7)).exists()
        assert updates.values("author").distinct().count() >= 10

    def test_demo_post_ids_follow_their_dates_so_keyset_pages_read_in_time_order(self, demo):
        dates = list(Post.objects.order_by("id").values_list("created_at", flat=True))
        assert dates == sorted(dates)

    def test_demo_posts_have_comments_replies_and_reactions_with_counts_that_add_up(self, demo):
        assert Comment.objects.filter(parent=None).exists()
        assert Comment.objects.filter(parent__isnull=False).exists()
        assert not Comment.objects.filter(parent__parent__isnull=False).exists()
        assert set(Reaction.objects.values_list("kind", flat=True)) == {"hug", "me_too", "helpful"}
        for post in Post.objects.all():
            assert post.comment_count == post.comments.count()
            for kind in ("hug", "me_too", "helpful"):
                assert post.reaction_count(kind) == post.reactions.filter(kind=kind).count()
        assert demo.posts.comments == Comment.objects.filter(post__group=None).count()
        assert demo.posts.reactions == Reaction.objects.filter(post__group=None).count()

    def test_the_demo_has_suffolk_groups_clubs_an_organisation_anonymous_posts_and_polls(self, demo):
        from kettle.groups.models import Group, Membership, Organisation, PollVote

        local = Group.objects.get(name="Ipswich Parents")
        assert (local.kind, local.privacy, local.place.name) == ("local", "public", "Ipswich")
        assert local.posts.filter(pinned_at__isnull=False).exists()
        charity = Organisation.objects.get(name="Little Steps Suffolk")
        assert charity.is_verified and set(charity.groups.values_list("name", flat=True)) == {
            "Little Steps Baby Classes", "Suffolk Dads"}
        feeding = Group.objects.get(name="Feeding Together Suffolk")
        assert feeding.allow_anonymous and feeding.posts.filter(is_anonymous=True).count() >= 3
        classes = Group.objects.get(name="Little Steps Baby Classes")
        assert classes.posts.filter(held_at__isnull=False).exists()
        assert Membership.objects.filter(group=classes, state="pending").exclude(answers=[]).exists()
        assert Group.objects.filter(kind="due_month", place__name="Bury St Edmunds").exists() or not \
            Member.objects.filter(profile__place__name="Bury St Edmunds").exists()
        big = local.posts.get(poll__isnull=False).poll
        assert PollVote.objects.filter(poll=big).count() == min(155, local.member_count - 1)
        assert demo.groups.posts == Post.objects.exclude(group=None).count()

    def test_comments_and_reactions_come_after_their_post(self, demo):
        assert not Comment.objects.filter(created_at__lt=F("post__created_at")).exists()
        assert not Reaction.objects.filter(created_at__lt=F("post__created_at")).exists()

    def test_followers_only_posts_are_answered_only_by_followers(self, demo):
        for comment in Comment.objects.filter(post__audience=Post.Audience.FOLLOWERS).select_related("post"):
            assert comment.author_id == comment.post.author_id or Follow.objects.filter(
                follower_id=comment.author_id, followee_id=comment.post.author_id).exists()

    def test_demo_posts_carry_hashtags_mentions_content_notes_and_vent_mode(self, demo):
        names = set(Hashtag.objects.filter(posts__isnull=False).values_list("name", flat=True))
        assert {"nightfeeds", "bumpbuddies", "dadlife", "sleep"} <= names
        assert any(name in names for name in ("ipswich", "kesgrave", "woodbridge", "felixstowe"))
        assert Post.objects.filter(content_note="loss").exists()
        assert Post.objects.filter(content_note="birth story").exists()
        vent = Post.objects.filter(vent_mode=True)
        assert vent.exists() and Comment.objects.filter(post__in=vent).exists()
        assert Post.objects.filter(audience=Post.Audience.FOLLOWERS).exists()
        assert Post.objects.filter(mentions__isnull=False).exists()
        assert Post.objects.filter(edited_at__isnull=False, revisions__isnull=False).exists()

    def test_vent_mode_and_content_note_posts_get_only_kind_words(self, demo):
        from kettle.core import demo_updates as words

        kind = set(words.VENT_REPLIES) | set(words.GRATEFUL) | {w for ws in words.NOTE_REPLIES.values() for w in ws}
        gentle = Post.objects.filter(Q(vent_mode=True) | ~Q(content_note=""))
        assert Comment.objects.filter(post__in=gentle).exists()
        assert set(Comment.objects.filter(post__in=gentle).values_list("body", flat=True)) <= kind

    def test_demo_words_are_plain_and_safe(self, demo):
        for post in Post.objects.all():
            assert "{" not in post.body and "}" not in post.body  # every placeholder was filled in
            assert "<script" not in post.body_html
        bodies = list(Post.objects.values_list("body", flat=True))
        assert len(bodies) == len(set(bodies))

    def test_bloggers_have_blog_rolls_of_kettle_blogs_and_outside_sites(self, demo):
        owners = set(BlogRollEntry.objects.values_list("owner", flat=True))
        assert owners and owners <= set(Post.objects.filter(kind=Post.Kind.BLOG).values_list("author", flat=True))
        assert BlogRollEntry.objects.filter(blog__isnull=False).exists()
        assert BlogRollEntry.objects.filter(url="https://www.nhs.uk/start-for-life/").exists()
        assert not BlogRollEntry.objects.exclude(url="").exclude(url__startswith="https://").exists()
        assert demo.posts.blog_rolls == len(owners)


def test_the_demo_command_prints_logins_and_if_empty_skips_a_second_build(db):
    make_places()
    out = StringIO()
    call_command("demo", size=20, force=True, stdout=out, verbosity=0)
    assert "Demo logins (password: kettle-demo-2026)" in out.getvalue()
    count = Member.objects.count()
    out = StringIO()
    call_command("demo", "--if-empty", "--force", stdout=out, verbosity=0)
    assert Member.objects.count() == count == 20
    assert "amara@demo.kettle.test" in out.getvalue()
    assert any(email == STAFF_EMAIL for email, _ in demo_logins())


@pytest.mark.django_db
def test_the_demo_refuses_to_build_in_production_without_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="KETTLE_DEBUG off"):
        call_command("demo", size=5, stdout=StringIO(), verbosity=0)
    assert not Member.objects.exists()


def test_the_full_sized_demo_plans_a_few_hundred_posts_and_about_forty_blog_posts(db):
    from kettle.core import demo_blogs
    from kettle.core.demo_posts import UPDATES

    assert UPDATES >= 300 and 38 <= len(demo_blogs.TITLES) <= 45


@pytest.mark.parametrize("size", [1, 2, 5])
def test_a_tiny_demo_still_builds(db, size):
    make_places()
    result = build_demo(size=size)
    assert Member.objects.count() == size
    assert (Post.objects.count() > 0) is (size > 1)  # the staff account alone writes nothing
    assert result.posts.posts + result.posts.blogs == Post.objects.filter(group=None).count()
