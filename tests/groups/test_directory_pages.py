"""/groups/: your groups with the requests and invitations still waiting, suggestions, search
(never a secret group to outsiders), browsing the listed groups by kind a page at a time, and
the organisation behind a group with its badge."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kettle.groups import actions
from kettle.groups.models import Group, Membership
from tests.factories import make_group, make_member, suffolk_place
from tests.helpers import CommittingClient, committed, text_of


@pytest.fixture(autouse=True)
def _many_groups_allowed(settings):
    settings.GROUP_CREATE_RATE = "500/60"


def section(page: str, heading: str) -> str:
    """The markup of the card under an <h2> heading, up to the next card."""
    start = page.index(f"<h2>{heading}")
    return page[start:page.find("</section>", start)]


def test_your_groups_shows_active_ones_and_waiting_shows_requests_and_invitations(olive, meg, nia, client_for):
    make_group(olive, "Tuesday Walkers", privacy="public", members=(meg,))
    asked = make_group(olive, "Sling Library Friends", privacy="private", questions=["Which sling?"])
    invited = make_group(olive, "Night Feeds Club", privacy="secret")
    committed(actions.do_join_group, meg, asked.id, answers=["A stretchy wrap"])
    committed(actions.do_invite_member, olive, invited.id, "meg")

    page = text_of(client_for(meg).get("/groups/"))

    assert "Tuesday Walkers" in section(page, "Your groups")
    waiting = section(page, "Waiting")
    assert "Sling Library Friends" in waiting and "Request sent" in waiting
    assert "Night Feeds Club" in waiting and "You're invited." in waiting
    assert f'action="/groups/{invited.slug}/join"' in waiting and f"/groups/{invited.slug}/leave" in waiting
    assert "Sling Library Friends" not in section(page, "Your groups")


def test_accepting_an_invitation_from_the_directory_lets_you_in(olive, meg, client_for):
    group = make_group(olive, "Night Feeds Club", privacy="secret")
    committed(actions.do_invite_member, olive, group.id, "meg")

    response = client_for(meg).post(f"/groups/{group.slug}/join", follow=True)

    assert "You're in!" in text_of(response)
    assert Membership.objects.get(group=group, member=meg).state == "active"


def test_a_group_you_are_banned_from_is_not_among_your_groups(group_of, nia, client_for, banned_from):
    group = group_of("public")
    committed(actions.do_join_group, nia, group.id)
    banned_from(nia, group)

    page = text_of(client_for(nia).get("/groups/"))
    assert "<h2>Waiting" not in page
    assert group.name not in section(page, "Your groups")


def test_suggestions_with_their_reasons_are_for_signed_in_members_only(olive, nia, client_for):
    make_group(olive, "Felixstowe Walkers", privacy="public", kind="local", place_id=suffolk_place("Felixstowe").id,
               radius_km=5)

    mine = text_of(client_for(nia).get("/groups/"))
    assert "Felixstowe Walkers" in section(mine, "Suggested for you")
    assert "Local to you (same town)" in mine

    outside = text_of(client_for(None).get("/groups/"))
    assert "Suggested for you" not in outside and "Your groups" not in outside
    assert "Felixstowe Walkers" in outside  # still listed for browsing


def test_search_finds_groups_by_name_and_by_topic(olive, nia, client_for):
    make_group(olive, "Two At Once", privacy="public", topics=["twins"])
    make_group(olive, "Ipswich Coffee Mornings", privacy="private")
    make_group(olive, "Sling Library", privacy="public")

    by_topic = text_of(client_for(nia).get("/groups/?q=twins"))
    assert "Two At Once" in by_topic and "Sling Library" not in by_topic
    by_name = text_of(client_for(None).get("/groups/?q=coffee"))
    assert "Ipswich Coffee Mornings" in by_name and 'Groups matching “coffee”' in by_name


def test_search_never_shows_a_secret_group_to_anyone_outside_it(olive, meg, nia, client_for, banned_from):
    group = make_group(olive, "Twins Hideaway", privacy="secret", members=(meg,), topics=["twins"])
    bo = make_member("bobo")
    committed(actions.do_invite_member, olive, group.id, "bobo")
    committed(actions.do_join_group, bo, group.id)
    banned_from(bo, group)

    for viewer in (None, nia, bo):
        for address in ("/groups/?q=twins", "/groups/?q=hideaway", "/groups/", "/groups/?kind=interest"):
            assert "Twins Hideaway" not in text_of(client_for(viewer).get(address)), (viewer, address)
    assert "Twins Hideaway" in text_of(client_for(meg).get("/groups/?q=twins"))


def test_a_search_with_no_match_says_so_kindly(nia, client_for):
    page = text_of(client_for(nia).get("/groups/?q=zebra+crossing"))
    assert "No groups match that" in page and "start one" in page


def test_browsing_by_kind_keeps_each_kind_to_its_tab(olive, client_for):
    make_group(olive, "Ipswich Parents", privacy="public", kind="local")
    make_group(olive, "Dads Who Walk", privacy="public")
    rowan = make_member("rowan", place="Ipswich", children=[{"due_date": date(2027, 5, 1)}])
    from kettle.groups.clubs import clubs_for

    club = clubs_for(rowan)[0]
    client = client_for(None)

    everything = text_of(client.get("/groups/"))
    assert "Ipswich Parents" in everything and "Dads Who Walk" in everything and club.name not in everything
    local = text_of(client.get("/groups/?kind=local"))
    assert "Ipswich Parents" in local and "Dads Who Walk" not in local
    clubs = text_of(client.get("/groups/?kind=due_month"))
    assert club.name in clubs and "Ipswich Parents" not in clubs
    assert "Dads Who Walk" in text_of(client.get("/groups/?kind=interest"))


def test_browsing_goes_a_page_at_a_time_without_repeats(olive, client_for):
    for i in range(30):
        make_group(olive, f"Baby Group {i:02d}", privacy="public")
    client = client_for(None)

    first = text_of(client.get("/groups/?kind=interest"))
    link = re.search(r'href="\?kind=interest&before=(\d+)" rel="next">More groups', first)
    assert link is not None
    second = text_of(client.get(f"/groups/?kind=interest&before={link.group(1)}"))

    first_names = set(re.findall(r"Baby Group \d\d", first))
    second_names = set(re.findall(r"Baby Group \d\d", second))
    assert len(first_names) == 24 and len(second_names) == 6
    assert not first_names & second_names and "More groups" not in second


@pytest.mark.parametrize("address", ["/groups/?kind=nonsense", "/groups/?before=abc", "/groups/?before=-5",
                                     "/groups/?q=" + "x" * 5000, "/groups/?q=%00", "/groups/?kind=due_month&before=99"])
def test_odd_addresses_still_give_the_directory(address, nia, client_for):
    assert client_for(nia).get(address).status_code == 200
    assert client_for(None).get(address).status_code == 200


def test_a_group_run_by_an_organisation_shows_its_name_and_the_verified_badge(olive, nia, client_for):
    staff = make_member("stella", staff=True)
    verified = actions.do_create_organisation(olive, name="Little Steps Suffolk")
    actions.do_verify_organisation(staff, verified.id)
    unverified = actions.do_create_organisation(olive, name="Brand New Charity")
    make_group(olive, "Baby Massage Class", privacy="public", organisation_id=verified.id)
    make_group(olive, "Toddler Tales", privacy="public", organisation_id=unverified.id)

    page = text_of(client_for(nia).get("/groups/"))
    row = page[page.index("Baby Massage Class"):]
    assert "Little Steps Suffolk" in row[:row.index("</li>")] and "Verified" in row[:row.index("</li>")]
    row = page[page.index("Toddler Tales"):]
    assert "Brand New Charity" in row[:row.index("</li>")] and "Verified" not in row[:row.index("</li>")]


def test_start_a_group_is_offered_to_everyone_and_asks_visitors_to_log_in(client_for, nia):
    assert 'href="/groups/new"' in text_of(client_for(None).get("/groups/"))
    assert 'href="/groups/new"' in text_of(client_for(nia).get("/groups/"))
    response = client_for(None).get("/groups/new")
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_the_groups_link_is_in_the_main_navigation(client_for, nia):
    for viewer in (None, nia):
        page = text_of(client_for(viewer).get("/"))
        nav = page[page.index('<nav aria-label="Main">'):page.index("</nav>")]
        assert 'href="/groups/"' in nav
        assert nav.index("Local") < nav.index("Groups")


def test_the_directory_keeps_a_flat_query_count_as_your_groups_and_invitations_grow(
        olive, meg, django_assert_max_num_queries):
    client = CommittingClient()
    client.force_login(meg, backend="kettle.accounts.auth.MemberBackend")
    org = actions.do_create_organisation(olive, name="Little Steps Suffolk")

    def grow(start: int, n: int) -> None:
        for i in range(start, start + n):
            joined = make_group(olive, f"Joined {i}", privacy="public", organisation_id=org.id, members=(meg,))
            asked = make_group(olive, f"Asked {i}", privacy="private")
            invited = make_group(olive, f"Invited {i}", privacy="secret")
            committed(actions.do_join_group, meg, asked.id, answers=[])
            committed(actions.do_invite_member, olive, invited.id, "meg")
            assert joined and Group.objects.filter(name=f"Invited {i}").exists()

    grow(0, 1)
    with django_assert_max_num_queries(30) as few:
        client.get("/groups/")
    grow(1, 6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = text_of(client.get("/groups/"))
    assert "Joined 6" in page and "Asked 6" in page and "Invited 6" in page
