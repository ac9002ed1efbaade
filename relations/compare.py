"""What changed between two snapshot documents, section by section and figure by figure.

Sections are compared as readers see them: each is rendered to text in one language and
the words are diffed, so a changed figure shows up inside its sentence too.
"""

import difflib
import html
import re

from django.template.loader import render_to_string
from django.utils import translation

from relations.snapshot import localize, upgraded


def section_html(document: dict, language: str) -> dict[str, tuple[str, str]]:
    """{section key: (heading, rendered HTML)} for the document in one language."""
    page = localize(upgraded(document), language)
    sections = {}
    with translation.override(language):
        for section in page["sections"]:
            rendered = render_to_string(
                f"relations/sections/{section['kind']}.html",
                {
                    "facts": section["facts"],
                    "prose": section["prose"],
                    "home": page["home"],
                    "partner": page["partner"],
                },
            )
            sections[section["key"]] = (section["heading"], rendered)
    return sections


def section_texts(document: dict, language: str) -> dict[str, tuple[str, str]]:
    """{section key: (heading, plain text)} for the document in one language."""
    return {
        key: (heading, " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split()))
        for key, (heading, rendered) in section_html(document, language).items()
    }


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, words)] with op "equal", "delete" or "insert"."""
    old_words, new_words = old.split(), new.split()
    segments = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            segments.append(("delete", " ".join(old_words[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(("insert", " ".join(new_words[j1:j2])))
        if op == "equal":
            segments.append(("equal", " ".join(old_words[i1:i2])))
    return segments


def _figures(document: dict) -> dict[tuple, str]:
    for section in document.get("sections", []):
        if section["kind"] == "trade":
            return {
                (f["year"], f["flow"], f["kind"], f["hs_chapter"] or "total"): f["value_cad"]
                for f in section["facts"].get("figures", [])
            }
    return {}


def figure_changes(old: dict, new: dict) -> list[dict]:
    """Trade figures added, removed or changed: [{"figure", "old", "new"}]."""
    before, after = _figures(old), _figures(new)
    changes = []
    for key in sorted({*before, *after}, key=str):
        if before.get(key) != after.get(key):
            year, flow, kind, chapter = key
            changes.append(
                {
                    "figure": f"{year} {flow} {kind} {chapter}",
                    "old": before.get(key),
                    "new": after.get(key),
                }
            )
    return changes


def compare_documents(old: dict, new: dict, language: str) -> dict:
    old_sections, new_sections = section_texts(old, language), section_texts(new, language)
    keys = list(old_sections) + [key for key in new_sections if key not in old_sections]
    sections = []
    for key in keys:
        heading, old_text = old_sections.get(key, (None, ""))
        new_heading, new_text = new_sections.get(key, (None, ""))
        sections.append(
            {
                "key": key,
                "heading": new_heading or heading,
                "changed": old_text != new_text or heading != new_heading,
                "segments": word_diff(old_text, new_text),
            }
        )
    return {"sections": sections, "figures": figure_changes(old, new)}
