"""Admin for trade figures, export rank, key commodities and trade missions."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from relations.admin_forms import LabelledInlineFormSet
from relations.stale import StaleEditGuardAdmin, StaleEditGuardInline
from trade.admin_importing import TradeFigureImportExportMixin
from trade.importing.services import UndoRefused, trade_import_batch_undo
from trade.models import (
    ExportMarketRank,
    HSChapter,
    KeyCommodity,
    Sector,
    TradeFigure,
    TradeImportBatch,
    TradeMission,
    TradeMissionSector,
)


@admin.register(HSChapter)
class HSChapterAdmin(StaleEditGuardAdmin, admin.ModelAdmin):
    """The nomenclature ships with the code (a migration adds every chapter): editors reword
    how sentences name a chapter, and may correct a title, but never add or remove one."""

    list_display = ["code", "name_en", "name_fr", "title_en"]
    search_fields = ["code", "name_en", "name_fr", "title_en", "title_fr"]
    fieldsets = [
        (_("Official titles"), {"fields": ["code", "title_en", "title_fr"]}),
        (_("In the page's sentences"), {"fields": ["name_en", "name_fr"]}),
    ]
    readonly_fields = ["code"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TradeFigure)
class TradeFigureAdmin(StaleEditGuardAdmin, TradeFigureImportExportMixin, admin.ModelAdmin):
    list_display = ["year", "flow", "kind", "chapter", "value", "profile"]
    list_filter = ["profile", "flow", "kind", "year"]
    search_fields = ["chapter__code", "chapter__name_en", "chapter__title_en", "source_en"]
    list_select_related = ["chapter", "profile__partner"]
    autocomplete_fields = ["chapter"]
    ordering = ["-year", "flow", "kind", "chapter__code"]


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


class TradeMissionSectorInline(StaleEditGuardInline, admin.TabularInline):
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


@admin.register(TradeImportBatch)
class TradeImportBatchAdmin(admin.ModelAdmin):
    """Confirmed imports, read-only; the "undo" action reverses one while nobody changed it."""

    list_display = [
        "created_at",
        "created_by",
        "file_name",
        "layout",
        "created_count",
        "updated_count",
        "unchanged_count",
        "undone_at",
    ]
    list_select_related = ["created_by"]
    readonly_fields = [field.name for field in TradeImportBatch._meta.fields]
    exclude = ["changes"]
    actions = ["undo"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_undo_permission(self, request):
        return request.user.has_perm("trade.undo_tradeimportbatch")

    @admin.action(description=_("Undo the selected imports"), permissions=["undo"])
    def undo(self, request, queryset):
        undone = 0
        for batch in queryset.order_by("-created_at", "-pk"):
            try:
                trade_import_batch_undo(batch=batch, by=request.user)
            except UndoRefused as refusal:
                self.message_user(request, f"{batch.file_name}: {refusal}", messages.ERROR)
            else:
                undone += 1
        if undone:
            self.message_user(
                request,
                ngettext("%(count)d import undone.", "%(count)d imports undone.", undone)
                % {"count": undone},
                messages.SUCCESS,
            )
