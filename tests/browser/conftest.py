"""Browser tests drive Debian's Chromium through Playwright against pytest-django's live server."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def browser(monkeypatch):
    """A fresh headless Chromium per test. It starts after the test database is ready and
    stops before it is flushed, so Playwright's event loop never overlaps Django's own setup."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    # The test body's own ORM calls (setting up rows) are plain synchronous code running
    # beside Playwright's loop; allow them for the life of this fixture only.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield browser
        browser.close()
        # ORM calls made while Playwright's loop ran got their own connection (asgiref keeps
        # connections per context there); close it, or PostgreSQL can't drop the test database.
        from django.db import connections

        connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    yield page
    context.close()
