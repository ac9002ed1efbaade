"""sitemap.xml: every live profile page and the index, in both languages.

Each entry names its page in the other language and the language-neutral address
(x-default) as alternates, and its Date modified as lastmod. Only live pages: a profile whose
only revision is scheduled is not listed, and lastmod never comes from a scheduled revision.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.translation import get_language

from relations.addresses import LANGUAGES, profile_path, site_origin
from relations.selectors import profiles_live


class PublicSitemap(Sitemap):
    """Listed in both languages, on the public origin (SITE_URL) when it is set."""

    i18n = True
    languages = list(LANGUAGES)
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        origin = site_origin()
        return origin[0] if origin else super().get_protocol(protocol)

    def get_domain(self, site=None):
        origin = site_origin()
        return origin[1] if origin else super().get_domain(site)


class ProfileSitemap(PublicSitemap):
    def items(self):
        return profiles_live()

    def location(self, item):
        return profile_path(item, get_language())

    def lastmod(self, item):
        return item["modified"]


class IndexSitemap(PublicSitemap):
    """The index of profiles; modified when the newest of its profiles was."""

    def items(self):
        return [max((p["modified"] for p in profiles_live()), default=None)]

    def location(self, item):
        return reverse("relations:index")

    def lastmod(self, item):
        return item


SITEMAPS = {"index": IndexSitemap, "profiles": ProfileSitemap}
