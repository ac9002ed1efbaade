"""Editor prose to safe HTML: Markdown rendered, then cleaned with an allow-list.

Editors type in the admin; whatever they type (a <script>, an onclick=, a javascript: link)
must never reach a reader's browser, so only a handful of tags and attributes survive.
"""

import markdown
import nh3

ALLOWED_TAGS = {"p", "strong", "em", "a", "ul", "ol", "li", "br", "abbr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "hreflang"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def prose_to_html(text: str) -> str:
    if not text.strip():
        return ""
    rendered = markdown.markdown(text, output_format="html")
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()
