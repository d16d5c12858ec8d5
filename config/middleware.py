from django.conf import settings
from django.shortcuts import redirect
from django.utils import translation


class VietnameseFirstLocaleMiddleware:
    """Vietnamese unless the user chose another language.

    Django's LocaleMiddleware follows the browser's Accept-Language, which
    on many phones and office PCs in Vietnam is English; here the language
    is the one chosen in the page's selector (the language cookie), and
    otherwise LANGUAGE_CODE (vi).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class PasswordChangeRequiredMiddleware:
    """Someone whose password an office issued (`User.must_change_password`)
    is sent to the password change form from every page until they pick
    their own; signing out and choosing the language still work."""

    # Views by their full name: the admin's own password change does not count.
    ALLOWED = {"password_change", "password_change_done", "logout", "set_language"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not getattr(user, "must_change_password", False):
            return None
        if request.resolver_match.view_name in self.ALLOWED:
            return None
        return redirect("password_change")
