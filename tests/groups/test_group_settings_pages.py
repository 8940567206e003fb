"""A group's settings (privacy for the owner only; a due-month club's fixed fields), its invite
links (made for some days and uses, shown in full to copy, turned off), and closing it for
good (the owner alone, after a confirmation page)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kettle.groups import actions
from kettle.groups.models import Group, Invite
from tests.factories import make_group, make_member, suffolk_place
from tests.helpers import committed, text_of


def settings_of(group) -> dict:
    """What the settings form posts when nothing is changed."""
    return {"name": group.name, "privacy": group.privacy, "description": group.description, "rules": group.rules,
            "post_approval": group.post_approval, "questions": "\n".join(group.questions),
            "topics": ", ".join(group.topics.values_list("name", flat=True)),
            **({"allow_anonymous": "on"} if group.allow_anonymous else {})}


# --- Settings ------------------------------------------------------------------------------


def test_the_settings_form_starts_from_the_group_as_it_is(group_of, olive, client_for):
    group = group_of("private", rules="Kindness first.", questions=["Which class?"], topics=["sleep", "twins"])
    page = text_of(client_for(olive).get(f"{group.url}/settings"))
    assert f'value="{group.name}"' in page and "Kindness first." in page and "Which class?" in page
    assert 'value="sleep, twins"' in page or 'value="twins, sleep"' in page
    assert re.search(r'<input type="radio" name="privacy" value="private"[^>]*checked', page)
    assert "Close the group for good" in page


def test_a_moderator_changes_the_rules_but_never_sees_the_privacy_choice(group_of, mo, client_for):
    group = group_of("private")
    page = text_of(client_for(mo).get(f"{group.url}/settings"))
    assert "Only the owner can change who can see the group." in page and 'type="radio" name="privacy"' not in page
    assert "Close the group for good" not in page

    done = client_for(mo).post(f"{group.url}/settings", {**settings_of(group), "rules": "Be gentle."}, follow=True)
    assert "Saved." in text_of(done)
    assert Group.objects.get(id=group.id).rules == "Be gentle."


def test_the_owner_changes_privacy_and_the_topics(group_of, olive, client_for):
    group = group_of("private")
    client_for(olive).post(f"{group.url}/settings", {**settings_of(group), "privacy": "public",
                                                      "topics": "walks, coffee, walks"})
    saved = Group.objects.get(id=group.id)
    assert saved.privacy == "public"
    assert sorted(saved.topics.values_list("name", flat=True)) == ["coffee", "walks"]


def test_an_admin_of_the_organisation_that_runs_it_may_change_its_privacy(olive, client_for):
    org = actions.do_create_organisation(olive, name="Little Steps Suffolk")
    admin = make_member("ada")
    actions.do_set_team_member(olive, org.id, "ada", role="admin")
    group = make_group(olive, "Baby Massage Class", privacy="private", organisation_id=org.id)

    page = text_of(client_for(admin).get(f"{group.url}/settings"))
    assert 'name="privacy"' in page and "Only the owner can change" not in page
    assert "Close the group for good" not in page  # closing stays the owner's
    client_for(admin).post(f"{group.url}/settings", {**settings_of(group), "privacy": "public"})
    assert Group.objects.get(id=group.id).privacy == "public"


@pytest.mark.parametrize("change, problem", [
    ({"name": ""}, "Please fill this in."),
    ({"name": "x" * 81}, "Please keep this to 80 characters"),
    ({"privacy": "everyone"}, "Please choose one of the options."),
    ({"post_approval": "sometimes"}, "Please choose one of the options."),
    ({"questions": "One?\nTwo?\nThree?\nFour?"}, "Ask at most 3 questions."),
    ({"rules": "x" * 4001}, "Please keep this to 4000 characters"),
    ({"radius_km": "12"}, "Please choose one of the options."),
])
def test_bad_settings_are_shown_again_and_nothing_changes(change, problem, group_of, olive, client_for):
    group = group_of("private", rules="Kindness first.")
    response = client_for(olive).post(f"{group.url}/settings", {**settings_of(group), "rules": "Changed", **change})
    assert response.status_code == 400 and problem in text_of(response)
    assert Group.objects.get(id=group.id).rules == "Kindness first."


def test_a_local_group_moves_to_a_town_picked_from_the_list(olive, client_for):
    group = make_group(olive, "Ipswich Parents", privacy="public", kind="local")
    woodbridge = suffolk_place("Woodbridge")
    client = client_for(olive)

    typed = client.post(f"{group.url}/settings", {**settings_of(group), "place_q": "Woodbridge", "radius_km": "15"})
    assert typed.status_code == 400 and "Pick your town or village from the list" in text_of(typed)

    found = client.post(f"{group.url}/settings", {**settings_of(group), "place_q": "Woodbr", "find_places": "1"})
    assert found.status_code == 200 and "Woodbridge" in text_of(found)

    client.post(f"{group.url}/settings", {**settings_of(group), "place_q": "Woodbridge", "place_id": woodbridge.id,
                                          "radius_km": "30"})
    moved = Group.objects.get(id=group.id)
    assert (moved.place_id, moved.radius_km) == (woodbridge.id, 30)


def test_a_due_month_clubs_settings_save_without_its_name_place_or_privacy(client_for):
    from kettle.groups.clubs import clubs_for

    parent = make_member("rowan", place="Ipswich", children=[{"due_date": date(2027, 5, 1)}])
    club = clubs_for(parent)[0]
    staff = make_member("stella", staff=True)

    page = text_of(client_for(staff).get(f"{club.url}/settings"))
    assert "set by Kettle" in page and 'name="name"' not in page and 'name="radius_km"' not in page

    done = client_for(staff).post(f"{club.url}/settings", {"rules": "Be kind to tired parents.",
                                                            "post_approval": "none", "name": "Renamed",
                                                            "privacy": "public"})
    assert done.status_code == 302
    saved = Group.objects.get(id=club.id)
    assert saved.rules == "Be kind to tired parents."
    assert (saved.name, saved.privacy) == (club.name, club.privacy)


# --- Invite links --------------------------------------------------------------------------


def test_a_moderator_makes_a_link_and_sees_it_in_full_to_copy(group_of, mo, client_for):
    group = group_of("secret")
    done = client_for(mo).post(f"{group.url}/invites", {"days": "14", "max_uses": "3"}, follow=True)

    invite = Invite.objects.get(group=group)
    page = text_of(done)
    assert "Here's your link." in page
    assert f'value="http://testserver/invite/{invite.code}"' in page
    assert "0 uses of 3" in page and "made by Moira" in page
    assert invite.max_uses == 3 and 13 <= (invite.expires_at - invite.created_at).days <= 14


@pytest.mark.parametrize("data, problem", [
    ({"days": "365"}, "Please choose one of the options."),
    ({"days": ""}, "Please fill this in."),
    ({"days": "7", "max_uses": "0"}, "That's too small"),
    ({"days": "7", "max_uses": "5000"}, "That's too big"),
    ({"days": "7", "max_uses": "lots"}, "Please enter a whole number"),
])
def test_a_bad_link_request_is_shown_again_and_makes_nothing(data, problem, group_of, olive, client_for):
    group = group_of("private")
    response = client_for(olive).post(f"{group.url}/invites", data)
    assert response.status_code == 400 and problem in text_of(response)
    assert not Invite.objects.filter(group=group).exists()


def test_turning_off_a_link_stops_it_working(group_of, olive, nia, client_for):
    group = group_of("secret")
    invite = actions.do_create_invite(olive, group.id, days=7)

    done = client_for(olive).post(f"/groups/{group.slug}/invites/{invite.id}/revoke", follow=True)
    page = text_of(done)
    assert "That link no longer works." in page and "turned off" in page and "Turn off this link" not in page
    assert client_for(nia).get(invite.url).status_code == 404


def test_a_link_of_another_group_cannot_be_turned_off_from_here(group_of, olive, client_for):
    mine, other = group_of("private"), make_group(make_member("otto"), "Other Group", privacy="private")
    theirs = actions.do_create_invite(other.memberships.get().member, other.id, days=7)

    response = client_for(olive).post(f"/groups/{mine.slug}/invites/{theirs.id}/revoke", follow=True)
    assert response.status_code == 200
    assert Invite.objects.get(id=theirs.id).revoked_at is None


# --- Closing a group -----------------------------------------------------------------------


def test_the_owner_closes_the_group_after_a_confirmation_page(group_of, olive, meg, client_for):
    group = group_of("public")
    page = text_of(client_for(olive).get(f"{group.url}/delete"))
    assert f"Close {group.name} for good?" in page and "can't be undone" in page
    assert "make someone else the owner" in page
    assert Group.objects.filter(id=group.id).exists()  # looking changes nothing

    done = client_for(olive).post(f"{group.url}/delete", follow=True)
    assert f"{group.name} is closed" in text_of(done)
    assert not Group.objects.filter(id=group.id).exists()
    assert client_for(meg).get(group.url).status_code == 404


@pytest.mark.parametrize("who", ["moderator", "org_admin", "member"])
def test_nobody_but_the_owner_may_close_it(who, olive, mo, meg, client_for):
    org = actions.do_create_organisation(olive, name="Little Steps Suffolk")
    admin = make_member("ada")
    actions.do_set_team_member(olive, org.id, "ada", role="admin")
    group = make_group(olive, "Baby Massage Class", privacy="public", organisation_id=org.id, members=(meg,),
                       moderators=(mo,))
    viewer = {"moderator": mo, "org_admin": admin, "member": meg}[who]

    assert client_for(viewer).get(f"{group.url}/delete").status_code == 404
    assert client_for(viewer).post(f"{group.url}/delete").status_code == 404
    assert Group.objects.filter(id=group.id).exists()


def test_closing_a_group_clears_its_invitations_from_the_directory(group_of, olive, nia, client_for):
    group = group_of("private")
    committed(actions.do_invite_member, olive, group.id, "nia")
    client_for(olive).post(f"{group.url}/delete")
    assert group.name not in text_of(client_for(nia).get("/groups/"))
