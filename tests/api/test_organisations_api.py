"""Organisations through the API: registering one (its creator becomes its first admin), public
pages with their team and the groups they run (a secret one only to its members), changes by
admins only, the team, and verification by staff."""

from __future__ import annotations

import pytest

from kettle.groups import actions
from kettle.groups.models import Organisation, OrganisationMember
from kettle.social.actions import do_block
from tests.factories import make_group, make_member, suffolk_place
from tests.groups import conftest as group_fixtures
from tests.helpers import assert_error, committed, send

olive, meg, nia = group_fixtures.olive, group_fixtures.meg, group_fixtures.nia

ORGS = "/api/v1/organisations"
ORG_KEYS = {"id", "slug", "name", "url", "verified", "verified_at", "description_html", "area", "place", "website",
            "team", "groups"}


@pytest.fixture
def trust(olive):
    return committed(actions.do_create_organisation, olive, name="Suffolk Parents Trust", area="Across Suffolk",
                     website="https://parents.example.org", place_id=suffolk_place("Ipswich").id)


def test_registering_an_organisation_makes_you_its_first_admin(nia, api):
    response = send(api(nia), "post", ORGS, {"name": "Lowestoft Children's Centre", "description": "Stay and *play*",
                                             "website": "https://centre.example.org", "area": "Lowestoft"})

    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == ORG_KEYS
    assert body["slug"] == "lowestoft-childrens-centre" and body["url"] == Organisation.objects.get().url
    assert body["description_html"] == "<p>Stay and <em>play</em></p>\n"
    assert body["verified"] is False and body["verified_at"] is None
    assert [(t["member"]["handle"], t["role"]) for t in body["team"]] == [("nia", "admin")]


@pytest.mark.parametrize("sent, field", [
    ({"name": " "}, "name"),
    ({"name": "Centre", "website": "javascript:alert(1)"}, "website"),
    ({"name": "Centre", "website": "centre.example.org"}, "website"),
    ({"name": "Centre", "place_id": 12}, "place_id"),
    ({"name": "x" * 121}, "name"),
    ({"name": "Centre", "verified": True}, "verified"),
])
def test_bad_input_is_a_field_error_and_registers_nothing(sent, field, nia, api):
    response = send(api(nia), "post", ORGS, sent)
    assert response.status_code in (400, 422), response.content
    assert_error(response, response.status_code, "invalid", field)
    assert not Organisation.objects.exists()


def test_an_organisation_page_is_public_and_shows_the_groups_you_may_see(trust, olive, meg, api):
    listed = make_group(olive, "Baby Cafe Ipswich", organisation_id=trust.id)
    secret = make_group(olive, "Trust Volunteers", privacy="secret", organisation_id=trust.id, members=(meg,))

    for client, expected in ((api(), [listed.slug]), (api(make_member("pat")), [listed.slug]),
                             (api(meg), [listed.slug, secret.slug])):
        body = client.get(f"{ORGS}/{trust.slug}").json()
        assert [g["slug"] for g in body["groups"]] == expected
    body = api().get(f"{ORGS}/{trust.slug}").json()
    assert (body["place"], body["area"], body["website"]) == ("Ipswich", "Across Suffolk", "https://parents.example.org")
    assert_error(api().get(f"{ORGS}/no-such-org"), 404, "not_found")


def test_the_team_hides_people_blocked_either_way(trust, olive, nia, api):
    committed(actions.do_set_team_member, olive, trust.id, "nia", title="Volunteer")
    team = api(nia).get(f"{ORGS}/{trust.slug}").json()["team"]
    assert [t["member"]["handle"] for t in team] == ["olive", "nia"]
    committed(do_block, olive, nia)
    assert [t["member"]["handle"] for t in api(nia).get(f"{ORGS}/{trust.slug}").json()["team"]] == ["nia"]


def test_the_list_is_newest_first_and_finds_by_name(trust, nia, api):
    other = committed(actions.do_create_organisation, nia, name="Felixstowe Dads")

    assert [o["slug"] for o in api().get(ORGS).json()["items"]] == [other.slug, trust.slug]
    assert [o["slug"] for o in api().get(f"{ORGS}?q=dads").json()["items"]] == [other.slug]
    first = api().get(f"{ORGS}?limit=1").json()
    assert [o["slug"] for o in api().get(f"{ORGS}?before={first['next_before']}").json()["items"]] == [trust.slug]


def test_admins_change_the_page_and_others_cant(trust, olive, nia, api):
    changed = send(api(olive), "patch", f"{ORGS}/{trust.slug}", {"description": "We run baby cafes", "area": None})
    assert changed.status_code == 200, changed.content
    assert changed.json()["description_html"] == "<p>We run baby cafes</p>\n" and changed.json()["area"] == ""

    assert_error(send(api(nia), "patch", f"{ORGS}/{trust.slug}", {"name": "Mine"}), 403, "forbidden")
    assert_error(send(api(olive), "patch", f"{ORGS}/{trust.slug}", {"website": "nope"}), 400, "invalid", "website")
    trust.refresh_from_db()
    assert trust.name == "Suffolk Parents Trust" and trust.website == "https://parents.example.org"


def test_a_new_name_is_checked_again_by_staff(trust, olive, api):
    staff = make_member("sam", staff=True)
    assert api(staff).post(f"{ORGS}/{trust.slug}/verification").json()["verified"] is True

    body = send(api(olive), "patch", f"{ORGS}/{trust.slug}", {"name": "Suffolk Families Trust"}).json()

    assert body["verified"] is False


def test_admins_manage_the_team_and_an_organisation_keeps_an_admin(trust, olive, meg, nia, api):
    added = send(api(olive), "post", f"{ORGS}/{trust.slug}/team", {"handle": "@meg", "title": "Baby massage teacher"})
    assert added.status_code == 200, added.content
    assert added.json() == {"member": added.json()["member"], "role": "team", "title": "Baby massage teacher"}
    assert added.json()["member"]["handle"] == "meg"

    assert_error(send(api(meg), "post", f"{ORGS}/{trust.slug}/team", {"handle": "nia"}), 403, "forbidden")
    assert_error(send(api(olive), "post", f"{ORGS}/{trust.slug}/team", {"handle": "nobody-here"}), 400, "invalid",
                 "handle")
    assert_error(send(api(olive), "post", f"{ORGS}/{trust.slug}/team", {"handle": "meg", "role": "boss"}), 422,
                 "invalid", "role")
    assert_error(send(api(olive), "post", f"{ORGS}/{trust.slug}/team", {"handle": "olive", "role": "team"}), 400,
                 "invalid", "role")
    assert_error(api(olive).delete(f"{ORGS}/{trust.slug}/team/olive"), 400, "invalid", "role")
    assert api(olive).delete(f"{ORGS}/{trust.slug}/team/meg").status_code == 204
    assert_error(api(olive).delete(f"{ORGS}/{trust.slug}/team/meg"), 404, "not_found")
    assert list(OrganisationMember.objects.values_list("member__handle", "role")) == [("olive", "admin")]


def test_only_staff_verify_an_organisation(trust, olive, api):
    staff = make_member("sam", staff=True)

    assert_error(api(olive).post(f"{ORGS}/{trust.slug}/verification"), 403, "forbidden")
    verified = api(staff).post(f"{ORGS}/{trust.slug}/verification")
    assert verified.status_code == 200 and verified.json()["verified"] is True and verified.json()["verified_at"]
    unverified = api(staff).delete(f"{ORGS}/{trust.slug}/verification")
    assert unverified.status_code == 200 and unverified.json()["verified"] is False


def test_a_groups_organisation_carries_its_badge(trust, olive, api):
    group = make_group(olive, "Baby Cafe Ipswich", organisation_id=trust.id)
    committed(actions.do_verify_organisation, make_member("sam", staff=True), trust.id)
    assert api().get(f"/api/v1/groups/{group.slug}").json()["organisation"]["verified"] is True


def test_searching_organisations_with_a_nul_character_is_not_an_error(client_for):
    response = client_for(None).get("/api/v1/organisations?q=%00")
    assert response.status_code == 200 and response.json()["items"] == []
