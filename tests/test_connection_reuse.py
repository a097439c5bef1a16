"""Services mode reuses warm connections across requests: one Redis client and pool per process
for the cache, a psycopg pool for PostgreSQL (under daphne requests run on many threads)."""
import os
import threading

import pytest
from django.core.cache import caches
from django.db import connection

services_mode = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="services mode only (Redis)")


@services_mode
def test_cache_objects_of_every_thread_share_one_client_and_warm_connections():
    seen = []

    def one_request():  # a fresh thread gets a fresh cache object, as each request does under daphne
        cache = caches["default"]
        cache.set("pool-test", 1)
        seen.append((id(cache), cache._cache.get_client(), cache.get("pool-test")))

    def connections(pool) -> int:
        return len(pool._available_connections) + len(pool._in_use_connections)

    one_request()
    pool = seen[0][1].connection_pool
    opened = connections(pool)  # the process's pool may already hold connections of earlier work
    for _ in range(20):
        thread = threading.Thread(target=one_request)
        thread.start()
        thread.join()

    assert len({cache_id for cache_id, _, _ in seen}) > 1  # Django did make new cache objects...
    assert len({id(client) for _, client, _ in seen}) == 1  # ...but they all talk through the same client
    assert connections(pool) == opened  # and no request opened a connection of its own
    assert all(value == 1 for _, _, value in seen)


@services_mode
@pytest.mark.django_db(transaction=True)
def test_requests_on_new_threads_borrow_pooled_postgresql_connections(client, alice):
    """Through the real handler (the test client keeps connections open on purpose): each request
    borrows a pooled connection and gives it back when it ends."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    pool = connection.pool
    assert pool is not None
    client.force_login(alice)
    environ = RequestFactory()._base_environ(PATH_INFO="/api/v1/auth/me", REQUEST_METHOD="GET",
                                             HTTP_COOKIE=f"sessionid={client.cookies['sessionid'].value}")
    handler, statuses = WSGIHandler(), []

    def one_request():
        response = handler(dict(environ), lambda status, headers: statuses.append(status))
        response.close()  # as a server does: request_finished hands the connection back

    one_request()
    before = pool.get_stats()
    for _ in range(30):
        thread = threading.Thread(target=one_request)
        thread.start()
        thread.join()
    after = pool.get_stats()

    assert statuses == ["200 OK"] * 31
    assert after["requests_num"] - before["requests_num"] == 30  # each request borrowed a connection
    assert after["pool_size"] <= before["pool_size"] + 1  # and gave it back: no new ones
    assert not after.get("requests_errors") and not after.get("requests_waiting")


@services_mode
def test_redis_replies_are_parsed_by_hiredis():
    from redis._parsers import _HiredisParser

    client = caches["default"]._cache.get_client()
    connection = client.connection_pool.get_connection()
    try:
        assert isinstance(connection._parser, _HiredisParser)
    finally:
        client.connection_pool.release(connection)
