"""Starting a group, its settings, closing it, and the directory of groups."""

from __future__ import annotations

from kettle.groups.models import Group, Membership
from tests.factories import make_group, suffolk_place
from tests.helpers import text_of


def test_starting_a_local_group_makes_you_its_owner(nia, client_for):
    place = suffolk_place("Felixstowe")
    client = client_for(nia)
    assert "Start a group" in text_of(client.get("/groups/new"))

    response = client.post("/groups/new", {
        "kind": "local", "name": "Felixstowe Seafront Parents", "privacy": "private", "place_id": place.id,
        "place_q": "Felixstowe", "radius_km": "15", "post_approval": "first", "questions": "Where are you based?",
        "topics": "walks, coffee"})

    group = Group.objects.get(name="Felixstowe Seafront Parents")
    assert response.status_code == 302 and response.url == group.url
    assert (group.kind, group.privacy, group.place, group.radius_km) == ("local", "private", place, 15)
    assert group.questions == ["Where are you based?"]
    assert Membership.objects.get(group=group).member == nia and group.memberships.get().role == "owner"


def test_a_local_group_without_a_town_is_refused_and_nothing_is_made(nia, client_for):
    response = client_for(nia).post("/groups/new", {"kind": "local", "name": "Somewhere", "privacy": "public",
                                                    "post_approval": "none"})
    assert response.status_code == 400 and "A local group needs its town or village." in text_of(response)
    assert not Group.objects.exists()


def test_settings_change_the_rules_and_only_the_owner_changes_privacy(group_of, olive, mo, client_for):
    group = group_of("private")
    fields = {"name": group.name, "privacy": "public", "post_approval": "none", "rules": "Be gentle."}

    refused = client_for(mo).post(f"{group.url}/settings", fields)
    assert refused.status_code == 400 and "Only the group's owner" in text_of(refused)
    assert Group.objects.get(id=group.id).privacy == "private"

    client_for(mo).post(f"{group.url}/settings", {**fields, "privacy": "private"})
    assert Group.objects.get(id=group.id).rules == "Be gentle."
    client_for(olive).post(f"{group.url}/settings", fields)
    assert Group.objects.get(id=group.id).privacy == "public"


def test_only_the_owner_may_close_a_group(group_of, olive, mo, client_for):
    group = group_of("public")
    assert client_for(mo).get(f"{group.url}/delete").status_code == 404
    client_for(olive).post(f"{group.url}/delete")
    assert not Group.objects.filter(id=group.id).exists()


def test_the_directory_lists_groups_but_never_a_secret_one_to_outsiders(group_of, meg, nia, client_for):
    group_of("public"), group_of("secret")
    for viewer in (nia, None):
        page = text_of(client_for(viewer).get("/groups/"))
        assert "Ipswich Public Parents" in page and "Ipswich Secret Parents" not in page
        found = text_of(client_for(viewer).get("/groups/?q=secret"))
        assert "Ipswich Secret Parents" not in found
    mine = text_of(client_for(meg).get("/groups/"))
    assert "Your groups" in mine and "Ipswich Secret Parents" in mine


def test_the_directory_suggests_groups_with_a_reason(olive, nia, client_for):
    make_group(olive, "Felixstowe Walkers", privacy="public", kind="local", place_id=suffolk_place("Felixstowe").id,
               radius_km=5)
    page = text_of(client_for(nia).get("/groups/"))
    assert "Suggested for you" in page and "Felixstowe Walkers" in page and "Local to you (same town)" in page


def test_the_directory_costs_the_same_queries_as_groups_grow(olive, nia, client_for, django_assert_max_num_queries,
                                                             settings):
    settings.GROUP_CREATE_RATE = "100/60"
    client = client_for(nia)
    make_group(olive, "Group 0", privacy="public")
    with django_assert_max_num_queries(30) as few:
        client.get("/groups/")
    for i in range(1, 8):
        make_group(olive, f"Group {i}", privacy="public")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/groups/").status_code == 200
