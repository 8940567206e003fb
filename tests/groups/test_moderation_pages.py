"""The moderators' pages as a whole: every moderation address is a 404 to anyone who doesn't
moderate the group (and changes nothing), organisation admins and site staff moderate what
they run, and each small form works as a plain post (back to the page with a message) and
through htmx (a few words in place)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kettle.groups import actions
from kettle.groups.models import Group, Membership
from kettle.social.models import Post
from tests.factories import make_group, make_member
from tests.helpers import CommittingClient, committed, posted, text_of

HTMX = {"HTTP_HX_REQUEST": "true"}


def browser(member) -> CommittingClient:
    client = CommittingClient()
    if member is not None:
        client.force_login(member, backend="kettle.accounts.auth.MemberBackend")
    return client


@pytest.fixture
def busy_group(group_of, nia, pending_in):
    """A private group with Nia asking to join and a post of Meg's waiting for approval."""
    group = group_of("private", post_approval="all", questions=["Which class?"])
    pending_in(nia, group, answers=["Baby yoga"])
    held = posted(group.memberships.get(member__handle="meg").member, "Held for a look", group_id=group.id)
    return group, held


def moderation_addresses(group, held, nia, meg) -> list[tuple[str, str]]:
    slug = group.slug
    return [
        ("get", f"/groups/{slug}/queue"),
        ("get", f"/groups/{slug}/settings"),
        ("get", f"/groups/{slug}/invites"),
        ("get", f"/groups/{slug}/delete"),
        ("get", f"/groups/{slug}/members/{meg.id}/ban"),
        ("post", f"/groups/{slug}/requests/{nia.id}/approve"),
        ("post", f"/groups/{slug}/requests/{nia.id}/decline"),
        ("post", f"/groups/{slug}/posts/{held.id}/review/approve"),
        ("post", f"/groups/{slug}/posts/{held.id}/review/decline"),
        ("post", f"/groups/{slug}/posts/{held.id}/pin"),
        ("post", f"/groups/{slug}/members/{meg.id}/remove"),
        ("post", f"/groups/{slug}/members/{meg.id}/ban"),
        ("post", f"/groups/{slug}/members/{meg.id}/moderator"),
        ("post", f"/groups/{slug}/members/{meg.id}/owner"),
        ("post", f"/groups/{slug}/invites"),
        ("post", f"/groups/{slug}/delete"),
    ]


@pytest.mark.parametrize("who", ["member", "pending", "outsider", "banned", "blocked_by_owner"])
def test_every_moderation_address_is_a_404_to_those_who_dont_moderate_and_changes_nothing(
        who, busy_group, olive, meg, nia, bea, banned_from):
    from kettle.social.actions import do_block

    group, held = busy_group
    viewer = {"member": meg, "pending": nia, "outsider": bea, "banned": bea, "blocked_by_owner": bea}[who]
    if who == "banned":
        banned_from(bea, group)
    if who == "blocked_by_owner":
        committed(do_block, olive, bea)
    before = sorted(Membership.objects.filter(group=group).values_list("member__handle", "state", "role"))
    client = browser(viewer)

    for method, address in moderation_addresses(group, held, nia, meg):
        response = getattr(client, method)(address, **({} if method == "get" else HTMX))
        assert response.status_code == 404, (method, address)

    assert sorted(Membership.objects.filter(group=group).values_list("member__handle", "state", "role")) == before
    assert Post.objects.get(id=held.id).held_at is not None and Group.objects.filter(id=group.id).exists()
    assert not group.invites.exists()


def test_a_logged_out_visitor_is_sent_to_log_in_and_nothing_changes(busy_group, meg, nia):
    group, held = busy_group
    for method, address in moderation_addresses(group, held, nia, meg):
        response = getattr(browser(None), method)(address)
        assert response.status_code == 302 and response.url.startswith("/login/"), address
    assert Membership.objects.get(group=group, member=nia).state == "pending"


def test_the_admins_of_the_organisation_that_runs_a_group_moderate_it(olive, meg, nia, pending_in):
    org = actions.do_create_organisation(olive, name="Little Steps Suffolk")
    admin = make_member("ada")
    actions.do_set_team_member(olive, org.id, "ada", role="admin")
    group = make_group(olive, "Baby Massage Class", privacy="private", organisation_id=org.id, members=(meg,))
    pending_in(nia, group)
    client = browser(admin)

    queue = text_of(client.get(f"{group.url}/queue"))
    assert "@nia" in queue
    client.post(f"/groups/{group.slug}/requests/{nia.id}/approve")
    assert Membership.objects.get(group=group, member=nia).state == "active"
    assert "Moderation" in text_of(client.get(group.url))


def test_site_staff_moderate_the_due_month_clubs_the_site_runs(client_for):
    from kettle.groups.clubs import clubs_for

    parent = make_member("rowan", place="Ipswich", children=[{"due_date": date(2027, 5, 1)}])
    club = clubs_for(parent)[0]
    committed(actions.do_join_group, parent, club.id)
    staff = make_member("stella", staff=True)

    assert browser(staff).get(f"{club.url}/queue").status_code == 200
    assert browser(make_member("nobody")).get(f"{club.url}/queue").status_code == 404
    assert "@rowan" in text_of(browser(staff).get(f"{club.url}/members"))


def test_each_small_form_posts_plainly_and_through_htmx(busy_group, olive, meg):
    group, held = busy_group
    live = posted(olive, "Welcome, everyone", group_id=group.id)

    queue = text_of(browser(olive).get(f"{group.url}/queue"))
    feed = text_of(browser(olive).get(group.url))
    members = text_of(browser(olive).get(f"{group.url}/members"))

    for page, address in ((queue, f"/groups/{group.slug}/requests/"), (queue, f"/groups/{group.slug}/posts/{held.id}"),
                          (feed, f"/groups/{group.slug}/posts/{live.id}/pin"),
                          (members, f"/groups/{group.slug}/members/{meg.id}/remove")):
        forms = re.findall(r'<form method="post" action="([^"]+)"[^>]*hx-post="([^"]+)"', page)
        assert any(plain.startswith(address) and plain == htmx for plain, htmx in forms), address


def test_a_plain_form_goes_back_to_the_queue_with_a_message(busy_group, olive, nia):
    group, held = busy_group
    client = browser(olive)

    answered = client.post(f"/groups/{group.slug}/requests/{nia.id}/decline")
    assert answered.status_code == 302 and answered.url == f"/groups/{group.slug}/queue"
    page = text_of(client.get(answered.url))
    assert "Declined. They aren't told." in page and "Nobody is waiting" in page

    reviewed = client.post(f"/groups/{group.slug}/posts/{held.id}/review/approve", follow=True)
    assert "Approved: it's in the group now." in text_of(reviewed) and "No posts are waiting." in text_of(reviewed)


def test_htmx_gets_a_few_words_and_no_page(busy_group, olive, meg):
    group, held = busy_group
    response = browser(olive).post(f"/groups/{group.slug}/posts/{held.id}/review/decline", **HTMX)
    assert response.status_code == 200 and "<html" not in text_of(response)
    assert "Declined: the post is removed." in text_of(response)
    assert Post.objects.filter(id=held.id, deleted_at=None).exists() is False

    refused = browser(olive).post(f"/groups/{group.slug}/members/{olive.id}/remove", **HTMX)
    assert refused.status_code == 200 and "You can't remove this member." in text_of(refused)


def test_a_pin_from_the_group_page_pins_and_unpins(group_of, mo, meg):
    group = group_of("public")
    post = posted(meg, "Our meeting place", group_id=group.id)
    client = browser(mo)

    client.post(f"/groups/{group.slug}/posts/{post.id}/pin", {"pinned": "1"})
    page = text_of(client.get(group.url))
    assert "Pinned by the moderators" in page and "Unpin" in page
    client.post(f"/groups/{group.slug}/posts/{post.id}/pin", {"pinned": "0"})
    assert Post.objects.get(id=post.id).pinned_at is None


def test_older_posts_keep_their_moderator_tools(group_of, olive, meg):
    group = group_of("public")
    posts = [posted(meg, f"Post {i}", group_id=group.id) for i in range(22)]
    page = text_of(browser(olive).get(f"{group.url}?before={posts[2].id}"))
    assert f"/posts/{posts[0].id}/pin" in page and f"/posts/{posts[1].id}/pin" in page
    assert 'hx-select=".post-items > *, nav.older"' in text_of(browser(olive).get(group.url))


def test_group_notifications_lead_to_the_queue_the_group_or_the_post(group_of, olive, meg, nia, pending_in):
    group = group_of("private", post_approval="all")
    held = posted(meg, "Can I share the sling library dates?", group_id=group.id)
    pending_in(nia, group)

    moderator = text_of(browser(olive).get("/notifications/"))
    assert moderator.count(f'href="/groups/{group.slug}/queue"') >= 2  # the request and the held post

    browser(olive).post(f"/groups/{group.slug}/posts/{held.id}/review/approve")
    browser(olive).post(f"/groups/{group.slug}/requests/{nia.id}/approve")
    assert f'href="{held.url}"' in text_of(browser(meg).get("/notifications/"))
    assert f'href="{group.url}">Go to {group.name}' in text_of(browser(nia).get("/notifications/"))
