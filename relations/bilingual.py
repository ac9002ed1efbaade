"""Which of a bilingual pair the admin shows: the editor works in English or in French, and
the names of what they edit follow (Russie, not Russia, in the French admin)."""

from django.utils.translation import get_language


def admin_language() -> str:
    """ "fr" when the admin speaks French, else "en"."""
    return "fr" if (get_language() or "en").startswith("fr") else "en"


def in_language(text: dict[str, str]) -> str:
    """A snapshot text in the admin's language (French admin, French words)."""
    return text[admin_language()]


def named(record, field: str) -> str:
    """`record.<field>_fr` in French when it is filled in, else `record.<field>_en`: the name
    a record goes by in lists, titles and messages."""
    if admin_language() == "fr" and (french := getattr(record, f"{field}_fr")):
        return french
    return getattr(record, f"{field}_en")
