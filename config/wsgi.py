"""WSGI entry point, used by gunicorn in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

django_application = get_wsgi_application()

# Published pages already in this process's memory are answered before Django runs.
from relations.page_cache import FastPublishedPages  # noqa: E402

application = FastPublishedPages(django_application)
