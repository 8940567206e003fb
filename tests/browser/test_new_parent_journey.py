"""A new parent, in a real browser: sign up, confirm by email, onboard, see their profile."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.factories import suffolk_place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def suffolk():
    return [suffolk_place("Ipswich"), suffolk_place("Kesgrave")]


def test_a_new_parent_signs_up_confirms_onboards_and_sees_their_profile(suffolk, live_server, page, tmp_path):
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Join").first.click()
    page.get_by_label("Email").fill("sam@example.test")
    page.get_by_label("What should we call you?").fill("Sam")
    page.get_by_label("Handle").fill("sam_k")
    page.get_by_label("Password").fill("tea and biscuits at dawn")
    page.get_by_role("button", name="Create my account").click()
    page.get_by_role("heading", name="Check your email").wait_for()

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + "/" + link.split("/", 3)[3])
    page.get_by_text("Step 1 of 3").wait_for()
    page.get_by_label("Parent-to-be").check()
    page.get_by_role("button", name="Next").click()

    page.get_by_text("Step 2 of 3").wait_for()
    due = timezone.localdate() + timedelta(days=152)
    page.get_by_label("Expecting").check()
    page.get_by_label("Due date").fill(due.isoformat())
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_text("Step 3 of 3").wait_for()
    page.get_by_label("Your town or village").fill("Kesg")
    page.get_by_label("Kesgrave, England, United Kingdom").check()  # the htmx autocomplete's answer
    page.get_by_label("Interests").fill("slings, wild swimming")
    page.get_by_role("button", name="Finish").click()

    page.get_by_role("heading", name="Welcome, Sam").wait_for()  # groups that fit them come first
    page.screenshot(path=str(tmp_path / "groups_for_you.png"), full_page=True)
    page.get_by_role("link", name="Go to your home").click()
    page.get_by_role("heading", name="Hello, Sam").wait_for()
    page.get_by_role("link", name="Me", exact=True).click()
    profile = page.locator("article.profile")
    assert "Kesgrave" in profile.inner_text()
    assert f"expecting, due {due:%B %Y}" in profile.inner_text()
    assert "52.06" not in page.content()  # nothing finer than the town
    page.screenshot(path=str(tmp_path / "profile.png"), full_page=True)
    assert errors == []  # no CSP violations or script errors
