"""Root URLs: the admin, and the public pages under a language prefix (/en/, /fr/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from accounts.views import admin_language
from config.health import health
from config.media import serve_media
from relations.sitemaps import SITEMAPS
from relations.views import robots_txt

urlpatterns = [
    path("admin/language/", admin.site.admin_view(admin_language), name="admin_language"),
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

if settings.SERVE_MEDIA:
    # Local media (no S3 bucket): served by a small view with safe headers, in production too.
    urlpatterns.append(
        path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media, name="media")
    )

# Error pages in the site's chrome and the language of the address (see relations/errors.py).
handler400 = "relations.errors.bad_request"
handler403 = "relations.errors.permission_denied"
handler404 = "relations.errors.page_not_found"
handler500 = "relations.errors.server_error"
