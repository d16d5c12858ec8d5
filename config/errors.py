"""The error pages, in Vietnamese and in the site's layout, with a way home.

Django's own handlers show a reason built from the exception — for an
unknown address that is the class name "Resolver404" — and, without a
template, English pages ("Not Found", "Bad Request (400)"). These show
only a reason the code wrote for people (`Http404(_("…"))`,
`PermissionDenied(_("…"))`). The 400 and 500 pages render without the
request's context: no context processor runs, so nothing touches the
database (which may be what failed).
"""

import re

from django.http import (
    HttpRequest,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

# get_object_or_404's message names the model, in English, untranslated.
DJANGO_LOOKUP_MESSAGE = re.compile(r"^No .+ matches the given query\.$")


def _reason(exception: BaseException | None) -> str:
    """The message written for people, or nothing (a class name, a dict
    of tried patterns, get_object_or_404's "No Office matches …")."""
    message = exception.args[0] if exception is not None and exception.args else ""
    if not isinstance(message, str) or DJANGO_LOOKUP_MESSAGE.match(message):
        return ""
    return message


@requires_csrf_token
def not_found(request: HttpRequest, exception: BaseException | None = None):
    html = loader.render_to_string("404.html", {"reason": _reason(exception)}, request)
    return HttpResponseNotFound(html)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: BaseException | None = None):
    html = loader.render_to_string("403.html", {"reason": _reason(exception)}, request)
    return HttpResponseForbidden(html)


def bad_request(request: HttpRequest, exception: BaseException | None = None):
    # No request context: a 400 is often a bad Host header or a broken
    # session, and the context processors would read them again.
    return HttpResponseBadRequest(loader.render_to_string("400.html"))


def server_error(request: HttpRequest):
    return HttpResponseServerError(loader.render_to_string("500.html"))


def csrf_failure(request: HttpRequest, reason: str = ""):
    """A form sent from a page that is too old (or from another site):
    say so in the user's language, without the technical reason."""
    return HttpResponseForbidden(loader.render_to_string("403_csrf.html"))
