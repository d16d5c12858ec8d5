"""Writes on accounts by an office: a new password, a lockout cleared —
each recorded (AccountAction). Commune officials often have no working
email, so the office over their center does what the reset mail cannot."""

import secrets

from axes.utils import reset as axes_reset
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from centers.models import AccountAction, AccountActionKind, Office, User
from centers.selectors import accounts_managed_by

# Readable over the phone: no 0/O, 1/l/I.
ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _managed(actor: User, office: Office, user: User) -> None:
    if not accounts_managed_by(actor, office).filter(pk=user.pk).exists():
        raise PermissionDenied(_("This account is not one of your centers' accounts."))


def account_password_reset(*, actor: User, office: Office, user: User) -> str:
    """Give `user` a new random password (returned, to be told once) and
    clear their lockout; recorded. The office knows that password, so its
    owner must pick their own at the next page they open. Only for
    accounts of the centers under the actor's office (`accounts_managed_by`)."""
    _managed(actor, office, user)
    password = "".join(secrets.choice(ALPHABET) for _ in range(12))
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        AccountAction.objects.create(
            actor=actor, user=user, office=office, kind=AccountActionKind.PASSWORD_RESET
        )
    axes_reset(username=user.get_username())
    return password


def account_unlock(*, actor: User, office: Office, user: User) -> None:
    """Clear `user`'s login lockout (django-axes), from every address;
    recorded."""
    _managed(actor, office, user)
    axes_reset(username=user.get_username())
    AccountAction.objects.create(
        actor=actor, user=user, office=office, kind=AccountActionKind.LOCKOUT_CLEARED
    )
