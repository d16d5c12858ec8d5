"""The client's address, as the reverse proxies in front of us say it.

Each proxy appends the address it received the request from to
X-Forwarded-For, so with N trusted proxies the client's address is the N-th
entry from the right; whatever stands left of it was written by the client
and may be forged. Without proxies (N = 0) it is REMOTE_ADDR.

django-axes calls this (`AXES_CLIENT_IP_CALLABLE`) instead of its own
django-ipware branch: ipware is not installed here, so axes fell back to
REMOTE_ADDR — the proxy's address for everyone — and its `proxy_count`
counts the proxies differently from the header Nginx writes. This function
is the rule in one place, with tests for forged and short headers.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the REVERSE_PROXY_COUNT-th entry (environment
    variable AXES_PROXY_COUNT) from the right of X-Forwarded-For, or
    REMOTE_ADDR when there are no proxies or the header is shorter than the
    proxy chain (a request that bypassed it)."""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.REVERSE_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    return _address(forwarded[-count]) or remote


def _address(text: str) -> str | None:
    """`text` as a normalised IP address, or None if it is not one (a port
    after an IPv4 address, as some proxies write, is dropped)."""
    if text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(text.strip("[]")))
    except ValueError:
        return None
