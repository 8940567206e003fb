"""Reports through the API: a member flags a post, comment or profile for staff."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from kettle.moderation.models import Report
from kettle.social import actions
from tests.factories import make_member
from tests.helpers import committed

REPORTS = "/api/v1/reports"


def report(client: Client, body):
    return client.post(REPORTS, data=json.dumps(body), content_type="application/json")


# Overrides tests/api/conftest.py: a private cal and a post worth reporting.
@pytest.fixture
def cal(db):
    return make_member("cal")


@pytest.fixture
def post(bea):
    return committed(actions.do_create_post, bea, body="Buy my miracle sleep course")


def test_reporting_a_post_a_comment_and_a_profile(bea, cal, post, api):
    comment = committed(actions.do_comment, bea, post.id, body="Only £99")
    client = api(cal)

    for body, target in (({"post_id": post.id}, "post"), ({"comment_id": comment.id}, "comment"),
                         ({"handle": "@bea"}, "profile")):
        response = report(client, {"reason": "spam", "text": "Selling", **body})
        assert response.status_code == 201, response.content
        out = response.json()
        assert set(out) == {"id", "reason", "target", "status", "created_at"}
        assert (out["reason"], out["target"], out["status"]) == ("spam", target, "open")

    assert Report.objects.count() == 3
    assert set(Report.objects.values_list("reported_member__handle", flat=True)) == {"bea"}


@pytest.mark.parametrize("body, status", [
    ({"reason": "spam"}, 422),
    ({"reason": "rude", "post_id": 1}, 422),
    ({"reason": "spam", "post_id": "one"}, 422),
    ({"reason": "spam", "text": "x" * 2001, "handle": "bea"}, 422),
    ({"reason": "spam", "post_id": 1, "handle": "bea"}, 422),
    ({"reason": "spam", "handle": "bea", "severity": 5}, 422),
    ({"reason": "spam", "handle": "nobody"}, 404),
    ({"reason": "spam", "handle": "cal"}, 400),
])
def test_bad_reports_record_nothing(bea, cal, post, api, body, status):
    response = report(api(cal), body)
    assert response.status_code == status, response.content
    assert set(response.json()) == {"error", "message", "fields"}
    assert not Report.objects.exists()


def test_you_cannot_report_what_you_may_not_see(bea, cal, api):
    private = committed(actions.do_create_post, bea, body="Followers only", audience="followers")
    assert report(api(cal), {"reason": "unkind", "post_id": private.id}).status_code == 404
    committed(actions.do_block, bea, cal)
    assert report(api(cal), {"reason": "unkind", "handle": "bea"}).status_code == 404
    assert not Report.objects.exists()


def test_reporting_needs_an_account(post, api):
    assert report(api(), {"reason": "spam", "post_id": post.id}).status_code == 401


def test_reporting_too_often_is_a_429(bea, cal, post, api, settings):
    settings.REPORT_RATE = "1/3600"
    client = api(cal)
    assert report(client, {"reason": "spam", "post_id": post.id}).status_code == 201
    response = report(client, {"reason": "spam", "handle": "bea"})
    assert response.status_code == 429 and response["Retry-After"]
