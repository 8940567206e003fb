"""Sessions in the database, as Django keeps them, with the lookup every logged-in request
makes compiled once per process (kettle.core.prepared)."""

from __future__ import annotations

from functools import lru_cache

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from kettle.core.prepared import STAND_IN_TIME, PreparedQuery, stand_in_text

STAND_IN_KEY = stand_in_text(0)


@lru_cache(maxsize=1)
def _live_session() -> PreparedQuery:
    rows = Session.objects.filter(session_key=STAND_IN_KEY, expire_date__gt=STAND_IN_TIME)[:1]
    return PreparedQuery(rows, [STAND_IN_KEY, STAND_IN_TIME])


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Session | None:
        sessions = _live_session().fetch({STAND_IN_KEY: self.session_key, STAND_IN_TIME: timezone.now()})
        if not sessions:
            self._session_key = None
            return None
        return sessions[0]
