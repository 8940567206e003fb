"""Due-month clubs are made when a member adds a child: one for the whole site and one for
the area around the nearest large town."""

from __future__ import annotations

from datetime import date

from kettle.accounts import actions
from kettle.groups.models import Group
from tests.factories import make_member, suffolk_place
from tests.helpers import committed


def test_adding_a_child_makes_the_site_and_area_clubs_for_their_month(db):
    suffolk_place("Ipswich")  # the large town nearest Kesgrave
    parent = make_member("hana", place="Kesgrave")
    committed(actions.do_add_child, parent, due_date=date(2027, 3, 14))

    clubs = {(g.name, g.place.name if g.place else None, g.privacy, g.run_by_site)
             for g in Group.objects.filter(kind=Group.Kind.DUE_MONTH).select_related("place")}
    assert clubs == {("Due March 2027", None, "private", True),
                     ("Due March 2027: Ipswich and around", "Ipswich", "private", True)}


def test_a_second_parent_due_the_same_month_finds_the_same_clubs(db):
    suffolk_place("Ipswich")
    committed(actions.do_add_child, make_member("hana", place="Kesgrave"), due_date=date(2027, 3, 14))
    committed(actions.do_add_child, make_member("ines", place="Ipswich"), due_date=date(2027, 3, 2))

    assert Group.objects.filter(kind=Group.Kind.DUE_MONTH).count() == 2


def test_a_born_child_gets_a_born_club(db):
    parent = make_member("hana")
    committed(actions.do_add_child, parent, birth_year=2026, birth_month=9)

    assert list(Group.objects.filter(kind=Group.Kind.DUE_MONTH).values_list("name", flat=True)) == [
        "Born September 2026"]
