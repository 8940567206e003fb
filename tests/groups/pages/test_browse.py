"""/groups/ as it grows: browsing, search and suggestions cost the same queries however many
organisation-run groups there are, "More groups" keeps to its kind, and a secret group is
among its own members' groups without ever being browsable."""

from __future__ import annotations

import re

import pytest

from kettle.groups import actions
from tests.factories import make_group, make_member, suffolk_place
from tests.helpers import text_of


@pytest.fixture(autouse=True)
def _many_groups_allowed(settings):
    settings.GROUP_CREATE_RATE = "500/60"


def make_many(owner, start: int, count: int, organisation, **fields) -> None:
    for i in range(start, start + count):
        make_group(owner, f"Coffee Morning {i:02d}", privacy="public" if i % 2 else "private",
                   organisation_id=organisation.id, topics=["coffee"], **fields)


@pytest.mark.parametrize("address", ["/groups/", "/groups/?q=coffee", "/groups/?kind=interest"])
@pytest.mark.parametrize("signed_in", [False, True])
def test_browsing_and_search_keep_a_flat_query_count(address, signed_in, olive, nia, client_for,
                                                     django_assert_max_num_queries):
    organisation = actions.do_create_organisation(olive, name="Little Steps Suffolk")
    actions.do_verify_organisation(make_member("stella", staff=True), organisation.id)
    client = client_for(nia if signed_in else None)
    make_many(olive, 0, 2, organisation)
    with django_assert_max_num_queries(40) as few:
        assert client.get(address).status_code == 200

    make_many(olive, 2, 14, organisation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = text_of(client.get(address))

    assert "Coffee Morning 15" in page and "Verified" in page


def test_suggestions_keep_a_flat_query_count(olive, nia, client_for, django_assert_max_num_queries):
    organisation = actions.do_create_organisation(olive, name="Little Steps Suffolk")
    felixstowe = suffolk_place("Felixstowe").id
    local = {"kind": "local", "place_id": felixstowe, "radius_km": 5}
    client = client_for(nia)
    make_many(olive, 0, 1, organisation, **local)
    with django_assert_max_num_queries(40) as few:
        page = text_of(client.get("/groups/"))
    assert "Suggested for you" in page

    make_many(olive, 1, 8, organisation, **local)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = text_of(client.get("/groups/"))

    suggested = page[page.index("<h2>Suggested for you"):]
    assert len(re.findall(r"Coffee Morning \d\d", suggested[:suggested.index("</section>")])) > 1


def test_more_groups_keeps_to_the_kind_being_browsed(olive, nia, client_for):
    for i in range(30):
        make_group(olive, f"Interest {i:02d}", privacy="public")
    make_group(olive, "Ipswich Parents", privacy="public", kind="local")
    client = client_for(nia)

    first = text_of(client.get("/groups/?kind=interest"))
    more = re.search(r'href="\?kind=interest&before=(\d+)" rel="next"', first)
    assert more is not None
    second = text_of(client.get(f"/groups/?kind=interest&before={more.group(1)}"))

    seen = set(re.findall(r"Interest \d\d", first)) | set(re.findall(r"Interest \d\d", second))
    assert len(seen) == 30 and "Ipswich Parents" not in first + second


def test_a_secret_group_is_among_its_members_groups_and_never_browsable(olive, meg, nia, client_for):
    make_group(olive, "Rainbow Babies Circle", privacy="secret", members=(meg,))

    mine = text_of(client_for(meg).get("/groups/"))
    yours = mine[mine.index("<h2>Your groups"):]
    assert "Rainbow Babies Circle" in yours[:yours.index("</section>")]
    browsing = mine[mine.index("<h2>Local and interest groups"):]
    assert "Rainbow Babies Circle" not in browsing

    for viewer in (nia, None):
        for address in ("/groups/", "/groups/?kind=interest", "/groups/?q=rainbow"):
            assert "Rainbow Babies Circle" not in text_of(client_for(viewer).get(address)), (viewer, address)


def test_a_request_waiting_can_be_withdrawn_from_the_directory(group_of, nia, pending_in, client_for):
    group = group_of("private")
    pending_in(nia, group)

    page = text_of(client_for(nia).get("/groups/"))

    waiting = page[page.index("<h2>Waiting"):]
    waiting = waiting[:waiting.index("</section>")]
    assert group.name in waiting and f'href="/groups/{group.slug}/leave">Withdraw request' in waiting
