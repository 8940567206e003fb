"""Finding meetups: near me by distance band and then by time, nothing over 30 km; this week or
later; a day as a date or a weekday, in the viewer's own time zone; children's ages (a band, or
"mine"); the kind; words; and pages that follow on across the bands without repeating anyone."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from kettle.accounts.actions import do_record_loss, do_update_profile
from kettle.accounts.models import Member
from kettle.core.places import distance_band
from kettle.meetups.actions import do_rsvp
from kettle.meetups.finding import (
    WEEKDAYS,
    FilterError,
    Filters,
    find_meetups,
    group_meetups,
    my_meetups,
    organisation_meetups,
    parse_filters,
    viewer_zone,
)
from tests.factories import PlaceFactory, make_group, make_meetup, make_member, make_venue, months_ago, suffolk_place
from tests.helpers import committed
from tests.meetups.support import organisation_of, parents

pytestmark = pytest.mark.django_db


def at(days: float, hour: int = 10, minute: int = 0, *, zone=None) -> datetime:
    """A wall-clock time `days` from today in `zone` (the default zone, Europe/London)."""
    zone = zone or timezone.get_default_timezone()
    day = (timezone.now().astimezone(zone) + timedelta(days=days)).date()
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def meetup_at(host, venue, title, start, **fields):
    return make_meetup(host, title, venue=venue, starts_at=start, ends_at=start + timedelta(hours=1), **fields)


def ids(page) -> list[int]:
    return [card.meetup.id for card in page.cards]


class Suffolk:
    """Venues around Ipswich, one host per town (venues are limited per member per day)."""

    def __init__(self) -> None:
        self.viewer = make_member("ivy", place="Ipswich")
        self.ipswich = suffolk_place("Ipswich")
        # A village under 5 km from Ipswich (cell centres about 3 km apart).
        self.rushmere = PlaceFactory(name="Rushmere St Andrew", latitude=52.0700, longitude=1.1950)
        self.venues = {}
        for town, name in [("Ipswich", "Ipswich Library"), ("Rushmere St Andrew", "Rushmere Village Hall"),
                           ("Kesgrave", "Kesgrave Community Centre"), ("Woodbridge", "Woodbridge Library"),
                           ("Felixstowe", "Felixstowe Leisure Centre"), ("Stowmarket", "Stowmarket Cafe"),
                           ("Lowestoft", "Lowestoft Library"), ("Bury St Edmunds", "Bury Soft Play")]:
            host = make_member(f"host_{town.split()[0].lower()}", is_public=True)
            place_id = self.rushmere.id if town == "Rushmere St Andrew" else suffolk_place(town).id
            from kettle.meetups.actions import do_create_venue

            self.venues[town] = (host, do_create_venue(host, name=name, place_id=place_id, kind="other"))

    def meetup(self, town, title, start, **fields):
        host, venue = self.venues[town]
        return meetup_at(host, venue, title, start, **fields)


@pytest.fixture
def suffolk():
    return Suffolk()


def test_the_bands_around_ipswich_are_what_the_tests_assume(suffolk):
    bands = {town: distance_band(suffolk.ipswich, venue.place) for town, (_, venue) in suffolk.venues.items()}
    assert bands == {"Ipswich": "same town", "Rushmere St Andrew": "under 5 km", "Kesgrave": "5-15 km",
                     "Woodbridge": "5-15 km", "Felixstowe": "15-30 km", "Stowmarket": "15-30 km",
                     "Lowestoft": "over 30 km", "Bury St Edmunds": "over 30 km"}


def test_near_me_lists_the_nearest_band_first_then_by_time_and_nothing_over_30_km(suffolk):
    made = {
        "felixstowe": suffolk.meetup("Felixstowe", "Beach walk", at(1, 9)),
        "ipswich_late": suffolk.meetup("Ipswich", "Rhyme time", at(5, 10)),
        "woodbridge": suffolk.meetup("Woodbridge", "Story time", at(2, 11)),
        "rushmere": suffolk.meetup("Rushmere St Andrew", "Bumps and babies", at(4, 10)),
        "ipswich_soon": suffolk.meetup("Ipswich", "Baby bounce", at(3, 10)),
        "kesgrave": suffolk.meetup("Kesgrave", "Toddler gym", at(1, 14)),
        "stowmarket": suffolk.meetup("Stowmarket", "Coffee morning", at(2, 9)),
        "lowestoft": suffolk.meetup("Lowestoft", "Pram push", at(1, 10)),
        "bury": suffolk.meetup("Bury St Edmunds", "Soft play", at(1, 11)),
    }

    page = find_meetups(suffolk.viewer, Filters(when="week"), near=suffolk.ipswich)

    expected = ["ipswich_soon", "ipswich_late", "rushmere", "kesgrave", "woodbridge", "felixstowe", "stowmarket"]
    assert ids(page) == [made[name].id for name in expected]
    assert [card.band for card in page.cards] == (["same town"] * 2 + ["under 5 km"] + ["5-15 km"] * 2
                                                  + ["15-30 km"] * 2)
    assert not page.has_more


def test_without_a_place_everything_comes_by_time(suffolk):
    later = suffolk.meetup("Lowestoft", "Pram push", at(3, 10))
    sooner = suffolk.meetup("Ipswich", "Rhyme time", at(2, 10))
    page = find_meetups(suffolk.viewer, Filters(when="week"))
    assert ids(page) == [sooner.id, later.id]
    assert {card.band for card in page.cards} == {None}


def test_this_week_runs_to_midnight_a_week_from_today_and_later_is_everything_after(suffolk):
    made = {
        "tomorrow": suffolk.meetup("Ipswich", "Baby bounce", at(1)),
        "last_evening": suffolk.meetup("Ipswich", "Evening bumps", at(6, 22, 59)),
        "next_week": suffolk.meetup("Ipswich", "Rhyme time", at(7, 0, 0)),
        "fortnight": suffolk.meetup("Ipswich", "Story time", at(14)),
    }
    week = find_meetups(suffolk.viewer, Filters(when="week"), near=suffolk.ipswich)
    later = find_meetups(suffolk.viewer, Filters(when="later"), near=suffolk.ipswich)
    assert ids(week) == [made["tomorrow"].id, made["last_evening"].id]
    assert ids(later) == [made["next_week"].id, made["fortnight"].id]


def test_meetups_already_over_or_cancelled_are_not_found(suffolk):
    from kettle.meetups.actions import do_cancel_meetup

    host, _ = suffolk.venues["Ipswich"]
    gone = suffolk.meetup("Ipswich", "Cancelled bounce", at(2))
    committed(do_cancel_meetup, host, gone.id)
    on = suffolk.meetup("Ipswich", "Rhyme time", at(3))
    assert ids(find_meetups(suffolk.viewer, Filters(), near=suffolk.ipswich)) == [on.id]


def test_a_day_given_as_a_date_finds_only_that_days_meetups(suffolk):
    day = at(9).date()
    made = [suffolk.meetup("Ipswich", "Early", at(9, 8)), suffolk.meetup("Ipswich", "Late", at(9, 23, 0)),
            suffolk.meetup("Ipswich", "Eve", at(8, 23, 0)), suffolk.meetup("Ipswich", "Next", at(10, 0, 30))]
    filters = parse_filters(day=day.isoformat())
    assert filters.day == day
    assert ids(find_meetups(suffolk.viewer, filters, near=suffolk.ipswich)) == [made[0].id, made[1].id]


def test_a_day_given_as_a_weekday_finds_that_weekday_this_week_or_later(suffolk):
    target = at(3).date().weekday()
    name = WEEKDAYS[target]
    that_day = suffolk.meetup("Ipswich", "Soft play", at(3, 10))
    suffolk.meetup("Ipswich", "Rhyme time the day before", at(2, 10))
    suffolk.meetup("Ipswich", "Walk the day after", at(4, 10))
    a_week_on = suffolk.meetup("Ipswich", "Soft play again", at(10, 10))
    filters = parse_filters(day=name)
    assert filters.weekday == name and filters.day is None
    assert ids(find_meetups(suffolk.viewer, filters, near=suffolk.ipswich)) == [that_day.id]
    assert ids(find_meetups(suffolk.viewer, parse_filters(when="later", day=name), near=suffolk.ipswich)) == [
        a_week_on.id]


def test_a_weekday_and_a_date_mean_the_same_day_in_the_viewers_own_zone(suffolk):
    """Ivy is visiting family in Auckland: a meetup on Saturday evening in Ipswich is on her
    Sunday morning there, whether she asks for the date or for "sun"."""
    auckland = PlaceFactory(name="Auckland", timezone="Pacific/Auckland", latitude=-36.85, longitude=174.76)
    do_update_profile(suffolk.viewer, place_id=auckland.id)
    viewer = Member.objects.with_profile().get(id=suffolk.viewer.id)
    zone = viewer_zone(viewer)
    assert str(zone) == "Pacific/Auckland"
    days = {at(n).date().weekday(): n for n in range(9, 16)}  # after this week, wherever you are
    saturday_evening = suffolk.meetup("Ipswich", "Saturday evening bumps", at(days[5], 19))
    their_day = saturday_evening.starts_at.astimezone(zone)
    assert their_day.weekday() == 6  # Sunday in Auckland

    by_date = find_meetups(viewer, parse_filters(day=their_day.date().isoformat()))
    by_weekday = find_meetups(viewer, parse_filters(when="later", day="sun"))
    by_wrong_weekday = find_meetups(viewer, parse_filters(when="later", day="sat"))

    assert ids(by_date) == ids(by_weekday) == [saturday_evening.id]
    assert ids(by_wrong_weekday) == []


@pytest.fixture
def ages(suffolk):
    ranges = {"babes": (0, 6), "crawlers": (6, 12), "toddlers": (12, 24), "twos": (24, 36), "everyone": (None, None),
              "big kids": (36, None)}
    return {name: suffolk.meetup("Ipswich", name.title(), at(1 + i), age_from_months=low, age_to_months=high)
            for i, (name, (low, high)) in enumerate(ranges.items())}


def found_names(page, made) -> set[str]:
    by_id = {meetup.id: name for name, meetup in made.items()}
    return {by_id[card.meetup.id] for card in page.cards}


@pytest.mark.parametrize("band, expected", [
    ("0-6m", {"babes", "crawlers", "everyone"}),
    ("1-2y", {"crawlers", "toddlers", "twos", "everyone"}),
    ("3-5y", {"twos", "everyone", "big kids"}),
])
def test_an_age_band_finds_meetups_whose_ages_overlap_it(suffolk, ages, band, expected):
    page = find_meetups(suffolk.viewer, parse_filters(age=band), near=suffolk.ipswich)
    assert found_names(page, ages) == expected


def test_my_childrens_ages_find_meetups_for_any_of_them(suffolk, ages):
    today = timezone.localdate()
    parent = make_member("pat", place="Ipswich", children=[months_ago(today, 4), months_ago(today, 30)])
    page = find_meetups(parent, parse_filters(age="mine"), near=suffolk.ipswich)
    assert found_names(page, ages) == {"babes", "everyone", "twos"}


def test_a_baby_on_the_way_counts_as_newborn_and_a_recorded_loss_never_counts(suffolk, ages):
    today = timezone.localdate()
    expecting = make_member("eve", place="Ipswich", children=[{"due_date": today + timedelta(days=60)}])
    assert found_names(find_meetups(expecting, parse_filters(age="mine"), near=suffolk.ipswich), ages) == {
        "babes", "everyone"}
    grieving = make_member("gia", place="Ipswich", children=[months_ago(today, 4), months_ago(today, 10)])
    lost = grieving.children.get(birth_month=months_ago(today, 4)["birth_month"],
                                 birth_year=months_ago(today, 4)["birth_year"])
    do_record_loss(grieving, lost.id)
    assert found_names(find_meetups(grieving, parse_filters(age="mine"), near=suffolk.ipswich), ages) == {
        "crawlers", "everyone"}


def test_mine_without_children_recorded_finds_every_age(suffolk, ages):
    page = find_meetups(suffolk.viewer, parse_filters(age="mine"), near=suffolk.ipswich)
    assert found_names(page, ages) == set(ages)


def test_the_kind_and_words_narrow_the_list(suffolk):
    host, venue = suffolk.venues["Ipswich"]
    org = organisation_of(host)
    sensory = suffolk.meetup("Ipswich", "Baby sensory", at(2), kind="class", organisation_id=org.id,
                             description="Lights, bubbles and music.")
    coffee = suffolk.meetup("Ipswich", "Coffee morning", at(3), kind="coffee", description="Cake and chat.")
    playdate = suffolk.meetup("Ipswich", "Toddler playdate", at(4))
    assert ids(find_meetups(suffolk.viewer, parse_filters(kind="class"))) == [sensory.id]
    assert ids(find_meetups(suffolk.viewer, parse_filters(kind="playdate"))) == [playdate.id]
    assert ids(find_meetups(suffolk.viewer, parse_filters(q="BUBBLES"))) == [sensory.id]
    assert ids(find_meetups(suffolk.viewer, parse_filters(q="library"))) == [sensory.id, coffee.id, playdate.id]
    assert ids(find_meetups(suffolk.viewer, parse_filters(q="coffee cake"))) == [coffee.id]
    assert ids(find_meetups(suffolk.viewer, parse_filters(q="coffee bubbles"))) == []


def test_pages_follow_on_across_the_bands_with_everyone_exactly_once(suffolk):
    plan = [("Ipswich", 3), ("Rushmere St Andrew", 2), ("Kesgrave", 2), ("Woodbridge", 2), ("Felixstowe", 3),
            ("Stowmarket", 1), ("Lowestoft", 2)]
    for town, count in plan:
        for n in range(count):
            suffolk.meetup(town, f"{town} meetup {n}", at(1 + n, 10 + n))
    # Two at the very same moment in one band: the id keeps them in order across a page break.
    suffolk.meetup("Kesgrave", "Kesgrave twin a", at(2, 15))
    suffolk.meetup("Kesgrave", "Kesgrave twin b", at(2, 15))
    everything = ids(find_meetups(suffolk.viewer, Filters(when="week"), near=suffolk.ipswich, limit=100))
    assert len(everything) == 3 + 2 + 4 + 2 + 3 + 1

    for limit in (1, 2, 3, 4, 5):
        seen, after, pages = [], None, 0
        while True:
            page = find_meetups(suffolk.viewer, Filters(when="week"), near=suffolk.ipswich, after=after,
                                limit=limit)
            assert len(page.cards) <= limit
            seen += ids(page)
            pages += 1
            if not page.has_more:
                break
            after = page.next_after
            assert pages < 50
        assert seen == everything, limit
        assert len(set(seen)) == len(seen)


@pytest.mark.parametrize("field, value", [("when", "soon"), ("day", "someday"), ("day", "2026-02-30"),
                                          ("age", "teens"), ("kind", "rave")])
def test_a_filter_that_means_nothing_is_refused_naming_it(field, value):
    with pytest.raises(FilterError) as caught:
        parse_filters(**{field: value})
    assert caught.value.field == field


@pytest.mark.parametrize("after", ["nonsense", "1", "1.2", "a.b.c", "-1.2.3"])
def test_a_page_link_that_means_nothing_is_refused(suffolk, after):
    with pytest.raises(FilterError) as caught:
        find_meetups(suffolk.viewer, Filters(), near=suffolk.ipswich, after=after)
    assert caught.value.field == "after"


def test_a_far_northern_home_still_finds_meetups_up_to_30_km_east_or_west():
    """A degree of longitude is half as wide at 60 degrees north as at the equator."""
    home = PlaceFactory(name="Northtown", latitude=60.15, longitude=-1.15)
    east = PlaceFactory(name="Eastvoe", latitude=60.15, longitude=-0.64)
    assert distance_band(home, east) == "15-30 km"
    viewer = make_member("nora")
    host = make_member("host_north", is_public=True)
    from kettle.meetups.actions import do_create_venue

    venue = do_create_venue(host, name="Eastvoe Hall", place_id=east.id, kind="church_hall")
    meetup = meetup_at(host, venue, "Northern bumps", at(2))
    page = find_meetups(viewer, Filters(), near=home)
    assert ids(page) == [meetup.id]
    assert [card.band for card in page.cards] == ["15-30 km"]


def test_the_lists_show_my_own_answer_on_each_card(suffolk):
    rhyme = suffolk.meetup("Ipswich", "Rhyme time", at(2))
    bounce = suffolk.meetup("Ipswich", "Baby bounce", at(3))
    ivy = suffolk.viewer
    from kettle.meetups.models import SafetyNote

    SafetyNote.objects.create(member=ivy)
    committed(do_rsvp, ivy, rhyme.id, "maybe")
    page = find_meetups(ivy, Filters(), near=suffolk.ipswich)
    assert [(card.meetup.id, card.my_status) for card in page.cards] == [(rhyme.id, "maybe"), (bounce.id, None)]


# --- My meetups, a group's, an organisation's --------------------------------------------------


def test_my_meetups_are_what_i_host_go_to_wait_for_ask_about_or_think_about():
    host = make_member("hollie", is_public=True)
    venue = make_venue(host)
    ana = parents("ana")
    made = {title: make_meetup(host, title, venue=venue, in_days=days)
            for days, title in enumerate(["Going", "Maybe", "Not going", "Asked", "Not mine"], start=1)}
    for title, status in (("Going", "going"), ("Maybe", "maybe"), ("Not going", "not_going")):
        committed(do_rsvp, ana, made[title].id, status)
    from kettle.meetups.models import Meetup

    Meetup.objects.filter(id=made["Asked"].id).update(requires_approval=True)
    committed(do_rsvp, ana, made["Asked"].id, "going")
    hosting = make_meetup(ana, "Hosting", venue=venue, in_days=6)

    cards = my_meetups(ana)

    assert [c.meetup.id for c in cards] == [made["Going"].id, made["Maybe"].id, made["Asked"].id, hosting.id]
    assert [c.my_status for c in cards] == ["going", "maybe", "requested", None]
    from tests.meetups.support import frozen_at

    with frozen_at(timezone.now() + timedelta(days=30)):
        assert my_meetups(ana) == []
        assert [c.meetup.id for c in my_meetups(ana, past=True)] == [hosting.id, made["Asked"].id,
                                                                      made["Maybe"].id, made["Going"].id]


def test_a_groups_and_an_organisations_meetups_are_listed_for_those_who_may_see_them():
    owner = make_member("gwen", is_public=True)
    member = make_member("moe")
    group = make_group(owner, "Bump Buddies March", privacy="private", members=(member,))
    venue = make_venue(owner)
    in_group = make_meetup(owner, "Bump walk", venue=venue, group_id=group.id)
    org = organisation_of(owner)
    a_class = make_meetup(owner, "Baby yoga", venue=venue, kind="class", organisation_id=org.id)
    assert [c.meetup.id for c in group_meetups(member, group)] == [in_group.id]
    assert group_meetups(make_member("sam"), group) == []
    assert [c.meetup.id for c in organisation_meetups(None, org)] == [a_class.id]
