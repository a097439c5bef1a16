"""WebSocket delivery of the same progress events as the SSE routes, with the same ownership rules."""
from __future__ import annotations

import asyncio
from urllib.parse import parse_qs

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from accounts.authentication import user_from_session_key
from monitoring import selectors
from monitoring.streams import stream_db, stream_events
from resume2website.errors import NotFound

CLOSE_NOT_FOUND = 4404
CLOSE_UNAUTHENTICATED = 4401
CLOSE_BAD_REQUEST = 4400


def _target(kind: str, object_id: str, user, session) -> selectors.StreamTarget:
    if kind == "cv":
        return selectors.stream_target_for_cv(user=user, job_id=object_id, session=session)
    if kind == "portfolio":
        return selectors.stream_target_for_portfolio(user=user, portfolio_id=object_id)
    if kind == "workflow":
        return selectors.stream_target_for_workflow(user=user, workflow_id=object_id, session=session)
    raise NotFound("No such stream.")


class ProgressConsumer(AsyncJsonWebsocketConsumer):
    """ws/progress/<cv|portfolio|workflow>/<id>/?last_event_id=N: events as JSON messages.

    The socket closes after `complete`/`error`; another user's object is refused (4404).
    """

    pump: asyncio.Task | None = None

    async def connect(self):
        kwargs = self.scope["url_route"]["kwargs"]
        query = parse_qs(self.scope.get("query_string", b"").decode())
        headers = dict(self.scope.get("headers", []))
        user = self.scope.get("user")
        token = headers.get(b"x-session-token")
        if token:
            user = await stream_db(user_from_session_key)(token.decode())
            if user is None:
                await self.close(code=CLOSE_UNAUTHENTICATED)
                return
        try:
            after = int((query.get("last_event_id") or [None])[0] or -1)
        except ValueError:
            await self.close(code=CLOSE_BAD_REQUEST)
            return
        try:
            target = await stream_db(_target)(kwargs["kind"], str(kwargs["object_id"]), user,
                                                  self.scope.get("session"))
        except NotFound:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        await self.accept()
        self.pump = asyncio.create_task(self._pump(target, target.start_after if after < 0 else after))

    async def _pump(self, target: selectors.StreamTarget, after: int) -> None:
        if target.final_event is not None:
            for row in await stream_db(selectors.progress_events_after)(stream=target.stream, after_seq=after):
                await self.send_json(row.as_dict())
            await self.send_json(target.final_event)
        else:
            async for event in stream_events(target.stream, after_seq=after, until_seq=target.until_seq):
                await self.send(text_data=event.json())
        await self.close(code=1000)

    async def disconnect(self, code):
        if self.pump is not None:
            self.pump.cancel()

    async def receive_json(self, content, **kwargs):
        """Clients only listen; a ping gets a pong so they can check the socket."""
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})
