"""On SQLite, each transaction first takes an exclusive lock on a file beside the database,
so writers queue in the kernel, and lets it go however the transaction ends."""

from __future__ import annotations

import fcntl
import os
import threading

import pytest
from django.db import connection, transaction

from kettle.accounts.models import Member, Profile
from kettle.core.sqlite.base import writer_lock_path
from tests.factories import make_member

pytestmark = [pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backend's lock"),
              pytest.mark.django_db(transaction=True)]


def _taken() -> bool:
    """Whether some transaction holds the writer lock (asked through a descriptor of our own)."""
    fd = os.open(writer_lock_path(connection.settings_dict["NAME"]), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing lets go of a lock we took
    return False


def test_a_transaction_holds_the_lock_until_it_commits():
    member = make_member("ana")
    assert not _taken()
    with transaction.atomic():
        Member.objects.filter(id=member.id).update(handle="ana2")
        assert _taken()
    assert not _taken()


def test_a_transaction_that_fails_lets_go_too():
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        assert _taken()
        1 / 0  # noqa: B018
    assert not _taken()


def test_closing_the_connection_in_a_transaction_lets_go():
    seen = []

    def close_midway() -> None:
        try:
            with transaction.atomic():
                seen.append(_taken())
                connection.close()  # as a dying request's cleanup would
                seen.append(_taken())
        finally:
            connection.close()

    thread = threading.Thread(target=close_midway)
    thread.start()
    thread.join(10)
    assert seen == [True, False]
    assert not _taken()


def test_writers_on_many_threads_each_wait_their_turn_and_all_succeed():
    members = [make_member(f"writer{n}") for n in range(8)]
    errors: list[BaseException] = []

    def write(member) -> None:
        try:
            for round_ in range(5):
                with transaction.atomic():
                    Profile.objects.filter(member_id=member.id).update(display_name=f"Round {round_}")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(member,)) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    names = Profile.objects.filter(member_id__in=[m.id for m in members]).values_list("display_name", flat=True)
    assert set(names) == {"Round 4"}
    assert not _taken()
