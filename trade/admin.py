"""Admin for trade figures, export rank, key commodities and trade missions."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from relations.admin_forms import LabelledInlineFormSet
from relations.admin_lists import EstimatedCountPaginator, ProfileFilter, YearFilter
from relations.admin_workspace import ProfileRowAdmin
from relations.bilingual import admin_language
from relations.formatting import money_with_unit
from relations.models import Profile
from relations.spreadsheets.admin import SheetAdminMixin
from relations.stale import StaleEditGuardAdmin, StaleEditGuardInline
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
from trade.usage import profiles_using_chapter, profiles_using_sector


def used_by_text(profiles) -> str:
    """ "Used by 3 profiles (Japan, Russia, …)": every one of their pages changes with it."""
    names = [str(profile) for profile in profiles.select_related("partner")[:10]]
    count = profiles.count()
    if not count:
        return gettext("Used by no profile yet.")
    return ngettext(
        "Used by %(count)d profile (%(names)s): a change here rewords its page when it is "
        "next published.",
        "Used by %(count)d profiles (%(names)s): a change here rewords each of their pages "
        "when they are next published.",
        count,
    ) % {"count": count, "names": ", ".join(names) + (", …" if count > len(names) else "")}


@admin.register(HSChapter)
class HSChapterAdmin(StaleEditGuardAdmin, admin.ModelAdmin):
    """The nomenclature ships with the code (a migration adds every chapter): editors reword
    how sentences name a chapter, and may correct a title, but never add or remove one."""

    list_display = ["code", "name_en", "name_fr", "title_en"]
    search_fields = ["code", "name_en", "name_fr", "title_en", "title_fr"]
    fieldsets = [
        (None, {"fields": ["used_by"]}),
        (_("Official titles"), {"fields": ["code", "title_en", "title_fr"]}),
        (_("In the page's sentences"), {"fields": ["name_en", "name_fr"]}),
    ]
    readonly_fields = ["code", "used_by"]

    @admin.display(description=_("used by"))
    def used_by(self, chapter):
        return used_by_text(profiles_using_chapter(chapter))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TradeFigure)
class TradeFigureAdmin(ProfileRowAdmin, StaleEditGuardAdmin, SheetAdminMixin, admin.ModelAdmin):
    """A list that stays fast at a million figures and 200 profiles (bench/admin_list_bench.py):
    ordered along an index, filters without a query per profile or a scan for the years, no
    second COUNT(*) for the total, and a search that finds chapters and profiles by their own
    small tables before it reads figures."""

    list_display = ["year", "flow", "kind", "chapter", "value_with_unit", "profile"]
    list_filter = [("profile", ProfileFilter), "flow", "kind", YearFilter]
    search_fields = ["chapter__code", "chapter__name_en", "chapter__title_en", "source_en"]
    search_help_text = _("Words of an HS chapter (code, name or title), a profile or a source.")
    list_select_related = ["chapter", "profile__partner"]
    autocomplete_fields = ["chapter"]
    # The index trade_figure_list_order (trade/models.py) gives this order without a sort.
    ordering = ["-year", "flow", "kind", "chapter_id", "-id"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    sheet = TRADE_FIGURES
    kept_on_add_another = ("year", "source_en", "source_fr")

    readonly_fields = ["value_with_unit"]

    @admin.display(description=_("value"), ordering="value")
    def value_with_unit(self, figure):
        """ "$17.2 billion (17,200,000,000 CAD)", not "17200000000.00"."""
        if figure.value is None:
            return "—"
        return money_with_unit(figure.value, admin_language())

    def get_search_results(self, request, queryset, search_term):
        """The search names HS chapters (code or name) or profiles (slug or partner's name):
        the whole phrase first, else every word. Those are looked up in their own small
        tables, then figures are filtered by indexed ids. A word that names neither is looked
        for in the sources ("Statistics Canada"), which reads every figure: the slow search."""
        term = " ".join(search_term.split())[:200]
        if not term:
            return queryset, False
        if phrase := self.named_by(term):
            return queryset.filter(phrase), False
        for word in term.split()[:10]:
            queryset = queryset.filter(self.named_by(word) or Q(source_en__icontains=word))
        return queryset, False

    @staticmethod
    def named_by(text: str) -> Q:
        """Figures of the chapters and profiles whose names hold `text` (an empty Q(), which
        is false, if none does)."""
        chapters = list(
            HSChapter.objects.filter(
                Q(code=text)
                | Q(name_en__icontains=text)
                | Q(name_fr__icontains=text)
                | Q(title_en__icontains=text)
                | Q(title_fr__icontains=text)
            ).values_list("pk", flat=True)
        )
        profiles = list(
            Profile.objects.filter(
                Q(slug=text)
                | Q(partner__name_en__icontains=text)
                | Q(partner__name_fr__icontains=text)
            ).values_list("pk", flat=True)
        )
        condition = Q()
        if chapters:
            condition |= Q(chapter__in=chapters)
        if profiles:
            condition |= Q(profile__in=profiles)
        return condition


@admin.register(ExportMarketRank)
class ExportMarketRankAdmin(ProfileRowAdmin, StaleEditGuardAdmin, admin.ModelAdmin):
    list_display = ["year", "rank", "profile"]
    list_filter = [("profile", ProfileFilter)]
    list_select_related = ["profile__partner"]


@admin.register(KeyCommodity)
class KeyCommodityAdmin(ProfileRowAdmin, StaleEditGuardAdmin, admin.ModelAdmin):
    list_display = ["profile", "flow", "position", "chapter"]
    list_filter = [("profile", ProfileFilter), "flow"]
    list_select_related = ["chapter", "profile__partner"]
    autocomplete_fields = ["chapter"]


@admin.register(Sector)
class SectorAdmin(StaleEditGuardAdmin, admin.ModelAdmin):
    list_display = ["name_en", "name_fr"]
    search_fields = ["name_en", "name_fr"]
    fields = ["used_by", "name_en", "name_fr"]
    readonly_fields = ["used_by"]

    @admin.display(description=_("used by"))
    def used_by(self, sector):
        return used_by_text(profiles_using_sector(sector)) if sector.pk else "—"


class TradeMissionSectorInline(StaleEditGuardInline, admin.TabularInline):
    formset = LabelledInlineFormSet
    model = TradeMissionSector
    extra = 1
    autocomplete_fields = ["sector"]


@admin.register(TradeMission)
class TradeMissionAdmin(ProfileRowAdmin, StaleEditGuardAdmin, admin.ModelAdmin):
    list_display = ["date", "leader_name", "companies", "profile"]
    list_filter = [("profile", ProfileFilter)]
    search_fields = ["leader_name", "leader_title_en"]
    list_select_related = ["profile__partner"]
    inlines = [TradeMissionSectorInline]


class ExportMarketRankInline(StaleEditGuardInline, admin.TabularInline):
    """On the profile's page (PROFILE_ADMIN_INLINES): a profile has a rank or two."""

    formset = LabelledInlineFormSet
    model = ExportMarketRank
    extra = 0
    fields = ["year", "rank"]


class KeyCommodityInline(StaleEditGuardInline, admin.TabularInline):
    """On the profile's page: the editor's list, used when no chapter figures exist."""

    formset = LabelledInlineFormSet
    model = KeyCommodity
    extra = 0
    fields = ["position", "flow", "chapter"]
