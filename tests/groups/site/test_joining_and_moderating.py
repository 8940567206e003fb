"""Asking to join a private group with answers, a moderator approving in the queue, and then
the new member reading the posts, with the group's new posts arriving in their home timeline."""

from __future__ import annotations

from kettle.groups.models import Membership
from kettle.social.models import Post
from tests.helpers import CommittingClient, posted, text_of


def logged_in(member) -> CommittingClient:
    client = CommittingClient()
    client.force_login(member, backend="kettle.accounts.auth.MemberBackend")
    return client


def test_request_with_answers_then_approval_then_posts_and_home_timeline(group_of, olive, meg, nia):
    group = group_of("private", questions=["Which class do you go to?"], rules="Kindness first.")
    posted(meg, "Welcome, Tuesday crew", group_id=group.id)
    nia_browser, olive_browser = logged_in(nia), logged_in(olive)

    form = text_of(nia_browser.get(f"{group.url}/join"))
    assert "Which class do you go to?" in form and "Kindness first." in form
    empty = nia_browser.post(f"{group.url}/join", {})
    assert empty.status_code == 400 and "Please answer this question." in text_of(empty)
    assert not Membership.objects.filter(group=group, member=nia).exists()

    sent = nia_browser.post(f"{group.url}/join", {"answer_0": "Baby massage at Kesgrave"}, follow=True)
    assert "Your request is with the moderators" in text_of(sent)
    assert "Welcome, Tuesday crew" not in text_of(nia_browser.get(group.url))

    queue = text_of(olive_browser.get(f"{group.url}/queue"))
    assert "Baby massage at Kesgrave" in queue and "@nia" in queue
    approved = olive_browser.post(f"/groups/{group.slug}/requests/{nia.id}/approve", follow=True)
    assert "they're in" in text_of(approved)

    assert "Welcome, Tuesday crew" in text_of(nia_browser.get(group.url))
    posted(meg, "Soft play on Friday, who's coming?", group_id=group.id)
    home = text_of(nia_browser.get("/"))
    assert "Soft play on Friday" in home and "Welcome, Tuesday crew" in home


def test_joining_a_public_group_is_one_click(group_of, nia):
    group = group_of("public")
    response = logged_in(nia).post(f"{group.url}/join", follow=True)
    assert "You're in!" in text_of(response)
    assert Membership.objects.get(group=group, member=nia).state == "active"


def test_the_queue_and_member_actions_are_a_404_to_members_and_outsiders(group_of, meg, nia):
    group = group_of("private")
    for member in (meg, nia):
        client = logged_in(member)
        assert client.get(f"{group.url}/queue").status_code == 404
        assert client.get(f"{group.url}/settings").status_code == 404
        assert client.post(f"/groups/{group.slug}/members/{meg.id}/remove").status_code == 404
    assert Membership.objects.filter(group=group, member=meg, state="active").exists()


def test_held_posts_wait_in_the_queue_and_approval_publishes_them(group_of, olive, meg, nia):
    group = group_of("public", post_approval="all")
    held = posted(meg, "Can I share my sling library's dates?", group_id=group.id)
    assert held.held_at is not None
    assert "sling library" not in text_of(logged_in(nia).get(group.url))

    client = logged_in(olive)
    assert "sling library" in text_of(client.get(f"{group.url}/queue"))
    client.post(f"/groups/{group.slug}/posts/{held.id}/review/approve")
    assert Post.objects.get(id=held.id).held_at is None
    assert "sling library" in text_of(logged_in(nia).get(group.url))


def test_moderators_pin_posts_and_ban_after_confirming(group_of, olive, mo, meg):
    group = group_of("public")
    post = posted(meg, "Our meeting place is the library café", group_id=group.id)
    client = logged_in(mo)

    client.post(f"/groups/{group.slug}/posts/{post.id}/pin", {"pinned": "1"})
    assert Post.objects.get(id=post.id).pinned_at is not None
    assert "Pinned by the moderators" in text_of(client.get(group.url))

    confirm = client.get(f"/groups/{group.slug}/members/{meg.id}/ban")
    assert "Ban Meg from" in text_of(confirm)
    client.post(f"/groups/{group.slug}/members/{meg.id}/ban")
    assert Membership.objects.get(group=group, member=meg).state == "banned"

    refused = client.post(f"/groups/{group.slug}/members/{olive.id}/remove", follow=True)
    assert "You can't remove this member." in text_of(refused)
    assert Membership.objects.get(group=group, member=olive).state == "active"


def test_an_invite_link_lets_someone_straight_into_a_secret_group(group_of, olive, nia):
    group = group_of("secret")
    client = logged_in(olive)
    client.post(f"{group.url}/invites", {"days": "7", "max_uses": "1"})
    invite = group.invites.get()

    landing = logged_in(nia).get(invite.url)
    assert landing.status_code == 200 and group.name in text_of(landing)
    logged_in(nia).post(invite.url)
    assert Membership.objects.get(group=group, member=nia).state == "active"

    client.post(f"/groups/{group.slug}/invites/{invite.id}/revoke")
    assert logged_in(nia).get(invite.url).status_code == 404
