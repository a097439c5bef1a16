"""ASGI entry point: HTTP (pages, API, SSE) and WebSocket, served by daphne."""
import gc
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resume2website.settings.local")
GC_YOUNG_THRESHOLD = 20_000  # allocations between young collections (Python's default: 700)

from resume2website.request_threads import get_asgi_application  # noqa: E402

django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from monitoring.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)

# Garbage collection in a long-lived server. Everything loaded at start-up (Django, the apps,
# the libraries: ~200,000 objects) is moved out of the collector's reach, and young collections
# run less often. With a thousand open streams a full collection otherwise stopped the event
# loop for 100-350 ms, delaying every stream's next event by as much.
gc.collect()
gc.freeze()
gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
