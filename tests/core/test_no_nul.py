"""NUL characters are refused by the actions themselves, so no way in can reach the
database with one (PostgreSQL can't store them)."""

import pytest
from django.core.exceptions import ValidationError

from kettle.accounts import actions as accounts
from kettle.social import actions as social
from kettle.social.models import Comment, Post
from tests.factories import make_member


@pytest.mark.parametrize("fields", [{"body": "up\x00late"}, {"body": "ok", "title": "t\x00", "kind": "blog"},
                                    {"body": "ok", "content_note": "lo\x00ss"}])
def test_a_post_with_a_nul_character_is_refused_and_nothing_is_saved(db, fields):
    author = make_member("writer")
    with pytest.raises(ValidationError):
        social.do_create_post(author, **fields)
    assert not Post.objects.exists()


def test_a_comment_with_a_nul_character_is_refused(db):
    author = make_member("writer")
    post = social.do_create_post(author, body="Hello")
    with pytest.raises(ValidationError):
        social.do_comment(author, post.id, body="hi\x00")
    assert not Comment.objects.exists()


@pytest.mark.parametrize("field", ["display_name", "pronouns", "bio"])
def test_profile_text_with_a_nul_character_is_refused(db, field):
    member = make_member("parent")
    with pytest.raises(ValidationError) as refused:
        accounts.do_update_profile(member, **{field: "a\x00b"})
    assert field in refused.value.message_dict


def test_a_blog_roll_entry_with_a_nul_character_is_refused(db):
    member = make_member("blogger")
    with pytest.raises(ValidationError):
        social.do_set_blog_roll(member, [{"title": "Mine\x00", "url": "https://example.org/"}])
