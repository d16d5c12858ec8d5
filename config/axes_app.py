"""django-axes under a Vietnamese name in the admin (it has none of its own).
Installed in place of "axes" (config/settings.py); its label stays "axes"."""

from axes.apps import AppConfig as BaseAxesConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(BaseAxesConfig):
    verbose_name = _("Sign-in lockouts")
