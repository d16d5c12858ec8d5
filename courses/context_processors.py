"""What every page's menu needs to know about the signed-in user's centers."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def workspace(request: HttpRequest) -> dict:
    """Whether to offer the center chooser in the menu: the user holds (or
    held) appointments at more than one center. Lazy: the query runs only
    on pages whose menu asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def several() -> bool:
        return len(user.appointments.values("center").distinct()[:2]) > 1

    return {"several_centers": SimpleLazyObject(several)}
