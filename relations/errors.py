"""Error pages (400, 403, 404, 500) in the site's chrome and the language of the address.

The language comes from the path itself (/fr/… is French), because an error may happen
before the middleware that activates it runs: the page cache asks the database first. No
error page touches the database, so the 500 page still renders when the database is down;
if even the template fails, a fixed bilingual page is sent.
"""

import logging

from django.http import HttpResponse
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from relations.admin_errors import admin_permission_denied, is_admin_request
from relations.metadata import PageMetadata

logger = logging.getLogger(__name__)

TITLES = {
    400: gettext_noop("We could not understand that request"),
    403: gettext_noop("You do not have access to this page"),
    404: gettext_noop("We couldn't find that Web page"),
    500: gettext_noop("We are having a problem with this page"),
}

FALLBACK = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Error 500 - Canada.ca</title></head>
<body><main><h1>We are having a problem with this page</h1>
<p><a href="/en/relations/">Bilateral Relations</a></p>
<section lang="fr"><h2>Nous \xc3\xa9prouvons des difficult\xc3\xa9s avec cette page</h2>
<p><a href="/fr/relations/">Relations bilat\xc3\xa9rales</a></p></section></main></body></html>
"""


def error_language(request) -> str:
    return translation.get_language_from_path(request.path_info) or translation.get_language()


def render_error(request, status: int) -> HttpResponse:
    language = error_language(request)
    other = "fr" if language == "en" else "en"
    with translation.override(language):
        with translation.override(other):
            other_index = reverse("relations:index")
        context = {
            "status": status,
            "meta": PageMetadata(title=gettext(TITLES[status]), robots="noindex, nofollow"),
            "alternate_url": other_index,
            "breadcrumbs": [(gettext("Home"), reverse("relations:home"))],
            "index_url": reverse("relations:index"),
        }
        # No request context: the context processors would read the session and the user.
        content = loader.render_to_string(f"errors/{status}.html", context)
    return HttpResponse(content, status=status)


def bad_request(request, exception=None):
    return render_error(request, 400)


def permission_denied(request, exception=None):
    if is_admin_request(request):
        return admin_permission_denied(request, exception)
    return render_error(request, 403)


def page_not_found(request, exception=None):
    return render_error(request, 404)


def server_error(request):
    try:
        return render_error(request, 500)
    except Exception:
        logger.exception("The 500 page itself failed; sending the fixed one")
        return HttpResponse(FALLBACK, status=500, content_type="text/html; charset=utf-8")
