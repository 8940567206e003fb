"""Groups through the API: listing, searching and suggestions (never a secret group to
outsiders), starting a group, reading, changing and closing it, who may do each, bad input that
changes nothing, and a query count that stays flat."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kettle.accounts.actions import do_create_token
from kettle.groups import actions
from kettle.groups.clubs import clubs_for
from kettle.groups.models import Group, Membership
from tests.factories import make_group, make_member, suffolk_place
from tests.groups import conftest as group_fixtures
from tests.helpers import assert_error, committed, send

# The group tests' cast (Olive owns, Moira moderates, Meg belongs, Nia is outside), shared here.
olive, mo, meg, nia, group_of = (group_fixtures.olive, group_fixtures.mo, group_fixtures.meg, group_fixtures.nia,
                                 group_fixtures.group_of)

GROUPS = "/api/v1/groups"
GROUP_KEYS = {"id", "slug", "url", "name", "kind", "privacy", "description_html", "rules_html", "questions", "place",
              "radius_km", "club", "topics", "organisation", "post_approval", "allow_anonymous", "member_count",
              "created_at", "me"}


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [group["slug"] for group in response.json()["items"]]


# --- reading ---------------------------------------------------------------------------------

def test_a_group_answers_with_its_about_information_and_where_you_stand(group_of, olive, mo, meg, nia, api):
    group = group_of("private", description="Tea and *chat*", rules="Be kind", questions=["Where are you?"],
                     topics=["sleep", "weaning"], allow_anonymous=True, post_approval="first")

    body = api(meg).get(f"{GROUPS}/{group.slug}").json()

    assert set(body) == GROUP_KEYS
    assert (body["id"], body["url"], body["name"]) == (group.id, f"/groups/{group.slug}", "Ipswich Private Parents")
    assert (body["kind"], body["privacy"], body["post_approval"], body["allow_anonymous"]) == (
        "interest", "private", "first", True)
    assert body["description_html"] == "<p>Tea and <em>chat</em></p>\n"
    assert body["questions"] == ["Where are you?"] and body["topics"] == ["sleep", "weaning"]
    assert body["member_count"] == 3 and body["club"] is None and body["organisation"] is None
    assert body["me"] == {"state": "active", "role": "member", "moderator": False}
    assert api(mo).get(f"{GROUPS}/{group.slug}").json()["me"] == {"state": "active", "role": "moderator",
                                                                  "moderator": True}
    assert api(nia).get(f"{GROUPS}/{group.slug}").json()["me"] == {"state": None, "role": None, "moderator": False}
    assert api().get(f"{GROUPS}/{group.slug}").json()["me"] is None


def test_a_local_group_shows_its_town_by_name_only_and_a_club_its_month(olive, api):
    local = make_group(olive, "Ipswich Buggy Walks", kind="local")
    body = api().get(f"{GROUPS}/{local.slug}").json()
    assert (body["kind"], body["place"], body["radius_km"]) == ("local", "Ipswich", 15)

    parent = make_member("pia", place="Ipswich", children=[{"due_date": date.today().replace(day=1)}])
    [area_club, site_club] = clubs_for(parent)
    body = api(parent).get(f"{GROUPS}/{area_club.slug}").json()
    assert body["club"] == {"kind": "due", "month": f"{date.today():%Y-%m}"} and body["place"] == "Ipswich"
    assert api(parent).get(f"{GROUPS}/{site_club.slug}").json()["place"] is None


@pytest.mark.parametrize("who, expected", [
    ("logged_out", 404), ("outsider", 404), ("invited", 200), ("member", 200), ("moderator", 200), ("banned", 404),
])
def test_a_secret_group_is_a_404_to_everyone_outside_it(who, expected, group_of, mo, meg, nia, olive, api):
    group = group_of("secret")
    person = {"logged_out": None, "outsider": nia, "member": meg, "moderator": mo}.get(who)
    if who == "invited":
        person = make_member("ivy")
        committed(actions.do_invite_member, olive, group.id, "ivy")
    if who == "banned":
        person = meg
        committed(actions.do_ban_member, olive, group.id, meg.id)

    client = api(person)
    assert client.get(f"{GROUPS}/{group.slug}").status_code == expected
    assert (group.slug in slugs(client.get(GROUPS))) == (expected == 200)
    assert (group.slug in slugs(client.get(f"{GROUPS}?q=Ipswich"))) == (expected == 200)


def test_an_unknown_group_is_a_404_in_the_error_shape(api, nia):
    assert_error(api(nia).get(f"{GROUPS}/no-such-group"), 404, "not_found")


# --- lists, search, suggestions ---------------------------------------------------------------

def test_the_list_shows_listed_groups_newest_first_in_pages_that_never_overlap(olive, nia, api):
    made = [make_group(olive, f"Group {n}", privacy="private" if n % 2 else "public") for n in range(5)]

    first = api(nia).get(f"{GROUPS}?limit=3").json()
    second = api(nia).get(f"{GROUPS}?limit=3&before={first['next_before']}").json()

    assert [g["slug"] for g in first["items"] + second["items"]] == [g.slug for g in reversed(made)]
    assert second["next_before"] is None


def test_the_list_filters_by_kind_and_by_your_own_groups(olive, meg, nia, api):
    local = make_group(olive, "Felixstowe Parents", kind="local")
    interest = make_group(olive, "Twins Club", members=(meg,))
    asked = make_group(olive, "Dads Together", privacy="private", questions=["Hi?"])
    committed(actions.do_join_group, meg, asked.id, answers=["Hello"])

    assert slugs(api(nia).get(f"{GROUPS}?kind=local")) == [local.slug]
    assert slugs(api(meg).get(f"{GROUPS}?mine=true")) == [asked.slug, interest.slug]
    assert slugs(api(meg).get(f"{GROUPS}?mine=true&kind=interest&q=twins")) == [interest.slug]
    assert slugs(api().get(f"{GROUPS}?mine=true")) == []


def test_search_finds_groups_by_name_and_topic(olive, nia, api):
    feeding = make_group(olive, "Milk Matters", topics=["breastfeeding"])
    make_group(olive, "Buggy Walks")

    assert slugs(api(nia).get(f"{GROUPS}?q=breastfeeding")) == [feeding.slug]
    assert slugs(api().get(f"{GROUPS}?q=milk")) == [feeding.slug]


def test_suggestions_give_a_reason_and_skip_groups_you_are_in(olive, meg, api):
    mine = make_group(olive, "Ipswich Parents", members=(meg,))
    other = make_group(olive, "Woodbridge Walkers", kind="local", place_id=suffolk_place("Woodbridge").id)

    body = api(meg).get(f"{GROUPS}/suggested").json()

    assert other.slug in [s["group"]["slug"] for s in body]
    assert mine.slug not in [s["group"]["slug"] for s in body]
    assert all(s["reason"] and set(s["group"]) == GROUP_KEYS for s in body)
    assert_error(api().get(f"{GROUPS}/suggested"), 401, "unauthenticated")


# --- starting, changing and closing a group ---------------------------------------------------

def test_starting_a_group_makes_you_its_owner(nia, api):
    response = send(api(nia), "post", GROUPS, {
        "name": "Lowestoft Dads", "kind": "local", "privacy": "public", "place_id": suffolk_place("Lowestoft").id,
        "radius_km": 15, "topics": ["dads"], "questions": ["Which part of town?"], "rules": "No selling."})

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "lowestoft-dads" and body["place"] == "Lowestoft" and body["topics"] == ["dads"]
    assert body["me"] == {"state": "active", "role": "owner", "moderator": True} and body["member_count"] == 1
    assert body["rules_html"] == "<p>No selling.</p>\n"


@pytest.mark.parametrize("sent, field", [
    ({"name": "  "}, "name"),
    ({"name": "Dads", "kind": "due_month"}, "kind"),
    ({"name": "Dads", "privacy": "hidden"}, "privacy"),
    ({"name": "Dads", "kind": "local"}, "place_id"),
    ({"name": "Dads", "kind": "local", "place_id": 1, "radius_km": 15}, "place_id"),
    ({"name": "Dads", "radius_km": 7}, "radius_km"),
    ({"name": "Dads", "questions": ["a", "b", "c", "d"]}, "questions"),
    ({"name": "Dads", "organisation": "nobody-knows"}, "organisation"),
    ({"name": "Dads", "colour": "blue"}, "colour"),
    ({"name": "x" * 81}, "name"),
    ({"name": "Dads\x00"}, "name"),
])
def test_bad_input_gets_a_field_error_and_starts_no_group(sent, field, nia, api):
    response = send(api(nia), "post", GROUPS, sent)
    assert response.status_code in (400, 422), response.content
    assert_error(response, response.status_code, "invalid", field)
    assert not Group.objects.exists()


def test_starting_a_group_for_an_organisation_needs_its_admin(olive, nia, api):
    org = committed(actions.do_create_organisation, olive, name="Suffolk Parents Trust")

    assert_error(send(api(nia), "post", GROUPS, {"name": "Baby Cafe", "organisation": org.slug}), 400, "invalid",
                 "organisation")
    body = send(api(olive), "post", GROUPS, {"name": "Baby Cafe", "organisation": org.slug}).json()
    assert body["organisation"] == {"slug": org.slug, "name": "Suffolk Parents Trust", "url": org.url,
                                    "verified": False}


def test_moderators_change_a_group_and_null_clears_what_can_be_cleared(group_of, mo, api):
    group = group_of("public", description="Old words", questions=["Why?"])

    response = send(api(mo), "patch", f"{GROUPS}/{group.slug}",
                    {"description": None, "questions": None, "rules": "Kindness first", "name": None,
                     "allow_anonymous": True})

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["description_html"], body["questions"], body["name"]) == ("", [], "Ipswich Public Parents")
    assert body["rules_html"] == "<p>Kindness first</p>\n" and body["allow_anonymous"] is True


@pytest.mark.parametrize("who, change, expected", [
    ("member", {"rules": "Mine now"}, 403),
    ("moderator", {"privacy": "secret"}, 403),
    ("owner", {"privacy": "secret"}, 200),
    ("outsider", {"rules": "Mine now"}, 403),
])
def test_who_may_change_what(who, change, expected, group_of, olive, mo, meg, nia, api):
    group = group_of("public")
    person = {"member": meg, "moderator": mo, "owner": olive, "outsider": nia}[who]
    assert send(api(person), "patch", f"{GROUPS}/{group.slug}", change).status_code == expected


def test_a_bad_change_changes_nothing(group_of, olive, api):
    group = group_of("public", description="Keep me")
    response = send(api(olive), "patch", f"{GROUPS}/{group.slug}", {"description": "New", "radius_km": 7})
    assert_error(response, 422, "invalid", "radius_km")
    response = send(api(olive), "patch", f"{GROUPS}/{group.slug}", {"description": "New", "questions": ["?"] * 4})
    assert response.status_code in (400, 422)
    group.refresh_from_db()
    assert group.description == "Keep me"


def test_only_the_owner_closes_a_group(group_of, olive, mo, api):
    group = group_of("private")
    assert_error(api(mo).delete(f"{GROUPS}/{group.slug}"), 403, "forbidden")
    assert api(olive).delete(f"{GROUPS}/{group.slug}").status_code == 204
    assert not Group.objects.filter(id=group.id).exists()
    assert not Membership.objects.filter(group_id=group.id).exists()


# --- query counts and the schema --------------------------------------------------------------

def _count(client: Client, path: str) -> int:
    client.get(path)  # warm: a token's first use records when it was used
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(queries.captured_queries)


def test_a_group_and_the_group_list_cost_the_same_queries_however_many_there_are(olive, meg, settings):
    settings.GROUP_CREATE_RATE = "1000/3600"
    _, raw = do_create_token(meg, name="tests")
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    group = make_group(olive, "Big Group", members=(meg,), topics=["sleep", "dads"])
    for n in range(3):
        make_group(olive, f"Group {n}", topics=["sleep"], members=(meg,))
    few = (_count(client, f"{GROUPS}/{group.slug}"), _count(client, GROUPS), _count(client, f"{GROUPS}?q=group"))
    for n in range(3, 25):
        make_group(olive, f"Group {n}", topics=["sleep"], members=(meg,), kind="local")
    many = (_count(client, f"{GROUPS}/{group.slug}"), _count(client, GROUPS), _count(client, f"{GROUPS}?q=group"))
    assert few == many
    assert max(many) <= 8


def test_the_openapi_schema_builds_with_the_groups_api(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/v1/groups/{slug}/members", "/api/v1/polls/{poll_id}/votes", "/api/v1/organisations/{slug}",
                 "/api/v1/invites/{code}", "/api/v1/groups/{slug}/queue"):
        assert path in paths


# --- any JSON gets an answer, never a crash ---------------------------------------------------

KEYS = ["name", "kind", "privacy", "description", "rules", "place_id", "radius_km", "topics", "post_approval",
        "allow_anonymous", "questions", "organisation", "answers", "handle", "role", "days", "max_uses", "options",
        "title", "website", "area", "group", "anonymous", "poll", "body", "multiple", "closes_at"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
                    st.floats(allow_nan=False), st.text(max_size=30),
                    st.sampled_from(["local", "public", "secret", "first", "moderator", "meg", "", "2030-01-01T00:00Z",
                                     "ipswich-public-parents"]))
JSON = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)), max_leaves=8)
BODIES = st.one_of(st.dictionaries(st.sampled_from(KEYS), JSON, max_size=5), JSON)

ENDPOINTS = [
    ("post", "/api/v1/groups"),
    ("patch", "/api/v1/groups/{slug}"),
    ("post", "/api/v1/groups/{slug}/members"),
    ("post", "/api/v1/groups/{slug}/invitations"),
    ("patch", "/api/v1/groups/{slug}/members/{handle}"),
    ("post", "/api/v1/groups/{slug}/owner"),
    ("post", "/api/v1/groups/{slug}/invites"),
    ("post", "/api/v1/posts"),
    ("post", "/api/v1/polls/{poll}/votes"),
    ("post", "/api/v1/organisations"),
    ("patch", "/api/v1/organisations/{org}"),
    ("post", "/api/v1/organisations/{org}/team"),
]


@pytest.fixture
def django_settings(settings):
    """pytest-django's settings fixture, renamed: `settings` here is hypothesis's."""
    return settings


@pytest.mark.parametrize("method, path", ENDPOINTS)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=BODIES)
def test_any_json_to_a_groups_endpoint_gets_an_answer_never_a_crash(db, django_settings, method, path, body):
    django_settings.POST_RATE = django_settings.GROUP_CREATE_RATE = "100000/3600"
    owner = make_member(None)
    member = make_member(None)
    group = make_group(owner, "Ipswich Public Parents", members=(member,), allow_anonymous=True)
    org = committed(actions.do_create_organisation, owner, name="Suffolk Trust")
    post = committed(_post_with_poll, member, group.id)
    _, raw = do_create_token(owner, name="fuzz")
    client = Client(headers={"Authorization": f"Bearer {raw}"})

    response = getattr(client, method)(path.format(slug=group.slug, poll=post.poll.id, org=org.slug,
                                                   handle=member.handle),
                                       data=json.dumps(body), content_type="application/json")

    assert response.status_code < 500
    if response.status_code >= 400:
        assert set(response.json()) == {"error", "message", "fields"}


def _post_with_poll(author, group_id):
    from kettle.social.actions import do_create_post

    return do_create_post(author, body="Which day?", group_id=group_id,
                          poll=actions.PollSpec(options=["Monday", "Tuesday"]))
