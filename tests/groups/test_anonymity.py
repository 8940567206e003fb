"""Anonymous group posts at the level of queries, cards and notifications: nothing an ordinary
member, an outsider or a logged-out reader can reach names the author; the group's moderators,
its owner and staff can see who wrote it; the author still hears of replies."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kettle.groups import actions
from kettle.groups.actions import PollSpec
from kettle.groups.feed import group_feed
from kettle.groups.polls import close_and_notify
from kettle.notifications.models import Notification
from kettle.social import timelines
from kettle.social.actions import do_comment, do_create_post, do_edit_post, do_react
from kettle.social.models import Comment, Post
from kettle.social.timelines import cards_for
from tests.factories import make_member
from tests.helpers import committed, posted

WORDS = "Struggling more than I let on, some days #lowdays"


@pytest.fixture
def group(group_of):
    return group_of("public", allow_anonymous=True)


@pytest.fixture
def ana(group):
    """The anonymous author: an ordinary member of the group."""
    ana = make_member("ana")
    committed(actions.do_join_group, ana, group.id)
    return ana


@pytest.fixture
def secret(ana, group):
    return posted(ana, WORDS, group_id=group.id, anonymous=True)


def card_for(post: Post, viewer):
    return cards_for([Post.objects.visible_to(viewer).for_display().get(id=post.id)], viewer)[0]


def notifications():
    return Notification.objects.all()


@pytest.mark.parametrize("who", ["member", "outsider", "logged_out"])
def test_readers_see_an_anonymous_post_without_its_author(secret, who, meg, nia):
    viewer = {"member": meg, "outsider": nia, "logged_out": None}[who]
    card = card_for(secret, viewer)
    assert card.author is None
    assert card.revealed is False


@pytest.mark.parametrize("who", ["moderator", "owner", "staff"])
def test_moderators_owners_and_staff_see_who_wrote_it(secret, ana, who, mo, olive):
    viewer = {"moderator": mo, "owner": olive}.get(who) or make_member("sam", staff=True)
    card = card_for(secret, viewer)
    assert card.author == ana
    assert card.revealed is True


def test_the_author_sees_their_own_name_without_a_reveal(secret, ana):
    card = card_for(secret, ana)
    assert card.author == ana and card.revealed is False


def test_the_author_is_hidden_in_home_timelines_and_the_group_feed(secret, meg):
    home = timelines.home_timeline(meg)
    assert [(card.post.id, card.author) for card in home.items] == [(secret.id, None)]
    feed = group_feed(meg, secret.group)
    assert [(card.post.id, card.author) for card in feed.items] == [(secret.id, None)]
    assert group_feed(None, secret.group).items[0].author is None


@pytest.mark.parametrize("who", ["member", "outsider", "logged_out"])
def test_search_and_tag_pages_show_it_without_the_author(secret, who, meg, nia):
    viewer = {"member": meg, "outsider": nia, "logged_out": None}[who]
    found = timelines.search_posts(viewer, "Struggling")
    tagged = timelines.tag_timeline(viewer, "lowdays")
    assert [(card.post.id, card.author) for card in found.items] == [(secret.id, None)]
    assert [(card.post.id, card.author) for card in tagged.items] == [(secret.id, None)]


@pytest.mark.parametrize("who", ["author", "member", "owner", "logged_out"])
def test_it_never_appears_on_the_authors_profile_or_blog(secret, ana, who, meg, olive):
    viewer = {"author": ana, "member": meg, "owner": olive, "logged_out": None}[who]
    assert secret.id not in [card.post.id for card in timelines.profile_posts(viewer, ana).items]
    assert secret.id not in [card.post.id for card in timelines.blog_posts(viewer, ana).items]


def test_its_addresses_name_the_group_never_the_author(secret, ana):
    for address in (secret.url, secret.edit_url, secret.history_url, secret.delete_url):
        assert ana.handle not in address
        assert address.startswith(f"/groups/{secret.group.slug}/posts/{secret.id}")


def test_the_author_still_hears_of_comments(secret, ana, meg):
    committed(do_comment, meg, secret.id, body="Sending a big hug. You're not alone.")
    assert notifications().filter(recipient=ana, kind=Notification.Kind.COMMENT, post=secret).count() == 1


def test_the_authors_replies_in_the_thread_are_anonymous_and_notify_without_an_actor(secret, ana, meg, nia):
    committed(actions.do_join_group, nia, secret.group_id)
    first = committed(do_comment, meg, secret.id, body="Same here, most nights.")
    committed(do_comment, nia, secret.id, body="Me too.", parent_id=first.id)
    reply = committed(do_comment, ana, secret.id, body="Thank you both, it helps.", parent_id=first.id)

    assert Comment.objects.get(id=reply.id).is_anonymous is True
    replies = notifications().filter(comment=reply)
    assert sorted(replies.values_list("recipient__handle", "kind", "actor")) == [("meg", "reply", None)]
    assert not notifications().filter(actor=ana).exists()


def test_the_authors_comments_elsewhere_carry_their_name(secret, ana, meg, group):
    open_post = posted(meg, "Who's coming to the walk on Friday?", group_id=group.id)
    comment = committed(do_comment, ana, open_post.id, body="Me!")
    assert comment.is_anonymous is False
    assert notifications().get(comment=comment).actor == ana


def test_mentions_in_an_anonymous_post_notify_nobody(ana, group, meg, nia):
    post = posted(ana, "Has anyone tried the drop-in, @meg @nia?", group_id=group.id, anonymous=True)
    committed(do_edit_post, ana, post.id, body="Has anyone tried the drop-in, @meg @nia @olive?")
    committed(do_comment, ana, post.id, body="@meg I'd love to hear how it went.")
    assert not notifications().filter(kind=Notification.Kind.MENTION).exists()
    assert set(post.mentions.values_list("member__handle", flat=True)) == {"meg", "nia", "olive"}


def test_reactions_reach_the_author_and_the_authors_own_reactions_tell_nobody(secret, ana, meg):
    committed(do_react, meg, secret.id, "hug")
    committed(do_react, ana, secret.id, "me_too")
    assert list(notifications().values_list("recipient__handle", "actor__handle", "kind")) == [
        ("ana", "meg", "reaction")]


def test_an_anonymous_polls_closing_names_nobody(ana, group, meg, olive):
    post = posted(ana, "Dummies: yes or no?", group_id=group.id, anonymous=True,
                  poll=PollSpec(options=["Yes", "No"]))
    yes = post.poll.options.first()
    for voter in (meg, olive, ana):
        committed(actions.do_vote, voter, post.poll.id, [yes.id])
    committed(actions.do_close_poll, ana, post.poll.id)
    close_and_notify(post.poll.id)
    closed = notifications().filter(kind=Notification.Kind.POLL_CLOSED)
    assert sorted(closed.values_list("recipient__handle", flat=True)) == ["ana", "meg", "olive"]
    assert set(closed.values_list("actor", flat=True)) == {None}


def test_nothing_an_ordinary_member_receives_names_the_author(secret, ana, meg, nia, group):
    committed(actions.do_join_group, nia, group.id)
    first = committed(do_comment, nia, secret.id, body="Thinking of you @meg")
    committed(do_comment, ana, secret.id, body="Thanks @nia, really.", parent_id=first.id)
    committed(do_react, ana, secret.id, "hug")
    committed(do_edit_post, ana, secret.id, body=f"{WORDS} (thank you @meg @nia)")
    for reader in (meg, nia):
        assert not notifications().filter(recipient=reader, actor=ana).exists()


def test_a_group_that_does_not_allow_anonymous_posts_refuses_one(group_of, meg):
    group = group_of("private")
    before = Post.objects.count()
    with pytest.raises(ValidationError) as refused:
        do_create_post(meg, body="A sensitive question", group_id=group.id, anonymous=True)
    assert "anonymous" in refused.value.message_dict
    assert Post.objects.count() == before


def test_a_post_outside_groups_cannot_be_anonymous(meg):
    with pytest.raises(ValidationError) as refused:
        do_create_post(meg, body="Nobody will know", anonymous=True)
    assert "anonymous" in refused.value.message_dict
    assert not Post.objects.exists()


def test_turning_anonymous_posts_off_keeps_earlier_ones_anonymous(secret, group, olive, meg):
    committed(actions.do_update_group, olive, group.id, allow_anonymous=False)
    assert card_for(secret, meg).author is None


def test_muting_someone_does_not_reveal_which_anonymous_posts_are_theirs(secret, ana, meg):
    from kettle.social.actions import do_mute

    committed(do_mute, meg, ana)
    assert secret.id in [card.post.id for card in group_feed(meg, secret.group).items]  # the group feed keeps it
    assert secret.id in [card.post.id for card in timelines.search_posts(meg, "Struggling").items]
    assert secret.id in [card.post.id for card in timelines.tag_timeline(meg, "lowdays").items]
    assert secret.id in home_ids(meg)


def home_ids(member) -> list[int]:
    return [card.post.id for card in timelines.home_timeline(member).items]
