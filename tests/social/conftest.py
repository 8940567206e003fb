"""Fixtures shared by the social tests; the members most of them use come from tests/conftest.py."""

from __future__ import annotations

import pytest

from tests.factories import make_member


@pytest.fixture
def amara(db):
    """A reader with a public profile: the pages list and link her to logged-out visitors too."""
    return make_member("amara", place="Ipswich", is_public=True)
