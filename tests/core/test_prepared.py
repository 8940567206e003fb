"""PreparedQuery: a queryset compiled once, run again with other values in the stand-ins' place."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import Q
from django.db.models.signals import post_init
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kettle.core.prepared import (
    STAND_IN_TIME,
    PreparedQuery,
    _converted,
    _Converters,
    _keeps_null,
    bound_in,
    rebound,
    stand_in,
    stand_in_text,
    stand_ins,
)
from kettle.social.models import Post
from tests.factories import make_group, make_member

AUTHOR, BEFORE = stand_in(0), stand_in(1)


def _posts_by_author() -> PreparedQuery:
    rows = Post.objects.filter(author_id=AUTHOR, id__lt=BEFORE).for_display().order_by("-id")[:10]
    return PreparedQuery(rows, [AUTHOR, BEFORE])


def _post(author, body, **fields):
    return Post.objects.create(author=author, body=body, body_html=f"<p>{body}</p>", **fields)


def test_a_prepared_query_finds_what_the_queryset_finds_with_the_values_in_place(db):
    ana, ben = make_member("ana"), make_member("ben")
    group = make_group(ana, "Ipswich Parents", members=(ben,))
    first, second = _post(ana, "First"), _post(ana, "In the group", group=group)
    _post(ben, "Not Ana's")
    third = _post(ana, "Third")
    prepared = _posts_by_author()

    assert [post.id for post in prepared.fetch({AUTHOR: ana.id, BEFORE: third.id + 1})] == [
        third.id, second.id, first.id]
    assert [post.id for post in prepared.fetch({AUTHOR: ana.id, BEFORE: third.id})] == [second.id, first.id]
    assert [post.body for post in prepared.fetch({AUTHOR: ben.id, BEFORE: third.id})] == ["Not Ana's"]
    assert prepared.fetch({AUTHOR: ana.id, BEFORE: first.id}) == []


def test_the_joined_rows_come_with_the_posts_in_one_query(db):
    ana = make_member("ana", display_name="Ana Jones")
    group = make_group(ana, "Bump Buddies")
    solo, in_group = _post(ana, "Hello"), _post(ana, "Hi all", group=group)
    with CaptureQueriesContext(connection) as queries:
        posts = _posts_by_author().fetch({AUTHOR: ana.id, BEFORE: in_group.id + 1})
        shown = [(post.author.handle, post.author.profile.display_name, post.group and post.group.name)
                 for post in posts]
    assert len(queries) == 1
    assert shown == [("ana", "Ana Jones", "Bump Buddies"), ("ana", "Ana Jones", None)]
    assert [post.created_at for post in posts] == [in_group.created_at, solo.created_at]  # converted, aware
    assert posts[0]._state.db == "default" and not posts[0]._state.adding


def test_the_sql_is_compiled_once_however_often_it_runs(db, monkeypatch):
    ana = make_member("ana")
    post = _post(ana, "Hello")
    prepared = _posts_by_author()
    prepared.fetch({AUTHOR: ana.id, BEFORE: post.id + 1})
    compiled = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k))
    for _ in range(3):
        assert len(prepared.fetch({AUTHOR: ana.id, BEFORE: post.id + 1})) == 1
    assert compiled == []


def test_text_and_moments_stand_in_too(db):
    key = stand_in_text(0)
    live = PreparedQuery(Session.objects.filter(session_key=key, expire_date__gt=STAND_IN_TIME), [key, STAND_IN_TIME])
    now = timezone.now()
    Session.objects.create(session_key="a" * 32, session_data="", expire_date=now + timedelta(hours=1))
    Session.objects.create(session_key="b" * 32, session_data="", expire_date=now - timedelta(seconds=1))
    assert [s.session_key for s in live.fetch({key: "a" * 32, STAND_IN_TIME: now})] == ["a" * 32]
    assert live.fetch({key: "b" * 32, STAND_IN_TIME: now}) == []  # expired
    assert live.fetch({key: "a" * 32, STAND_IN_TIME: now + timedelta(hours=2)}) == []


def test_a_stand_in_the_query_does_not_use_is_refused_when_it_is_compiled(db):
    prepared = PreparedQuery(Post.objects.filter(author_id=AUTHOR), [AUTHOR, BEFORE])
    with pytest.raises(ValueError, match="not among this query's parameters"):
        prepared.fetch({AUTHOR: 1})


def test_prefetching_is_refused_since_only_the_query_itself_is_prepared(db):
    with pytest.raises(ValueError, match="prefetch_related"):
        PreparedQuery(Post.objects.filter(author_id=AUTHOR).prefetch_related("images"), [AUTHOR])


def test_only_a_parameter_of_the_stand_ins_own_type_and_value_is_swapped(db):
    # True == 1 and 1.0 == 1 in Python: a flag or a float must never be taken for an id.
    assert rebound([True, 1.0, 1, "1", 2], {1: 7}, connection.ops) == [True, 1.0, 7, "1", 2]
    moment, adapt = timezone.now(), connection.ops.adapt_datetimefield_value
    # Compiled, a moment is as the driver takes it (text, on SQLite), and so is its value.
    assert rebound([adapt(STAND_IN_TIME)], {STAND_IN_TIME: moment}, connection.ops) == [adapt(moment)]


def test_values_list_rows_come_as_tuples_or_flat_values_with_their_annotations_converted(db):
    ana, ben = make_member("ana"), make_member("ben")
    posts = [_post(ana, "One"), _post(ana, "Two"), _post(ben, "Three")]
    ids = stand_ins(3, after=1)
    rows = (Post.objects.filter(id__in=ids).annotate(by_ana=Q(author_id=AUTHOR))
            .order_by("id").values_list("id", "by_ana"))
    prepared = PreparedQuery(rows, [AUTHOR, *ids])
    assert prepared.fetch({AUTHOR: ana.id} | bound_in([post.id for post in posts], after=1)) == [
        (posts[0].id, True), (posts[1].id, True), (posts[2].id, False)]
    flat = PreparedQuery(Post.objects.filter(author_id=AUTHOR).order_by("id").values_list("body", flat=True),
                         [AUTHOR])
    assert flat.fetch({AUTHOR: ben.id}) == ["Three"]


def test_an_in_list_binds_one_stand_in_per_value_and_refuses_a_length_it_was_not_built_for(db):
    ana = make_member("ana")
    posts = [_post(ana, "One"), _post(ana, "Two")]
    prepared = PreparedQuery(Post.objects.filter(id__in=stand_ins(2)).order_by("id"), stand_ins(2))
    assert [post.body for post in prepared.fetch(bound_in([post.id for post in posts]))] == ["One", "Two"]
    with pytest.raises(ValueError, match="not prepared with"):
        prepared.fetch(bound_in([posts[0].id, posts[1].id, posts[1].id + 1]))  # three values, two stand-ins


def _loaded(instance, seen=()) -> dict:
    """An instance's column values and the related instances attached to it, as loaded (one
    that points back, as a profile to its member, by its model's name)."""
    values = {name: value for name, value in instance.__dict__.items() if name != "_state"}
    return values | {"(related)": {
        name: None if other is None else type(other).__name__ if other in seen else _loaded(other, (*seen, instance))
        for name, other in instance._state.fields_cache.items()}}


def test_the_instances_are_those_the_queryset_makes_with_the_same_columns_deferred(db):
    ana = make_member("ana", display_name="Ana Jones")
    group = make_group(ana, "Bump Buddies")
    _post(ana, "Hello", content_note="loss"), _post(ana, "Hi all", group=group)
    queryset = Post.objects.filter(author_id=ana.id).for_display().order_by("-id")
    made = PreparedQuery(Post.objects.filter(author_id=AUTHOR).for_display().order_by("-id"), [AUTHOR]).fetch(
        {AUTHOR: ana.id})

    assert [_loaded(post) for post in made] == [_loaded(post) for post in queryset]
    assert made[0].author.get_deferred_fields() == list(queryset)[0].author.get_deferred_fields() != set()
    with CaptureQueriesContext(connection) as queries:
        assert made[0].author.profile.bio == ana.profile.bio  # a deferred column still loads when asked
    assert len(queries) == 1


def test_a_model_with_init_receivers_is_made_by_the_orm_so_they_still_hear_of_it(db):
    ana = make_member("ana")
    post = _post(ana, "Hello")
    prepared = PreparedQuery(Post.objects.filter(id=stand_in(0)).select_related("author"), [stand_in(0)])
    heard = []

    def receiver(sender, instance, **kwargs):
        heard.append(instance)

    post_init.connect(receiver, sender=Post)
    try:
        [made] = prepared.fetch({stand_in(0): post.id})
    finally:
        post_init.disconnect(receiver, sender=Post)
    assert heard == [made] and made.body == "Hello"
    assert prepared.fetch({stand_in(0): post.id})[0].author.handle == "ana"  # made directly once more


def test_null_columns_stay_none_and_the_rest_are_converted(db):
    ana = make_member("ana")
    plain, edited = _post(ana, "Plain"), _post(ana, "Edited", edited_at=timezone.now())
    made = {post.id: post for post in _posts_by_author().fetch({AUTHOR: ana.id, BEFORE: edited.id + 1})}
    assert made[plain.id].edited_at is None and made[plain.id].group is None
    assert made[edited.id].edited_at == Post.objects.get(id=edited.id).edited_at
    assert timezone.is_aware(made[edited.id].edited_at)
    assert made[plain.id].is_anonymous is False and made[plain.id].author.is_active is True  # 0/1 to bools


def test_a_converter_that_gives_null_a_value_is_always_called():
    def counted(value, expression, connection):
        return 0 if value is None else value

    def kept(value, expression, connection):
        return value

    assert _keeps_null([kept], None, connection) is True
    assert _keeps_null([kept, counted], None, connection) is False
    assert _converted([(None, 5)], [_Converters(0, (counted,), None, False)], connection) == [[0, 5]]
