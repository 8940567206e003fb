"""The cast of the group tests: Olive owns groups, Moira (fixture `mo`) moderates, Meg is a member, Pat has
asked to join, Bo is banned, Nia belongs to nothing, and Bea (from the root conftest) is who
blocks and is blocked."""

from __future__ import annotations

import pytest

from kettle.groups import actions
from tests.factories import make_group, make_member
from tests.helpers import committed


@pytest.fixture
def olive(db):
    return make_member("olive", place="Ipswich")


@pytest.fixture
def mo(db):
    return make_member("moira", place="Kesgrave")


@pytest.fixture
def meg(db):
    return make_member("meg", place="Woodbridge")


@pytest.fixture
def nia(db):
    return make_member("nia", place="Felixstowe")


@pytest.fixture
def group_of(olive, mo, meg):
    """A group of a given privacy owned by Olive, with Moira (mo) as moderator and Meg as member."""

    def make(privacy: str = "public", **fields):
        return make_group(olive, f"Ipswich {privacy.title()} Parents", privacy=privacy, members=(meg,),
                          moderators=(mo,), **fields)

    return make


@pytest.fixture
def pending_in():
    """Make someone ask to join a private group (answering its questions)."""

    def make(member, group, answers=None):
        return committed(actions.do_join_group, member, group.id,
                         answers=answers or ["An answer"] * len(group.questions))

    return make


@pytest.fixture
def banned_from(olive):
    def make(member, group):
        return committed(actions.do_ban_member, olive, group.id, member.id)

    return make
