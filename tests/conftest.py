from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from kettle.accounts import actions
from tests.factories import make_member
from tests.helpers import CommittingClient, posted


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits live in the cache: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(db):
    return make_member("amara", place="Ipswich")


@pytest.fixture
def client_for(db):
    """A logged-in browser client for a member (None gives a logged-out one)."""

    def make(member=None) -> Client:
        client = Client()
        if member is not None:
            client.force_login(member, backend="kettle.accounts.auth.MemberBackend")
        return client

    return make


@pytest.fixture
def api_for(db):
    """A client that sends a fresh personal access token for a member."""

    def make(member) -> Client:
        _, raw = actions.do_create_token(member, name="tests")
        return Client(headers={"Authorization": f"Bearer {raw}"})

    return make


@pytest.fixture
def api(db):
    """A committing client (after-commit work runs) for a member with a fresh bearer token;
    None gives a logged-out visitor."""

    def make(member=None) -> Client:
        if member is None:
            return CommittingClient()
        _, raw = actions.do_create_token(member, name="tests")
        return CommittingClient(headers={"Authorization": f"Bearer {raw}"})

    return make


# The cast most social tests share: members with the default (private) profile, named Bea, Cal
# and Dee. A module or folder that needs them otherwise (public, with a place) overrides them.

@pytest.fixture
def bea(db):
    return make_member("bea")


@pytest.fixture
def cal(db):
    return make_member("cal")


@pytest.fixture
def dee(db):
    return make_member("dee")


@pytest.fixture
def post(bea):
    """A post of Bea's, its fan-out and notifications done."""
    return posted(bea, "Is anyone else up?")
