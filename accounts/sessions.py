"""The session engine: Django's database sessions, stored in accounts.Session with their user."""
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.utils import timezone

from resume2website.compiled_get import CompiledGet

# Every request with a session cookie or token looks up its session: the SQL is compiled once
# (compiled_get.py). A token needs the user too, fetched in the same query.
_LIVE = CompiledGet(lambda: SessionStore.get_model_class().objects.all(), "session_key", "expire_date__gt")
_LIVE_WITH_USER = CompiledGet(lambda: SessionStore.get_model_class().objects.select_related("user"),
                              "session_key", "expire_date__gt")


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls):
        from accounts.models import Session

        return Session

    @classmethod
    def live_row(cls, session_key: str, *, with_user: bool = False):
        """The session row with this key that has not expired (with its user), or None."""
        return (_LIVE_WITH_USER if with_user else _LIVE).get(session_key, timezone.now())

    def _get_session_from_db(self):
        """As Django's: the live session row, or None (and no session key) when it expired or is gone."""
        session = self.live_row(self.session_key)
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
