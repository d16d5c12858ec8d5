"""A fixed-window counter in Django's cache, for the few requests that must
not be repeated freely (password resets and changes). Logins are limited
by django-axes."""

from django.core.cache import cache


def rate_allow(key: str, *, limit: int, seconds: int) -> bool:
    """Count one request under `key`; False once more than `limit` came in
    the current window of `seconds`. The default cache is per process, so
    with several web processes each counts apart — the limit is per process
    unless CACHES points at a shared cache."""
    cache_key = f"ratelimit:{key}"
    if cache.add(cache_key, 1, seconds):
        return True
    try:
        return cache.incr(cache_key) <= limit
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, seconds)
        return True
