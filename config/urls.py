"""Root URLs: the admin, and the public pages under a language prefix (/en/, /fr/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from config.health import health
from relations.sitemaps import SITEMAPS
from relations.views import robots_txt

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health, name="health"),
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
urlpatterns += i18n_patterns(
    path("", include("relations.urls")),
    path("", include("trade.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Error pages in the site's chrome and the language of the address (see relations/errors.py).
handler400 = "relations.errors.bad_request"
handler403 = "relations.errors.permission_denied"
handler404 = "relations.errors.page_not_found"
handler500 = "relations.errors.server_error"
