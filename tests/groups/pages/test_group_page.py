"""The group pages beyond the first screen: older posts arriving by htmx, pinned anonymous posts
naming nobody, a site club's header and way in, and the about and members pages keeping a flat
query count however many people belong."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kettle.accounts import actions as account_actions
from kettle.groups import actions
from kettle.groups.clubs import clubs_for
from kettle.groups.models import Membership
from tests.factories import make_member, suffolk_place
from tests.helpers import committed, posted, text_of


def test_older_posts_arrive_by_htmx_without_the_pinned_ones_again(group_of, olive, meg, client_for):
    group = group_of("public")
    welcome = posted(olive, "Pinned: how we meet", group_id=group.id)
    committed(actions.do_pin_post, olive, group.id, welcome.id)
    for i in range(25):
        posted(meg, f"Numbered post {i:02d}", group_id=group.id)
    client = client_for(meg)

    first = text_of(client.get(group.url))
    more = re.search(rf'hx-get="({re.escape(group.url)}\?before=\d+)"', first)
    assert more is not None

    response = client.get(more.group(1), HTTP_HX_REQUEST="true")
    older = text_of(response)

    assert response.status_code == 200
    assert '<div class="post-items">' in older and "Numbered post 00" in older
    assert "Numbered post 24" not in older and "Pinned: how we meet" not in older


def test_a_pinned_anonymous_post_names_nobody_to_members(group_of, olive, meg, nia, client_for):
    group = group_of("public", allow_anonymous=True)
    committed(actions.do_join_group, nia, group.id)
    secret = posted(meg, "Struggling with the night feeds, honestly", group_id=group.id, anonymous=True)
    committed(actions.do_pin_post, olive, group.id, secret.id)

    source = client_for(nia).get(group.url).content.decode()

    pinned = source[source.index('aria-label="Pinned posts"'):]
    assert "Struggling with the night feeds" in pinned
    assert "meg" not in source.lower()


def test_a_parent_due_that_month_is_offered_to_join_their_club_not_to_ask(db, client_for):
    suffolk_place("Ipswich")
    parent = make_member("hana", place="Kesgrave")
    committed(account_actions.do_add_child, parent, due_date=date(2027, 3, 14))
    club = clubs_for(parent)[0]
    Membership.objects.filter(group=club, member=parent).delete()  # as if they had left it

    page = text_of(client_for(parent).get(club.url))
    start = page.index('<header class="card group-header">')
    header = page[start:page.index("</header>", start)]

    assert "Due-month club" in header and "run by" in header
    assert "Ask to join" not in header and f'action="/groups/{club.slug}/join"' in header
    assert "This club is for your month" in page and "a moderator will let you in" not in page

    stranger = text_of(client_for(make_member("ines")).get(club.url))
    assert "Ask to join" in stranger and "This club is for your month" not in stranger


def fill_group(group, start: int, count: int) -> None:
    for i in range(start, start + count):
        person = make_member(f"parent{i:02d}")
        committed(actions.do_join_group, person, group.id)


@pytest.mark.parametrize("who", ["owner", "member"])
def test_the_members_page_costs_the_same_queries_with_3_members_or_25(who, group_of, olive, meg, client_for,
                                                                      django_assert_max_num_queries):
    group = group_of("public")
    client = client_for(olive if who == "owner" else meg)
    fill_group(group, 0, 3)
    with django_assert_max_num_queries(30) as few:
        assert client.get(f"{group.url}/members").status_code == 200
    fill_group(group, 3, 22)

    with django_assert_max_num_queries(len(few.captured_queries)):
        page = text_of(client.get(f"{group.url}/members"))

    assert "@parent24" in page and "@parent00" in page


def test_the_about_page_costs_the_same_queries_with_one_moderator_or_five(group_of, olive, meg, client_for,
                                                                         django_assert_max_num_queries):
    org = actions.do_create_organisation(olive, name="Little Steps Suffolk")
    group = group_of("public", organisation_id=org.id, rules="Be kind.")
    client = client_for(meg)
    with django_assert_max_num_queries(30) as few:
        assert client.get(f"{group.url}/about").status_code == 200
    for i in range(4):
        helper = make_member(f"helper{i}")
        committed(actions.do_join_group, helper, group.id)
        committed(actions.do_set_role, olive, group.id, helper.id, "moderator")

    with django_assert_max_num_queries(len(few.captured_queries)):
        page = text_of(client.get(f"{group.url}/about"))

    assert "@helper3" in page and "@moira" in page
