"""Children: added, changed and removed through settings and the API; validated; a loss
recorded privately."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from kettle.accounts import actions
from kettle.accounts.models import Child, ChildrenVisibility
from tests.factories import make_member, months_ago

ME = "/api/v1/me"


def today():
    return timezone.localdate()


def patch(client, body):
    return client.patch(ME, data=json.dumps(body, default=str), content_type="application/json")


def snapshot(member):
    return list(Child.objects.filter(parent=member).order_by("id").values())


# --- Settings page ----------------------------------------------------------------------

def test_a_member_adds_an_expected_child_by_due_date_on_the_settings_page(member, client_for):
    due = today() + timedelta(days=120)
    response = client_for(member).post("/settings/children/", {"kind": "expecting", "due_date": due.isoformat()})
    assert response.status_code == 302
    child = member.children.get()
    assert (child.due_date, child.birth_year) == (due, None)
    page = client_for(member).get("/settings/children/").content.decode()
    assert f"due {due:%B %Y}" in page


def test_a_member_adds_a_born_child_by_birth_month_on_the_settings_page(member, client_for):
    born = months_ago(today(), 4)
    response = client_for(member).post("/settings/children/", {
        "kind": "born", "birth_month": born["birth_month"], "birth_year": born["birth_year"], "weeks_early": 0})
    assert response.status_code == 302
    child = member.children.get()
    assert (child.birth_year, child.birth_month, child.due_date) == (born["birth_year"], born["birth_month"], None)
    assert "4 months" in client_for(member).get("/settings/children/").content.decode()


@pytest.mark.parametrize("data, field", [
    ({"kind": "expecting", "due_date": "far"}, "due_date"),
    ({"kind": "expecting", "due_date": ""}, "due_date"),
    ({"kind": "born", "birth_month": "", "birth_year": "2025"}, "birth_month"),
    ({"kind": "born", "birth_month": "13", "birth_year": "2025"}, "birth_month"),
    ({"kind": "born", "birth_month": "3", "birth_year": "2025", "weeks_early": "21"}, "weeks_early"),
    ({"kind": "born", "birth_month": "3", "birth_year": "2025", "weeks_early": "-1"}, "weeks_early"),
])
def test_the_settings_page_shows_field_errors_and_saves_nothing(member, client_for, data, field):
    response = client_for(member).post("/settings/children/", data)
    assert response.status_code == 200
    assert f'id="id_{field}_errors"' in response.content.decode()
    assert not member.children.exists()


def test_a_due_date_more_than_ten_months_ahead_is_refused_on_the_settings_page(member, client_for):
    due = today() + timedelta(days=330)
    response = client_for(member).post("/settings/children/", {"kind": "expecting", "due_date": due.isoformat()})
    assert "at most about 10 months ahead" in response.content.decode()
    assert not member.children.exists()


def test_a_birth_month_in_the_future_is_refused_on_the_settings_page(member, client_for):
    future = months_ago(today(), -1)
    response = client_for(member).post("/settings/children/", {"kind": "born", **future})
    assert "hasn&#39;t happened yet" in response.content.decode()
    assert not member.children.exists()


def test_a_member_cannot_edit_or_remove_another_members_child_through_the_pages(member, client_for):
    other = make_member("bea", children=[months_ago(today(), 5)])
    child = other.children.get()
    client = client_for(member)
    assert client.get(f"/settings/children/{child.id}/").status_code == 404
    assert client.post(f"/settings/children/{child.id}/", {"kind": "expecting", "due_date": ""}).status_code == 404
    for action in ("remove", "loss"):
        assert client.post(f"/settings/children/{child.id}/{action}/").status_code == 404
    assert Child.objects.get(id=child.id).loss_recorded_at is None


def test_editing_a_child_on_the_settings_page_turns_a_due_date_into_a_birth_month(client_for):
    parent = make_member("cat", children=[{"due_date": today() + timedelta(days=10)}])
    child = parent.children.get()
    born = months_ago(today(), 0)
    response = client_for(parent).post(f"/settings/children/{child.id}/", {"kind": "born", **born})
    assert response.status_code == 302
    child.refresh_from_db()
    assert (child.due_date, child.birth_month) == (None, born["birth_month"])


# --- API ---------------------------------------------------------------------------------

def test_the_api_adds_updates_and_removes_children(member, api_for):
    client = api_for(member)
    due = today() + timedelta(days=60)
    body = patch(client, {"children": [{"due_date": due}, months_ago(today(), 8)]}).json()
    assert [c["stage"] for c in body["children"]] == ["expecting", "baby"]
    expected_id, baby_id = (c["id"] for c in body["children"])
    born = months_ago(today(), 0)
    body = patch(client, {"children": [{"id": expected_id, **born}, {"id": baby_id, "remove": True}]}).json()
    assert [(c["id"], c["birth_month"], c["due_date"]) for c in body["children"]] == [
        (expected_id, born["birth_month"], None)]
    assert list(member.children.values_list("id", flat=True)) == [expected_id]


@pytest.mark.parametrize("child, field", [
    ({"due_date": "+320"}, "children.0.due_date"),
    ({"due_date": "-60"}, "children.0.due_date"),
    ({"birth_year": "next", "birth_month": "next"}, "children.0.birth_month"),
    ({"birth_year": "ago", "birth_month": "ago", "weeks_early": 21}, "children.0.weeks_early"),
    ({"birth_year": "ago", "birth_month": "ago", "weeks_early": -2}, "children.0.weeks_early"),
    ({"due_date": "+30", "birth_year": "ago", "birth_month": "ago"}, "children.0.due_date"),
    ({"due_date": "+30", "weeks_early": 3}, "children.0.weeks_early"),
    ({"birth_year": "ago"}, "children.0.birth_month"),
    ({}, "children.0.due_date"),
])
def test_the_api_refuses_a_bad_child_with_field_errors_and_saves_nothing(member, api_for, child, field):
    start = months_ago(today(), 3)
    actions.do_add_child(member, **start)
    before = snapshot(member)
    values = {"next": months_ago(today(), -1), "ago": months_ago(today(), 6)}
    body = {}
    for key, value in child.items():
        if isinstance(value, str) and value[0] in "+-":
            body[key] = (today() + timedelta(days=int(value))).isoformat()
        elif isinstance(value, str):
            body[key] = values[value][key]
        else:
            body[key] = value
    good = {"id": before[0]["id"], **months_ago(today(), 2)}
    response = patch(api_for(member), {"display_name": "Changed", "children": [body, good]})
    assert 400 <= response.status_code < 500
    error = response.json()
    assert error["error"] == "invalid"
    assert field in error["fields"]
    assert snapshot(member) == before
    member.profile.refresh_from_db()
    assert member.profile.display_name == "Amara"


def test_the_api_refuses_another_members_child_id_and_leaves_it_untouched(member, api_for):
    other = make_member("bea", children=[months_ago(today(), 5)])
    theirs = snapshot(other)
    child_id = theirs[0]["id"]
    for op in ({"id": child_id, "remove": True}, {"id": child_id, **months_ago(today(), 1)}):
        response = patch(api_for(member), {"children": [op]})
        assert response.status_code == 400
        assert "children.0.id" in response.json()["fields"]
    assert snapshot(other) == theirs
    assert not member.children.exists()


def test_removing_without_an_id_is_an_error_not_a_crash(member, api_for):
    actions.do_add_child(member, **months_ago(today(), 5))
    before = snapshot(member)
    response = patch(api_for(member), {"children": [{"remove": True}]})
    assert response.status_code == 400
    assert "children.0.id" in response.json()["fields"]
    assert snapshot(member) == before


def test_naming_the_same_child_twice_in_one_change_is_an_error_not_a_crash(member, api_for):
    child = actions.do_add_child(member, **months_ago(today(), 5))
    before = snapshot(member)
    response = patch(api_for(member), {"children": [{"id": child.id, "remove": True},
                                                    {"id": child.id, "remove": True}]})
    assert response.status_code == 400
    assert "children.1.id" in response.json()["fields"]
    assert snapshot(member) == before


# --- Loss ----------------------------------------------------------------------------------

@pytest.fixture
def bereaved(db):
    return make_member("dina", place="Kesgrave", is_public=True,
                       children_visibility=ChildrenVisibility.EVERYONE,
                       children=[{"due_date": timezone.localdate() + timedelta(days=90)}])


def test_a_recorded_loss_is_hidden_from_everyone_else_on_page_and_api(bereaved, member, client_for, api_for):
    child = bereaved.children.get()
    words = f"due {child.due_date:%B %Y}"
    assert words in client_for(member).get("/@dina").content.decode()
    assert client_for(bereaved).post(f"/settings/children/{child.id}/loss/").status_code == 302
    for viewer in (member, None):
        page = client_for(viewer).get("/@dina").content.decode()
        assert words not in page and "Remembered" not in page and "Family" not in page
    assert api_for(member).get("/api/v1/people/dina").json()["children"] == []
    assert client_for(None).get("/api/v1/people/dina").json()["children"] == []


def test_the_parent_sees_a_recorded_loss_as_remembered(bereaved, client_for, api_for):
    child = actions.do_record_loss(bereaved, bereaved.children.get().id)
    page = client_for(bereaved).get("/@dina").content.decode()
    assert "Remembered" in page and f"due {child.due_date:%B %Y}" not in page
    assert "Remembered" in client_for(bereaved).get("/settings/children/").content.decode()
    [seen] = api_for(bereaved).get(ME).json()["children"]
    assert (seen["id"], seen["loss_recorded"], seen["stage"], seen["stage_words"]) == (child.id, True, None, None)


def test_recording_a_loss_leads_to_gentle_support(bereaved, client_for):
    response = client_for(bereaved).post(f"/settings/children/{bereaved.children.get().id}/loss/", follow=True)
    assert response.redirect_chain[-1][0] == "/settings/children/support/"
    assert "Thinking of you" in client_for(bereaved).get("/").content.decode()


def test_milestone_prompts_on_home_stop_once_a_loss_is_recorded(member, client_for):
    child = actions.do_add_child(member, **months_ago(today(), 6))
    client = client_for(member)
    assert "6 months old this month" in client.get("/").content.decode()
    client.post(f"/settings/children/{child.id}/loss/")
    assert "old this month" not in client.get("/").content.decode()
    client.post(f"/settings/children/{child.id}/undo-loss/")
    assert "6 months old this month" in client.get("/").content.decode()


def test_another_member_cannot_record_a_loss_for_someone_elses_child(bereaved, member):
    with pytest.raises(Http404):
        actions.do_record_loss(member, bereaved.children.get().id)
    assert bereaved.children.get().loss_recorded_at is None
