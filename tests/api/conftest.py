"""Fixtures shared by the API tests. A test module may override one (e.g. a `bea` with other
profile settings) by defining its own."""

from __future__ import annotations

import pytest

from kettle.social import actions
from tests.factories import make_member
from tests.helpers import committed


@pytest.fixture
def bea(db):
    return make_member("bea", display_name="Bea", is_public=True)


@pytest.fixture
def cal(db):
    return make_member("cal", display_name="Cal", is_public=True)


@pytest.fixture
def post(bea):
    return committed(actions.do_create_post, bea, body="Is anyone else *up*?")
