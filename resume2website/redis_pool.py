"""The Redis cache backend with one connection pool and one client per process.

Django makes a new cache object for every thread and async context, and its RedisCache
gives each object a connection pool of its own (Django ticket #35651), then builds a new
redis-py client (~170 response callbacks) for every cache call. Under daphne each request
runs in a fresh context, so each request opened, and dropped, its own TCP connection to
Redis. Here every cache object shares one pool and one client per server: warm connections,
no per-call client. redis-py's pool and client are thread-safe, and the pool starts afresh
in a forked child (a Celery worker).
"""
import threading

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

_lock = threading.Lock()
_clients: dict = {}


class SharedRedisCacheClient(RedisCacheClient):
    def _shared(self, index: int):
        key = (self._servers[index], tuple(sorted((k, repr(v)) for k, v in self._pool_options.items())))
        client = _clients.get(key)
        if client is None:
            with _lock:
                client = _clients.get(key)
                if client is None:
                    pool = self._pool_class.from_url(self._servers[index], **self._pool_options)
                    client = _clients[key] = self._client(connection_pool=pool)
        return client

    def get_client(self, key=None, *, write=False):
        return self._shared(self._get_connection_pool_index(write))


class SharedRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedRedisCacheClient
