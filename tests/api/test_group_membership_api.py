"""Membership through the API: the member list (who may see it, moderators first, blocks hide
people), joining, asking with answers, approving and declining, leaving, invitations, roles,
handing a group on, removing and banning, and invite links. The issue's join-by-request flow
runs end to end: ask, be approved, then read the posts and get new ones in the home timeline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kettle.groups import actions
from kettle.groups.models import Invite, Membership
from kettle.notifications.models import Notification
from kettle.social.actions import do_block
from tests.factories import make_group, make_member
from tests.groups import conftest as group_fixtures
from tests.helpers import assert_error, committed, posted, send

olive, mo, meg, nia, group_of, pending_in = (group_fixtures.olive, group_fixtures.mo, group_fixtures.meg,
                                             group_fixtures.nia, group_fixtures.group_of, group_fixtures.pending_in)

GROUPS = "/api/v1/groups"


def handles(people) -> list[str]:
    return [person["member"]["handle"] for person in people]


def state_of(group, member) -> str | None:
    membership = Membership.objects.filter(group=group, member=member).first()
    return membership.state if membership else None


# --- the member list ---------------------------------------------------------------------------

@pytest.mark.parametrize("privacy, who, expected", [
    ("public", "logged_out", 404), ("public", "outsider", 200), ("public", "pending", 200),
    ("public", "member", 200), ("public", "banned", 200),
    ("private", "logged_out", 404), ("private", "outsider", 404), ("private", "pending", 404),
    ("private", "member", 200), ("private", "moderator", 200), ("private", "banned", 404),
    ("secret", "logged_out", 404), ("secret", "outsider", 404), ("secret", "member", 200),
    ("secret", "banned", 404),
])
def test_who_may_see_a_groups_members(privacy, who, expected, group_of, olive, mo, meg, nia, api):
    group = group_of(privacy)
    person = {"logged_out": None, "outsider": nia, "member": meg, "moderator": mo}.get(who)
    if who == "pending":
        person = make_member("pat")
        if privacy == "private":
            committed(actions.do_join_group, person, group.id, answers=[])
    if who == "banned":
        person = make_member("bobby")
        committed(actions.do_ban_member, olive, group.id, person.id)

    response = api(person).get(f"{GROUPS}/{group.slug}/members")

    assert response.status_code == expected, response.content
    if expected == 404:
        assert_error(response, 404, "not_found")


def test_moderators_come_first_then_members_newest_first_and_blocks_hide_people(group_of, olive, mo, meg, nia,
                                                                               bea, api):
    group = group_of("public")
    for person in (nia, bea):
        committed(actions.do_join_group, person, group.id)
    committed(do_block, bea, meg)

    body = api(bea).get(f"{GROUPS}/{group.slug}/members").json()

    assert handles(body["moderators"]) == ["olive", "moira"]
    assert [m["role"] for m in body["moderators"]] == ["owner", "moderator"]
    assert handles(body["items"]) == ["bea", "nia"]  # Meg is hidden from Bea, who blocked her
    assert "bea" not in handles(api(meg).get(f"{GROUPS}/{group.slug}/members").json()["items"])


def test_the_member_list_pages_without_repeating_anyone(group_of, api, meg):
    group = group_of("public")
    for n in range(5):
        committed(actions.do_join_group, make_member(f"parent{n}"), group.id)

    first = api(meg).get(f"{GROUPS}/{group.slug}/members?limit=3").json()
    second = api(meg).get(f"{GROUPS}/{group.slug}/members?limit=3&before={first['next_before']}").json()

    assert second["moderators"] == []
    assert handles(first["items"]) + handles(second["items"]) == ["parent4", "parent3", "parent2", "parent1",
                                                                  "parent0", "meg"]


# --- joining -----------------------------------------------------------------------------------

def test_joining_a_public_group_is_201_and_joining_again_is_200(group_of, nia, api):
    group = group_of("public")

    first = api(nia).post(f"{GROUPS}/{group.slug}/members", content_type="application/json")
    again = api(nia).post(f"{GROUPS}/{group.slug}/members", content_type="application/json")

    assert first.status_code == 201 and again.status_code == 200
    assert first.json() == {"group": {"slug": group.slug, "name": group.name, "url": group.url},
                            "state": "active", "role": "member", "joined_at": first.json()["joined_at"]}
    group.refresh_from_db()
    assert group.member_count == 4


def test_asking_to_join_then_being_approved_opens_the_posts_and_the_home_timeline(group_of, olive, mo, meg, nia,
                                                                                 api):
    group = group_of("private", questions=["Which town are you in?", "How old is your baby?"])
    earlier = posted(meg, "Welcome, new parents!", group_id=group.id)
    as_nia = api(nia)

    asked = send(as_nia, "post", f"{GROUPS}/{group.slug}/members", {"answers": ["Felixstowe", "Six weeks"]})
    assert asked.status_code == 201 and asked.json()["state"] == "pending"
    assert as_nia.get(f"{GROUPS}/{group.slug}/posts").status_code == 404
    assert as_nia.get(f"/api/v1/posts/{earlier.id}").status_code == 404

    requests = api(mo).get(f"{GROUPS}/{group.slug}/requests").json()["items"]
    assert [r["member"]["handle"] for r in requests] == ["nia"]
    assert requests[0]["answers"] == [{"question": "Which town are you in?", "answer": "Felixstowe"},
                                      {"question": "How old is your baby?", "answer": "Six weeks"}]

    approved = api(mo).post(f"{GROUPS}/{group.slug}/requests/{nia.id}/approve")
    assert approved.status_code == 200 and approved.json()["state"] == "active"
    assert as_nia.get(f"/api/v1/posts/{earlier.id}").status_code == 200
    assert earlier.id in [p["id"] for p in as_nia.get(f"{GROUPS}/{group.slug}/posts").json()["items"]]
    assert Notification.objects.filter(recipient=nia, kind=Notification.Kind.GROUP_APPROVED).exists()

    later = posted(meg, "Coffee on Friday?", group_id=group.id)
    assert later.id in [p["id"] for p in as_nia.get("/api/v1/timelines/home").json()["items"]]


def test_a_missing_answer_is_a_field_error_and_asks_nothing(group_of, nia, api):
    group = group_of("private", questions=["Which town?", "Due when?"])

    response = send(api(nia), "post", f"{GROUPS}/{group.slug}/members", {"answers": ["Ipswich"]})

    assert_error(response, 400, "invalid", "answers.1")
    assert state_of(group, nia) is None


def test_too_many_or_too_long_answers_are_refused(group_of, nia, api):
    group = group_of("private", questions=["Which town?"])
    assert_error(send(api(nia), "post", f"{GROUPS}/{group.slug}/members", {"answers": ["a"] * 4}), 422, "invalid",
                 "answers")
    assert_error(send(api(nia), "post", f"{GROUPS}/{group.slug}/members", {"answers": ["a" * 501]}), 422, "invalid",
                 "answers.0")


def test_a_declined_request_goes_quietly_and_may_be_made_again(group_of, mo, nia, pending_in, api):
    group = group_of("private")
    pending_in(nia, group)

    assert api(mo).post(f"{GROUPS}/{group.slug}/requests/{nia.id}/decline").status_code == 204
    assert state_of(group, nia) is None
    assert api(nia).post(f"{GROUPS}/{group.slug}/members", content_type="application/json").status_code == 201


@pytest.mark.parametrize("who, list_status, answer_status", [
    ("member", 404, 403), ("outsider", 404, 403), ("moderator", 200, 200), ("owner", 200, 200),
])
def test_only_moderators_see_and_answer_requests(who, list_status, answer_status, group_of, olive, mo, meg, nia,
                                                 pending_in, api):
    group = group_of("private")
    pat = make_member("pat")
    pending_in(pat, group)
    person = {"member": meg, "outsider": nia, "moderator": mo, "owner": olive}[who]

    assert api(person).get(f"{GROUPS}/{group.slug}/requests").status_code == list_status
    assert api(person).post(f"{GROUPS}/{group.slug}/requests/{pat.id}/approve").status_code == answer_status


def test_a_banned_member_cant_join_again(group_of, olive, nia, api):
    group = group_of("public")
    committed(actions.do_ban_member, olive, group.id, nia.id)
    assert_error(api(nia).post(f"{GROUPS}/{group.slug}/members", content_type="application/json"), 403, "forbidden")


def test_a_secret_group_cant_be_joined_without_an_invitation(group_of, nia, api):
    group = group_of("secret")
    assert_error(api(nia).post(f"{GROUPS}/{group.slug}/members", content_type="application/json"), 404, "not_found")


# --- leaving -----------------------------------------------------------------------------------

def test_leaving_takes_you_out_and_the_owner_hands_on_first(group_of, olive, meg, nia, pending_in, api):
    group = group_of("private")
    pending_in(nia, group)

    assert api(meg).delete(f"{GROUPS}/{group.slug}/members/me").status_code == 204
    assert api(nia).delete(f"{GROUPS}/{group.slug}/members/me").status_code == 204  # withdraws the request
    assert state_of(group, meg) is None and state_of(group, nia) is None
    assert_error(api(olive).delete(f"{GROUPS}/{group.slug}/members/me"), 400, "invalid", "group")
    assert_error(api(meg).delete(f"{GROUPS}/{group.slug}/members/me"), 404, "not_found")


# --- invitations, roles, handing on, removing and banning --------------------------------------

def test_inviting_by_handle_then_accepting(group_of, olive, nia, api):
    group = group_of("secret")

    invited = send(api(olive), "post", f"{GROUPS}/{group.slug}/invitations", {"handle": "@nia"})

    assert invited.status_code == 201 and invited.json()["state"] == "invited"
    assert invited.json()["member"]["handle"] == "nia"
    assert api(nia).get(f"{GROUPS}/{group.slug}").json()["me"]["state"] == "invited"
    accepted = api(nia).post(f"{GROUPS}/{group.slug}/members", content_type="application/json")
    assert accepted.status_code == 201 and accepted.json()["state"] == "active"


def test_inviting_someone_unknown_or_banned_is_a_field_error(group_of, olive, nia, api):
    group = group_of("public")
    committed(actions.do_ban_member, olive, group.id, nia.id)
    for handle in ("nobody-here", "nia"):
        assert_error(send(api(olive), "post", f"{GROUPS}/{group.slug}/invitations", {"handle": handle}), 400,
                     "invalid", "handle")


def test_members_invite_to_private_groups_but_only_moderators_to_secret_ones(group_of, meg, nia, api):
    assert send(api(meg), "post", f"{GROUPS}/{group_of('private').slug}/invitations",
                {"handle": "nia"}).status_code == 201
    assert_error(send(api(meg), "post", f"{GROUPS}/{group_of('secret').slug}/invitations", {"handle": "nia"}),
                 403, "forbidden")


def test_the_owner_chooses_moderators(group_of, olive, mo, meg, api):
    group = group_of("public")

    made = send(api(olive), "patch", f"{GROUPS}/{group.slug}/members/meg", {"role": "moderator"})
    assert made.status_code == 200 and made.json()["role"] == "moderator"
    assert_error(send(api(mo), "patch", f"{GROUPS}/{group.slug}/members/meg", {"role": "member"}), 403, "forbidden")
    assert_error(send(api(olive), "patch", f"{GROUPS}/{group.slug}/members/meg", {"role": "owner"}), 422, "invalid",
                 "role")
    assert_error(send(api(olive), "patch", f"{GROUPS}/{group.slug}/members/nobody", {"role": "member"}), 404,
                 "not_found")


def test_handing_a_group_on_keeps_the_old_owner_as_a_moderator(group_of, olive, meg, nia, api):
    group = group_of("public")

    handed = send(api(olive), "post", f"{GROUPS}/{group.slug}/owner", {"handle": "meg"})

    assert handed.status_code == 200 and handed.json()["role"] == "owner"
    roles = dict(Membership.objects.filter(group=group).values_list("member__handle", "role"))
    assert roles["olive"] == "moderator" and roles["meg"] == "owner"
    assert_error(send(api(olive), "post", f"{GROUPS}/{group.slug}/owner", {"handle": "olive"}), 403, "forbidden")
    assert_error(send(api(meg), "post", f"{GROUPS}/{group.slug}/owner", {"handle": "nia"}), 404, "not_found")


def test_moderators_remove_members_but_not_each_other(group_of, olive, mo, meg, api):
    group = group_of("public")

    assert api(mo).delete(f"{GROUPS}/{group.slug}/members/meg").status_code == 204
    assert state_of(group, meg) is None
    assert_error(api(mo).delete(f"{GROUPS}/{group.slug}/members/olive"), 403, "forbidden")
    assert_error(api(meg).delete(f"{GROUPS}/{group.slug}/members/moira"), 403, "forbidden")
    assert api(olive).delete(f"{GROUPS}/{group.slug}/members/moira").status_code == 204


def test_a_ban_keeps_someone_out_until_it_is_lifted(group_of, olive, mo, meg, nia, api):
    group = group_of("public")

    assert api(mo).post(f"{GROUPS}/{group.slug}/bans/meg").status_code == 204
    assert api(mo).post(f"{GROUPS}/{group.slug}/bans/nia").status_code == 204  # before they ever joined
    assert handles(api(mo).get(f"{GROUPS}/{group.slug}/bans").json()["items"]) == ["nia", "meg"]
    assert state_of(group, meg) == "banned"
    assert api(meg).get(f"{GROUPS}/{group.slug}/bans").status_code == 404
    assert_error(api(meg).post(f"{GROUPS}/{group.slug}/bans/moira"), 403, "forbidden")
    assert_error(api(mo).post(f"{GROUPS}/{group.slug}/bans/nobody-here"), 404, "not_found")

    assert api(mo).delete(f"{GROUPS}/{group.slug}/bans/meg").status_code == 204
    assert state_of(group, meg) is None
    assert_error(api(mo).delete(f"{GROUPS}/{group.slug}/bans/meg"), 404, "not_found")


# --- invite links ------------------------------------------------------------------------------

def test_an_invite_link_lets_people_into_a_secret_group_until_it_is_revoked(group_of, olive, mo, nia, api):
    group = group_of("secret", questions=["Why?"])

    made = send(api(mo), "post", f"{GROUPS}/{group.slug}/invites", {"days": 3, "max_uses": 2})
    assert made.status_code == 201, made.content
    link = made.json()
    assert link["usable"] and link["uses"] == 0 and link["max_uses"] == 2 and link["url"] == f"/invite/{link['code']}"
    assert [i["id"] for i in api(olive).get(f"{GROUPS}/{group.slug}/invites").json()["items"]] == [link["id"]]

    preview = api(nia).get(f"/api/v1/invites/{link['code']}")
    assert preview.status_code == 200 and preview.json()["slug"] == group.slug
    joined = api(nia).post(f"/api/v1/invites/{link['code']}")
    assert joined.status_code == 201 and joined.json()["state"] == "active"
    assert api(nia).post(f"/api/v1/invites/{link['code']}").status_code == 200

    assert api(mo).delete(f"{GROUPS}/{group.slug}/invites/{link['id']}").status_code == 204
    late = make_member("lou")
    assert_error(api(late).post(f"/api/v1/invites/{link['code']}"), 404, "not_found")
    assert_error(api(late).get(f"/api/v1/invites/{link['code']}"), 404, "not_found")
    assert state_of(group, late) is None


def test_an_expired_or_used_up_link_is_a_404(group_of, olive, api):
    group = group_of("private")
    expired = committed(actions.do_create_invite, olive, group.id, days=1)
    Invite.objects.filter(id=expired.id).update(expires_at=timezone.now() - timedelta(minutes=1))
    used_up = committed(actions.do_create_invite, olive, group.id, max_uses=1)
    committed(actions.do_join_by_invite, make_member("first"), used_up.code)

    late = make_member("late")
    for code in (expired.code, used_up.code, "no-such-code"):
        assert_error(api(late).post(f"/api/v1/invites/{code}"), 404, "not_found")
    assert state_of(group, late) is None


def test_only_moderators_make_see_and_revoke_invite_links(group_of, olive, meg, api):
    group = group_of("private")
    invite = committed(actions.do_create_invite, olive, group.id)

    assert api(meg).get(f"{GROUPS}/{group.slug}/invites").status_code == 404
    assert_error(send(api(meg), "post", f"{GROUPS}/{group.slug}/invites", {}), 403, "forbidden")
    assert_error(api(meg).delete(f"{GROUPS}/{group.slug}/invites/{invite.id}"), 403, "forbidden")
    assert_error(send(api(olive), "post", f"{GROUPS}/{group.slug}/invites", {"days": 31}), 422, "invalid", "days")
    assert_error(api(olive).delete(f"{GROUPS}/{group.slug}/invites/999999"), 404, "not_found")
    assert Invite.objects.count() == 1


def test_a_banned_member_cant_use_an_invite_link(group_of, olive, nia, api):
    group = group_of("public")
    invite = committed(actions.do_create_invite, olive, group.id)
    committed(actions.do_ban_member, olive, group.id, nia.id)
    assert_error(api(nia).post(f"/api/v1/invites/{invite.code}"), 403, "forbidden")


def test_member_lists_cost_the_same_queries_however_many_members(olive, meg, api, django_assert_max_num_queries):
    group = make_group(olive, "Big Group", members=(meg,))
    client = api(meg)
    client.get(f"{GROUPS}/{group.slug}/members")
    for n in range(30):
        committed(actions.do_join_group, make_member(f"parent{n}"), group.id)
    with django_assert_max_num_queries(8):
        assert client.get(f"{GROUPS}/{group.slug}/members").status_code == 200
