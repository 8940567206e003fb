"""Reporting an anonymous group post: the report reaches staff with its author, but the
reporter never learns who wrote it, on the form, the thank-you page or in its address."""

from __future__ import annotations

from kettle.groups import actions as group_actions
from kettle.moderation.models import Report
from kettle.social.actions import do_comment
from tests.factories import make_group
from tests.helpers import committed, posted, text_of


def _anonymous_post(bea, cal):
    group = make_group(bea, "Feeding Together", privacy="private", members=(cal,), allow_anonymous=True)
    post = posted(cal, "I stopped breastfeeding at two weeks and feel awful", group_id=group.id, anonymous=True)
    return group, post


def test_the_report_form_for_an_anonymous_post_does_not_name_its_author(bea, cal, dee, client_for):
    group, post = _anonymous_post(bea, cal)
    committed(group_actions.do_invite_member, bea, group.id, "dee")
    committed(group_actions.do_join_group, dee, group.id)
    client = client_for(dee)

    form = client.get(f"/reports/new?post={post.id}")
    page = text_of(form)
    assert form.status_code == 200
    assert "an anonymous member" in page and "Cal" not in page and "@cal" not in page

    response = client.post(f"/reports/new?post={post.id}", {"reason": "other", "text": "Worried about them"})
    assert response.status_code == 302 and response.url == "/reports/thanks"
    thanks = text_of(client.get(response.url))
    assert "Thank you for telling us" in thanks and "@cal" not in thanks and "Cal" not in thanks
    report = Report.objects.get()
    assert report.reported_member == cal and report.post == post  # staff still see who wrote it


def test_the_anonymous_authors_reply_is_reported_without_naming_them(bea, cal, client_for):
    group, post = _anonymous_post(bea, cal)
    reply = committed(do_comment, cal, post.id, body="Thank you all, it helps to hear this")

    page = text_of(client_for(bea).get(f"/reports/new?comment={reply.id}"))
    # Bea owns the group, so she moderates it; even so the report form keeps the author hidden.
    assert "an anonymous member" in page and "@cal" not in page
