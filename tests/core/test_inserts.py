"""PreparedInsert: rows made by the database from a queryset, in one INSERT ... SELECT."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kettle.core.inserts import PreparedInsert
from kettle.social.models import FeedEntry, Follow, Post
from tests.factories import make_member


def _post_with_followers(*handles):
    author = make_member("author")
    followers = [make_member(handle) for handle in handles]
    for follower in followers:
        Follow.objects.create(follower=follower, followee=author)
    post = Post.objects.create(author=author, body="Hello", body_html="<p>Hello</p>")
    return author, followers, post


def test_one_row_is_written_for_each_value_with_the_constants_beside_it(db):
    author, followers, post = _post_with_followers("ana", "ben", "cai")
    rows = Follow.objects.filter(followee=author).values_list("follower_id", flat=True)
    with CaptureQueriesContext(connection) as queries:
        written = PreparedInsert(FeedEntry, ["member", "post", "author", "group"], rows).run([post.id, author.id, None])
    assert written == 3
    assert len(queries) == 1
    assert sorted(FeedEntry.objects.values_list("member_id", "post_id", "author_id", "group_id")) == sorted(
        (follower.id, post.id, author.id, None) for follower in followers)


def test_rows_already_there_are_skipped_when_conflicts_are_ignored(db):
    author, (ana, ben), post = _post_with_followers("ana", "ben")
    FeedEntry.objects.create(member=ana, post=post, author=author)
    rows = Follow.objects.filter(followee=author).values_list("follower_id", flat=True)
    statement = PreparedInsert(FeedEntry, ["member", "post", "author"], rows, ignore_conflicts=True)
    written = statement.run([post.id, author.id])
    assert written == 1
    assert sorted(FeedEntry.objects.values_list("member_id", flat=True)) == sorted([ana.id, ben.id])


def test_a_filter_that_can_match_nothing_writes_nothing_and_sends_no_statement(db):
    author, _, post = _post_with_followers("ana")
    rows = Follow.objects.filter(follower_id__in=[]).values_list("follower_id", flat=True)
    with CaptureQueriesContext(connection) as queries:
        written = PreparedInsert(FeedEntry, ["member", "post", "author"], rows).run([post.id, author.id])
    assert written == 0
    assert len(queries) == 0
    assert not FeedEntry.objects.exists()


def test_a_statement_built_once_with_stand_ins_is_bound_afresh_for_each_use(db):
    stand_in = -(2**52) - 7
    first, (ana,), first_post = _post_with_followers("ana")
    second = make_member("second")
    ben = make_member("ben")
    Follow.objects.create(follower=ben, followee=second)
    second_post = Post.objects.create(author=second, body="Hi", body_html="<p>Hi</p>")
    statement = PreparedInsert(FeedEntry, ["member", "post", "author"],
                               Follow.objects.filter(followee_id=stand_in).values_list("follower_id", flat=True))

    assert statement.bound({stand_in: first.id}).run([first_post.id, first.id]) == 1
    assert statement.bound({stand_in: second.id}).run([second_post.id, second.id]) == 1
    assert statement.run([second_post.id, second.id]) == 0  # the stand-in itself matches nobody
    assert sorted(FeedEntry.objects.values_list("member_id", "post_id")) == sorted(
        [(ana.id, first_post.id), (ben.id, second_post.id)])


def test_one_more_row_is_written_in_the_same_statement_even_when_the_query_can_match_nothing(db):
    author, followers, post = _post_with_followers("ana", "ben")
    columns = ["member", "post", "author"]
    rows = Follow.objects.filter(followee=author).values_list("follower_id", flat=True)
    with CaptureQueriesContext(connection) as queries:
        written = PreparedInsert(FeedEntry, columns, rows, one_more=True).run([post.id, author.id], one_more=author.id)
    assert written == 3
    assert len(queries) == 1
    assert sorted(FeedEntry.objects.values_list("member_id", flat=True)) == sorted(
        [author.id] + [follower.id for follower in followers])

    later = Post.objects.create(author=author, body="Again", body_html="<p>Again</p>")
    nobody = Follow.objects.filter(follower_id__in=[]).values_list("follower_id", flat=True)
    assert PreparedInsert(FeedEntry, columns, nobody, one_more=True).run([later.id, author.id], one_more=author.id) == 1
    assert list(FeedEntry.objects.filter(post=later).values_list("member_id", flat=True)) == [author.id]
