"""Starting a group: the form explains each choice in plain words, local groups pick their town
(with or without JavaScript) and reach, organisations' admins may run it for their organisation,
and anything wrong is shown with the form (400) while nothing is made."""

from __future__ import annotations

import re

from kettle.groups import actions
from kettle.groups.models import Group, Membership
from tests.factories import suffolk_place
from tests.helpers import text_of

GOOD = {"kind": "interest", "name": "Dads Who Walk", "privacy": "public", "post_approval": "none"}


def words_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text_of(response)).split())


def test_logged_out_readers_are_sent_to_log_in(client_for):
    for response in (client_for(None).get("/groups/new"), client_for(None).post("/groups/new", GOOD)):
        assert response.status_code == 302 and "/login" in response.url
    assert not Group.objects.exists()


def test_the_form_explains_each_privacy_and_offers_the_reach_of_a_local_group(nia, client_for):
    page = words_of(client_for(nia).get("/groups/new"))
    assert "Public: anyone can read the posts; only members post" in page
    assert "Private: anyone can find it; only members see posts and members; join by request" in page
    assert "Secret: only members can find it; join by invitation" in page
    assert "Local: parents around a town or village" in page and "Interest:" in page
    for reach in ("5 km", "15 km", "30 km"):
        assert reach in page
    assert "Find places" in page and "Run by an organisation?" not in page


def test_an_interest_group_gets_everything_it_was_given(nia, client_for):
    response = client_for(nia).post("/groups/new", {
        **GOOD, "privacy": "private", "description": "Buggy walks and a coffee after.", "rules": "Be kind.",
        "topics": "walks, dads, walks", "post_approval": "first", "allow_anonymous": "on",
        "questions": "Where do you live?\n\nHow old are your children?"})

    group = Group.objects.get(name="Dads Who Walk")
    assert response.status_code == 302 and response.url == group.url
    assert (group.kind, group.privacy, group.post_approval, group.allow_anonymous) == (
        "interest", "private", "first", True)
    assert group.questions == ["Where do you live?", "How old are your children?"]
    assert sorted(group.topics.values_list("name", flat=True)) == ["dads", "walks"]
    assert group.rules == "Be kind." and "Buggy walks" in group.description
    assert Membership.objects.get(group=group, member=nia).role == "owner"
    assert group.organisation is None and group.place is None


def test_a_local_group_found_without_javascript(nia, client_for):
    felixstowe = suffolk_place("Felixstowe")
    client = client_for(nia)

    found = client.post("/groups/new", {**GOOD, "kind": "local", "place_q": "Felix", "find_places": "1"})
    assert found.status_code == 200
    assert f'value="{felixstowe.id}"' in text_of(found) and "Dads Who Walk" in text_of(found)
    assert not Group.objects.exists()

    made = client.post("/groups/new", {**GOOD, "kind": "local", "place_q": "Felixstowe", "place_id": felixstowe.id,
                                       "radius_km": "5"})
    group = Group.objects.get()
    assert made.status_code == 302 and (group.kind, group.place, group.radius_km) == ("local", felixstowe, 5)


def test_a_town_typed_but_never_picked_is_an_error(nia, client_for):
    response = client_for(nia).post("/groups/new", {**GOOD, "kind": "local", "place_q": "Felixstowe",
                                                    "radius_km": "5"})
    assert response.status_code == 400 and "Pick your town or village from the list" in text_of(response)
    assert not Group.objects.exists()


def test_a_local_group_needs_its_reach(nia, client_for):
    place = suffolk_place("Felixstowe")
    response = client_for(nia).post("/groups/new", {**GOOD, "kind": "local", "place_q": "Felixstowe",
                                                    "place_id": place.id})
    assert response.status_code == 400 and "Choose how far the group reaches." in text_of(response)
    assert not Group.objects.exists()


def test_bad_input_is_shown_with_the_form_and_nothing_is_made(nia, client_for):
    client = client_for(nia)
    cases = [
        ({**GOOD, "name": "   "}, "Please fill this in."),
        ({**GOOD, "kind": "due_month"}, "Please choose one of the options."),
        ({**GOOD, "privacy": "everyone"}, "Please choose one of the options."),
        ({**GOOD, "radius_km": "12"}, "Please choose one of the options."),
        ({**GOOD, "questions": "One?\nTwo?\nThree?\nFour?"}, "Ask at most 3 questions."),
        ({**GOOD, "name": "x" * 81}, "Please keep this to 80 characters"),
        ({**GOOD, "place_id": "not a number"}, "Please enter a whole number"),
    ]
    for data, error in cases:
        response = client.post("/groups/new", data)
        assert response.status_code == 400, data
        assert error in text_of(response), (data, error)
    assert not Group.objects.exists()


def test_an_empty_post_is_a_form_error_not_a_crash(nia, client_for):
    response = client_for(nia).post("/groups/new", {})
    assert response.status_code == 400 and "Please fill this in." in text_of(response)
    assert not Group.objects.exists()


def test_organisation_admins_may_start_a_group_for_it(nia, client_for):
    org = actions.do_create_organisation(nia, name="Little Steps Suffolk")
    client = client_for(nia)
    assert "Run by an organisation?" in text_of(client.get("/groups/new"))

    client.post("/groups/new", {**GOOD, "organisation_id": org.id})

    assert Group.objects.get(name="Dads Who Walk").organisation == org


def test_only_your_own_organisations_are_offered_or_accepted(nia, meg, client_for):
    theirs = actions.do_create_organisation(meg, name="Bumps and Babies Ipswich")
    mine = actions.do_create_organisation(nia, name="Little Steps Suffolk")
    client = client_for(nia)

    page = text_of(client.get("/groups/new"))
    assert "Little Steps Suffolk" in page and "Bumps and Babies Ipswich" not in page

    refused = client.post("/groups/new", {**GOOD, "organisation_id": theirs.id})
    assert refused.status_code == 400 and "Please choose one of the options." in text_of(refused)
    assert not Group.objects.exists() and mine.groups.count() == 0


def test_starting_too_many_groups_is_a_message_on_the_form(nia, client_for, settings):
    settings.GROUP_CREATE_RATE = "1/86400"
    client = client_for(nia)
    client.post("/groups/new", GOOD)

    again = client.post("/groups/new", {**GOOD, "name": "Mums Who Walk"})

    assert again.status_code == 400 and "You've started several groups in a short time." in text_of(again)
    assert list(Group.objects.values_list("name", flat=True)) == ["Dads Who Walk"]
