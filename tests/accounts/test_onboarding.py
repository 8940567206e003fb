"""Onboarding: three short, skippable steps after sign-up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kettle.accounts import actions
from kettle.accounts.models import Member
from tests.factories import suffolk_place


@pytest.fixture
def newcomer(db):
    """Just confirmed, not onboarded yet."""
    member = actions.do_create_member(email="nia@example.test", handle="nia", password=None, display_name="Nia")
    return Member.objects.with_profile().get(id=member.id)


@pytest.fixture
def kesgrave(db):
    return suffolk_place("Kesgrave")


def fresh(member):
    return Member.objects.with_profile().get(id=member.id)


def test_a_new_member_is_sent_to_the_first_step_from_home(newcomer, client_for):
    response = client_for(newcomer).get("/")
    assert response.status_code == 302 and response["Location"] == "/welcome/1/"


def test_a_new_member_onboards_with_a_child_due_in_five_months_in_kesgrave(newcomer, kesgrave, client_for):
    client = client_for(newcomer)
    due = timezone.localdate() + timedelta(days=152)
    response = client.post("/welcome/1/", {"display_name": "Nia B", "role": "parent_to_be", "pronouns": "she/her",
                                          "bio": "First baby!"})
    assert response["Location"] == "/welcome/2/"
    response = client.post("/welcome/2/", {"kind": "expecting", "due_date": due.isoformat()})
    assert response["Location"] == "/welcome/3/"
    response = client.post("/welcome/3/", {"place_id": kesgrave.id, "interests": "slings, running"})
    assert response["Location"] == "/groups/?welcome=1"
    welcome = client.get(response["Location"]).content.decode()
    assert "Welcome, Nia B" in welcome and "Groups for you" in welcome and "Go to your home" in welcome
    assert client.get("/").status_code == 200
    page = client.get("/@nia").content.decode()
    assert "expecting" in page.lower() and f"due {due:%B %Y}" in page
    assert "Kesgrave" in page
    assert "Parent-to-be" in page and "she/her" in page
    member = fresh(newcomer)
    assert member.onboarded_at is not None
    assert member.profile.place_id == kesgrave.id
    assert member.profile.h3_cell == kesgrave.h3_cell
    assert sorted(i.name for i in member.profile.interests.all()) == ["running", "slings"]


def test_step_two_can_add_several_children(newcomer, client_for):
    client = client_for(newcomer)
    due = timezone.localdate() + timedelta(days=100)
    response = client.post("/welcome/2/", {"kind": "expecting", "due_date": due.isoformat(), "then": "another"})
    assert response["Location"] == "/welcome/2/"
    assert f"due {due:%B %Y}" in client.get("/welcome/2/").content.decode()
    client.post("/welcome/2/", {"kind": "born", "birth_month": 1, "birth_year": timezone.localdate().year - 2})
    assert newcomer.children.count() == 2


def test_a_blank_name_keeps_the_member_on_step_one(newcomer, client_for):
    response = client_for(newcomer).post("/welcome/1/", {"display_name": "   ", "role": "dad"})
    assert response.status_code == 200
    assert 'id="id_display_name_errors"' in response.content.decode()
    member = fresh(newcomer)
    assert (member.profile.display_name, member.profile.role, member.onboarding_progress) == ("Nia", "", 0)


def test_a_bad_due_date_keeps_the_member_on_step_two_and_saves_nothing(newcomer, client_for):
    due = timezone.localdate() + timedelta(days=3 * 365)
    response = client_for(newcomer).post("/welcome/2/", {"kind": "expecting", "due_date": due.isoformat()})
    assert response.status_code == 200
    assert "at most about 10 months ahead" in response.content.decode()
    assert not newcomer.children.exists()
    assert fresh(newcomer).onboarding_progress == 0


def test_an_unknown_place_keeps_the_member_on_step_three(newcomer, client_for):
    response = client_for(newcomer).post("/welcome/3/", {"place_id": 123})
    assert response.status_code == 200
    assert "We couldn&#39;t find that place" in response.content.decode()
    assert fresh(newcomer).onboarded_at is None


@pytest.mark.parametrize("step, goes_to", [(1, "/welcome/2/"), (2, "/welcome/3/"), (3, "/groups/?welcome=1")])
def test_each_step_can_be_skipped(newcomer, client_for, step, goes_to):
    response = client_for(newcomer).post(f"/welcome/{step}/skip/")
    assert response.status_code == 302 and response["Location"] == goes_to
    assert fresh(newcomer).onboarding_progress == step


def test_skipping_every_step_finishes_onboarding(newcomer, client_for):
    client = client_for(newcomer)
    for step in (1, 2, 3):
        client.post(f"/welcome/{step}/skip/")
    assert fresh(newcomer).onboarded_at is not None
    assert client.get("/").status_code == 200


def test_skip_the_rest_ends_onboarding_and_home_stops_redirecting(newcomer, client_for):
    client = client_for(newcomer)
    response = client.post("/welcome/1/skip/", {"all": "1"})
    assert response["Location"] == "/"
    assert fresh(newcomer).onboarded_at is not None
    home = client.get("/")
    assert home.status_code == 200 and "Your family" in home.content.decode()


def test_a_half_onboarded_member_resumes_where_they_left_off(newcomer, client_for):
    client = client_for(newcomer)
    client.post("/welcome/1/skip/")
    assert client.get("/")["Location"] == "/welcome/2/"


def test_skipping_needs_a_post(newcomer, client_for):
    assert client_for(newcomer).get("/welcome/1/skip/").status_code == 405
    assert fresh(newcomer).onboarding_progress == 0


def test_there_is_no_fourth_step(newcomer, client_for):
    assert client_for(newcomer).get("/welcome/4/").status_code == 404
    assert client_for(newcomer).post("/welcome/4/skip/").status_code == 404


def test_onboarding_needs_a_login(db, client_for):
    response = client_for(None).get("/welcome/1/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_finding_places_without_javascript_lists_them_and_saves_nothing(newcomer, kesgrave, client_for):
    response = client_for(newcomer).post("/welcome/3/", {"place_q": "kesg", "find_places": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'name="place_id" value="{kesgrave.id}"' in page
    member = fresh(newcomer)
    assert member.onboarded_at is None and member.profile.place_id is None
