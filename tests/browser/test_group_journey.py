"""Groups in a real browser: a parent asks to join a private group with an answer, the owner
approves in the queue, the parent reads the posts, votes in a poll, and a new group post
reaches their home timeline; an anonymous post never names its author on their screen."""

from __future__ import annotations

import pytest

from kettle.groups.actions import PollSpec
from kettle.social.actions import do_create_post
from tests.factories import PASSWORD, make_group, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")


def test_asking_to_join_being_approved_reading_and_voting(live_server, browser, tmp_path):
    olive, meg = make_member("olive"), make_member("meg")
    make_member("nia")  # the parent who asks to join, in the browser
    group = make_group(olive, "Kesgrave Baby Massage", privacy="private", members=(meg,), allow_anonymous=True,
                       questions=["Which class do you come to?"], rules="What's shared here stays here.")
    do_create_post(meg, body="Which day works for a cuppa after class?", group_id=group.id,
                   poll=PollSpec(options=["Tuesday", "Thursday"]))
    do_create_post(meg, body="Feeling very low this week, and I don't know who to tell.", group_id=group.id,
                   anonymous=True)
    base = live_server.url
    errors: list[str] = []
    parent = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    owner = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    parent.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    log_in(parent, base, "nia@example.test")
    parent.goto(f"{base}{group.url}")
    assert "Which day works" not in parent.content()
    parent.get_by_role("link", name="Ask to join").first.click()
    parent.get_by_text("What's shared here stays here.").first.wait_for()
    parent.get_by_label("Which class do you come to?").fill("Tuesdays at the Kesgrave children's centre")
    parent.get_by_role("button", name="Send my request").click()
    parent.get_by_text("Your request is with the moderators").first.wait_for()

    log_in(owner, base, "olive@example.test")
    owner.goto(f"{base}{group.url}/queue")
    owner.get_by_text("Tuesdays at the Kesgrave children's centre").wait_for()
    owner.get_by_role("button", name="Approve Nia").click()
    owner.get_by_text("they're in").wait_for()

    parent.goto(f"{base}{group.url}")
    parent.get_by_text("Which day works for a cuppa after class?").wait_for()
    parent.screenshot(path=str(tmp_path / "group.png"), full_page=True)
    anonymous_post = parent.locator(f"#post-{group.posts.get(is_anonymous=True).id}")
    # The words and links, not the whole markup: a random CSRF token may spell "meg" by chance.
    assert "meg" not in anonymous_post.inner_text().lower()
    assert "/@meg" not in anonymous_post.inner_html()
    parent.get_by_label("Thursday").check()
    parent.get_by_role("button", name="Vote").first.click()
    parent.get_by_text("1 person voted").wait_for()

    do_create_post(olive, body="Class is in the big hall this week.", group_id=group.id)
    parent.goto(f"{base}/")
    parent.get_by_text("Class is in the big hall this week.").wait_for()
    assert errors == []
