from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Who may log in to the admin: login throttling (django-axes) and its admin screens, and
    each person's admin language."""

    name = "accounts"
    verbose_name = _("Logins")

    def ready(self):
        from accounts import languages  # noqa: F401  (connects the login receiver)
