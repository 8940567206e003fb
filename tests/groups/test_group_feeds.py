from kettle.groups.models import Membership
from kettle.social.models import FeedEntry, Post
from tests.helpers import posted


def test_a_private_group_post_reaches_members_home_feeds_and_nobody_elses(group_of, olive, mo, meg, nia):
    group = group_of("private")
    post = posted(meg, "Anyone at the Tuesday class?", group_id=group.id)

    assert post.group_id == group.id and post.audience == Post.Audience.GROUP
    reached = set(FeedEntry.objects.filter(post=post).values_list("member__handle", flat=True))
    assert reached == {"olive", "moira", "meg"}
    assert not Post.objects.visible_to(nia).filter(id=post.id).exists()
    assert Post.objects.visible_to(mo).filter(id=post.id).exists()
    assert group.memberships.filter(state=Membership.State.ACTIVE).count() == 3


def test_logged_out_readers_of_a_public_group_see_anonymous_posts_whatever_the_authors_profile_setting(
        group_of, meg):
    group = group_of("public", allow_anonymous=True)
    anonymous = posted(meg, "Does anyone else find bath time hard?", group_id=group.id, anonymous=True)
    named = posted(meg, "Soft play on Friday?", group_id=group.id)

    assert not meg.profile.is_public
    visible = set(Post.objects.visible_to(None).filter(group=group).values_list("id", flat=True))
    # Meg's named post follows her (private) profile; the anonymous one must not, or its
    # absence would hint at who wrote it.
    assert visible == {anonymous.id}
    assert named.id not in visible


def test_only_members_are_offered_a_vote_in_a_public_groups_poll(group_of, meg, nia):
    from kettle.groups.actions import PollSpec
    from kettle.social.timelines import cards_for

    group = group_of("public")
    poll_post = posted(meg, "Which class?", group_id=group.id, poll=PollSpec(options=["Baby yoga", "Sensory"]))

    [as_member] = cards_for([Post.objects.for_display().get(id=poll_post.id)], meg)
    [as_outsider] = cards_for([Post.objects.for_display().get(id=poll_post.id)], nia)
    assert as_member.poll.can_vote and not as_outsider.poll.can_vote
