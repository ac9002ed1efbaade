"""Root URLs: the admin, and the public pages under a language prefix (/en/, /fr/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from config.health import health
from config.media import serve_media

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health, name="health"),
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
