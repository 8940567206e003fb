"""Meetups in a real browser: a host starts a coffee morning at a public venue through the
form, a parent nearby finds it in "this week", reads the meet-in-public guidance, says it's
their first meetup and goes; the host sees the first-timer, and the parent's welcome note shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.test_group_journey import log_in
from tests.factories import make_member, make_venue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_starting_finding_and_going_to_a_meetup(live_server, browser, tmp_path):
    host = make_member("hattie", place="Ipswich", is_public=True, display_name="Hattie")
    make_member("priya", place="Kesgrave", display_name="Priya")
    make_venue(host, "Ipswich Library", kind="library", address="Northgate Street", pram_access=True,
               baby_changing=True)
    base = live_server.url
    errors: list[str] = []
    hosting = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    parent = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    for page in (hosting, parent):
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    day = (timezone.localdate() + timedelta(days=2)).isoformat()

    log_in(hosting, base, "hattie@example.test")
    hosting.goto(f"{base}/meetups/new")
    hosting.get_by_label("What's the plan?").fill("Rhyme time and a cuppa")
    hosting.get_by_label("Where").select_option(label="Ipswich Library (Library)")
    hosting.get_by_label("Day").fill(day)
    hosting.get_by_label("Starts").fill("10:30")
    hosting.get_by_label("Ends").fill("11:30")
    hosting.get_by_label("Places (optional)").fill("6")
    hosting.screenshot(path=str(tmp_path / "new-meetup.png"), full_page=True)
    hosting.get_by_role("button", name="Start the meetup").click()
    hosting.get_by_text("Your meetup is up.").wait_for()
    meetup_url = hosting.url

    log_in(parent, base, "priya@example.test")
    parent.goto(f"{base}/meetups")
    parent.get_by_role("heading", name="5-15 km away").wait_for()
    parent.screenshot(path=str(tmp_path / "meetups-near-me.png"), full_page=True)
    parent.get_by_role("link", name="Rhyme time and a cuppa").click()
    parent.get_by_text("Meeting safely").wait_for()
    parent.get_by_label("I've read this").check()
    parent.get_by_label("It's my first meetup: I'd love someone to say hi").check()
    parent.get_by_role("button", name="I'm going").click()
    parent.get_by_text("It's your first meetup: welcome!").wait_for()
    parent.screenshot(path=str(tmp_path / "meetup-going.png"), full_page=True)

    hosting.goto(meetup_url)
    hosting.get_by_text("First meetup: say hi!").wait_for()
    assert "Priya" in hosting.locator("#people").inner_text()
    assert errors == []
