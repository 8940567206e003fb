"""Home feeds keep only their newest rows; older pages come from a read-time query."""

import pytest

from kettle.social import tasks
from kettle.social.models import FeedEntry, Follow, Post
from kettle.social.timelines import home_timeline
from tests.factories import make_member
from tests.helpers import committed


@pytest.fixture
def small_feeds(monkeypatch):
    monkeypatch.setattr(tasks, "FEED_KEEP", 5)
    monkeypatch.setattr(tasks, "TRIM_SLACK", 2)
    monkeypatch.setattr(tasks, "TRIM_EVERY", 1)


def _reader_of(count: int) -> tuple:
    """A reader following an author with `count` posts, each fanned out (rows made directly: many and fast)."""
    reader, author = make_member("reader"), make_member("author")
    Follow.objects.create(follower=reader, followee=author)
    posts = [Post.objects.create(author=author, body=f"post {n}", body_html=f"<p>post {n}</p>") for n in range(count)]
    for post in posts:
        committed(tasks.fan_out_post.call, post_id=post.id)  # the size check runs after the commit
    return reader, posts


def test_a_feed_far_past_its_size_is_trimmed_to_the_newest_rows(db, small_feeds):
    reader, posts = _reader_of(10)
    kept = list(FeedEntry.objects.filter(member=reader).order_by("-post_id").values_list("post_id", flat=True))
    assert kept == [p.id for p in reversed(posts)][: len(kept)]
    assert len(kept) <= 5 + 2


def test_pages_past_the_trimmed_feed_still_reach_older_posts(db, small_feeds):
    reader, posts = _reader_of(12)
    seen, before = [], None
    while True:
        page = home_timeline(reader, before=before, limit=4)
        seen += [card.post.id for card in page.items]
        if page.next_before is None:
            break
        before = page.next_before
    assert seen == [p.id for p in reversed(posts)]
