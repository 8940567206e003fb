"""The Django admin at /admin/ is for staff only, and its Kettle pages render."""

from datetime import date

import pytest

from kettle.accounts import actions
from tests.factories import make_member, months_ago

ADMIN_PAGES = [
    "/admin/",
    "/admin/accounts/member/",
    "/admin/accounts/child/",
    "/admin/accounts/accesstoken/",
    "/admin/accounts/interest/",
    "/admin/core/place/",
    "/admin/social/follow/",
]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_staff_can_open_every_admin_list(path, client_for, db):
    staff = make_member("staffer", staff=True)
    assert client_for(staff).get(path).status_code == 200


def test_staff_can_open_a_member_in_the_admin(client_for, db):
    staff = make_member("staffer", staff=True)
    parent = make_member("bea", place="Ipswich", children=[months_ago(date.today(), 10)])
    response = client_for(staff).get(f"/admin/accounts/member/{parent.id}/change/")
    assert response.status_code == 200
    assert b"bea@example.test" in response.content


@pytest.mark.parametrize("who", ["logged_out", "member"])
def test_the_admin_sends_everyone_else_to_its_login(who, client_for, db):
    client = client_for(None if who == "logged_out" else make_member("plain"))
    response = client.get("/admin/accounts/member/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_recorded_loss_is_not_shown_to_staff_in_the_admin(client_for, db):
    staff = make_member("staffer", staff=True)
    parent = make_member("bea", children=[months_ago(date.today(), 10)])
    child = parent.children.get()
    actions.do_record_loss(parent, child.id)
    response = client_for(staff).get(f"/admin/accounts/child/{child.id}/change/")
    assert response.status_code == 200
    assert b"loss_recorded_at" not in response.content
