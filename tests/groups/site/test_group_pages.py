"""The group pages: the feed with its composer, about, members, and what an outsider sees."""

from __future__ import annotations

import pytest

from kettle.groups import actions
from tests.helpers import committed, posted, text_of


def test_a_public_group_shows_its_posts_rules_and_composer_to_a_member(group_of, meg, client_for):
    group = group_of("public", rules="Be kind. No selling.")
    posted(meg, "Anyone for the library rhyme time?", group_id=group.id)

    page = text_of(client_for(meg).get(group.url))

    assert "Anyone for the library rhyme time?" in page
    assert "Be kind. No selling." in page and "Group rules" in page
    assert 'name="group"' in page and "You're a member" in page


def test_a_private_group_shows_outsiders_only_its_door(group_of, meg, nia, client_for):
    group = group_of("private", description="Parents at the Tuesday class.", rules="What's said here stays here.")
    posted(meg, "My secret worry about weaning", group_id=group.id)

    for viewer in (nia, None):
        response = client_for(viewer).get(group.url)
        page = text_of(response)
        assert response.status_code == 200
        assert "My secret worry" not in page and "@meg" not in page and "Meg" not in page
        assert "Parents at the Tuesday class." in page and "What's said here stays here." in page
    assert "Ask to join" in text_of(client_for(nia).get(group.url))


@pytest.mark.parametrize("who, status", [("outsider", 404), ("logged_out", 404), ("member", 200)])
def test_a_secret_group_is_a_404_to_everyone_outside_it(who, status, group_of, meg, nia, client_for):
    group = group_of("secret")
    viewer = {"outsider": nia, "logged_out": None, "member": meg}[who]
    for address in (group.url, f"{group.url}/about", f"{group.url}/join"):
        if who != "outsider" and address.endswith("/join"):
            continue  # logged out: asked to log in first; a member: sent to the group
        assert client_for(viewer).get(address).status_code == status, address


def test_the_member_list_is_for_signed_in_readers_only(group_of, meg, nia, client_for):
    public, private = group_of("public"), group_of("private")

    assert client_for(None).get(f"{public.url}/members").status_code == 404
    assert client_for(nia).get(f"{private.url}/members").status_code == 404
    page = text_of(client_for(nia).get(f"{public.url}/members"))
    assert "@meg" in page and "@moira" in page and "Owner and moderators" in page


def test_the_member_list_hides_people_blocked_either_way(group_of, meg, nia, client_for):
    from kettle.social.actions import do_block

    group = group_of("public")
    committed(actions.do_join_group, nia, group.id)
    committed(do_block, meg, nia)

    assert "@meg" not in text_of(client_for(nia).get(f"{group.url}/members"))
    assert "@nia" not in text_of(client_for(meg).get(f"{group.url}/members"))


def test_an_anonymous_post_in_the_feed_never_names_its_author_in_the_page_source(group_of, meg, nia, client_for):
    group = group_of("public", allow_anonymous=True)
    committed(actions.do_join_group, nia, group.id)
    posted(meg, "I don't feel any bond with my baby yet", group_id=group.id, anonymous=True)

    for viewer in (nia, None):
        page = client_for(viewer).get(group.url).content.decode()
        assert "I don't feel any bond" in page.replace("&#39;", "'")
        assert "meg" not in page.lower()
    moderator_page = text_of(client_for(group.memberships.get(role="owner").member).get(group.url))
    assert "@meg" in moderator_page and "only moderators see this name" in moderator_page


def test_the_group_page_costs_the_same_queries_with_3_posts_or_25(group_of, meg, client_for,
                                                                   django_assert_max_num_queries):
    group = group_of("public", allow_anonymous=True)
    client = client_for(meg)

    def fill(n):
        for i in range(n):
            posted(meg, f"Post {i}", group_id=group.id, anonymous=i % 2 == 0)

    fill(3)
    with django_assert_max_num_queries(18) as few:
        client.get(group.url)
    fill(22)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(group.url).status_code == 200
