"""The "Language/Langue" screen of the admin's user tools."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.languages import admin_language_choose, admin_language_of


class AdminLanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Admin language"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


def _safe_next(request, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def admin_language(request):
    """Choose the admin language; saved for the person, used from the next page on."""
    chosen = admin_language_of(request.user) or translation.get_language()
    form = AdminLanguageForm(
        request.POST or None,
        initial={"language": chosen, "next": request.GET.get("next", "")},
    )
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        admin_language_choose(user=request.user, language=language, session=request.session)
        with translation.override(language):
            messages.success(request, _("The admin is now in English."))
        return redirect(_safe_next(request, form.cleaned_data["next"]))
    return TemplateResponse(
        request,
        "admin/accounts/language.html",
        {
            **admin.site.each_context(request),
            "title": "Language / Langue",
            "form": form,
        },
    )
