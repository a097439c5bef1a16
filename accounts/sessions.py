"""The session engine: Django's database sessions, stored in accounts.Session with their user."""
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.utils import timezone

from resume2website.compiled_get import CompiledGet

# Every request with a session cookie loads its session: the SQL is compiled once (compiled_get.py).
_LIVE_SESSION = CompiledGet(lambda: SessionStore.get_model_class().objects.all(), "session_key", "expire_date__gt")


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls):
        from accounts.models import Session

        return Session

    def _get_session_from_db(self):
        """As Django's: the live session row, or None (and no session key) when it expired or is gone."""
        session = _LIVE_SESSION.get(self.session_key, timezone.now())
        if session is None:
            self._session_key = None
        return session

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data[SESSION_KEY])
        except (KeyError, TypeError, ValueError):
            session.user_id = None
        return session
