"""Whatever JSON is sent to a social write endpoint, the answer is a success or a 4xx in the
one error shape: never a crash."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kettle.accounts.actions import do_create_token
from kettle.social import actions
from tests.factories import make_member

KEYS = ["body", "kind", "audience", "title", "content_note", "vent_mode", "parent_id", "reason", "text", "post_id",
        "comment_id", "handle", "ids", "all", "entries", "url"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
                    st.floats(allow_nan=False), st.text(max_size=30),
                    st.sampled_from(["update", "blog", "public", "followers", "hug", "spam", "bea", "", "https://x.org"]))
JSON = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)), max_leaves=8)
BODIES = st.one_of(st.dictionaries(st.sampled_from(KEYS), JSON, max_size=5), JSON)

ENDPOINTS = [
    ("post", "/api/v1/posts"),
    ("patch", "/api/v1/posts/{post}"),
    ("post", "/api/v1/posts/{post}/comments"),
    ("post", "/api/v1/posts/{post}/reactions"),
    ("post", "/api/v1/reports"),
    ("post", "/api/v1/notifications/read"),
    ("put", "/api/v1/me/blog-roll"),
    ("post", "/api/v1/blocks"),
    ("post", "/api/v1/mutes"),
]


@pytest.fixture
def django_settings(settings):
    """pytest-django's settings fixture, renamed: `settings` here is hypothesis's."""
    return settings


@pytest.mark.parametrize("method, path", ENDPOINTS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=BODIES)
def test_any_json_gets_an_answer_never_a_crash(db, django_settings, method, path, body):
    django_settings.POST_RATE = django_settings.COMMENT_RATE = django_settings.REPORT_RATE = "100000/3600"
    amara = make_member(None)
    bea = make_member(None, is_public=True)
    post = actions.do_create_post(bea, body="Hello")
    _, raw = do_create_token(amara, name="fuzz")
    client = Client(headers={"Authorization": f"Bearer {raw}"})

    response = getattr(client, method)(path.format(post=post.id), data=json.dumps(body),
                                       content_type="application/json")

    assert response.status_code < 500
    if response.status_code >= 400:
        assert set(response.json()) == {"error", "message", "fields"}
