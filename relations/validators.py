"""Validators shared by every app's models, so editors get the same message everywhere."""

import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def validate_not_future_year(year: int) -> None:
    """Figures and events are reported after the fact: a year after this one is a typo."""
    current = timezone.localdate().year
    if year > current:
        raise ValidationError(
            _("%(year)s is in the future; enter a year no later than %(current)s."),
            params={"year": year, "current": current},
            code="future_year",
        )


def validate_plausible_year(year: int) -> None:
    if year < 1800:
        raise ValidationError(
            _("%(year)s is too early; enter a four-digit year from 1800 on."),
            params={"year": year},
            code="early_year",
        )


def translation_gaps(obj, fields: list[str]) -> dict[str, str]:
    """Errors for optional texts written in one language only.

    A text that exists in English but not in French (or the reverse) would leave a blank on
    one of the two pages, so the editor is told which half is missing.
    """
    errors = {}
    for field in fields:
        english = (getattr(obj, f"{field}_en") or "").strip()
        french = (getattr(obj, f"{field}_fr") or "").strip()
        if english and not french:
            errors[f"{field}_fr"] = _("Enter the French text too: the French page needs it.")
        elif french and not english:
            errors[f"{field}_en"] = _("Enter the English text too: the English page needs it.")
    return errors


FRENCH_ARTICLE = re.compile(r"^(?:(?:le|la|les) |l[’'](?=\w))")


def validate_french_article(text: str) -> None:
    """A French name that a sentence lists is written with its article: "les machines".

    French sentences name goods with an article ("étaient les machines et la viande"), so the
    form is stored with it, and a form without one would read "étaient machines".
    """
    if not FRENCH_ARTICLE.match(text or ""):
        raise ValidationError(
            _("Start with the article the sentence needs: le, la, les or l’ (les machines)."),
            code="french_article",
        )
