"""Groups suggested after onboarding and beside the home timeline; a loss brings support
groups, never a due-month club for that child."""

from __future__ import annotations

from datetime import date

from kettle.accounts import actions as account_actions
from tests.factories import make_group, make_member, suffolk_place
from tests.helpers import committed, text_of


def test_the_home_page_fetches_groups_for_you_after_it_loads(olive, nia, client_for):
    make_group(olive, "Felixstowe Walkers", privacy="public", kind="local", place_id=suffolk_place("Felixstowe").id,
               radius_km=5)
    client = client_for(nia)
    assert 'hx-get="/groups/for-you"' in text_of(client.get("/"))
    side = text_of(client.get("/groups/for-you"))
    assert "Felixstowe Walkers" in side and "Local to you (same town)" in side
    assert client_for(None).get("/groups/for-you").status_code == 302  # to the login page


def test_a_member_who_recorded_a_loss_is_offered_support_not_a_baby_club(olive, client_for, db):
    make_group(olive, "Gentle Hearts", privacy="private", topics=["loss support"])
    parent = make_member("rowan")
    child = committed(account_actions.do_add_child, parent, due_date=date(2027, 5, 1))
    committed(account_actions.do_record_loss, parent, child.id)

    page = text_of(client_for(parent).get("/groups/?welcome=1"))
    assert "Gentle Hearts" in page and "Support from parents who understand" in page
    assert "Due May 2027" not in page


def test_loss_support_groups_are_never_suggested_as_merely_popular(olive, nia, client_for):
    make_group(olive, "Gentle Hearts", privacy="private", topics=["loss support"])
    make_group(olive, "Sling Library", privacy="public")

    side = text_of(client_for(nia).get("/groups/for-you"))
    assert "Sling Library" in side and "Gentle Hearts" not in side
