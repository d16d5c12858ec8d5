"""Accounts: Django's password change and reset by email, in Vietnamese,
rate-limited, the mail through the outbox; and the office's own reset for
the commune officials who have no working email (see
`centers.services.account_password_reset`)."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from config.client_ip import client_ip
from config.ratelimit import rate_allow
from outbox.services import message_enqueue

HOUR = 60 * 60


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, its mail written to the outbox (sent after the
    commit, or by the sweep) instead of sent inside the request."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        message_enqueue(
            kind="password_reset",
            recipient=to_email,
            subject=subject,
            body=render_to_string(email_template_name, context),
            dedupe_key=f"password_reset:{context['uid']}:{context['token']}",
        )


class PasswordResetView(auth_views.PasswordResetView):
    """Always the same answer whether or not the address has an account;
    at most PASSWORD_RESET_PER_ADDRESS mails an hour to one address (more
    are silently not sent) and PASSWORD_RESET_PER_IP requests an hour from
    one client (more are refused)."""

    form_class = OutboxPasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    @property
    def extra_email_context(self):
        # The link uses the configured address, never the request's Host header.
        return {"site_url": settings.SITE_URL.rstrip("/")}

    def post(self, request, *args, **kwargs):
        key = f"password-reset-ip:{client_ip(request)}"
        if not rate_allow(key, limit=settings.PASSWORD_RESET_PER_IP, seconds=HOUR):
            return render(request, "registration/rate_limited.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        key = f"password-reset-address:{form.cleaned_data['email'].casefold()}"
        if not rate_allow(key, limit=settings.PASSWORD_RESET_PER_ADDRESS, seconds=HOUR):
            return HttpResponseRedirect(self.get_success_url())  # the same page as when sent
        return super().form_valid(form)


class OwnPasswordChangeForm(PasswordChangeForm):
    """Django's change form, refusing the current password as the new one:
    a password an office issued (and knows) cannot be kept as one's own."""

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("new_password1")
        if password and not self.errors and self.user.check_password(password):
            self.add_error(
                "new_password2",
                ValidationError(
                    _("Choose a password different from the current one."),
                    code="password_unchanged",
                ),
            )
        return cleaned


class OwnPasswordMixin:
    """For the views where users set a password themselves: it is their
    own, so one an office issued no longer has to be changed."""

    def form_valid(self, form):
        form.user.must_change_password = False  # saved with the new password
        return super().form_valid(form)


class PasswordChangeView(OwnPasswordMixin, auth_views.PasswordChangeView):
    """Django's change form; a few tries per quarter hour, so a session left
    open cannot be used to guess the current password."""

    form_class = OwnPasswordChangeForm
    success_url = reverse_lazy("password_change_done")

    def post(self, request, *args, **kwargs):
        key = f"password-change:{request.user.pk}"
        if not rate_allow(key, limit=settings.PASSWORD_CHANGE_PER_QUARTER_HOUR, seconds=HOUR // 4):
            return render(request, "registration/rate_limited.html", status=429)
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(OwnPasswordMixin, auth_views.PasswordResetConfirmView):
    """The link of the reset mail: the password set here is the user's own."""
