"""Trending hashtags count only what a logged-out visitor could read."""

from kettle.social.timelines import trending_hashtags
from tests.factories import make_member
from tests.helpers import posted


def test_trending_ranks_tags_by_recent_public_use(db):
    bea = make_member("bea", is_public=True)
    for _ in range(3):
        posted(bea, "Another one #nightfeeds")
    posted(bea, "Lovely morning #walks")
    assert trending_hashtags() == [("nightfeeds", 3), ("walks", 1)]


def test_private_profiles_and_followers_only_posts_never_surface_in_trending(db):
    hidden = make_member("hidden", is_public=False)
    public = make_member("open", is_public=True)
    posted(hidden, "Secret worries #privatething")
    posted(public, "Just for friends #friendsonly", audience="followers")
    posted(public, "Hello all #openthing")
    assert [name for name, _ in trending_hashtags()] == ["openthing"]
