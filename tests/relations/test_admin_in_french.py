"""The admin in French: a crawler walks every admin link from the index, as an editor and as
a publisher whose admin language is French, and finds none of our English texts left.

"Our texts" are the msgids of locale/fr/LC_MESSAGES/django.po whose French differs from the
English; Django's own admin strings are translated by Django. Text marked lang="en" (the
bilingual "Language/Langue" link) and the previews (the public page in a chosen language)
are not the admin's own words and are skipped.
"""

import datetime
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise

from accounts.models import AdminPreference
from relations.models import HandOff, Revision
from relations.revisions import revision_publish, revision_withdraw

pytestmark = pytest.mark.django_db
CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")
# Not the admin's own pages: the public page in a chosen language, leaving.
SKIPPED = re.compile(r"/preview/|/revisions/\d+/(en|fr)/|/logout/|/language/")
DETAIL_PAGES_PER_KIND = 2


def english_texts() -> tuple[set[str], list[str]]:
    """Whole texts (compared with whole text nodes) and long fragments (found anywhere).

    An English text that the French catalogue itself quotes (an English example in a French
    help text) is not a leftover, nor is one whose French is the same word.
    """
    with CATALOGUE.open("rb") as file:
        catalogue = read_po(file)
    messages = [
        (
            message.id if isinstance(message.id, tuple) else (message.id,),
            message.string if isinstance(message.string, tuple) else (message.string,),
        )
        for message in catalogue
        if message.id
    ]
    french = "\n".join(normal(text) for _ids, strings in messages for text in strings)
    whole, fragments = set(), []
    for ids, _strings in messages:
        for english in ids:
            if normal(english) in french:
                continue
            parts = [part.strip() for part in PLACEHOLDER.split(english)]
            if len(parts) == 1:
                whole.add(normal(english))
                continue
            fragments += [
                normal(part) for part in parts if len(part) >= 20 and normal(part) not in french
            ]
    data = data_texts()
    return {text for text in whole if text.lower() not in data}, fragments


def data_texts() -> set[str]:
    """What editors typed (a section heading "Diplomatic Representation", an English name):
    data shown as it is, not the admin's words. Lower case."""
    texts = set()
    for app in ("relations", "trade", "culture"):
        for model in apps.get_app_config(app).get_models():
            names = [
                field.name
                for field in model._meta.concrete_fields
                if isinstance(field, models.CharField | models.TextField)
            ]
            for row in model.objects.values_list(*names) if names else ():
                texts.update(normal(value).lower() for value in row if value)
    return texts


def normal(text: str) -> str:
    """Spaces (no-break ones too) made single; a leading capital (as the admin's capfirst
    gives) and a trailing colon do not matter. Case otherwise does: "AT" is not "at"."""
    text = " ".join(text.replace("\u00a0", " ").split()).strip(" :")
    return text[:1].lower() + text[1:]


class AdminText(HTMLParser):
    """The texts a person reads (or hears) on the page, outside lang="en" parts."""

    SILENT = {"script", "style", "textarea", "title"}
    VOID = {"input", "br", "img", "hr", "meta", "link", "source", "col", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.texts = [], []

    def _english(self):
        return any(tag in self.SILENT or lang not in ("", "fr") for tag, lang in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "").split("-")[0]
        if tag == "html":
            lang = ""
        if tag not in self.VOID:
            self.stack.append((tag, lang))
        if self._english() or lang not in ("", "fr"):
            return
        for name in ("title", "aria-label", "placeholder", "alt"):
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip() and not self._english():
            self.texts.append(data)


def english_left(html: str, whole: set[str], fragments: list[str]) -> list[str]:
    parser = AdminText()
    parser.feed(html)
    found = []
    for text in parser.texts:
        text = normal(text)
        if text in whole:
            found.append(text)
        found += [fragment for fragment in fragments if fragment in text]
    return found


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href and href.startswith("/admin/"):
            self.hrefs.append(href.split("#")[0])


def kind(url: str) -> str:
    """URLs of the same screen for another row count as one kind."""
    return re.sub(r"/\d+/", "/N/", url.split("?")[0])


def crawl(client, start: str, limit: int = 400) -> dict[str, str]:
    """Every admin page reachable from `start` (one per screen and query, a couple of rows
    per list), with its HTML."""
    pages, queue, seen, details = {}, deque([start]), {start}, {}
    while queue and len(pages) < limit:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[url] = html
        links = Links()
        links.feed(html)
        for href in links.hrefs:
            if href in seen or SKIPPED.search(href):
                continue
            seen.add(href)
            screen = kind(href)
            if "?" in href:
                # filters and sorting of a list: one variant per parameter name is enough
                screen += "?" + ",".join(
                    sorted(p.split("=")[0] for p in href.split("?")[1].split("&"))
                )
            details[screen] = details.get(screen, 0) + 1
            if details[screen] <= DETAIL_PAGES_PER_KIND:
                queue.append(href)
    return pages


@pytest.fixture
def french(editor, publisher, canada_russia):
    """Both people in French; a request waiting; revisions in every state (1 published,
    2 withdrawn, 3 cancelled, 4 scheduled)."""
    for person in (editor, publisher):
        AdminPreference.objects.create(user=person, language="fr")
    HandOff.objects.create(profile=canada_russia, note="Prêt.", requested_by=editor)
    later = timezone.now() + datetime.timedelta(days=1)
    notes = {"change_note_en": "New.", "change_note_fr": "Nouveau."}
    for go_live_at in (None, later, later):
        revision_publish(profile=canada_russia, by=publisher, go_live_at=go_live_at, **notes)
    for number in (2, 3):
        revision_withdraw(revision=Revision.objects.get(number=number), by=publisher, reason="x")


@pytest.mark.parametrize("who", ["editor", "publisher"])
def test_no_english_is_left_on_any_admin_page_in_french(client, french, who, request):
    client.force_login(request.getfixturevalue(who))
    whole, fragments = english_texts()
    pages = crawl(client, reverse("admin:index"))
    assert len(pages) > 40  # the walk reached the lists, forms and custom screens
    expected = {
        reverse("admin:relations_profile_changelist"),
        reverse("admin:trade_tradefigure_import"),
        reverse("admin:relations_meeting_import"),
        reverse("admin:culture_highlight_import"),
    }
    assert expected <= set(pages)
    assert any(url.startswith(reverse("admin:trade_tradefigure_export")) for url in pages)
    left = {url: english_left(html, whole, fragments) for url, html in pages.items()}
    left = {url: texts for url, texts in left.items() if texts}
    assert not left, "\n".join(f"{url}: {texts}" for url, texts in left.items())


def test_the_custom_screens_are_walked_too(client, french, publisher, canada_russia):
    client.force_login(publisher)
    pages = crawl(client, reverse("admin:index"))
    for name in ("profile_publish", "profile_revisions", "profile_compare", "profile_hand_off"):
        assert reverse(f"admin:{name}", args=[canada_russia.pk]) in pages, name


def test_the_crawler_finds_english_when_a_text_is_left_untranslated():
    """The check itself: an English msgid on a French page is reported, lang="en" is not."""
    whole, fragments = english_texts()
    page = (
        '<html lang="fr"><body><h1>Ready for publishing</h1>'
        '<p><span lang="en">Language</span></p><input type="submit" value="Confirm import">'
        "<p>Publishing is refused until these texts exist in both languages:</p></body></html>"
    )
    assert set(english_left(page, whole, fragments)) == {
        "ready for publishing",
        "confirm import",
        "publishing is refused until these texts exist in both languages",
    }


def test_every_model_and_field_of_ours_has_a_translatable_name():
    """A field without verbose_name would show its attribute name ("name en") in English."""
    untranslated = [
        f"{model.__name__}.{field.name}"
        for app in ("accounts", "relations", "trade", "culture")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if not field.auto_created and not isinstance(field.verbose_name, Promise)
    ]
    untranslated += [
        f"{model.__name__} (Meta)"
        for app in ("accounts", "relations", "trade", "culture")
        for model in apps.get_app_config(app).get_models()
        if not isinstance(model._meta.verbose_name, Promise)
        or not isinstance(model._meta.original_attrs.get("verbose_name_plural"), Promise)
    ]
    assert untranslated == []


def test_refused_forms_say_what_is_wrong_in_french(client, french, publisher, canada_russia):
    """Every add form, the publish screen and the hand-off, sent empty: the errors and
    messages are French too."""
    client.force_login(publisher)
    whole, fragments = english_texts()
    pages = crawl(client, reverse("admin:index"))
    forms = [url for url in pages if url.endswith("/add/")]
    forms += [
        reverse("admin:profile_publish", args=[canada_russia.pk]),
        reverse("admin:profile_hand_off", args=[canada_russia.pk]),
    ]
    assert len(forms) > 8
    left = {}
    for url in forms:
        response = client.post(url, {"go_live_at": "2020-01-01 09:00", "expected_latest": 1})
        assert response.status_code == 200, url  # refused, shown again
        if texts := english_left(response.content.decode(), whole, fragments):
            left[url] = texts
    assert not left, "\n".join(f"{url}: {texts}" for url, texts in left.items())


def test_the_french_admin_names_what_it_edits_in_french(client, french, publisher, canada_russia):
    """Records go by their French names in titles, lists and the object links of the
    French admin: "Publier Russie", not "Publier Russia"."""
    client.force_login(publisher)
    publish = client.get(reverse("admin:profile_publish", args=[canada_russia.pk]))
    assert "<h1>Publier Russie</h1>" in publish.content.decode()
    missions = client.get(reverse("admin:relations_diplomaticmission_changelist")).content
    assert "Ambassade à Moscou" in missions.decode()
    profiles = client.get(reverse("admin:relations_profile_changelist")).content.decode()
    assert "Russie" in profiles
    assert "Russia" not in profiles


def test_the_english_admin_keeps_the_english_names(admin_client, canada_russia):
    publish = admin_client.get(reverse("admin:profile_publish", args=[canada_russia.pk]))
    assert "<h1>Publish Russia</h1>" in publish.content.decode()


def test_the_french_admin_gives_times_with_their_utc_offset(
    client, french, publisher, canada_russia
):
    """English zone abbreviations (EDT, EST) mean nothing to a French reader (HAE, HNE):
    times carry their UTC offset instead, the same in both languages."""
    client.force_login(publisher)
    revisions = reverse("admin:profile_revisions", args=[canada_russia.pk])
    for page in (revisions, reverse("admin:relations_profile_changelist"), reverse("admin:index")):
        text = client.get(page).content.decode()
        assert not re.search(r"\bE[SD]T\b", text), page
    assert "2012-08-01 09:00 UTC−04:00" in client.get(revisions).content.decode()
