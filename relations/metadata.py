"""What a public page says about itself in its <head>, per the Canada.ca content specification.

Description, Dublin Core terms (title, creator, language, issued, modified, subject), Open
Graph, the canonical address and its addresses in every language (hreflang). `base.html`
renders them from one `PageMetadata`; `relations.rendering.page_context` builds the links.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.translation import get_language

# ISO 639-2/T codes, as dcterms.language wants them, and Open Graph locales.
ISO_639_2 = {"en": "eng", "fr": "fra"}
OG_LOCALES = {"en": "en_CA", "fr": "fr_CA"}
# The Government of Canada Core Subject Thesaurus term every profile is about.
SUBJECT = {"en": "International relations", "fr": "Relations internationales"}


@dataclass(frozen=True)
class PageMetadata:
    """The facts a page's <head> states; the links come from page_context."""

    title: str
    description: str = ""
    issued: datetime | None = None
    modified: datetime | None = None
    # "noindex" for permalinks, "noindex, nofollow" for previews and error pages.
    robots: str = ""
    # Atom feeds this page announces: (title, path).
    feeds: tuple[tuple[str, str], ...] = ()

    @property
    def language(self) -> str:
        return (get_language() or settings.LANGUAGE_CODE)[:2]

    @property
    def iso_language(self) -> str:
        return ISO_639_2[self.language]

    @property
    def creator(self) -> str:
        return settings.SITE_CREATOR[self.language]

    @property
    def subject(self) -> str:
        return SUBJECT[self.language]

    @property
    def og_locale(self) -> str:
        return OG_LOCALES[self.language]

    @property
    def og_locale_alternates(self) -> list[str]:
        return [locale for language, locale in OG_LOCALES.items() if language != self.language]
