"""A group's settings, invite links and closing it: for its moderators only (a 404 to everyone
else), privacy for the owner alone, due-month clubs keeping the name, place and privacy the site
gave them, and bad input shown with the form while nothing changes."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.utils import timezone

from kettle.accounts import actions as account_actions
from kettle.groups import actions
from kettle.groups.models import Group, Invite, Membership
from tests.factories import make_member, suffolk_place
from tests.helpers import committed, text_of


def words_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text_of(response)).split())


def fields_of(group, **changes) -> dict:
    """What the settings form sends back unchanged, plus the changes."""
    data = {"name": group.name, "privacy": group.privacy, "description": group.description, "rules": group.rules,
            "topics": ", ".join(group.topics.values_list("name", flat=True)), "post_approval": group.post_approval,
            "questions": "\n".join(group.questions)}
    if group.place_id:
        data.update(place_id=group.place_id, place_q=group.place.name, radius_km=group.radius_km)
    if group.allow_anonymous:
        data["allow_anonymous"] = "on"
    return {**data, **changes}


# Settings


def test_settings_show_the_group_as_it_is(group_of, mo, client_for):
    group = group_of("private", rules="Be kind.", questions=["Where are you?", "Due when?"], topics=["sleep"])
    page = text_of(client_for(mo).get(f"{group.url}/settings"))
    assert f'value="{group.name}"' in page and "Be kind." in page
    assert "Where are you?\nDue when?" in page and 'value="sleep"' in page


def test_a_moderator_changes_the_words_rules_questions_and_approval(group_of, mo, client_for):
    group = group_of("public")
    response = client_for(mo).post(f"{group.url}/settings", fields_of(
        group, description="Parents around Ipswich.", rules="No selling.", questions="Which area?",
        topics="walks, sleep", post_approval="first", allow_anonymous="on"), follow=True)

    assert "Saved." in text_of(response)
    group.refresh_from_db()
    assert (group.description, group.rules, group.questions) == ("Parents around Ipswich.", "No selling.",
                                                                ["Which area?"])
    assert (group.post_approval, group.allow_anonymous) == ("first", True)
    assert sorted(group.topics.values_list("name", flat=True)) == ["sleep", "walks"]


def test_only_the_owner_is_offered_the_privacy_choice(group_of, olive, mo, client_for):
    group = group_of("private")
    moderators = words_of(client_for(mo).get(f"{group.url}/settings"))
    assert "Only the owner can change who can see the group." in moderators
    assert "Secret: only members can find it" not in moderators
    owners = words_of(client_for(olive).get(f"{group.url}/settings"))
    assert "Secret: only members can find it" in owners and "Close the group for good" in owners
    assert "Close the group for good" not in moderators


def test_a_moderator_sending_a_privacy_change_anyway_changes_nothing(group_of, mo, client_for):
    group = group_of("private")
    response = client_for(mo).post(f"{group.url}/settings", fields_of(group, privacy="public", rules="New rules"))
    assert response.status_code == 400 and "Only the group's owner can change who can see it." in text_of(response)
    group.refresh_from_db()
    assert (group.privacy, group.rules) == ("private", "")


def test_the_owner_makes_a_group_secret(group_of, olive, client_for):
    group = group_of("private")
    client_for(olive).post(f"{group.url}/settings", fields_of(group, privacy="secret"))
    assert Group.objects.get(id=group.id).privacy == "secret"


def test_an_organisation_admin_decides_the_privacy_of_the_organisations_group(olive, nia, client_for):
    org = actions.do_create_organisation(olive, name="Little Steps Suffolk")
    actions.do_set_team_member(olive, org.id, "nia", role="admin")
    group = committed(actions.do_create_group, olive, name="Baby Massage Tuesdays", privacy="private",
                      organisation_id=org.id)

    assert "Secret: only members can find it" in words_of(client_for(nia).get(f"{group.url}/settings"))
    client_for(nia).post(f"{group.url}/settings", fields_of(group, privacy="public"))
    assert Group.objects.get(id=group.id).privacy == "public"


def test_bad_settings_are_shown_with_the_form_and_nothing_changes(group_of, olive, client_for):
    group = group_of("public", rules="Be kind.")
    client = client_for(olive)
    cases = [
        (fields_of(group, name="", rules="Changed"), "Please fill this in."),
        (fields_of(group, questions="One?\nTwo?\nThree?\nFour?", rules="Changed"), "Ask at most 3 questions."),
        (fields_of(group, post_approval="sometimes", rules="Changed"), "Please choose one of the options."),
        (fields_of(group, privacy="everyone", rules="Changed"), "Please choose one of the options."),
    ]
    for data, error in cases:
        response = client.post(f"{group.url}/settings", data)
        assert response.status_code == 400 and error in text_of(response), (data, error)
    assert Group.objects.get(id=group.id).rules == "Be kind."


def test_a_local_group_moves_town_with_the_picker(olive, client_for):
    from tests.factories import make_group

    group = make_group(olive, "Ipswich Walkers", kind="local")
    woodbridge = suffolk_place("Woodbridge")
    client = client_for(olive)

    found = client.post(f"{group.url}/settings", fields_of(group, place_q="Woodb", find_places="1"))
    assert found.status_code == 200 and f'value="{woodbridge.id}"' in text_of(found)
    assert Group.objects.get(id=group.id).place.name == "Ipswich"

    unpicked = client.post(f"{group.url}/settings", fields_of(group, place_q="Woodbridge"))
    assert unpicked.status_code == 400 and "Pick your town or village from the list" in text_of(unpicked)

    client.post(f"{group.url}/settings", fields_of(group, place_q="Woodbridge", place_id=woodbridge.id,
                                                   radius_km="30"))
    group.refresh_from_db()
    assert (group.place, group.radius_km) == (woodbridge, 30)


@pytest.fixture
def club(db):
    parent = make_member("hana")
    committed(account_actions.do_add_child, parent, due_date=date(2027, 3, 14))
    return Group.objects.get(kind=Group.Kind.DUE_MONTH)


def test_a_due_month_club_keeps_its_name_place_and_privacy(club):
    staff = make_member("sam", staff=True)
    from django.test import Client

    client = Client()
    client.force_login(staff, backend="kettle.accounts.auth.MemberBackend")
    page = words_of(client.get(f"{club.url}/settings"))
    assert "A due-month club's name, place and privacy are set by" in page
    assert "Group name" not in page and "Who can see it?" not in page

    response = client.post(f"{club.url}/settings", {"description": "For March 2027 parents.", "rules": club.rules,
                                                    "post_approval": "none", "name": "Renamed",
                                                    "privacy": "public"})
    assert response.status_code == 302
    club.refresh_from_db()
    assert (club.name, club.privacy, club.description) == ("Due March 2027", "private", "For March 2027 parents.")


@pytest.mark.parametrize("page", ["settings", "invites", "delete"])
def test_moderators_pages_are_a_404_to_members_and_outsiders(page, group_of, meg, nia, client_for):
    for privacy in ("public", "private", "secret"):
        group = group_of(privacy)
        for person in (meg, nia):
            assert client_for(person).get(f"{group.url}/{page}").status_code == 404, (privacy, person)
            assert client_for(person).post(f"{group.url}/{page}", {"days": "7"}).status_code == 404
        Group.objects.filter(id=group.id).delete()


def test_settings_for_a_logged_out_reader_go_to_log_in(group_of, client_for):
    group = group_of("public")
    response = client_for(None).get(f"{group.url}/settings")
    assert response.status_code == 302 and "/login" in response.url


def test_settings_cost_the_same_queries_however_many_topics_and_members(group_of, olive, client_for,
                                                                        django_assert_max_num_queries):
    group = group_of("public", topics=["sleep"])
    client = client_for(olive)
    with django_assert_max_num_queries(30) as few:
        client.get(f"{group.url}/settings")
    actions.do_update_group(olive, group.id, topics=[f"topic {i}" for i in range(8)])
    for i in range(10):
        committed(actions.do_join_group, make_member(f"joiner{i}"), group.id)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"{group.url}/settings").status_code == 200


# Invite links


def test_making_an_invite_link_shows_the_whole_link_to_copy(group_of, mo, client_for):
    group = group_of("secret")
    client = client_for(mo)

    response = client.post(f"{group.url}/invites", {"days": "30", "max_uses": "5"}, follow=True)

    invite = Invite.objects.get(group=group)
    page = words_of(response)
    assert "Here's your link." in page
    assert f'value="http://testserver/invite/{invite.code}"' in text_of(response)
    assert "0 uses of 5" in page and "works until" in page and "made by Moira" in page
    assert abs((invite.expires_at - timezone.now()).days - 30) <= 1 and invite.max_uses == 5


def test_a_link_without_a_limit_for_a_day(group_of, olive, client_for):
    group = group_of("private")
    client_for(olive).post(f"{group.url}/invites", {"days": "1", "max_uses": ""})
    invite = Invite.objects.get(group=group)
    assert invite.max_uses is None and (invite.expires_at - timezone.now()).total_seconds() <= 86400


@pytest.mark.parametrize("data, error", [
    ({"days": "60"}, "Please choose one of the options."),
    ({"days": "0"}, "Please choose one of the options."),
    ({"days": "7", "max_uses": "0"}, "That's too small"),
    ({"days": "7", "max_uses": "lots"}, "Please enter a whole number"),
    ({}, "Please fill this in."),
])
def test_a_bad_invite_link_request_is_shown_with_the_form(data, error, group_of, olive, client_for):
    group = group_of("private")
    response = client_for(olive).post(f"{group.url}/invites", data)
    assert response.status_code == 400 and error in text_of(response)
    assert not Invite.objects.filter(group=group).exists()


def test_turning_a_link_off(group_of, olive, mo, nia, client_for):
    group = group_of("private")
    invite = actions.do_create_invite(olive, group.id, days=7)

    response = client_for(mo).post(f"/groups/{group.slug}/invites/{invite.id}/revoke", follow=True)

    assert "That link no longer works." in text_of(response)
    assert "turned off" in words_of(response)
    assert Invite.objects.get(id=invite.id).revoked_at is not None
    assert client_for(nia).get(invite.url).status_code == 404
    assert not Membership.objects.filter(group=group, member=nia).exists()


def test_used_up_links_say_so(group_of, olive, nia, client_for):
    group = group_of("private")
    invite = actions.do_create_invite(olive, group.id, days=7, max_uses=1)
    committed(actions.do_join_by_invite, nia, invite.code)
    page = words_of(client_for(olive).get(f"{group.url}/invites"))
    assert "1 use of 1" in page and "no longer works" in page


def test_members_cannot_turn_links_off_and_other_groups_links_are_untouched(group_of, olive, meg, client_for):
    group = group_of("private")
    other = committed(actions.do_create_group, olive, name="Another Group", privacy="public")
    mine = actions.do_create_invite(olive, group.id, days=7)
    theirs = actions.do_create_invite(olive, other.id, days=7)

    assert client_for(meg).post(f"/groups/{group.slug}/invites/{mine.id}/revoke").status_code == 404
    wrong_group = client_for(olive).post(f"/groups/{group.slug}/invites/{theirs.id}/revoke", follow=True)
    assert "No such invite link." in text_of(wrong_group)
    assert Invite.objects.filter(revoked_at__isnull=False).count() == 0


def test_the_invite_list_costs_the_same_queries_with_2_or_12_links(group_of, olive, mo, client_for,
                                                                   django_assert_max_num_queries):
    group = group_of("private")
    client = client_for(olive)
    for maker in (olive, mo):
        actions.do_create_invite(maker, group.id, days=7)
    with django_assert_max_num_queries(30) as few:
        client.get(f"{group.url}/invites")
    for i in range(10):
        actions.do_create_invite(mo if i % 2 else olive, group.id, days=7, max_uses=i + 1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert text_of(client.get(f"{group.url}/invites")).count("/invite/") == 12


# Closing a group


def test_the_owner_confirms_then_closes_the_group(group_of, olive, meg, client_for):
    group = group_of("public")
    client = client_for(olive)

    confirm = words_of(client.get(f"{group.url}/delete"))
    assert f"Close {group.name} for good?" in confirm and "can't be undone" in confirm
    assert Group.objects.filter(id=group.id).exists()

    closed = client.post(f"{group.url}/delete", follow=True)
    assert closed.redirect_chain[-1][0] == "/groups/"
    assert "is closed, and its posts are gone" in text_of(closed)
    assert not Group.objects.filter(id=group.id).exists()
    assert not Membership.objects.filter(member=meg).exists()


def test_moderators_cannot_close_the_group(group_of, mo, client_for):
    group = group_of("public")
    assert client_for(mo).get(f"{group.url}/delete").status_code == 404
    assert client_for(mo).post(f"{group.url}/delete").status_code == 404
    assert Group.objects.filter(id=group.id).exists()
