"""Who signs in."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.utils.translation import gettext_lazy as _

from centers.fields import NFCCharField
from centers.text import COLLATION


class User(AbstractUser):
    """A person who signs in. Rights come from appointments at centers and
    from working at an office; a user with neither sees nothing."""

    full_name = NFCCharField(_("full name"), max_length=150, blank=True, db_collation=COLLATION)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username
