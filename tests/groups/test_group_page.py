"""A group's page and its about page: the header, the viewer's way in or out, rules beside the
feed, pinned posts first, the feed a page at a time, the composer for members, only the door
for someone who may not read the group, a 404 for a secret group's outsiders, the moderators'
queue link, and a query count that stays flat."""

from __future__ import annotations

import re

import pytest

from kettle.groups import actions
from tests.factories import make_group, make_member, suffolk_place
from tests.helpers import committed, posted, text_of


def header_of(page: str) -> str:
    return page[page.index('<header class="card group-header">'):page.index("</header>", page.index("group-header"))]


@pytest.fixture
def viewers(group_of, olive, mo, meg, nia, pending_in, banned_from):
    """Every kind of viewer of one group of the given privacy, by name."""

    def make(privacy: str, **fields):
        group = group_of(privacy, **fields)
        cast = {"logged_out": None, "outsider": nia, "member": meg, "moderator": mo, "owner": olive}
        if privacy == "private":  # only a private group has requests waiting
            cast["pending"] = make_member("pat")
            pending_in(cast["pending"], group)
        cast["invited"] = make_member("ivy")
        committed(actions.do_invite_member, olive, group.id, "ivy")
        cast["banned"] = make_member("bobo")
        banned_from(cast["banned"], group)
        return group, cast

    return make


def test_the_header_names_the_kind_privacy_members_organisation_and_town(olive, meg, client_for):
    org = actions.do_create_organisation(olive, name="Little Steps Suffolk")
    actions.do_verify_organisation(make_member("stella", staff=True), org.id)
    group = make_group(olive, "Kesgrave Parents", privacy="private", kind="local", organisation_id=org.id,
                       place_id=suffolk_place("Kesgrave").id, radius_km=5, members=(meg,))

    header = header_of(text_of(client_for(None).get(group.url)))

    assert "Kesgrave Parents" in header and "Local group" in header
    assert "Kesgrave and up to 5 km around" in header
    assert '<span class="badge">Private</span>' in header and "2 members" in header
    assert "Little Steps Suffolk" in header and "Verified" in header


@pytest.mark.parametrize("privacy, who, shows, hides", [
    ("public", "logged_out", ["Log in to join"], ["Leave", "Join group"]),
    ("public", "outsider", ["Join group"], ["Ask to join", "Leave"]),
    ("private", "outsider", ["Ask to join"], ["Join group", "Leave"]),
    ("private", "pending", ["Request sent", "Withdraw request"], ["Ask to join", "Leave"]),
    ("private", "invited", ["You're invited", "Accept and join", "No thanks"], ["Ask to join"]),
    ("secret", "invited", ["You're invited", "Accept and join"], ["Ask to join"]),
    ("public", "member", ["You're a member", "Leave", "Invite someone"], ["Join group", "Ask to join"]),
    ("private", "moderator", ["You're a member (moderator)", "Leave"], ["Ask to join"]),
    ("private", "owner", ["You're a member (owner)"], ["Ask to join"]),
    ("public", "banned", [], ["Join group", "Ask to join", "Leave", "Accept and join", "Log in to join"]),
    ("private", "banned", [], ["Join group", "Ask to join", "Leave", "Accept and join"]),
])
def test_the_viewer_sees_the_right_way_in_or_out(privacy, who, shows, hides, viewers, client_for):
    group, cast = viewers(privacy)
    response = client_for(cast[who]).get(group.url)
    assert response.status_code == 200
    actions_box = text_of(response).split('<div class="group-actions">')[1].split("</header>")[0]
    for words in shows:
        assert words in actions_box, words
    for words in hides:
        assert words not in actions_box, words


@pytest.mark.parametrize("who, status", [("logged_out", 404), ("outsider", 404), ("banned", 404),
                                         ("invited", 200), ("member", 200), ("moderator", 200)])
def test_a_secret_group_and_its_about_page_are_a_404_to_everyone_outside_it(who, status, viewers, client_for):
    group, cast = viewers("secret", description="Only for us.")
    for address in (group.url, f"{group.url}/about"):
        response = client_for(cast[who]).get(address)
        assert response.status_code == status, address
        if status == 404:
            assert group.name not in text_of(response) and "Only for us." not in text_of(response)


@pytest.mark.parametrize("who", ["logged_out", "outsider", "pending", "invited", "banned"])
def test_a_private_group_shows_those_who_may_not_read_it_only_its_door(who, viewers, client_for):
    group, cast = viewers("private", description="Parents at the Tuesday class.", rules="Be kind.",
                          allow_anonymous=True)
    posted(cast["member"], "My secret worry about weaning", group_id=group.id)
    posted(cast["member"], "Anonymous worry about sleep", group_id=group.id, anonymous=True)
    pinned = posted(cast["owner"], "Pinned welcome note", group_id=group.id)
    committed(actions.do_pin_post, cast["owner"], group.id, pinned.id)

    response = client_for(cast[who]).get(group.url)
    page = text_of(response)

    assert response.status_code == 200
    assert "Parents at the Tuesday class." in page and "Be kind." in page and "members" in header_of(page)
    for hidden in ("My secret worry", "Anonymous worry", "Pinned welcome note", "@meg", "@moira", "@olive",
                   f"{group.url}/members", 'name="body"'):
        assert hidden not in page, hidden


def test_a_member_sees_rules_beside_the_feed_pinned_posts_first_then_newest(group_of, olive, meg, client_for):
    group = group_of("public", rules="No selling, please.")
    older = posted(olive, "Where we meet: the library café", group_id=group.id)
    posted(meg, "Anyone up for a walk?", group_id=group.id)
    posted(meg, "Rhyme time moved to 10am", group_id=group.id)
    committed(actions.do_pin_post, olive, group.id, older.id)

    page = text_of(client_for(meg).get(group.url))

    aside = page[page.index('<aside class="group-aside">'):page.index("</aside>")]
    assert "Group rules" in aside and "No selling, please." in aside
    order = [page.index(words) for words in ("Where we meet", "Rhyme time moved", "Anyone up for a walk?")]
    assert order == sorted(order)
    assert "Pinned by the moderators" in page


def test_the_feed_goes_back_a_page_at_a_time_by_before(group_of, meg, client_for):
    group = group_of("public")
    for i in range(25):
        posted(meg, f"Numbered post {i:02d}", group_id=group.id)
    client = client_for(meg)

    first = text_of(client.get(group.url))
    link = re.search(rf'href="{group.url}\?before=(\d+)" rel="next"', first)
    assert link is not None and "Older posts" in first
    second = text_of(client.get(f"{group.url}?before={link.group(1)}"))

    first_posts, second_posts = (set(re.findall(r"Numbered post \d\d", page)) for page in (first, second))
    assert "Numbered post 24" in first_posts and "Numbered post 00" in second_posts
    assert len(first_posts | second_posts) == 25 and not first_posts & second_posts


@pytest.mark.parametrize("before", ["abc", "-1", "0", "99999999999999999999999"])
def test_an_odd_before_gives_the_first_page(before, group_of, meg, client_for):
    group = group_of("public")
    posted(meg, "Still here", group_id=group.id)
    response = client_for(meg).get(f"{group.url}?before={before}")
    assert response.status_code == 200 and "Still here" in text_of(response)


@pytest.mark.parametrize("privacy, who, composes", [
    ("public", "member", True), ("private", "member", True), ("public", "moderator", True),
    ("public", "outsider", False), ("public", "logged_out", False), ("public", "banned", False),
    ("private", "pending", False), ("private", "invited", False)])
def test_only_active_members_and_moderators_get_the_composer(privacy, who, composes, viewers, client_for):
    group, cast = viewers(privacy)
    page = text_of(client_for(cast[who]).get(group.url))
    assert ('class="card compose-card group-compose"' in page) is composes
    assert (f'name="group" value="{group.slug}"' in page) is composes


def test_a_public_group_is_readable_by_outsiders(group_of, meg, nia, client_for):
    group = group_of("public")
    open_book = make_member("pip", is_public=True)
    committed(actions.do_join_group, open_book, group.id)
    posted(meg, "Baby sensory on Thursday", group_id=group.id)
    posted(open_book, "Messy play at the library", group_id=group.id)

    outsider = text_of(client_for(nia).get(group.url))
    assert "Baby sensory on Thursday" in outsider and "Messy play at the library" in outsider
    # Logged out, the posts of members who keep their profile private stay hidden (the post read policy).
    logged_out = text_of(client_for(None).get(group.url))
    assert "Messy play at the library" in logged_out and "Baby sensory on Thursday" not in logged_out


def test_an_anonymous_post_names_nobody_to_members_and_its_author_to_moderators(group_of, olive, meg, nia,
                                                                                 client_for):
    group = group_of("private", allow_anonymous=True)
    committed(actions.do_invite_member, olive, group.id, "nia")
    committed(actions.do_join_group, nia, group.id)
    posted(meg, "I cried in the car park today", group_id=group.id, anonymous=True)

    source = client_for(nia).get(group.url).content.decode()
    assert "I cried in the car park today" in source
    assert "meg" not in source.lower()
    assert "@meg" in text_of(client_for(olive).get(group.url))


def test_moderators_see_the_queue_with_its_counts_and_pin_tools_and_members_do_not(
        group_of, olive, mo, meg, nia, pending_in, client_for):
    group = group_of("private", post_approval="all")
    pending_in(nia, group)
    posted(meg, "Waiting for approval", group_id=group.id)
    live = posted(olive, "Live post", group_id=group.id)

    moderator = text_of(client_for(mo).get(group.url))
    assert "Waiting for you: 1 request to join, 1 post to approve" in moderator
    assert f'href="/groups/{group.slug}/queue"' in moderator
    assert f"/groups/{group.slug}/posts/{live.id}/pin" in moderator and "Pin to the top" in moderator

    member = text_of(client_for(meg).get(group.url))
    assert "Waiting for you" not in member and "/queue" not in member and "/pin" not in member


def test_the_about_page_explains_the_group_and_names_its_team_to_readers(olive, mo, meg, nia, client_for):
    org = actions.do_create_organisation(olive, name="Little Steps Suffolk")
    group = make_group(olive, "Kesgrave Parents", privacy="private", kind="local", organisation_id=org.id,
                       place_id=suffolk_place("Kesgrave").id, radius_km=15, members=(meg,), moderators=(mo,),
                       description="For parents around **Kesgrave**.", rules="Kindness first.",
                       post_approval="first", allow_anonymous=True)

    member = text_of(client_for(meg).get(f"{group.url}/about"))
    assert "<strong>Kesgrave</strong>" in member and "Kindness first." in member
    assert "For parents in and around Kesgrave, up to 15 km away." in member
    assert "Little Steps Suffolk" in member and "Started" in member
    assert "Private." in member and "Joining is by request" in member
    assert "first post" in member and "post anonymously" in member
    team = member[member.index("Who looks after it"):]
    assert "@olive" in team and "owner" in team and "@moira" in team and "moderator" in team
    assert "@meg" not in team

    outsider = text_of(client_for(nia).get(f"{group.url}/about"))
    assert "Kindness first." in outsider and "Private." in outsider
    assert "Who looks after it" not in outsider and "@olive" not in outsider and "@moira" not in outsider


def test_the_about_page_of_a_public_group_shows_its_team_to_outsiders(group_of, nia, client_for):
    group = group_of("public")
    page = text_of(client_for(nia).get(f"{group.url}/about"))
    assert "Public." in page and "Anyone can read the posts" in page and "@olive" in page


def test_an_unknown_group_is_a_404(client_for, nia):
    assert client_for(nia).get("/groups/nobody-here").status_code == 404
    assert client_for(None).get("/groups/nobody-here/about").status_code == 404


@pytest.mark.parametrize("who", ["moderator", "logged_out"])
def test_the_group_page_costs_the_same_queries_with_3_posts_or_25(who, group_of, olive, meg, client_for,
                                                                  django_assert_max_num_queries):
    org = actions.do_create_organisation(olive, name="Little Steps Suffolk")
    group = group_of("public", allow_anonymous=True, rules="Be kind.", description="Hello", organisation_id=org.id)
    client = client_for(olive if who == "moderator" else None)

    def fill(start: int, n: int) -> None:
        for i in range(start, start + n):
            post = posted(meg, f"Post {i}", group_id=group.id, anonymous=i % 2 == 0)
            if i < 2:
                committed(actions.do_pin_post, olive, group.id, post.id)

    fill(0, 3)
    with django_assert_max_num_queries(30) as few:
        assert client.get(group.url).status_code == 200
    fill(3, 22)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = text_of(client.get(group.url))
    assert "Post 24" in page and "Post 0" in page  # newest, and a pinned one
