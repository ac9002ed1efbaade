"""The trade section's checklist and workspace panel (see relations.readiness).

Everything here is read from what `trade.sections.build_trade_section` builds and from the
functions it calls (`yearly_totals`, `key_commodities`), so the checklist states the
builder's rules; it never decides one itself.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from relations.bilingual import admin_language, in_language
from relations.formatting import join_list, money_phrase
from relations.readiness import OK, WARNING, Part, built, missing_section
from relations.snapshot import SnapshotContext
from trade.facts import (
    MERCHANDISE_EXPORTS,
    MERCHANDISE_IMPORTS,
    SERVICES_EXPORTS,
    SERVICES_IMPORTS,
    key_commodities,
    yearly_totals,
)
from trade.models import ExportMarketRank, Flow, KeyCommodity, TradeFigure, TradeMission

SERIES = [MERCHANDISE_EXPORTS, MERCHANDISE_IMPORTS, SERVICES_EXPORTS, SERVICES_IMPORTS]


def check_trade(kind: str, sections, context: SnapshotContext) -> Part:
    profile = context.profile
    figures = TradeFigure.objects.for_profile(profile)
    ranks = list(ExportMarketRank.objects.for_profile(profile).order_by("year"))
    listed = list(KeyCommodity.objects.for_profile(profile).values_list("flow", flat=True))
    part = Part(
        kind,
        sections,
        rows=[
            (TradeFigure, figures.count()),
            (ExportMarketRank, len(ranks)),
            (KeyCommodity, len(listed)),
            (TradeMission, TradeMission.objects.for_profile(profile).count()),
        ],
        panel_template="admin/trade/workspace_trade.html",
        panel={"years": figures_by_year(profile)},
    )
    count = part.rows[0][1]
    missing_section(
        part,
        _("trade"),
        ngettext("the %(count)d figure", "the %(count)d figures", count) % {"count": count}
        if count
        else _("the rank, key commodities and trade missions"),
    )
    facts = built(part, context)
    if facts is None:
        return part
    exports_year = facts["exports"]["year"]
    language = admin_language()
    if exports_year is None:
        part.add(
            WARNING,
            _(
                "No merchandise export figures: the section says nothing of exports, their "
                "growth or the export-market rank."
            ),
        )
    else:
        part.add(
            OK,
            _("Says merchandise exports were %(value)s in %(year)s.")
            % {"value": in_language(facts["exports"]["value"]), "year": exports_year},
        )
        growth = facts["growth"]
        if growth:
            part.add(
                OK,
                _("Compares exports of %(start)s with %(end)s.")
                % {"start": growth["start_year"], "end": growth["end_year"]},
            )
        else:
            part.add(
                WARNING,
                _("Export figures for one year only: no growth is stated."),
            )
    rank = facts["rank"]
    unused = [r.year for r in ranks if not rank or r.year != rank["year"]]
    if rank:
        part.add(
            OK,
            _("Says the partner was the %(rank)s export market in %(year)s.")
            % {"rank": in_language(rank["ordinal"]), "year": rank["year"]},
        )
    if unused:
        years = join_list([str(year) for year in unused], language)
        part.add(
            WARNING,
            (
                _("Rank %(years)s is not used: the latest export figures are for %(year)s.")
                % {"years": years, "year": exports_year}
            )
            if exports_year
            else _("Rank %(years)s is not used: there are no export figures.") % {"years": years},
        )
    elif exports_year and not rank:
        part.add(
            WARNING,
            _("No export-market rank for %(year)s: that sentence is left out.")
            % {"year": exports_year},
        )
    for flow, year, phrase in (
        (Flow.EXPORT, exports_year, facts["key_exports"]),
        (Flow.IMPORT, facts["imports"]["year"] if facts["imports"] else None, facts["key_imports"]),
    ):
        commodity_items(part, flow, year, phrase, listed.count(flow), profile)
    if facts["services"]:
        part.add(OK, _("Says services trade in %(year)s.") % {"year": facts["services"]["year"]})
    if facts["missions"]:
        told = len(facts["missions"])
        part.add(
            OK,
            ngettext(
                "Tells of %(count)d trade mission.", "Tells of %(count)d trade missions.", told
            )
            % {"count": told},
        )
    if facts["figures"]:
        part.add(
            OK,
            ngettext(
                "The table and chart show %(count)d figure.",
                "The table and chart show %(count)d figures.",
                len(facts["figures"]),
            )
            % {"count": len(facts["figures"])},
        )
    return part


def commodity_items(part: Part, flow, year, phrase, listed: int, profile) -> None:
    """Key commodities: the largest chapters of the year's figures, or the editor's list."""
    exports = flow == Flow.EXPORT
    if phrase is None:
        part.add(
            WARNING,
            _("No key exports: that sentence is left out.")
            if exports
            else _("No key imports: that sentence is left out."),
        )
        return
    names = {"names": in_language(phrase)}
    part.add(
        OK,
        (
            _("Names the key exports: %(names)s.")
            if exports
            else _("Names the key imports: %(names)s.")
        )
        % names,
    )
    from_figures = any(item.get("value") for item in key_commodities(profile, flow, year))
    if not (from_figures and listed):
        return
    if exports:
        text = ngettext(
            "The %(count)d key export you listed is not used: the HS chapter figures of "
            "%(year)s name the largest ones.",
            "The %(count)d key exports you listed are not used: the HS chapter figures of "
            "%(year)s name the largest ones.",
            listed,
        )
    else:
        text = ngettext(
            "The %(count)d key import you listed is not used: the HS chapter figures of "
            "%(year)s name the largest ones.",
            "The %(count)d key imports you listed are not used: the HS chapter figures of "
            "%(year)s name the largest ones.",
            listed,
        )
    part.add(WARNING, text % {"count": listed, "year": year})


def figures_by_year(profile) -> list[dict]:
    """Year × flow and kind: the totals the page uses, newest year first, with each value as
    prose in the admin's language and in full CAD."""
    totals = yearly_totals(profile)
    years = sorted({year for series in totals.values() for year in series}, reverse=True)
    language = admin_language()
    return [
        {
            "year": year,
            "cells": [
                {
                    "flow": flow,
                    "kind": kind,
                    "value": totals.get((flow, kind), {}).get(year),
                    "phrase": money_phrase(totals[(flow, kind)][year], language)
                    if year in totals.get((flow, kind), {})
                    else "",
                }
                for flow, kind in SERIES
            ],
        }
        for year in years
    ]
