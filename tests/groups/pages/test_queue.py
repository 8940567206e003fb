"""The moderators' queue: requests to join with their answers, held posts shown as moderators
may see them, approving and declining, pins, and a 404 to everyone who doesn't moderate."""

from __future__ import annotations

import re

import pytest

from kettle.groups.models import Membership
from kettle.notifications.models import Notification
from kettle.social.models import Post
from tests.factories import make_member
from tests.helpers import CommittingClient, posted, text_of


def words_of(response) -> str:
    """The page's words without markup, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", text_of(response)).split())


HTMX = {"HTTP_HX_REQUEST": "true"}


def browser(member) -> CommittingClient:
    client = CommittingClient()
    if member is not None:
        client.force_login(member, backend="kettle.accounts.auth.MemberBackend")
    return client


def test_the_queue_pairs_each_request_with_the_groups_questions(group_of, olive, nia, pending_in):
    group = group_of("private", questions=["Which class do you go to?", "How old is your baby?"])
    pending_in(nia, group, answers=["Tuesday baby yoga", "Four months"])

    response = browser(olive).get(f"{group.url}/queue")
    page = text_of(response)

    assert "Asking to join (1)" in words_of(response) and "@nia" in page
    assert "Which class do you go to?</dt><dd>Tuesday baby yoga" in page
    assert "How old is your baby?</dt><dd>Four months" in page
    assert f"/groups/{group.slug}/requests/{nia.id}/approve" in page
    assert f"/groups/{group.slug}/requests/{nia.id}/decline" in page


def test_an_empty_queue_says_nobody_is_waiting(group_of, mo):
    page = text_of(browser(mo).get(f"{group_of('private').url}/queue"))
    assert "Nobody is waiting" in page and "No posts are waiting" in page


def test_held_posts_show_their_anonymous_author_to_moderators_only(group_of, olive, meg, nia):
    group = group_of("private", post_approval="all", allow_anonymous=True)
    held = posted(meg, "Struggling with the night feeds, any tips?", group_id=group.id, anonymous=True)
    assert held.held_at is not None

    page = text_of(browser(olive).get(f"{group.url}/queue"))
    assert "Struggling with the night feeds" in page
    assert "@meg" in page and "only moderators see this name" in page
    assert f"/posts/{held.id}/review/approve" in page and f"/posts/{held.id}/review/decline" in page


@pytest.mark.parametrize("who", ["meg", "nia", "bea"])
def test_the_queue_is_a_404_to_anyone_who_does_not_moderate(who, group_of, meg, nia, bea):
    group = group_of("public")
    person = {"meg": meg, "nia": nia, "bea": bea}[who]
    assert browser(person).get(f"{group.url}/queue").status_code == 404


def test_a_secret_groups_queue_is_a_404_and_logged_out_readers_go_to_log_in(group_of, nia):
    group = group_of("secret")
    assert browser(nia).get(f"{group.url}/queue").status_code == 404
    logged_out = browser(None).get(f"{group.url}/queue")
    assert logged_out.status_code == 302 and "/login" in logged_out.url


def test_approving_a_request_lets_them_in_and_tells_them(group_of, olive, nia, pending_in):
    group = group_of("private", questions=["Where are you based?"])
    pending_in(nia, group)

    response = browser(olive).post(f"/groups/{group.slug}/requests/{nia.id}/approve", follow=True)

    assert "Approved: they're in" in text_of(response)
    assert Membership.objects.get(group=group, member=nia).state == "active"
    assert Notification.objects.filter(recipient=nia, kind="group_approved", group=group).exists()


def test_declining_a_request_removes_it_quietly(group_of, mo, nia, pending_in):
    group = group_of("private")
    pending_in(nia, group)

    response = browser(mo).post(f"/groups/{group.slug}/requests/{nia.id}/decline", follow=True)

    assert "Declined" in text_of(response)
    assert not Membership.objects.filter(group=group, member=nia).exists()
    assert not Notification.objects.filter(recipient=nia, group=group).exists()


def test_answering_a_request_twice_is_a_friendly_message_not_an_error(group_of, olive, nia, pending_in):
    group = group_of("private")
    pending_in(nia, group)
    client = browser(olive)
    client.post(f"/groups/{group.slug}/requests/{nia.id}/approve")

    again = client.post(f"/groups/{group.slug}/requests/{nia.id}/decline", follow=True)

    assert again.redirect_chain[-1][0] == f"/groups/{group.slug}/queue"
    assert "No such member of this group." in text_of(again)
    assert Membership.objects.get(group=group, member=nia).state == "active"


def test_an_unknown_answer_is_a_404_and_changes_nothing(group_of, olive, nia, pending_in):
    group = group_of("private")
    pending_in(nia, group)
    assert browser(olive).post(f"/groups/{group.slug}/requests/{nia.id}/maybe").status_code == 404
    assert Membership.objects.get(group=group, member=nia).state == "pending"


def test_members_cannot_answer_requests(group_of, meg, nia, pending_in):
    group = group_of("private")
    pending_in(nia, group)
    client = browser(meg)
    assert client.post(f"/groups/{group.slug}/requests/{nia.id}/approve").status_code == 404
    assert Membership.objects.get(group=group, member=nia).state == "pending"


def test_approving_a_held_post_publishes_it_and_declining_removes_it(group_of, olive, meg):
    group = group_of("public", post_approval="all")
    keep = posted(meg, "Sling library dates for May", group_id=group.id)
    drop = posted(meg, "Buy my cousin's candles", group_id=group.id)
    client = browser(olive)

    approved = client.post(f"/groups/{group.slug}/posts/{keep.id}/review/approve", follow=True)
    declined = client.post(f"/groups/{group.slug}/posts/{drop.id}/review/decline", follow=True)

    assert "it's in the group now" in text_of(approved) and "the post is removed" in text_of(declined)
    assert Post.objects.get(id=keep.id).held_at is None
    assert Post.objects.get(id=drop.id).deleted_at is not None
    assert Notification.objects.filter(recipient=meg, kind="post_approved", post=keep).exists()


def test_reviewing_a_post_that_is_not_waiting_changes_nothing(group_of, olive, meg):
    group = group_of("public")
    post = posted(meg, "Already out there", group_id=group.id)
    response = browser(olive).post(f"/groups/{group.slug}/posts/{post.id}/review/decline", follow=True)
    assert "No such post in this group." in text_of(response)
    assert Post.objects.get(id=post.id).deleted_at is None


def test_members_cannot_review_held_posts(group_of, meg, nia):
    group = group_of("public", post_approval="all")
    held = posted(meg, "Waiting patiently", group_id=group.id)
    assert browser(meg).post(f"/groups/{group.slug}/posts/{held.id}/review/approve").status_code == 404
    assert Post.objects.get(id=held.id).held_at is not None


def test_pinning_and_unpinning_and_the_pin_limit_as_a_message(group_of, mo, meg):
    group = group_of("public")
    posts = [posted(meg, f"Notice number {i}", group_id=group.id) for i in range(4)]
    client = browser(mo)

    for post in posts[:3]:
        client.post(f"/groups/{group.slug}/posts/{post.id}/pin", {"pinned": "1"})
    refused = client.post(f"/groups/{group.slug}/posts/{posts[3].id}/pin", {"pinned": "1"}, follow=True)
    assert "Up to 3 posts can be pinned" in text_of(refused)
    assert Post.objects.get(id=posts[3].id).pinned_at is None

    client.post(f"/groups/{group.slug}/posts/{posts[0].id}/pin", {"pinned": "0"})
    assert Post.objects.get(id=posts[0].id).pinned_at is None
    assert Post.objects.filter(group=group, pinned_at__isnull=False).count() == 2


def test_a_pin_form_goes_back_to_the_page_it_came_from(group_of, mo, meg):
    group = group_of("public")
    post = posted(meg, "Pin me", group_id=group.id)
    response = browser(mo).post(f"/groups/{group.slug}/posts/{post.id}/pin",
                                {"pinned": "1", "next": f"{group.url}/about"})
    assert response.status_code == 302 and response.url == f"{group.url}/about"
    outside = browser(mo).post(f"/groups/{group.slug}/posts/{post.id}/pin",
                               {"pinned": "0", "next": "https://elsewhere.example/"})
    assert outside.url == group.url


def test_members_cannot_pin(group_of, meg):
    group = group_of("public")
    post = posted(meg, "Pin me please", group_id=group.id)
    assert browser(meg).post(f"/groups/{group.slug}/posts/{post.id}/pin", {"pinned": "1"}).status_code == 404
    assert Post.objects.get(id=post.id).pinned_at is None


def _fill_queue(group, count: int) -> None:
    for i in range(count):
        person = make_member(f"asker{count}x{i}")
        Membership.objects.create(group=group, member=person, state="pending", answers=[f"Answer {i}"])
    writers = list(Membership.objects.filter(group=group, state="active", role="member").values_list("member",
                                                                                                       flat=True))
    for i in range(count):
        posted(Membership.objects.get(group=group, member_id=writers[0]).member, f"Held post {i}", group_id=group.id)


def test_the_queue_costs_the_same_queries_with_2_or_15_waiting(group_of, olive, django_assert_max_num_queries):
    small = group_of("private", post_approval="all", questions=["Why join?"])
    _fill_queue(small, 2)
    client = browser(olive)
    with django_assert_max_num_queries(40) as few:
        assert "Held post 1" in text_of(client.get(f"{small.url}/queue"))

    Membership.objects.filter(group=small, state="pending").delete()
    Post.objects.filter(group=small).delete()
    _fill_queue(small, 15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = words_of(client.get(f"{small.url}/queue"))
    assert "Asking to join (15)" in page and "Posts waiting for approval (15)" in page


def test_htmx_gets_a_small_note_in_place_of_the_request(group_of, olive, nia, pending_in):
    group = group_of("private")
    pending_in(nia, group)

    response = browser(olive).post(f"/groups/{group.slug}/requests/{nia.id}/approve", **HTMX)

    assert response.status_code == 200 and "<html" not in text_of(response)
    assert "they're in" in text_of(response)
    assert Membership.objects.get(group=group, member=nia).state == "active"


def test_htmx_gets_the_refusal_in_place_too(group_of, mo, meg):
    group = group_of("public", post_approval="none")
    post = posted(meg, "Not held at all", group_id=group.id)

    response = browser(mo).post(f"/groups/{group.slug}/posts/{post.id}/review/approve", **HTMX)

    assert response.status_code == 200 and "<html" not in text_of(response)
    assert "No such post in this group." in text_of(response)
