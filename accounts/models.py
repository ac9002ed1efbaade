"""What each admin user chose for themselves: the language of the admin."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AdminPreference(models.Model):
    """A person's admin language; public pages keep the language of their address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="admin_preference",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("admin language"),
        max_length=8,
        choices=settings.LANGUAGES,
        help_text=_("The language of the admin screens, messages and emails for this person."),
    )

    class Meta:
        verbose_name = _("admin preference")
        verbose_name_plural = _("admin preferences")

    def __str__(self):
        return f"{self.user}: {self.language}"
