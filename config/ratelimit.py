"""A fixed-window counter in Django's cache, for the few requests that must
not be repeated freely (password resets and changes). Logins are limited
by django-axes."""

from django.core.cache import cache


def rate_allow(key: str, *, limit: int, seconds: int) -> bool:
    """Count one request under `key`; False once more than `limit` came in
    the current window of `seconds`. Counted in Django's cache: with
    CACHE_URL at a shared Redis, once for all web processes and servers;
    with the default (per process), each process counts apart."""
    cache_key = f"ratelimit:{key}"
    if cache.add(cache_key, 1, seconds):
        return True
    try:
        return cache.incr(cache_key) <= limit
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, seconds)
        return True
