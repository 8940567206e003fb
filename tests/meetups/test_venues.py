"""Venues are public places, never homes; one venue per name per town; staff fold duplicates
together and the meetups move with them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from kettle.meetups.actions import do_create_meetup, do_create_venue, do_merge_venues, do_update_venue
from kettle.meetups.models import Meetup, Venue
from kettle.meetups.venues import home_address_problem
from tests.factories import make_meetup, make_member, suffolk_place
from tests.meetups.support import counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def nia():
    return make_member("nia", place="Ipswich")


def add(member, name, address="", place="Ipswich", **fields):
    return do_create_venue(member, name=name, address=address, place_id=suffolk_place(place).id, **fields)


@pytest.mark.parametrize("name, address, field", [
    ("Home", "", "name"),
    ("home", "Acacia Avenue", "name"),
    ("My house", "", "name"),
    ("My flat", "", "name"),
    ("Our garden", "", "name"),
    ("Sarah's house", "", "name"),
    ("Jo's flat", "", "name"),
    ("12 Acacia Avenue", "", "name"),
    ("12a, Acacia Avenue", "", "name"),
    ("Flat 3, 27 Kings Road", "", "name"),
    ("Acacia Avenue", "at mine", "address"),
    ("Playdate", "my house", "address"),
])
def test_a_home_is_refused_as_a_venue(nia, name, address, field):
    before = counts()
    with pytest.raises(ValidationError) as caught:
        add(nia, name, address)
    errors = caught.value.message_dict
    assert field in errors
    assert "public" in errors[field][0]
    assert counts() == before


@pytest.mark.parametrize("name, address", [
    ("Ipswich Library", "Northgate Street"),
    ("Christchurch Park", ""),
    ("The Home Cafe", "Upper Brook Street"),  # a public hint wins over the word "home"
    ("St Mary's Church Hall", "12 Church Lane"),
    ("Jumping Jacks Soft Play", ""),
    ("House of Fraser", "Westgate Street"),
    ("Nando's", "Buttermarket"),
])
def test_a_public_place_is_accepted(nia, name, address):
    venue = add(nia, name, address, kind="other")
    assert Venue.objects.visible_to(nia).filter(id=venue.id, name=name).exists()


def test_home_address_problem_is_empty_for_a_library_and_names_the_field_for_a_home():
    assert home_address_problem("Ipswich Library", "Northgate Street") == {}
    assert set(home_address_problem("My house", "at mine")) == {"name", "address"}


def test_renaming_a_venue_to_a_home_is_refused_and_nothing_changes(nia):
    venue = add(nia, "Ipswich Library", "Northgate Street", kind="library")
    with pytest.raises(ValidationError) as caught:
        do_update_venue(nia, venue.id, name="My house")
    assert set(caught.value.message_dict) == {"name"}
    assert Venue.objects.get(id=venue.id).name == "Ipswich Library"


def test_the_same_venue_name_in_the_same_town_is_refused_with_a_pointer_to_the_one_listed(nia):
    add(nia, "Ipswich Library", "Northgate Street", kind="library")
    before = counts()
    with pytest.raises(ValidationError) as caught:
        add(make_member("olu"), "  ipswich   LIBRARY ", kind="library")
    message = caught.value.message_dict["name"][0]
    assert "Ipswich Library in Ipswich is already on Kettle" in message
    assert counts() == before


def test_the_same_venue_name_in_another_town_is_a_different_venue(nia):
    add(nia, "Costa", kind="cafe")
    other = add(nia, "Costa", place="Woodbridge", kind="cafe")
    assert other.place.name == "Woodbridge"


def test_renaming_a_venue_onto_another_in_the_same_town_is_refused(nia):
    add(nia, "Ipswich Library", kind="library")
    cafe = add(nia, "Fox's Cafe", kind="cafe")
    with pytest.raises(ValidationError) as caught:
        do_update_venue(nia, cafe.id, name="Ipswich library")
    assert "already on Kettle" in caught.value.message_dict["name"][0]
    assert Venue.objects.get(id=cafe.id).name == "Fox's Cafe"
    assert do_update_venue(nia, cafe.id, name="Fox's Cafe and Deli").name == "Fox's Cafe and Deli"


def test_a_venue_is_corrected_by_whoever_added_it_not_by_anyone(nia):
    venue = add(nia, "Fox's Cafe", kind="cafe")
    with pytest.raises(PermissionDenied):
        do_update_venue(make_member("sam"), venue.id, name="Sam's Cafe")
    updated = do_update_venue(nia, venue.id, address="Tavern Street", baby_changing=True)
    assert (updated.address, updated.baby_changing, updated.name) == ("Tavern Street", True, "Fox's Cafe")


@pytest.fixture
def twins(nia):
    """The same library added twice, under different spellings, each with meetups."""
    keep = add(nia, "Ipswich Library", "Northgate Street", kind="library", baby_changing=True)
    duplicate = add(make_member("olu"), "Ipswich County Library", kind="library", pram_access=True)
    moving = [make_meetup(nia, "Rhyme time", venue=duplicate), make_meetup(nia, "Story time", venue=duplicate)]
    staying = make_meetup(nia, "Toddler reads", venue=keep)
    return keep, duplicate, moving, staying


def test_staff_merging_a_duplicate_moves_its_meetups_and_it_disappears(twins):
    keep, duplicate, moving, staying = twins
    staff = make_member("stella", staff=True)

    kept = do_merge_venues(staff, duplicate.id, keep.id)

    assert kept.id == keep.id
    assert set(Meetup.objects.filter(venue=keep).values_list("id", flat=True)) == {m.id for m in moving} | {
        staying.id}
    assert not Meetup.objects.filter(venue=duplicate).exists()
    for viewer in (None, staff, make_member("sam")):
        assert not Venue.objects.visible_to(viewer).filter(id=duplicate.id).exists()
        assert Venue.objects.visible_to(viewer).filter(id=keep.id).exists()
    kept.refresh_from_db()
    assert kept.baby_changing and kept.pram_access  # what either knew about its facilities stays known


def test_a_meetup_started_at_a_merged_venue_lands_at_the_one_that_stays(twins, nia):
    keep, duplicate, _, _ = twins
    do_merge_venues(make_member("stella", staff=True), duplicate.id, keep.id)
    later = make_meetup(nia, "Baby bounce", venue=duplicate)
    assert later.venue_id == keep.id


def test_merging_into_a_venue_that_was_itself_merged_leaves_no_meetup_at_a_merged_venue(twins, nia):
    keep, duplicate, _, _ = twins
    staff = make_member("stella", staff=True)
    third = add(nia, "Ipswich Library (Northgate)", kind="library")
    do_merge_venues(staff, duplicate.id, third.id)  # first the duplicate into a third spelling...
    do_merge_venues(staff, third.id, keep.id)  # ...then that into the venue that stays
    later = make_meetup(nia, "Baby bounce", venue=duplicate)
    assert later.venue_id == keep.id
    assert not Meetup.objects.filter(venue__merged_into__isnull=False).exists()


def test_a_member_who_is_not_staff_cannot_merge_venues(twins, nia):
    keep, duplicate, moving, _ = twins
    with pytest.raises(PermissionDenied):
        do_merge_venues(nia, duplicate.id, keep.id)
    assert Meetup.objects.filter(venue=duplicate).count() == len(moving)
    assert Venue.objects.visible_to(nia).filter(id=duplicate.id).exists()


def test_merging_a_venue_into_itself_or_an_unknown_one_is_refused(twins):
    keep, duplicate, _, _ = twins
    staff = make_member("stella", staff=True)
    with pytest.raises(ValidationError):
        do_merge_venues(staff, keep.id, keep.id)
    with pytest.raises(Http404):
        do_merge_venues(staff, duplicate.id, 999_999)
    do_merge_venues(staff, duplicate.id, keep.id)
    with pytest.raises(Http404):  # already merged: gone from the list
        do_merge_venues(staff, duplicate.id, keep.id)


def test_a_merged_duplicate_no_longer_blocks_its_name(twins, nia):
    keep, duplicate, _, _ = twins
    do_merge_venues(make_member("stella", staff=True), duplicate.id, keep.id)
    again = add(nia, "Ipswich County Library", kind="library")
    assert again.id != duplicate.id


def test_a_meetup_needs_a_listed_venue_so_there_is_no_address_to_give(nia):
    with pytest.raises(ValidationError) as caught:
        do_create_meetup(nia, title="At mine", venue_id=None, starts_at=None, ends_at=None)
    assert "venue_id" in caught.value.message_dict


def test_an_organisations_admins_and_staff_correct_its_venues_but_its_team_does_not(nia):
    from kettle.groups.actions import do_create_organisation, do_set_team_member

    org = do_create_organisation(nia, name="Suffolk Family Hubs")
    admin, team = make_member("ada"), make_member("tam")
    do_set_team_member(nia, org.id, admin.handle, role="admin")
    do_set_team_member(nia, org.id, team.handle, role="team")
    hub = add(make_member("olu"), "Ipswich Family Hub", kind="childrens_centre", organisation_id=None)
    Venue.objects.filter(id=hub.id).update(organisation=org)

    assert do_update_venue(admin, hub.id, step_free=True).step_free
    assert do_update_venue(make_member("stella", staff=True), hub.id, parking=True).parking
    with pytest.raises(PermissionDenied):
        do_update_venue(team, hub.id, notes="Closed on Mondays")
    with pytest.raises(Http404):
        do_update_venue(admin, 999_999, notes="Closed on Mondays")
