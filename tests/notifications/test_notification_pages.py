"""The notifications page: grouped wording, unread and read, "mark all as read", the unread
badge, and notifications that disappear with blocks, mutes and deletions."""

from __future__ import annotations

import html
import re

import pytest

from kettle.notifications.models import Notification
from kettle.social import actions
from tests.factories import make_member
from tests.helpers import committed


def text_of(response) -> str:
    """The page's words, without tags: what a reader sees."""
    content = re.sub(r"<[^>]+>", "", response.content.decode())
    return " ".join(html.unescape(content).split())


# Overrides tests/conftest.py: this page's Bea has a place (so times show in her zone, as for a
# real member), and the page quotes her post's words, so it has its own.
@pytest.fixture
def bea(db):
    return make_member("bea", place="Kesgrave", display_name="Bea")


@pytest.fixture
def post(bea):
    return actions.do_create_post(bea, body="Four wake-ups last night. Send tea.")


def hugs_from(post, names: list[str]) -> list:
    people = [make_member(name.lower(), display_name=name) for name in names]
    for person in people:
        committed(actions.do_react, person, post.id, "hug")
    return people


def test_reactions_are_grouped_into_one_line(bea, post, client_for):
    hugs_from(post, ["Sam", "Tom", "Ola", "Priya"])
    page = text_of(client_for(bea).get("/notifications/"))
    assert "Priya and 3 others sent a hug" in page
    assert "“Four wake-ups last night. Send tea.”" in page
    assert page.count("sent a hug") == 1


def test_one_reaction_names_one_person_and_links_to_the_post(bea, post, client_for):
    hugs_from(post, ["Priya"])
    committed(actions.do_react, make_member("tom", display_name="Tom"), post.id, "me_too")
    response = client_for(bea).get("/notifications/")
    page = text_of(response)
    assert "Priya sent a hug" in page and "Tom said “me too”" in page
    assert f'href="{post.url}"' in response.content.decode()


def test_comments_follows_and_mentions_read_naturally(bea, post, client_for):
    cal = make_member("cal", display_name="Cal")
    committed(actions.do_comment, cal, post.id, body="Sending you a flask of tea ☕")
    committed(actions.do_follow, cal, bea)
    committed(actions.do_create_post, cal, body="Thinking of @bea today")
    page = text_of(client_for(bea).get("/notifications/"))
    assert "Cal commented on your post" in page and "Sending you a flask of tea" in page
    assert "Cal followed you" in page
    assert "Cal mentioned you" in page


def test_unread_ones_are_highlighted_once_then_marked_read(bea, post, client_for):
    hugs_from(post, ["Priya"])
    client = client_for(bea)
    first = client.get("/notifications/").content.decode()
    assert 'class="notification unread"' in first and "New:" in first
    assert not Notification.objects.filter(recipient=bea, read_at=None).exists()
    second = client.get("/notifications/").content.decode()
    assert 'class="notification unread"' not in second and "Priya sent a hug" in second


def test_mark_all_as_read_reaches_older_pages_too(bea, client_for, settings):
    settings.POST_RATE = "1000/3600"
    priya = make_member("priya", display_name="Priya")
    for i in range(45):
        post = actions.do_create_post(bea, body=f"Night {i}")
        committed(actions.do_react, priya, post.id, "hug")
    client = client_for(bea)
    client.get("/notifications/")
    assert Notification.objects.filter(recipient=bea, read_at=None).count() == 5  # the older page
    response = client.post("/notifications/read/")
    assert response.status_code == 302 and response.url == "/notifications/"
    assert not Notification.objects.filter(recipient=bea, read_at=None).exists()


def test_older_notifications_are_a_page_away(bea, client_for, settings):
    settings.POST_RATE = "1000/3600"
    priya = make_member("priya", display_name="Priya")
    posts = [actions.do_create_post(bea, body=f"Night {i}") for i in range(45)]
    for post in posts:
        committed(actions.do_react, priya, post.id, "hug")
    first = client_for(bea).get("/notifications/").content.decode()
    match = re.search(r'href="\?before=(\d+)"', first)
    assert match
    older = text_of(client_for(bea).get(f"/notifications/?before={match.group(1)}"))
    assert older.count("Priya sent a hug") == 5
    assert client_for(bea).get("/notifications/?before=x").status_code == 200


def test_follow_requests_link_to_the_requests_page(bea, client_for):
    lola = make_member("lola", is_locked=True, display_name="Lola")
    committed(actions.do_follow, bea, lola)
    response = client_for(lola).get("/notifications/")
    assert "Bea asked to follow you" in text_of(response)
    assert 'href="/follow-requests/"' in response.content.decode()


def test_notifications_from_someone_i_block_disappear(bea, post, client_for):
    (priya,) = hugs_from(post, ["Priya"])
    actions.do_block(bea, priya)
    assert "Priya" not in text_of(client_for(bea).get("/notifications/"))


def test_notifications_from_someone_who_blocks_me_disappear(bea, post, client_for):
    (priya,) = hugs_from(post, ["Priya"])
    actions.do_block(priya, bea)
    assert "Priya" not in text_of(client_for(bea).get("/notifications/"))


def test_notifications_from_someone_i_mute_disappear_and_come_back_on_unmute(bea, post, client_for):
    (priya,) = hugs_from(post, ["Priya"])
    actions.do_mute(bea, priya)
    page = text_of(client_for(bea).get("/notifications/"))
    assert "Priya" not in page and "Nothing here yet" in page
    actions.do_unmute(bea, priya.id)
    assert "Priya sent a hug" in text_of(client_for(bea).get("/notifications/"))


def test_notifications_about_a_deleted_post_disappear(bea, post, client_for):
    hugs_from(post, ["Priya"])
    actions.do_delete_post(bea, post.id)
    assert "Priya" not in text_of(client_for(bea).get("/notifications/"))


def test_badge_counts_unread_and_refreshes_itself(bea, post, client_for):
    hugs_from(post, ["Priya", "Sam"])
    client = client_for(bea)
    badge = client.get("/notifications/badge/").content.decode()
    assert '<span class="badge count">2</span>' in badge
    assert 'hx-get="/notifications/badge/"' in badge and 'hx-trigger="every 60s"' in badge
    client.get("/notifications/")
    badge = client.get("/notifications/badge/").content.decode()
    assert "badge count" not in badge


def test_badge_is_empty_and_quiet_when_logged_out(client_for, db):
    badge = client_for(None).get("/notifications/badge/").content.decode()
    assert "badge count" not in badge and "hx-get" not in badge


def test_the_page_needs_a_login_and_marking_needs_a_post(bea, client_for):
    response = client_for(None).get("/notifications/")
    assert response.status_code == 302 and "/login/" in response.url
    assert client_for(bea).get("/notifications/read/").status_code == 405


def test_nobody_sees_anyone_elses_notifications(bea, post, client_for):
    hugs_from(post, ["Priya"])
    sam = make_member("sam")
    assert "Priya" not in text_of(client_for(sam).get("/notifications/"))


@pytest.mark.parametrize("count", [5, 30])
def test_notifications_page_query_count_is_flat(count, bea, client_for, settings, django_assert_max_num_queries):
    settings.POST_RATE = "1000/3600"
    people = [make_member(f"fan{i}", display_name=f"Fan {i}") for i in range(count)]
    for i, person in enumerate(people):
        post = actions.do_create_post(bea, body=f"Night {i}")
        committed(actions.do_react, person, post.id, "hug")
        committed(actions.do_comment, person, post.id, body="Sending tea")
        committed(actions.do_follow, person, bea)
    client = client_for(bea)
    with django_assert_max_num_queries(6):
        response = client.get("/notifications/")
    assert response.status_code == 200
    assert "sent a hug" in text_of(response)
