"""Django's own messages that our Vietnamese catalogue translates because
Django's `vi` locale leaves them in English. Listed here so makemessages
keeps them in locale/vi/LC_MESSAGES/django.po."""

from django.utils.translation import gettext_noop

DJANGO_MESSAGES = [
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    gettext_noop("%(model)s with this %(field_label)s already exists."),
    gettext_noop("Constraint “%(name)s” is violated."),
]
