"""A fixed-window counter in Django's cache, for the few requests that must
not be repeated freely (password resets and changes). Logins are limited
by django-axes."""

import logging

from django.core.cache import cache

log = logging.getLogger(__name__)


def rate_allow(key: str, *, limit: int, seconds: int) -> bool:
    """Count one request under `key`; False once more than `limit` came in
    the current window of `seconds`. Counted in Django's cache: with
    CACHE_URL at a shared Redis, once for all web processes and servers;
    with the default (per process), each process counts apart. A cache
    that does not answer (Redis down) lets the request through, logged:
    the password pages stay usable — and someone who must change an
    issued password is not shut out of the whole site — while the limit
    is off."""
    cache_key = f"ratelimit:{key}"
    try:
        if cache.add(cache_key, 1, seconds):
            return True
        try:
            return cache.incr(cache_key) <= limit
        except ValueError:  # expired between add() and incr()
            cache.set(cache_key, 1, seconds)
            return True
    except Exception:  # the cache's own errors (redis, memcached) share no base
        log.warning("rate limit %s not counted: the cache did not answer", key, exc_info=True)
        return True
