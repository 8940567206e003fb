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
