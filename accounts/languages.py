"""The admin in the language each person chose (saved per user), whatever the browser says.

The choice is read once at login into the session, so an admin request costs no query for it;
changing it updates both. Only /admin/ follows it: a public page's address names its language.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation

from accounts.models import AdminPreference

SESSION_KEY = "admin_language"
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def admin_language_of(user) -> str | None:
    """The admin language the person chose, or None (then the browser's language is used)."""
    return (
        AdminPreference.objects.filter(user=user).values_list("language", flat=True).first()
        if user.is_authenticated
        else None
    )


def admin_language_choose(*, user, language: str, session=None) -> None:
    """Save the person's admin language (and put it in their current session)."""
    if language not in LANGUAGE_CODES:
        raise ValueError(f"Unknown language {language!r}")
    AdminPreference.objects.update_or_create(user=user, defaults={"language": language})
    if session is not None:
        session[SESSION_KEY] = language


@receiver(user_logged_in, dispatch_uid="accounts.admin_language_at_login")
def _remember_at_login(sender, request, user, **kwargs):
    language = admin_language_of(user)
    if language and request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = language


class AdminLanguageMiddleware:
    """Activates the person's admin language on /admin/ pages (after authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = None
        if request.path_info.startswith(reverse("admin:index")) and hasattr(request, "session"):
            language = request.session.get(SESSION_KEY)
        if language in LANGUAGE_CODES:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
