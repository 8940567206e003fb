"""The HTML side of relationships: follow buttons, follower lists, follow requests, blocks,
mutes and removing a follower, with and without htmx."""

from __future__ import annotations

import pytest

from kettle.notifications.models import Notification
from kettle.social import actions, timelines
from kettle.social.models import Block, Follow, FollowRequest, Mute
from tests.factories import make_member
from tests.helpers import committed, text_of

HTMX = {"HTTP_HX_REQUEST": "true"}


# Overrides tests/conftest.py: pages show Bea as a public profile with a place.
@pytest.fixture
def bea(db):
    return make_member("bea", place="Kesgrave", is_public=True, display_name="Bea")


@pytest.fixture
def locked(db):
    return make_member("lola", place="Woodbridge", is_locked=True, display_name="Lola")


# Follow and unfollow ----------------------------------------------------------------------

def test_following_without_javascript_posts_and_comes_back_to_the_profile(amara, bea, client_for):
    client = client_for(amara)
    response = client.post("/@bea/follow")
    assert response.status_code == 302
    assert response.url == "/@bea"
    assert Follow.objects.filter(follower=amara, followee=bea).exists()
    page = text_of(client.get("/@bea"))
    assert "You're following Bea." in page
    assert "Unfollow" in page


def test_follow_button_is_swapped_in_place_with_htmx(amara, bea, client_for):
    response = client_for(amara).post("/@bea/follow", {"next": "/@bea/followers"}, **HTMX)
    assert response.status_code == 200
    button = text_of(response)
    assert button.lstrip().startswith("<form")
    assert 'action="/@bea/unfollow"' in button
    assert 'name="next" value="/@bea/followers"' in button
    response = client_for(amara).post("/@bea/unfollow", **HTMX)
    assert 'action="/@bea/follow"' in text_of(response)
    assert not Follow.objects.filter(follower=amara, followee=bea).exists()


def test_next_never_leads_off_the_site(amara, bea, client_for):
    response = client_for(amara).post("/@bea/follow", {"next": "https://evil.example/"})
    assert response.url == "/@bea"


def test_follow_needs_a_login_and_a_post(bea, client_for):
    response = client_for(None).post("/@bea/follow")
    assert response.status_code == 302 and "/login/" in response.url
    assert not Follow.objects.exists()
    assert client_for(bea).get("/@bea/follow").status_code == 405


def test_profile_shows_the_right_button(amara, bea, locked, client_for):
    page = text_of(client_for(amara).get("/@bea"))
    assert '>Follow<span class="visually-hidden"> Bea</span>' in page
    assert "Ask to follow" in text_of(client_for(amara).get("/@lola"))
    own = text_of(client_for(bea).get("/@bea"))
    assert 'action="/@bea/follow"' not in own and "More<" not in own
    logged_out = text_of(client_for(None).get("/@bea"))
    assert "Log in</a> to follow Bea" in logged_out


def test_following_a_locked_profile_asks_then_approval_makes_it_a_follow(amara, locked, client_for,
                                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(amara).post("/@lola/follow", **HTMX)
    assert "Asked to follow" in text_of(response) and "Cancel request" in text_of(response)
    assert FollowRequest.objects.filter(follower=amara, followee=locked).exists()
    assert not Follow.objects.filter(follower=amara, followee=locked).exists()

    # Lola's notification leads to her requests page, where Amara waits.
    notes = text_of(client_for(locked).get("/notifications/"))
    assert "Amara asked to follow you" in notes and 'href="/follow-requests/"' in notes
    requests_page = text_of(client_for(locked).get("/follow-requests/"))
    assert "Amara" in requests_page and f"/follow-requests/{amara.id}/approve" in requests_page

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(locked).post(f"/follow-requests/{amara.id}/approve")
    assert response.status_code == 302
    assert Follow.objects.filter(follower=amara, followee=locked).exists()
    assert not FollowRequest.objects.exists()
    assert "Unfollow" in text_of(client_for(amara).get("/@lola"))


def test_declining_a_request_is_quiet_and_answers_htmx_with_a_row(amara, locked, client_for):
    actions.do_follow(amara, locked)
    response = client_for(locked).post(f"/follow-requests/{amara.id}/decline", **HTMX)
    assert response.status_code == 200
    assert "won't be told" in text_of(response)
    assert not FollowRequest.objects.exists() and not Follow.objects.exists()
    assert client_for(locked).post(f"/follow-requests/{amara.id}/decline").status_code == 404


def test_someone_elses_request_cant_be_approved(amara, bea, locked, client_for):
    actions.do_follow(amara, locked)
    assert client_for(bea).post(f"/follow-requests/{amara.id}/approve").status_code == 404
    assert not Follow.objects.exists()


def test_withdrawing_a_request(amara, locked, client_for):
    actions.do_follow(amara, locked)
    client_for(amara).post("/@lola/unfollow")
    assert not FollowRequest.objects.exists()


def test_requests_page_explains_when_the_profile_is_not_locked(bea, client_for):
    page = text_of(client_for(bea).get("/follow-requests/"))
    assert "doesn't ask you to approve new followers" in page and "No requests waiting." in page


# Lists -------------------------------------------------------------------------------------

def test_followers_and_following_lists(amara, bea, client_for):
    cal = make_member("cal", display_name="Cal")
    actions.do_follow(amara, bea)
    actions.do_follow(cal, bea)
    actions.do_follow(bea, cal)
    followers = text_of(client_for(amara).get("/@bea/followers"))
    assert "Amara" in followers and "@cal" in followers
    following = text_of(client_for(amara).get("/@bea/following"))
    assert ">@cal<" in following and ">@amara<" not in following
    profile = text_of(client_for(amara).get("/@bea"))
    assert "<strong>2</strong> followers" in profile and "<strong>1</strong> following" in profile


def test_logged_out_visitors_see_only_public_profiles_in_lists(amara, bea, client_for):
    private = make_member("pip", display_name="Pip")
    actions.do_follow(amara, bea)
    actions.do_follow(private, bea)
    page = text_of(client_for(None).get("/@bea/followers"))
    assert ">@amara<" in page and ">@pip<" not in page
    assert client_for(None).get("/@pip/followers").status_code == 404
    assert client_for(None).get("/@pip/following").status_code == 404
    assert client_for(amara).get("/@pip/followers").status_code == 200


def test_blocked_members_are_never_listed_and_their_lists_are_404(amara, bea, client_for):
    cal = make_member("cal")
    actions.do_follow(amara, bea)
    actions.do_follow(cal, bea)
    actions.do_block(cal, amara)
    page = text_of(client_for(cal).get("/@bea/followers"))
    assert ">@amara<" not in page and ">@cal<" in page
    assert ">@cal<" not in text_of(client_for(amara).get("/@bea/followers"))
    assert client_for(cal).get("/@amara/followers").status_code == 404
    assert client_for(amara).get("/@cal/following").status_code == 404


def test_lists_are_keyset_paginated(bea, client_for):
    people = [make_member(f"fan{i}") for i in range(45)]
    for person in people:
        actions.do_follow(person, bea)
    first = text_of(client_for(bea).get("/@bea/followers"))
    assert "@fan44" in first and "@fan4<" not in first and "Show more" in first
    before = Follow.objects.filter(followee=bea).order_by("-id")[39].id
    assert f"?before={before}" in first
    more = client_for(bea).get(f"/@bea/followers?before={before}", **HTMX)
    rows = text_of(more)
    assert "<html" not in rows
    assert rows.count('class="person"') == 5 and "@fan0<" in rows and "Show more" not in rows
    assert client_for(bea).get("/@bea/followers?before=nonsense").status_code == 200


def test_removing_a_follower_is_quiet(amara, bea, client_for):
    actions.do_follow(amara, bea)
    page = text_of(client_for(bea).get("/@bea/followers"))
    assert f"/followers/{amara.id}/remove" in page and "they won't be told" in page
    assert f"/followers/{amara.id}/remove" not in text_of(client_for(amara).get("/@bea/followers"))
    response = client_for(bea).post(f"/followers/{amara.id}/remove", **HTMX)
    assert "no longer follows you" in text_of(response)
    assert not Follow.objects.exists()
    response = client_for(bea).post(f"/followers/{amara.id}/remove")
    assert response.url == "/@bea/followers"


# Block and mute ------------------------------------------------------------------------------

def test_block_confirmation_explains_and_reassures(amara, bea, client_for):
    page = text_of(client_for(amara).get("/@bea/block"))
    assert "They won't be told." in page and "neither of you can see" in page
    assert not Block.objects.exists()


def test_blocking_hides_both_profiles_posts_and_lists(amara, bea, client_for):
    post = actions.do_create_post(bea, body="A quiet night at last")
    mine = actions.do_create_post(amara, body="Teething again")
    actions.do_follow(amara, bea)
    actions.do_follow(bea, amara)
    me = client_for(amara)
    response = me.post("/@bea/block")
    assert response.status_code == 302 and response.url == "/settings/blocked/"
    assert Block.objects.filter(blocker=amara, blocked=bea).exists()
    assert not Follow.objects.exists()
    for viewer, handle, other_post in ((amara, "bea", post), (bea, "amara", mine)):
        client = client_for(viewer)
        assert client.get(f"/@{handle}").status_code == 404
        assert client.get(f"/@{handle}/followers").status_code == 404
        assert client.get(f"/@{handle}/blog").status_code == 404
        assert client.get(other_post.url).status_code == 404
        assert client.post(f"/@{handle}/follow").status_code == 404
    settings_page = text_of(me.get("/settings/blocked/"))
    assert "Bea" in settings_page and "You've blocked Bea. They won't be told." in settings_page
    assert 'href="/@bea"' not in settings_page


def test_unblocking_from_settings(amara, bea, client_for):
    actions.do_block(amara, bea)
    assert client_for(bea).post(f"/settings/blocked/{amara.id}/unblock").status_code == 404
    response = client_for(amara).post(f"/settings/blocked/{bea.id}/unblock")
    assert response.url == "/settings/blocked/"
    assert not Block.objects.exists()
    assert client_for(amara).get("/@bea").status_code == 200


def test_muting_hides_posts_from_home_but_the_profile_stays_visible(amara, bea, client_for):
    actions.do_follow(amara, bea)
    post = committed(actions.do_create_post, bea, body="Who else is up?")
    assert post.id in [card.post.id for card in timelines.home_timeline(amara).items]
    assert "They won't be told." in text_of(client_for(amara).get("/@bea/mute"))
    response = client_for(amara).post("/@bea/mute")
    assert response.url == "/@bea"
    assert Mute.objects.filter(muter=amara, muted=bea).exists()
    assert post.id not in [card.post.id for card in timelines.home_timeline(amara).items]
    profile = client_for(amara).get("/@bea")
    assert profile.status_code == 200
    assert "Muted" in text_of(profile) and f"/settings/muted/{bea.id}/unmute" in text_of(profile)
    assert "Who else is up?" in text_of(profile)
    assert client_for(bea).get("/@amara").status_code == 200  # one-way: Bea notices nothing
    blocked_page = text_of(client_for(amara).get("/settings/blocked/"))
    assert "@bea" in blocked_page and "Unmute" in blocked_page


def test_unmuting_from_the_profile_goes_back_there(amara, bea, client_for):
    actions.do_mute(amara, bea)
    response = client_for(amara).post(f"/settings/muted/{bea.id}/unmute", {"next": "/@bea"})
    assert response.url == "/@bea"
    assert not Mute.objects.exists()


def test_blocking_or_muting_yourself_just_goes_back(amara, client_for):
    assert client_for(amara).post("/@amara/block").url == "/@amara"
    assert client_for(amara).post("/@amara/mute").url == "/@amara"
    assert not Block.objects.exists() and not Mute.objects.exists()


def test_blocking_removes_notifications_between_the_two(amara, bea, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_follow(bea, amara)
    assert Notification.objects.filter(recipient=amara).exists()
    client_for(amara).post("/@bea/block")
    assert "Bea" not in text_of(client_for(amara).get("/notifications/"))


# Query counts -------------------------------------------------------------------------------

@pytest.mark.parametrize("count", [5, 30])
def test_follower_list_query_count_is_flat(count, bea, client_for, django_assert_max_num_queries):
    viewer = make_member("viewer")
    for i in range(count):
        fan = make_member(f"fan{i}")
        actions.do_follow(fan, bea)
        if i % 2:
            actions.do_follow(viewer, fan)
    client = client_for(viewer)
    with django_assert_max_num_queries(7):
        response = client.get("/@bea/followers")
    assert text_of(response).count('class="person"') == count


@pytest.mark.parametrize("count", [5, 30])
def test_profile_query_count_is_flat(count, bea, client_for, django_assert_max_num_queries, settings):
    settings.POST_RATE = "1000/3600"
    viewer = make_member("viewer")
    for i in range(count):
        actions.do_create_post(bea, body=f"Night {i} #sleep")
        actions.do_follow(make_member(f"fan{i}"), bea)
    client = client_for(viewer)
    with django_assert_max_num_queries(9):
        response = client.get("/@bea")
    assert response.status_code == 200
    assert text_of(response).count('class="card post') == min(count, 20)
