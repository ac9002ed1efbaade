"""Admin for trade figures, export rank, key commodities and trade missions."""

from django.contrib import admin

from relations.admin_forms import LabelledInlineFormSet
from relations.spreadsheets.admin import SheetAdminMixin
from relations.stale import StaleEditGuardAdmin
from trade.models import (
    ExportMarketRank,
    HSChapter,
    KeyCommodity,
    Sector,
    TradeFigure,
    TradeMission,
    TradeMissionSector,
)
from trade.sheets import TRADE_FIGURES


@admin.register(HSChapter)
class HSChapterAdmin(StaleEditGuardAdmin, admin.ModelAdmin):
    list_display = ["code", "name_en", "name_fr"]
    search_fields = ["code", "name_en", "name_fr"]


@admin.register(TradeFigure)
class TradeFigureAdmin(StaleEditGuardAdmin, SheetAdminMixin, admin.ModelAdmin):
    list_display = ["year", "flow", "kind", "chapter", "value", "profile"]
    list_filter = ["profile", "flow", "kind", "year"]
    search_fields = ["chapter__code", "chapter__name_en", "source_en"]
    list_select_related = ["chapter", "profile__partner"]
    autocomplete_fields = ["chapter"]
    ordering = ["-year", "flow", "kind", "chapter__code"]
    sheet = TRADE_FIGURES


@admin.register(ExportMarketRank)
class ExportMarketRankAdmin(StaleEditGuardAdmin, admin.ModelAdmin):
    list_display = ["year", "rank", "profile"]
    list_filter = ["profile"]
    list_select_related = ["profile__partner"]


@admin.register(KeyCommodity)
class KeyCommodityAdmin(StaleEditGuardAdmin, admin.ModelAdmin):
    list_display = ["profile", "flow", "position", "chapter"]
    list_filter = ["profile", "flow"]
    list_select_related = ["chapter", "profile__partner"]
    autocomplete_fields = ["chapter"]


@admin.register(Sector)
class SectorAdmin(StaleEditGuardAdmin, admin.ModelAdmin):
    list_display = ["name_en", "name_fr"]
    search_fields = ["name_en", "name_fr"]


class TradeMissionSectorInline(admin.TabularInline):
    formset = LabelledInlineFormSet
    model = TradeMissionSector
    extra = 1
    autocomplete_fields = ["sector"]


@admin.register(TradeMission)
class TradeMissionAdmin(StaleEditGuardAdmin, admin.ModelAdmin):
    list_display = ["date", "leader_name", "companies", "profile"]
    list_filter = ["profile"]
    search_fields = ["leader_name", "leader_title_en"]
    list_select_related = ["profile__partner"]
    inlines = [TradeMissionSectorInline]
