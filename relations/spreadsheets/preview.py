"""How an import would change the pages: the sentences that read differently, and the
figures of the chart and table, old → new.

The preview builds the snapshot of the first few profiles the file touches before and after
the (rolled back) writes. Sentences come from the paragraphs and list items of each section
as a reader sees them; the chart, the tables and their captions are not sentences, so they
are left out there and shown instead as a short list of figures that change.
"""

import difflib
import re
from html.parser import HTMLParser

from relations.compare import figure_changes, section_html, word_diff
from relations.models import Profile
from relations.snapshot import profile_snapshot
from relations.spreadsheets.results import FigureChange, SentenceChange

# Sentences of at most this many profiles are compared in a preview (each costs two snapshots).
PAGE_CHANGE_PROFILES = 3
LANGUAGES = ("en", "fr")


def page_documents(profile_ids: list[int]) -> dict[str, dict]:
    """{slug: snapshot document} of the first few profiles."""
    profiles = Profile.objects.filter(pk__in=sorted(profile_ids)[:PAGE_CHANGE_PROFILES])
    return {profile.slug: profile_snapshot(profile) for profile in profiles.with_partner()}


def page_changes(
    before: dict[str, dict], after: dict[str, dict]
) -> tuple[list[SentenceChange], list[FigureChange]]:
    sentences, figures = [], []
    for slug, document in after.items():
        old = before.get(slug)
        for language in LANGUAGES:
            sentences += sentence_changes(slug, language, old, document)
        if old is not None:
            figures += [
                FigureChange(slug, change["figure"], change["old"], change["new"])
                for change in figure_changes(old, document)
            ]
    return sentences, figures


def sentence_changes(slug: str, language: str, old: dict | None, new: dict):
    """Sentences that read differently, each old sentence paired with its new version."""
    before = page_sentences(old, language) if old else {}
    for key, (heading, now) in page_sentences(new, language).items():
        was = before.get(key, (heading, []))[1]
        if was == now:
            continue
        matcher = difflib.SequenceMatcher(None, was, now, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                old_text, new_text = " ".join(was[i1:i2]), " ".join(now[j1:j2])
                yield SentenceChange(
                    slug, language, heading, old_text, new_text, word_diff(old_text, new_text)
                )


def page_sentences(document: dict, language: str) -> dict[str, tuple[str, list[str]]]:
    """{section key: (heading, sentences)} of a document in one language."""
    return {
        key: (heading, [s for text in paragraphs(rendered) for s in split_sentences(text)])
        for key, (heading, rendered) in section_html(document, language).items()
    }


def split_sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+", text) if part]


class _Paragraphs(HTMLParser):
    """The text of each paragraph and list item, outside figures, tables and drawings."""

    BLOCKS = {"p", "li"}
    SKIPPED = {"figure", "table", "svg", "caption"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.current: list[str] | None = None
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BLOCKS and not self.skipping:
            self.flush()
            self.current = []

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data):
        if self.current is not None and not self.skipping:
            self.current.append(data)

    def flush(self):
        if self.current is not None and (text := " ".join("".join(self.current).split())):
            self.texts.append(text)
        self.current = None


def paragraphs(rendered: str) -> list[str]:
    parser = _Paragraphs()
    parser.feed(rendered)
    parser.close()
    parser.flush()
    return parser.texts
