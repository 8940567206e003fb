"""Sessions: the database store, with its lookup prepared once (kettle.core.sessions)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

from kettle.core.sessions import SessionStore


def test_a_live_session_is_recognised_on_each_request(client_for, member):
    client = client_for(member)
    for _ in range(2):
        answer = client.get("/api/v1/me")
        assert answer.status_code == 200
        assert answer.json()["handle"] == member.handle


def test_an_expired_session_logs_the_member_out(client_for, member):
    client = client_for(member)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/me").status_code == 401


def test_an_unknown_session_key_is_nobody_and_is_not_adopted(db):
    store = SessionStore("x" * 32)
    assert store.load() == {}
    assert store.session_key is None  # a new key is made when something is saved, never this one


def test_a_saved_session_reads_back_its_data(db):
    store = SessionStore()
    store["kettle"] = "tea"
    store.save()
    assert SessionStore(store.session_key).load() == {"kettle": "tea"}
