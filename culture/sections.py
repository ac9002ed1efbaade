"""Snapshot builder for the culture section: highlights grouped by kind.

Each group says how its words agree (``relations.grammar.agreement``): "all of whom" or "all
of which" (people or companies), « tous » or « toutes », « a été célébré » or « célébrée ».
"""

from culture.models import Highlight
from relations.countries import country_forms
from relations.formatting import join_bilingual
from relations.grammar import Agreement, agreement, de, typography
from relations.models import Section
from relations.snapshot import SnapshotContext


def highlight_facts(highlight: Highlight) -> dict:
    agrees = Agreement.from_code(highlight.french_agreement)
    return {
        "name": {"en": highlight.name_en, "fr": typography(highlight.name_fr, "fr")},
        "description": {
            "en": highlight.description_en,
            "fr": typography(highlight.description_fr, "fr"),
        },
        "year": highlight.year,
        "image": highlight.image.url if highlight.image else None,
        "image_alt": {"en": highlight.image_alt_en, "fr": highlight.image_alt_fr},
        "is_group": highlight.is_group,
        "feminine": agrees.feminine,
        "plural": agrees.plural,
    }


def group_facts(kind: str, items: list[Highlight]) -> dict:
    names = join_bilingual([{"en": h.name_en, "fr": typography(h.name_fr, "fr")} for h in items])
    together = agreement(Agreement.from_code(h.french_agreement) for h in items)
    facts = {
        "kind": kind,
        "count": len(items),
        "names": names,
        # « qui ont toutes connu », « ont toutes deux »: every one of them is feminine.
        "feminine": together.feminine,
        # "all of which": every one of them is a company or group.
        "groups_only": all(h.is_group for h in items),
        "items": [highlight_facts(h) for h in items],
    }
    if kind == Highlight.Kind.TRANSLATED_AUTHOR:
        # "Books by Atwood and Hébert" / « Les livres d’Anne Hébert et … »
        facts["by_names"] = by_names(names)
    return facts


def by_names(names: dict[str, str]) -> dict[str, str]:
    return {"en": f"by {names['en']}", "fr": de(names["fr"])}


# "was celebrated across the country": only once a sentence before it in the paragraph has
# named the partner ("Our artists are gaining popularity in Russia, …"); otherwise the
# reader cannot tell which country, and the sentence names it ("across Japan").
THE_COUNTRY = {"en": "across the country", "fr": "partout au pays"}
NAMES_THE_PARTNER = {Highlight.Kind.PERFORMANCE}


def build_culture_section(section: Section, context: SnapshotContext) -> dict:
    highlights = list(Highlight.objects.for_profile(context.profile))
    across_partner = country_forms(context.partner)["across"]
    groups = []
    for kind in Highlight.Kind.values:
        items = [h for h in highlights if h.kind == kind]
        if not items:
            continue
        group = group_facts(kind, items)
        if kind == Highlight.Kind.COMMEMORATION:
            named = any(g["kind"] in NAMES_THE_PARTNER for g in groups)
            for item in group["items"]:
                item["place"] = THE_COUNTRY if named else across_partner
        groups.append(group)
    return {"groups": groups}


def upgrade_facts(kind: str, facts: dict, from_schema: int) -> dict:
    """Older culture facts with what schema 3 templates read (relations.snapshot)."""
    if from_schema < 3:
        for group in facts["groups"]:
            if group["kind"] == Highlight.Kind.TRANSLATED_AUTHOR:
                group.setdefault("by_names", by_names(group["names"]))
            for item in group["items"]:
                # Before schema 3 the page always said "across the country".
                item.setdefault("place", THE_COUNTRY)
    return facts
