"""The report form for posts, comments and profiles, its thank-you page, and the report
reaching staff in the admin. Something the reporter can't see is a 404."""

from __future__ import annotations

import pytest

from kettle.moderation.models import Report
from kettle.social import actions
from kettle.social.models import Post
from tests.factories import make_member
from tests.helpers import text_of


@pytest.fixture
def amara(db):
    return make_member("amara", display_name="Amara")


# Overrides tests/conftest.py: the report form quotes the post's words, so it has its own.
@pytest.fixture
def post(bea):
    return actions.do_create_post(bea, body="Selling my used pram, DM me for a great deal")


def test_reporting_a_post_records_it_and_thanks_the_reporter(amara, bea, post, client_for):
    client = client_for(amara)
    form = text_of(client.get(f"/reports/new?post={post.id}"))
    assert "Report a post" in form and "Selling my used pram" in form
    assert "Spam, selling or advertising" in form and "won't be told who sent it" in form
    response = client.post(f"/reports/new?post={post.id}", {"reason": "spam", "text": "Third time this week"})
    assert response.status_code == 302
    assert response.url == "/reports/thanks?about=bea"
    report = Report.objects.get()
    assert (report.reporter, report.reported_member, report.post, report.reason, report.text) == (
        amara, bea, post, "spam", "Third time this week")
    thanks = text_of(client.get(response.url))
    assert "Thank you for telling us" in thanks
    assert "/@bea/mute" in thanks and "/@bea/block" in thanks and "They won't be told." in thanks


def test_reporting_a_comment(amara, bea, post, client_for):
    comment = actions.do_comment(bea, post.id, body="Honestly, stop complaining")
    client = client_for(amara)
    assert "stop complaining" in text_of(client.get(f"/reports/new?comment={comment.id}"))
    client.post(f"/reports/new?comment={comment.id}", {"reason": "unkind"})
    report = Report.objects.get()
    assert report.comment == comment and report.post == post and report.target == "comment"


def test_reporting_a_profile(amara, bea, client_for):
    client = client_for(amara)
    assert "Report Bea" in text_of(client.get("/reports/new?member=bea"))
    client.post("/reports/new?member=@Bea", {"reason": "fake", "text": ""})
    report = Report.objects.get()
    assert report.reported_member == bea and report.post is None and report.target == "profile"


def test_the_reason_is_required_and_text_has_a_limit(amara, post, client_for):
    client = client_for(amara)
    page = text_of(client.post(f"/reports/new?post={post.id}", {"text": "hmm"}))
    assert "Choose the reason that fits best." in page
    page = text_of(client.post(f"/reports/new?post={post.id}", {"reason": "other", "text": "x" * 2001}))
    assert "Please keep this to 2,000 characters." in page
    page = text_of(client.post(f"/reports/new?post={post.id}", {"reason": "made-up"}))
    assert 'id="id_reason_errors"' in page
    assert not Report.objects.exists()


@pytest.mark.parametrize("query", ["post=999999", "comment=999999", "member=nobody", "post=abc", "", "member="])
def test_unknown_things_are_404(query, amara, client_for):
    assert client_for(amara).get(f"/reports/new?{query}").status_code == 404


def test_what_the_reporter_cant_see_is_404(amara, bea, client_for):
    hidden = actions.do_create_post(bea, body="Only for my followers", audience=Post.Audience.FOLLOWERS)
    client = client_for(amara)
    assert client.get(f"/reports/new?post={hidden.id}").status_code == 404
    assert client.post(f"/reports/new?post={hidden.id}", {"reason": "spam"}).status_code == 404
    actions.do_block(bea, amara)
    assert client.get("/reports/new?member=bea").status_code == 404
    assert not Report.objects.exists()


def test_deleted_comments_cant_be_reported(amara, bea, post, client_for):
    comment = actions.do_comment(bea, post.id, body="Oops")
    actions.do_delete_comment(bea, comment.id)
    assert client_for(amara).get(f"/reports/new?comment={comment.id}").status_code == 404


def test_your_own_things_arent_reported(bea, post, client_for):
    page = text_of(client_for(bea).get(f"/reports/new?post={post.id}"))
    assert "This is yours" in page and 'name="reason"' not in page
    client_for(bea).post(f"/reports/new?post={post.id}", {"reason": "spam"})
    assert not Report.objects.exists()


def test_reporting_needs_a_login(post, client_for):
    response = client_for(None).get(f"/reports/new?post={post.id}")
    assert response.status_code == 302 and "/login/" in response.url


def test_reports_are_rate_limited(amara, bea, client_for, settings):
    settings.REPORT_RATE = "2/3600"
    client = client_for(amara)
    for _ in range(2):
        client.post("/reports/new?member=bea", {"reason": "other"})
    response = client.post("/reports/new?member=bea", {"reason": "other"})
    assert response.status_code == 429 and response.has_header("Retry-After")
    assert Report.objects.count() == 2


def test_staff_see_the_report_in_the_admin(amara, post, client_for):
    client_for(amara).post(f"/reports/new?post={post.id}", {"reason": "spam", "text": "Selling again"})
    staff = make_member("stella", staff=True)
    response = client_for(staff).get("/admin/moderation/report/")
    assert response.status_code == 200
    page = text_of(response)
    assert "Spam, selling or advertising" in page and "@bea" in page and "@amara" in page
    report = Report.objects.get()
    detail = client_for(staff).get(f"/admin/moderation/report/{report.id}/change/")
    assert detail.status_code == 200 and "Selling again" in text_of(detail)


def test_post_and_comment_pages_offer_a_report_link_to_readers_but_not_authors(client_for, db):
    author, reader = make_member("writer", is_public=True), make_member("reader")
    post = actions.do_create_post(author, body="Hello village")
    comment = actions.do_comment(reader, post.id, body="Welcome!")
    as_reader = client_for(reader).get(post.url).content.decode()
    as_author = client_for(author).get(post.url).content.decode()
    assert f"/reports/new?post={post.id}" in as_reader
    assert f"/reports/new?post={post.id}" not in as_author
    assert f"/reports/new?comment={comment.id}" in as_author
    assert f"/reports/new?comment={comment.id}" not in as_reader
