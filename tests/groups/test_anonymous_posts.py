"""Anonymous group posts where they meet following, organisations and the approval queue (the
cards, search, profile, replies and notifications are in test_anonymity.py): the author's
followers outside the group never receive the post, so its arrival can't hint at who wrote it;
the admins of the organisation running the group may see the author, its ordinary team may not;
a held anonymous post names its author only to the moderators who approve it."""

from __future__ import annotations

import pytest

from kettle.groups import actions
from kettle.notifications.models import Notification
from kettle.social import timelines
from kettle.social.actions import do_follow
from kettle.social.models import FeedEntry, Post
from kettle.social.timelines import cards_for
from tests.factories import make_member
from tests.helpers import committed, posted

WORDS = "Does anyone else feel nothing like themselves since the birth?"


@pytest.fixture
def ana(db):
    """The anonymous author, with a public profile anyone may follow."""
    return make_member("ana", is_public=True)


def card_for(post: Post, viewer):
    return cards_for([Post.objects.visible_to(viewer).for_display().get(id=post.id)], viewer)[0]


def home_ids(member) -> list[int]:
    return [card.post.id for card in timelines.home_timeline(member).items]


def test_the_authors_followers_outside_the_group_never_receive_it(group_of, ana, cal, dee):
    group = group_of("public", allow_anonymous=True)
    committed(actions.do_join_group, ana, group.id)
    committed(do_follow, cal, ana)
    named = posted(ana, "Lovely walk by the Orwell today")
    secret = posted(ana, WORDS, group_id=group.id, anonymous=True)
    committed(do_follow, dee, ana)  # following afterwards backfills her own posts only

    for follower in (cal, dee):
        assert not FeedEntry.objects.filter(member=follower, post=secret).exists()
        assert home_ids(follower) == [named.id]
        assert card_for(secret, follower).author is None  # a public group: they may still read it there


def test_a_follower_in_the_group_gets_it_nameless_like_every_member(group_of, ana, cal):
    group = group_of("public", allow_anonymous=True)
    for person in (ana, cal):
        committed(actions.do_join_group, person, group.id)
    committed(do_follow, cal, ana)
    secret = posted(ana, WORDS, group_id=group.id, anonymous=True)
    home = timelines.home_timeline(cal).items
    assert [(card.post.id, card.author, card.revealed) for card in home] == [(secret.id, None, False)]


@pytest.mark.parametrize("role, sees_author", [("admin", True), ("team", False)])
def test_the_organisations_admins_see_who_wrote_it_and_its_team_does_not(ana, olive, role, sees_author):
    organisation = committed(actions.do_create_organisation, olive, name="Little Steps Suffolk")
    staffer = make_member("sal")
    committed(actions.do_set_team_member, olive, organisation.id, "sal", role=role)
    group = committed(actions.do_create_group, olive, name="Feeding Together", privacy="private",
                      allow_anonymous=True, organisation_id=organisation.id)
    committed(actions.do_invite_member, olive, group.id, "ana")
    committed(actions.do_join_group, ana, group.id)
    secret = posted(ana, WORDS, group_id=group.id, anonymous=True)
    if sees_author:
        card = card_for(secret, staffer)
        assert (card.author, card.revealed) == (ana, True)
    else:  # an ordinary team member outside this private group may not even read it
        assert not Post.objects.visible_to(staffer).filter(id=secret.id).exists()


def test_a_held_anonymous_post_names_its_author_only_to_the_moderators(group_of, ana, olive, mo, meg):
    group = group_of("public", allow_anonymous=True, post_approval="all")
    committed(actions.do_join_group, ana, group.id)
    secret = posted(ana, WORDS, group_id=group.id, anonymous=True)
    assert (card_for(secret, mo).author, card_for(secret, mo).revealed) == (ana, True)
    held = Notification.objects.filter(kind=Notification.Kind.POST_HELD, post=secret)
    assert sorted(held.values_list("recipient__handle", flat=True)) == ["moira", "olive"]

    committed(actions.do_approve_post, mo, group.id, secret.id)

    assert card_for(secret, meg).author is None
    assert home_ids(meg) == [secret.id]
    assert not Notification.objects.filter(actor=ana).exclude(recipient__in=(olive, mo)).exists()
    assert list(Notification.objects.filter(recipient=ana).values_list("kind", flat=True)) == ["post_approved"]


def test_an_anonymous_post_stays_anonymous_after_the_author_hands_the_group_on(group_of, ana, olive, meg):
    """Becoming the owner reveals nothing new to the author, and the old owner keeps moderating."""
    group = group_of("public", allow_anonymous=True)
    committed(actions.do_join_group, ana, group.id)
    secret = posted(ana, WORDS, group_id=group.id, anonymous=True)
    committed(actions.do_transfer_ownership, olive, group.id, meg.id)
    assert card_for(secret, meg).revealed is True  # now an owner: a moderator's view
    committed(actions.do_set_role, meg, group.id, olive.id, "member")
    assert card_for(secret, olive).author is None  # no longer a moderator: no longer told
