"""Whatever editors type as prose, only safe HTML reaches a reader's browser."""

import re

import pytest

from relations.addresses import profile_path
from relations.models import ConsultationTopic, Section
from relations.prose import prose_to_html
from tests.helpers import admin_form_data, change_url, inline_prefix, publish
from tests.relations.factories import ProfileFactory, SectionFactory

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<p onclick="alert(1)">hi</p>',
]
FORBIDDEN = ["<script", "onerror", "onclick", "javascript:"]

HOSTILE_BODY = "\n\n".join(
    [
        "Canada and Russia cooperate **closely** in the "
        "[Arctic Council](https://arctic-council.org/).",
        *ATTACKS,
        'Also inline: <script>alert(2)</script> and <span onmouseover="alert(3)">hover</span>.',
    ]
)


def main_of(response) -> str:
    """The page's <main> element, where editor content is rendered."""
    assert response.status_code == 200
    match = re.search(r"<main\b.*?</main>", response.content.decode(), flags=re.S)
    assert match, "the page has no <main>"
    return match.group(0)


def assert_harmless(html: str):
    lowered = html.lower()
    for needle in FORBIDDEN:
        assert needle not in lowered, f"{needle!r} reached the page"
    assert "alert(" not in lowered


# prose_to_html itself


@pytest.mark.parametrize(
    ("prose", "html"),
    [
        ("**bold**", "<p><strong>bold</strong></p>"),
        ("*italic*", "<p><em>italic</em></p>"),
        ("One.\n\nTwo.", "<p>One.</p>\n<p>Two.</p>"),
        (
            "[the Arctic Council](https://arctic-council.org/)",
            '<p><a href="https://arctic-council.org/" rel="noopener noreferrer">'
            "the Arctic Council</a></p>",
        ),
        (
            "[write to us](mailto:info@example.ca)",
            '<p><a href="mailto:info@example.ca" rel="noopener noreferrer">write to us</a></p>',
        ),
        (
            '<abbr title="North Atlantic Treaty Organization">NATO</abbr>',
            '<p><abbr title="North Atlantic Treaty Organization">NATO</abbr></p>',
        ),
        ("- fish\n- meat", "<ul>\n<li>fish</li>\n<li>meat</li>\n</ul>"),
        ("GDP < 5% & rising", "<p>GDP &lt; 5% &amp; rising</p>"),
    ],
)
def test_prose_to_html_keeps_the_allowed_markup(prose, html):
    assert prose_to_html(prose) == html


@pytest.mark.parametrize("prose", ["", "   ", "\n\n\t"])
def test_blank_prose_renders_nothing(prose):
    assert prose_to_html(prose) == ""


@pytest.mark.parametrize(
    "prose",
    [
        *ATTACKS,
        "<ScRiPt>alert(1)</sCrIpT>",
        "Before <script>alert(1)</script> after",
        "<svg onload=alert(1)>",
        '<iframe src="https://evil.example/"></iframe>',
        '<a href="JAVASCRIPT:alert(1)">x</a>',
        "[x](javascript:alert(1))",
        "[x](jav&#x61;script:alert(1))",
        '<a href="https://example.ca" onmouseover="alert(1)">x</a>',
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_prose_to_html_removes_scripts_handlers_and_javascript_links(prose):
    assert_harmless(prose_to_html(prose))


@pytest.mark.parametrize(
    "prose",
    [
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        '<a href="vbscript:msgbox(1)">x</a>',
        '<a href="file:///etc/passwd">x</a>',
    ],
)
def test_links_keep_only_web_and_mail_addresses(prose):
    assert "href" not in prose_to_html(prose)


def test_disallowed_tags_are_dropped_but_their_text_kept():
    html = prose_to_html('<div class="x"><span style="color:red">Hello</span> <u>world</u></div>')
    assert "Hello" in html
    assert "world" in html
    for tag in ("<div", "<span", "<u>", "style=", "class="):
        assert tag not in html


def test_links_never_carry_target_or_other_attributes():
    html = prose_to_html('<a href="https://example.ca" target="_blank" id="x">x</a>')
    assert html == '<p><a href="https://example.ca" rel="noopener noreferrer">x</a></p>'


def test_images_are_not_allowed_in_prose():
    assert "<img" not in prose_to_html("![chart](https://example.ca/chart.png)")


# Through the admin to the public page


def test_hostile_prose_typed_in_the_admin_never_reaches_the_page(
    editor_client, publisher, canada_russia
):
    url = change_url(canada_russia)
    data = admin_form_data(editor_client.get(url))
    prefix = inline_prefix(data, "key", "arctic-cooperation")
    data[f"{prefix}-body_en"] = HOSTILE_BODY
    data[f"{prefix}-body_fr"] = HOSTILE_BODY.replace("cooperate", "coopèrent")

    assert editor_client.post(url, data).status_code == 302
    publish(canada_russia, by=publisher)

    for language in ("en", "fr"):
        main = main_of(editor_client.get(profile_path(canada_russia, language)))
        assert_harmless(main)
        assert "<strong>closely</strong>" in main
        assert (
            '<a href="https://arctic-council.org/" rel="noopener noreferrer">Arctic Council</a>'
        ) in main
    # The editor's text is kept as typed; only the page is cleaned.
    section = Section.objects.get(profile=canada_russia, key="arctic-cooperation")
    assert "<script>alert(1)</script>" in section.body_en


def test_hostile_prose_saved_on_the_model_never_reaches_the_page(client, publisher, db):
    profile = ProfileFactory(slug="testland")
    SectionFactory(profile=profile, body_en=HOSTILE_BODY, body_fr=HOSTILE_BODY)
    publish(profile, by=publisher)

    for language in ("en", "fr"):
        main = main_of(client.get(f"/{language}/relations/testland/"))
        assert_harmless(main)
        assert "<strong>closely</strong>" in main
        assert 'href="https://arctic-council.org/" rel="noopener noreferrer"' in main


def test_html_in_headings_and_list_items_is_shown_as_text(client, publisher, db):
    """Fields that are not prose are plain text: their markup is escaped, never run."""
    profile = ProfileFactory(slug="testland")
    SectionFactory(
        profile=profile,
        kind=Section.Kind.POLITICAL,
        heading_en="<script>alert(1)</script>Politics",
        heading_fr="<script>alert(1)</script>Politique",
    )
    ConsultationTopic.objects.create(
        profile=profile,
        name_en='<img src=x onerror="alert(1)">',
        name_fr='<img src=x onerror="alert(1)">',
    )
    publish(profile, by=publisher)

    main = main_of(client.get("/en/relations/testland/"))

    assert "<script" not in main
    assert "<img src=x" not in main
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Politics" in main
    assert "&lt;img src=x onerror=" in main
