"""Snapshot builder for the culture section: highlights grouped by kind."""

from culture.models import Highlight
from relations.formatting import join_bilingual
from relations.models import Section
from relations.snapshot import SnapshotContext


def highlight_facts(highlight: Highlight) -> dict:
    return {
        "name": {"en": highlight.name_en, "fr": highlight.name_fr},
        "description": {"en": highlight.description_en, "fr": highlight.description_fr},
        "year": highlight.year,
        "image": highlight.image.url if highlight.image else None,
        "image_alt": {"en": highlight.image_alt_en, "fr": highlight.image_alt_fr},
    }


def build_culture_section(section: Section, context: SnapshotContext) -> dict:
    highlights = list(Highlight.objects.for_profile(context.profile))
    groups = []
    for kind in Highlight.Kind.values:
        items = [h for h in highlights if h.kind == kind]
        if not items:
            continue
        groups.append(
            {
                "kind": kind,
                "count": len(items),
                "names": join_bilingual([{"en": h.name_en, "fr": h.name_fr} for h in items]),
                "items": [highlight_facts(h) for h in items],
            }
        )
    return {"groups": groups}
