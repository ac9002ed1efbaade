"""Snapshot builder for the trade section."""

from decimal import Decimal

from django.db.models import Prefetch

from relations.formatting import (
    bilingual,
    decline_percent,
    growth_multiple,
    growth_percent,
    growth_phrase,
    join_bilingual,
    machine_date,
    money_phrase,
    number,
    ordinal,
    when_phrase,
)
from relations.grammar import typography
from relations.models import Section
from relations.snapshot import SnapshotContext
from trade.facts import (
    MERCHANDISE_EXPORTS,
    MERCHANDISE_IMPORTS,
    SERVICES_EXPORTS,
    SERVICES_IMPORTS,
    export_rank,
    key_commodities,
    yearly_totals,
)
from trade.models import Flow, HSChapter, TradeFigure, TradeMission, TradeMissionSector


def money(value: Decimal | None) -> dict | None:
    return None if value is None else bilingual(money_phrase, value)


def growth_facts(exports: dict[int, Decimal]) -> dict | None:
    """From the first year of export figures to the latest one."""
    if len(exports) < 2:
        return None
    start_year, end_year = min(exports), max(exports)
    start, end = exports[start_year], exports[end_year]
    if start <= 0:
        return None
    multiple = growth_multiple(start, end)
    rising = multiple >= 1
    return {
        "start_year": start_year,
        "end_year": end_year,
        "start": money(start),
        "end": money(end),
        "multiple": str(multiple),
        "rising": rising,
        "phrase": bilingual(growth_phrase, multiple) if rising else None,
        "decline_percent": None if rising else decline_percent(multiple),
        **growth_kind(multiple),
    }


def growth_kind(multiple: Decimal) -> dict:
    """Which sentence the growth calls for, and its number.

    "more_than_times" (8.38: "more than 8 times over") and "times" (3.00: "3 times over")
    say the relations "have expanded significantly"; "percent" (1.45: "increased by 45%"),
    "flat" (rounds to 0%) and "fell" (0.75: "fell by 25%") never do.
    """
    if multiple >= 2:
        whole = int(multiple)
        return {"kind": "times" if multiple == whole else "more_than_times", "times": whole}
    if multiple >= 1:
        percent = growth_percent(multiple)
        return {"kind": "percent" if percent else "flat", "percent": percent}
    percent = decline_percent(multiple)
    return {"kind": "fell" if percent else "flat", "percent": percent}


def upgrade_facts(kind: str, facts: dict, from_schema: int) -> dict:
    """Older trade facts with what schema 3 templates read (relations.snapshot.UPGRADES)."""
    if from_schema < 3 and facts.get("growth"):
        facts["growth"].update(growth_kind(Decimal(facts["growth"]["multiple"])))
    if from_schema < 3:
        # Before schema 3, French texts were stored as typed: same words, French typography.
        for row in facts.get("figures", []):
            for key in ("chapter_name", "chapter_title"):
                if row.get(key):
                    row[key]["fr"] = typography(row[key]["fr"], "fr")
    return facts


def commodity_list(items: list[dict]) -> dict[str, str] | None:
    if not items:
        return None
    return join_bilingual([item["name"] for item in items])


def companies_phrase(mission: TradeMission) -> dict[str, str] | None:
    """ "nearly 30" / "près de 30": how many companies took part, as precisely as known."""
    if not mission.companies:
        return None
    qualifier_en, qualifier_fr = {
        TradeMission.CountQualifier.EXACT: ("", ""),
        TradeMission.CountQualifier.NEARLY: ("nearly ", "près de "),
        TradeMission.CountQualifier.ABOUT: ("about ", "environ "),
        TradeMission.CountQualifier.MORE_THAN: ("more than ", "plus de "),
    }[mission.companies_qualifier]
    return {
        "en": f"{qualifier_en}{number(mission.companies, 'en')}",
        "fr": f"{qualifier_fr}{number(mission.companies, 'fr')}",
    }


def latest_services(totals) -> dict | None:
    """The latest year with a services figure, and both flows for that year where known."""
    exports, imports = totals.get(SERVICES_EXPORTS, {}), totals.get(SERVICES_IMPORTS, {})
    years = {*exports, *imports}
    if not years:
        return None
    year = max(years)
    return {"year": year, "exports": money(exports.get(year)), "imports": money(imports.get(year))}


def mission_facts(mission: TradeMission) -> dict:
    # In the editor's order, from the links `mission_rows` prefetched (no query per mission).
    sectors = [link.sector for link in mission.trademissionsector_set.all()]
    return {
        "date": mission.date.isoformat(),
        "datetime": machine_date(mission.date, mission.date_precision),
        "when": bilingual(when_phrase, mission.date, mission.date_precision),
        "leader": mission.leader_name,
        "title": {"en": mission.leader_title_en, "fr": mission.leader_title_fr},
        "companies": companies_phrase(mission),
        # One company: "in which 1 Canadian company took part" (the count is exact).
        "companies_count": mission.companies,
        "sectors": join_bilingual([{"en": s.name_en, "fr": s.name_fr} for s in sectors])
        if sectors
        else None,
    }


def figure_rows(profile) -> list[dict]:
    """Every figure of the profile, as plain values, for tables, charts and downloads.

    Chapter names and titles get French typography ("machines\u00a0; parties"): the Customs
    Tariff writes its titles without the space. Sources stay as typed, for the open data;
    the page applies typography when it names them.
    """
    # Plain values, and each chapter read and typeset once however many figures name it.
    figures = list(
        TradeFigure.objects.for_profile(profile).values_list(
            "year", "flow", "kind", "chapter_id", "value", "source_en", "source_fr"
        )
    )
    chapters = {
        chapter.pk: (chapter.code, text(chapter, "name"), text(chapter, "title"))
        for chapter in HSChapter.objects.filter(pk__in={f[3] for f in figures} - {None})
    }
    rows = []
    for year, flow, kind, chapter_id, value, source_en, source_fr in figures:
        code, name, title = chapters[chapter_id] if chapter_id else (None, None, None)
        rows.append(
            {
                "year": year,
                "flow": flow,
                "kind": kind,
                "hs_chapter": code,
                "chapter_name": dict(name) if name else None,
                "chapter_title": dict(title) if title else None,
                "value_cad": str(value),
                "source": {"en": source_en, "fr": source_fr},
            }
        )
    return rows


def text(obj, field: str) -> dict[str, str]:
    return {
        "en": getattr(obj, f"{field}_en"),
        "fr": typography(getattr(obj, f"{field}_fr"), "fr"),
    }


def build_trade_section(section: Section, context: SnapshotContext) -> dict:
    profile = context.profile
    totals = yearly_totals(profile)
    exports = totals.get(MERCHANDISE_EXPORTS, {})
    imports = totals.get(MERCHANDISE_IMPORTS, {})
    export_year = max(exports) if exports else None
    import_year = max(imports) if imports else None
    rank = export_rank(profile, export_year) if export_year else None
    missions = TradeMission.objects.for_profile(profile).prefetch_related(
        Prefetch(
            "trademissionsector_set",
            queryset=TradeMissionSector.objects.select_related("sector").order_by("position", "pk"),
        )
    )
    key_exports = key_commodities(profile, Flow.EXPORT, export_year)
    key_imports = key_commodities(profile, Flow.IMPORT, import_year)
    return {
        "growth": growth_facts(exports),
        "exports": {"year": export_year, "value": money(exports.get(export_year))},
        "rank": {"year": export_year, "ordinal": bilingual(ordinal, rank), "value": rank}
        if rank
        else None,
        "key_exports": commodity_list(key_exports),
        "imports": {"year": import_year, "value": money(imports.get(import_year))}
        if import_year
        else None,
        "key_imports": commodity_list(key_imports),
        "services": latest_services(totals),
        "missions": [mission_facts(m) for m in missions],
        "figures": figure_rows(profile),
    }
