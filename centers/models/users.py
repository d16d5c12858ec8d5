"""Who signs in."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from centers.fields import NFCCharField
from centers.text import COLLATION


class User(AbstractUser):
    """A person who signs in. Rights come from appointments at centers and
    from working at an office; a user with neither sees nothing."""

    full_name = NFCCharField(_("full name"), max_length=150, blank=True, db_collation=COLLATION)
    # Set when an office issues a password (it was said over the phone):
    # until its owner picks their own, every page leads to the change form.
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("Set when an office issues a new password; cleared when the user picks one."),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    @cached_property
    def office_ids(self) -> frozenset[int]:
        """The offices this user works at, read once per user object — a
        request's `request.user` — as Django caches a user's permissions.
        A center's director works at none, and every scope then leaves the
        offices' subqueries out of its SQL."""
        return frozenset(self.offices.values_list("pk", flat=True))


class AccountActionKind(models.TextChoices):
    PASSWORD_RESET = "password_reset", _("password reset")
    LOCKOUT_CLEARED = "lockout_cleared", _("lockout cleared")


class AccountAction(models.Model):
    """What an office did to an account of a center in its scope (commune
    officials often have no working email): who, to whom, what, when."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="account_actions",
    )
    office = models.ForeignKey(
        "centers.Office", verbose_name=_("office"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("action"), max_length=20, choices=AccountActionKind.choices)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("account action")
        verbose_name_plural = _("account actions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.user} — {self.actor}"
