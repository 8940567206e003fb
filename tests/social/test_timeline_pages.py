"""The HTML timelines: home (with its "new posts" pill), local, tag pages, search, bookmarks
and "Start here", and that each keeps a flat query count as posts pile up."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from kettle.social import actions, start_here
from kettle.social.models import FeedEntry, Post
from tests.factories import make_member, months_ago

pytestmark = pytest.mark.django_db


# Overrides tests/conftest.py: pages show Bea as a public profile with a place.
@pytest.fixture
def bea(db):
    return make_member("bea", place="Kesgrave", is_public=True, display_name="Bea")


def text(response) -> str:
    return response.content.decode()


def post_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<article class="card post[^"]*" id="post-(\d+)"', page)]


# --- Home ------------------------------------------------------------------------------------

def test_home_shows_posts_from_people_i_follow_newest_first(member, bea, client_for):
    actions.do_follow(member, bea)
    first = actions.do_create_post(bea, body="Morning!")
    second = actions.do_create_post(bea, body="Nap time at last")
    stranger = make_member("cleo", is_public=True)
    actions.do_create_post(stranger, body="Not followed")
    page = text(client_for(member).get("/"))
    assert post_ids(page) == [second.id, first.id]
    assert "Not followed" not in page


def test_an_empty_home_points_to_start_here(member, client_for):
    page = text(client_for(member).get("/"))
    assert "Your home is quiet for now" in page and 'href="/start"' in page


def test_home_pages_older_posts_by_keyset(member, bea, client_for):
    actions.do_follow(member, bea)
    posts = [actions.do_create_post(bea, body=f"note {i}") for i in range(25)]
    client = client_for(member)
    page = text(client.get("/"))
    shown = post_ids(page)
    assert len(shown) == 20 and shown[0] == posts[-1].id
    older = re.search(r'href="(/\?before=\d+)" rel="next"', page).group(1)
    rest = post_ids(text(client.get(older)))
    assert rest == [p.id for p in reversed(posts[:5])]


def test_older_posts_with_htmx_answer_just_the_list(member, bea, client_for):
    actions.do_follow(member, bea)
    posts = [actions.do_create_post(bea, body=f"note {i}") for i in range(22)]
    response = client_for(member).get(f"/local?before={posts[2].id}", headers={"HX-Request": "true"})
    page = text(response)
    assert "<html" not in page and post_ids(page) == [posts[1].id, posts[0].id]


def test_a_nonsense_cursor_shows_the_first_page(member, client_for):
    assert client_for(member).get("/local?before=abc").status_code == 200
    assert client_for(member).get("/?before=-4").status_code == 200


def test_the_new_posts_pill_counts_what_arrived_since(member, bea, client_for, django_capture_on_commit_callbacks):
    actions.do_follow(member, bea)
    with django_capture_on_commit_callbacks(execute=True):  # the fan-out task runs after commit
        seen = actions.do_create_post(bea, body="Seen already")
    client = client_for(member)
    home = text(client.get("/"))
    assert f'hx-get="/home/new-posts?after={seen.id}"' in home and 'hx-trigger="every 30s"' in home
    assert text(client.get(f"/home/new-posts?after={seen.id}")).strip() == ""
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_create_post(bea, body="One")
        actions.do_create_post(bea, body="Two")
    pill = text(client.get(f"/home/new-posts?after={seen.id}", headers={"HX-Request": "true"}))
    assert "2 new posts" in pill and 'href="/"' in pill


def test_the_pill_asks_nothing_of_a_logged_out_visitor(client):
    assert client.get("/home/new-posts?after=1").status_code == 204


# --- Local, tags, search ---------------------------------------------------------------------

def test_local_shows_public_posts_only(member, bea, client_for):
    actions.do_create_post(bea, body="Public hello")
    actions.do_create_post(bea, body="Followers secret", audience="followers")
    for client in (client_for(member), client_for(None)):
        page = text(client.get("/local"))
        assert "Public hello" in page and "Followers secret" not in page


def test_logged_out_visitors_see_only_public_profiles_posts(client_for, bea):
    hidden = make_member("dora")  # profiles are private unless the member says otherwise
    actions.do_create_post(hidden, body="Private profile post")
    actions.do_create_post(bea, body="Public profile post")
    page = text(client_for(None).get("/local"))
    assert "Public profile post" in page and "Private profile post" not in page
    found = text(client_for(None).get("/search?q=profile"))
    assert "Public profile post" in found and "Private profile post" not in found


def test_a_tag_page_lists_its_posts_beside_trending_tags(member, bea, client_for):
    actions.do_create_post(bea, body="Up again #nightfeeds")
    actions.do_create_post(bea, body="Coffee #tired")
    page = text(client_for(member).get("/tags/NightFeeds"))
    assert "<h1>#nightfeeds</h1>" in page and "Up again" in page and "Coffee" not in page
    assert "Talked about this week" in page and 'href="/tags/tired"' in page


def test_a_tag_link_in_a_post_leads_to_its_tag_page(member, bea, client_for):
    post = actions.do_create_post(bea, body="Teething again #teething")
    page = text(client_for(member).get(post.url))
    assert 'href="/tags/teething"' in page


def test_search_finds_posts_by_their_words(member, bea, client_for):
    actions.do_create_post(bea, body="Reflux is hard")
    actions.do_create_post(bea, body="Sunny walk")
    page = text(client_for(member).get("/search?q=reflux"))
    assert "Reflux is hard" in page and "Sunny walk" not in page
    assert "Type a word or two" in text(client_for(member).get("/search"))


def test_search_keeps_the_query_in_older_links(member, bea, client_for):
    for i in range(22):
        actions.do_create_post(bea, body=f"reflux day {i}")
    page = text(client_for(member).get("/search?q=reflux"))
    assert re.search(r'href="/search\?q=reflux&amp;before=\d+"', page)


def test_bookmarks_need_login(client):
    response = client.get("/bookmarks")
    assert response.status_code == 302 and "/login" in response["Location"]


def test_blocked_members_posts_leave_my_timelines(member, bea, client_for):
    actions.do_follow(member, bea)
    actions.do_create_post(bea, body="Hello there #hi")
    actions.do_block(bea, member)
    client = client_for(member)
    for address in ("/", "/local", "/tags/hi", "/search?q=Hello"):
        assert "Hello there" not in text(client.get(address)), address


# --- Start here ------------------------------------------------------------------------------

def test_start_here_suggests_discoverable_parents_at_the_same_stage_and_nearby(client_for):
    today = date.today()
    baby = [months_ago(today, 4)]
    me = make_member("newbie", place="Ipswich", children=baby, interests="running, slings")
    near = make_member("near", place="Ipswich", children=baby, discoverable=True, children_visibility="everyone",
                       interests="slings")
    make_member("shy", place="Ipswich", children=baby, discoverable=False, interests="slings")
    blocked = make_member("blocked", place="Ipswich", children=baby, discoverable=True)
    blocker = make_member("blocker", place="Ipswich", discoverable=True)
    followed = make_member("followed", place="Ipswich", discoverable=True)
    actions.do_block(me, blocked)
    actions.do_block(blocker, me)
    actions.do_follow(me, followed)
    suggestions = start_here.suggested_people(me)
    handles = [s.member.handle for s in suggestions]
    assert "near" in handles
    for absent in ("newbie", "shy", "blocked", "blocker", "followed"):
        assert absent not in handles
    reasons = next(s for s in suggestions if s.member.handle == "near").reasons
    assert "also baby" in reasons and "into slings" in reasons and "same town" in reasons
    page = text(client_for(me).get("/start"))
    shown = re.findall(r'<span class="handle">@(\w+)</span>', page)
    assert "near" in shown and not {"shy", "blocked", "blocker", "newbie"} & set(shown)
    assert near.profile.discoverable


def test_start_here_never_uses_a_stage_the_member_keeps_private(client_for):
    today = date.today()
    me = make_member("newbie", place="Ipswich", children=[months_ago(today, 4)])
    make_member("private", place="Lowestoft", children=[months_ago(today, 4)], discoverable=True,
                children_visibility="nobody")
    suggestions = start_here.suggested_people(me)
    assert all("also baby" not in s.reasons for s in suggestions)


def test_suggestions_in_the_same_band_come_in_no_fixed_order(client_for):
    me = make_member("newbie", place="Ipswich")
    for i in range(6):
        make_member(f"town{i}", place="Ipswich", discoverable=True)
    make_member("further", place="Lowestoft", discoverable=True)
    orders = {tuple(s.member.handle for s in start_here.suggested_people(me, rng=random.Random(seed)))
              for seed in range(8)}
    assert len(orders) > 1
    for order in orders:
        assert "further" not in order  # over 30 km and nothing in common: not suggested
        assert set(order) == {f"town{i}" for i in range(6)}


def test_start_here_lists_popular_blogs_and_warm_posts(member, bea, client_for):
    blog = actions.do_create_post(bea, kind="blog", title="Our first month", body="It was a blur.")
    actions.do_react(member, blog.id, "helpful")
    page = text(client_for(member).get("/start"))
    assert "Bea's blog" in page and 'href="/@bea/blog"' in page
    assert "Our first month" in page
    logged_out = text(client_for(None).get("/start"))
    assert "Bea's blog" in logged_out and "Parents you might get on with" not in logged_out


# --- Query counts ------------------------------------------------------------------------------

def _fill(author, reader, count: int) -> None:
    actions.do_follow(reader, author)
    for i in range(count // 5):  # people "Start here" may suggest
        make_member(f"nearby{i}", place="Ipswich", discoverable=True, interests="slings")
    for i in range(count):
        post = actions.do_create_post(author, body=f"post {i} #tea", kind="blog" if i % 4 == 0 else "update",
                                      title="A blog" if i % 4 == 0 else "", content_note="loss" if i % 5 == 0 else "",
                                      vent_mode=i % 3 == 0)
        actions.do_react(reader, post.id, "hug")
        if i % 2 == 0:
            actions.do_bookmark(reader, post.id)


# Search also looks for upcoming meetups matching the words (one query more).
BOUNDS = {"/": 8, "/local": 6, "/tags/tea": 7, "/bookmarks": 6, "/search?q=post": 7, "/start": 14}


@pytest.mark.parametrize("posts", [5, 30])
@pytest.mark.parametrize("address", list(BOUNDS))
def test_timeline_query_counts_stay_flat_as_posts_grow(member, bea, client_for, posts, address,
                                                       django_assert_max_num_queries):
    _fill(bea, member, posts)
    client = client_for(member)
    with django_assert_max_num_queries(BOUNDS[address]):
        response = client.get(address)
    assert response.status_code == 200
    expected = {"/start": 0, "/bookmarks": len(range(0, posts, 2))}.get(address, min(posts, 20))
    if expected:
        assert len(post_ids(text(response))) == expected


@pytest.mark.parametrize("posts", [5, 30])
def test_logged_out_pages_query_counts_stay_flat(bea, client_for, posts, django_assert_max_num_queries):
    for i in range(posts):
        actions.do_create_post(bea, body=f"post {i} #tea")
    client = client_for(None)
    for address in ("/local", "/tags/tea", "/search?q=post"):
        with django_assert_max_num_queries(3):
            assert client.get(address).status_code == 200
    assert Post.objects.count() == posts


@pytest.mark.parametrize("posts", [5, 30])
def test_home_with_polls_and_anonymous_group_posts_stays_within_eight_queries(
        member, bea, client_for, posts, django_assert_max_num_queries, django_capture_on_commit_callbacks, settings):
    """DESIGN's budget for the home timeline, with everything a page of it can hold: polls in
    and out of groups (some voted in), anonymous group posts, reactions and bookmarks, read
    from the fan-out rows (so the fan-out runs: it waits for the commit)."""
    from kettle.groups import actions as group_actions
    from kettle.groups.actions import PollSpec
    from tests.factories import make_group

    settings.POST_RATE = "1000/3600"  # a test's many posts, not a flood
    group = make_group(bea, "Kesgrave Bumps", members=(member,), allow_anonymous=True)
    actions.do_follow(member, bea)
    polls = []
    for i in range(posts + 21):
        spec = PollSpec(options=["Yes", "No"]) if i % 3 == 0 else None
        with django_capture_on_commit_callbacks(execute=True):
            post = actions.do_create_post(bea, body=f"post {i}", group_id=group.id if i % 2 else None,
                                          anonymous=bool(i % 2 and i % 3 == 1), poll=spec)
        if spec:
            polls.append(post.poll)
        if i % 4 == 0:
            actions.do_react(member, post.id, "hug")
            actions.do_bookmark(member, post.id)
    group_actions.do_vote(member, polls[-1].id, [polls[-1].options.get(position=0).id])
    group_actions.do_vote(bea, polls[-1].id, [polls[-1].options.get(position=1).id])
    assert FeedEntry.objects.filter(member=member).count() == posts + 21
    client = client_for(member)
    with django_assert_max_num_queries(8):
        response = client.get("/")
    assert len(post_ids(text(response))) == 20
    assert "Anonymous member" in text(response) and "50%" in text(response)
