"""Organisation pages: the public list and page (team, the groups it runs that the viewer may
see, a safe website link), registering one, editing it and its team (admins only), and
verification (staff only)."""

from __future__ import annotations

import pytest

from kettle.groups import actions
from kettle.groups.models import Organisation, OrganisationMember
from tests.factories import make_group, make_member, suffolk_place
from tests.helpers import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(olive):
    """Suffolk Parents' Network, run by Olive."""
    return actions.do_create_organisation(olive, name="Suffolk Parents' Network", description="Classes and **groups**.",
                                          area="Across Suffolk", website="https://parents.example.org/")


@pytest.fixture
def staff(db):
    return make_member("sam", staff=True)


# --- The list and the page -----------------------------------------------------------------

def test_the_list_shows_organisations_to_everyone_with_their_badge(org, staff, client_for):
    actions.do_verify_organisation(staff, org.id)
    page = text_of(client_for(None).get("/organisations/"))
    assert "Suffolk Parents' Network" in page and "Across Suffolk" in page and "✔</span> Verified" in page
    assert "Add your organisation" not in page


def test_the_page_shows_details_team_and_a_website_link_that_passes_nothing_on(org, olive, meg, nia, client_for):
    actions.do_set_team_member(olive, org.id, "meg", role="team", title="Baby massage teacher")
    page = text_of(client_for(nia).get(org.url))
    assert "<h1>Suffolk Parents' Network" in page and "<strong>groups</strong>" in page
    assert 'href="https://parents.example.org/" rel="nofollow noopener noreferrer"' in page
    assert "@olive" in page and "Admin" in page and "@meg" in page and "Baby massage teacher" in page
    assert "Not verified yet" in page and "Edit details" not in page


def test_the_page_lists_only_the_groups_the_viewer_may_see(org, olive, meg, nia, client_for):
    make_group(olive, "Network Baby Class", privacy="private", organisation_id=org.id, members=(meg,))
    make_group(olive, "Network Team Room", privacy="secret", organisation_id=org.id, members=(meg,))
    outsider = text_of(client_for(nia).get(org.url))
    assert "Network Baby Class" in outsider and "Network Team Room" not in outsider
    assert "Network Team Room" in text_of(client_for(meg).get(org.url))
    assert "Network Team Room" not in text_of(client_for(None).get(org.url))


def test_the_team_shows_only_people_the_viewer_may_see(org, olive, meg, client_for):
    from kettle.social.actions import do_block

    actions.do_set_team_member(olive, org.id, "meg", role="team")
    public = make_member("pip", is_public=True)
    actions.do_set_team_member(olive, org.id, "pip", role="team")
    logged_out = text_of(client_for(None).get(org.url))
    assert "@pip" in logged_out and "@olive" not in logged_out  # private profiles stay private
    do_block(meg, olive)
    page = text_of(client_for(meg).get(org.url))
    assert "@meg" in page and f"@{public.handle}" in page and "@olive" not in page


def test_an_unknown_organisation_is_a_404(client_for, nia):
    assert client_for(nia).get("/organisations/nobody-here").status_code == 404


def test_the_organisation_page_keeps_a_flat_query_count(org, olive, nia, client_for, settings):
    settings.GROUP_CREATE_RATE = "100/60"
    client = client_for(nia)

    def queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(org.url).status_code == 200
        return len(captured)

    few = queries()
    for i in range(6):
        person = make_member(f"team{i}")
        actions.do_set_team_member(olive, org.id, person.handle, role="team", title=f"Helper {i}")
        make_group(olive, f"Network Group {i}", privacy="public", organisation_id=org.id)
    assert queries() == few


# --- Registering and editing ----------------------------------------------------------------

def test_a_member_registers_an_organisation_and_becomes_its_admin(nia, client_for):
    client = client_for(nia)
    assert "Add your organisation" in text_of(client.get("/organisations/new"))
    ipswich = suffolk_place("Ipswich")
    response = client.post("/organisations/new", {"name": "Ipswich Dads", "description": "Saturday walks",
                                                   "area": "Ipswich", "website": "https://dads.example.org",
                                                   "place_id": ipswich.id, "place_q": "Ipswich"})
    organisation = Organisation.objects.get(name="Ipswich Dads")
    assert response.status_code == 302 and response["Location"] == organisation.url
    assert organisation.place_id == ipswich.id and not organisation.is_verified
    assert OrganisationMember.objects.get(organisation=organisation).member == nia
    assert "Our team will check it" in text_of(client.get(organisation.url))


@pytest.mark.parametrize("fields, message", [
    ({"name": ""}, "Give the organisation's name."),
    ({"website": "parents.example"}, "Give the full address, starting https://"),
    ({"website": "javascript:alert(1)"}, "Give the full address, starting https://"),
    ({"name": "x" * 121}, "Please keep this to 120 characters"),
    ({"place_id": "999999"}, "We couldn't find that place."),
    ({"place_id": "abc"}, "We couldn't find that place."),
])
def test_bad_details_are_form_errors_and_nothing_is_made(nia, client_for, fields, message):
    response = client_for(nia).post("/organisations/new", {"name": "Ipswich Dads", **fields})
    assert response.status_code == 400 and message in text_of(response)
    assert not Organisation.objects.exists()


def test_a_typed_but_unpicked_town_is_caught(nia, client_for):
    response = client_for(nia).post("/organisations/new", {"name": "Ipswich Dads", "place_q": "Ipswich"})
    assert response.status_code == 400 and "Pick your town or village from the list" in text_of(response)
    assert not Organisation.objects.exists()


def test_finding_places_without_javascript_saves_nothing_yet(nia, client_for):
    response = client_for(nia).post("/organisations/new", {"name": "Ipswich Dads", "place_q": "Ipsw",
                                                           "find_places": "1"})
    assert response.status_code == 200 and "Ipswich" in text_of(response)
    assert not Organisation.objects.exists()


def test_registering_needs_login(client_for):
    response = client_for(None).get("/organisations/new")
    assert response.status_code == 302 and "/login" in response["Location"]


def test_an_admin_edits_the_details_and_a_new_name_is_checked_again(org, olive, staff, client_for):
    actions.do_verify_organisation(staff, org.id)
    client = client_for(olive)
    assert "Edit details" in text_of(client.get(org.url))
    form = text_of(client.get(f"{org.url}/edit"))
    assert 'value="Suffolk Parents\' Network"' in form and "takes the Verified badge away" in form
    response = client.post(f"{org.url}/edit", {"name": "Suffolk Families", "area": "All of Suffolk",
                                               "website": ""})
    org.refresh_from_db()
    assert response.status_code == 302
    assert org.name == "Suffolk Families" and org.area == "All of Suffolk" and org.website == ""
    assert not org.is_verified


@pytest.mark.parametrize("who", ["team", "stranger", "logged_out"])
def test_the_admin_pages_are_a_404_to_anyone_but_admins(org, olive, meg, nia, client_for, who):
    actions.do_set_team_member(olive, org.id, "meg", role="team")
    viewer = {"team": meg, "stranger": nia, "logged_out": None}[who]
    client = client_for(viewer)
    for page in ("edit", "team"):
        response = client.get(f"{org.url}/{page}")
        assert response.status_code == (302 if viewer is None else 404)
    if viewer is not None:
        assert client.post(f"{org.url}/edit", {"name": "Taken over"}).status_code == 404
        assert client.post(f"{org.url}/team", {"handle": "nia", "role": "admin"}).status_code == 404
    org.refresh_from_db()
    assert org.name == "Suffolk Parents' Network" and org.team.count() == 2


# --- The team --------------------------------------------------------------------------------

def test_an_admin_adds_someone_by_handle_changes_their_title_and_takes_them_off(org, olive, meg, client_for):
    client = client_for(olive)
    response = client.post(f"{org.url}/team", {"handle": "@Meg", "role": "team", "title": "Health visitor"})
    assert response.status_code == 302
    row = OrganisationMember.objects.get(organisation=org, member=meg)
    assert row.role == "team" and row.title == "Health visitor"
    client.post(f"{org.url}/team", {"handle": "meg", "role": "admin", "title": "Co-founder"})
    row.refresh_from_db()
    assert row.role == "admin" and row.title == "Co-founder"
    assert "Co-founder" in text_of(client.get(f"{org.url}/team"))
    client.post(f"{org.url}/team", {"remove": str(meg.id)})
    assert not OrganisationMember.objects.filter(organisation=org, member=meg).exists()


@pytest.mark.parametrize("fields, message", [
    ({"handle": "nobody-at-all", "role": "team"}, "We couldn't find a member with that handle."),
    ({"handle": "meg", "role": "boss"}, "Please choose one of the options."),
    ({"handle": "", "role": "team"}, "Please fill this in."),
    ({"handle": "olive", "role": "team"}, "An organisation needs at least one admin."),
])
def test_team_mistakes_are_form_errors_and_change_nothing(org, olive, meg, client_for, fields, message):
    response = client_for(olive).post(f"{org.url}/team", fields)
    assert response.status_code == 400 and message in text_of(response)
    assert list(org.team.values_list("member__handle", "role")) == [("olive", "admin")]


def test_the_last_admin_cannot_leave_the_team(org, olive, client_for):
    response = client_for(olive).post(f"{org.url}/team", {"remove": str(olive.id)})
    assert response.status_code == 400 and "An organisation needs at least one admin." in text_of(response)
    assert org.team.filter(member=olive).exists()


def test_removing_someone_not_on_the_team_is_a_404(org, olive, nia, client_for):
    client = client_for(olive)
    assert client.post(f"{org.url}/team", {"remove": str(nia.id)}).status_code == 404
    assert client.post(f"{org.url}/team", {"remove": "abc"}).status_code == 404


def test_an_admin_who_steps_down_goes_back_to_the_public_page(org, olive, meg, client_for):
    actions.do_set_team_member(olive, org.id, "meg", role="admin")
    response = client_for(olive).post(f"{org.url}/team", {"handle": "olive", "role": "team", "title": ""})
    assert response.status_code == 302 and response["Location"] == org.url


# --- Verification ----------------------------------------------------------------------------

def test_staff_verify_and_unverify_from_the_page(org, staff, client_for):
    client = client_for(staff)
    assert "Verify this organisation" in text_of(client.get(org.url))
    assert client.post(f"{org.url}/verify", {"verified": "1"}).status_code == 302
    org.refresh_from_db()
    assert org.is_verified and org.verified_by == staff
    assert "✔</span> Verified" in text_of(client_for(None).get(org.url))
    client.post(f"{org.url}/verify", {"verified": "0"})
    org.refresh_from_db()
    assert not org.is_verified


@pytest.mark.parametrize("who", ["admin", "stranger"])
def test_verifying_is_a_404_to_anyone_but_staff(org, olive, nia, client_for, who):
    client = client_for({"admin": olive, "stranger": nia}[who])
    assert "Verify this organisation" not in text_of(client.get(org.url))
    assert client.post(f"{org.url}/verify", {"verified": "1"}).status_code == 404
    org.refresh_from_db()
    assert not org.is_verified


def test_verifying_needs_login_and_a_post(org, staff, client_for):
    assert client_for(None).post(f"{org.url}/verify").status_code == 302
    assert client_for(staff).get(f"{org.url}/verify").status_code == 405
