"""Trade between the home country and a partner: yearly figures, rank and trade missions.

Values are Canadian dollars as Decimal. A figure with no HS chapter is the total for its
year, flow and kind; chapter rows break that total down.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from relations.bilingual import named
from relations.models import (
    DatePrecision,
    NaturalKeyModel,
    NaturalKeyQuerySet,
    OrderedProfileItem,
    PositiveDecimalField,
    Profile,
    ProfileItemQuerySet,
)
from relations.validators import (
    validate_french_article,
    validate_not_future_year,
    validate_plausible_year,
)

YEAR_VALIDATORS = [validate_plausible_year, validate_not_future_year]


class Flow(models.TextChoices):
    EXPORT = "export", _("Exports")
    IMPORT = "import", _("Imports")


class TradeKind(models.TextChoices):
    MERCHANDISE = "merchandise", _("Merchandise")
    SERVICES = "services", _("Services")


class HSChapter(NaturalKeyModel):
    """A two-digit chapter of the Harmonized System: its official titles and its sentence forms.

    The titles are the Customs Tariff's (reference data, shipped by a migration from
    `trade.nomenclature`); the sentence forms are how the page names the chapter when it
    lists key commodities, and editors may reword them.
    """

    code = models.CharField(
        _("HS chapter"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[0-9]{2}$", _("Enter the chapter's two digits, e.g. 84."))],
        help_text=_("Two digits, e.g. 84."),
    )
    title_en = models.CharField(
        _("official title (English)"),
        max_length=400,
        help_text=_("As the Customs Tariff gives it. Shown in the table of top chapters."),
    )
    title_fr = models.CharField(
        _("official title (French)"),
        max_length=400,
        help_text=_("As the Customs Tariff gives it. Shown in the table of top chapters."),
    )
    name_en = models.CharField(
        _("in a sentence (English)"),
        max_length=120,
        help_text=_(
            "Lower case, without “the”, as in “Key Canadian merchandise exports to Japan were "
            "machinery, meat and wood.”"
        ),
    )
    name_fr = models.CharField(
        _("in a sentence (French)"),
        max_length=120,
        validators=[validate_french_article],
        help_text=_(
            "With its article (le, la, les or l’), as in « Les principales exportations "
            "canadiennes de marchandises vers le Japon étaient les machines, la viande et le "
            "bois. »"
        ),
    )

    objects = NaturalKeyQuerySet.as_manager()
    NATURAL_KEY = ("code",)

    class Meta:
        ordering = ["code"]
        verbose_name = _("HS chapter")
        verbose_name_plural = _("HS chapters")

    def __str__(self):
        return f"{self.code} {named(self, 'name')}"


class TradeFigureQuerySet(ProfileItemQuerySet):
    def totals(self):
        return self.filter(chapter__isnull=True)

    def by_chapter(self):
        return self.filter(chapter__isnull=False)

    def merchandise(self):
        return self.filter(kind=TradeKind.MERCHANDISE)

    def services(self):
        return self.filter(kind=TradeKind.SERVICES)


class TradeFigure(NaturalKeyModel):
    """One yearly value: exports or imports, merchandise or services, total or one chapter."""

    profile = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="trade_figures",
        verbose_name=_("profile"),
        # unique_trade_figure starts with the profile and serves its lookups: one index
        # fewer to write for each of a million imported figures.
        db_index=False,
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    flow = models.CharField(_("flow"), max_length=6, choices=Flow.choices)
    kind = models.CharField(_("kind"), max_length=11, choices=TradeKind.choices)
    chapter = models.ForeignKey(
        HSChapter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("HS chapter"),
        help_text=_("Leave empty for the year's total."),
    )
    value = PositiveDecimalField(_("value (CAD)"))
    source_en = models.CharField(
        _("source (English)"),
        max_length=250,
        help_text=_("Named under the table and chart, as in “Sources: Statistics Canada”."),
    )
    source_fr = models.CharField(
        _("source (French)"),
        max_length=250,
        help_text=_("As in « Sources : Statistique Canada »."),
    )

    objects = TradeFigureQuerySet.as_manager()
    NATURAL_KEY = ("profile__slug", "year", "flow", "kind", "chapter__code")

    class Meta:
        ordering = ["year", "flow", "kind", "chapter__code"]
        verbose_name = _("trade figure")
        verbose_name_plural = _("trade figures")
        permissions = [
            ("import_tradefigure", _("Can import trade figures from a spreadsheet")),
            ("export_tradefigure", _("Can export trade figures to a spreadsheet")),
        ]
        indexes = [
            # The order of the admin's list (newest year first), so a page of a million
            # figures is read along this index instead of sorted.
            models.Index(
                fields=["-year", "flow", "kind", "chapter", "-id"], name="trade_figure_list_order"
            ),
        ]
        constraints = [
            # NULL chapters never clash in a plain unique index, so totals have a partial one.
            models.UniqueConstraint(
                fields=["profile", "year", "flow", "kind"],
                condition=models.Q(chapter__isnull=True),
                name="unique_trade_total",
                violation_error_message=_(
                    "This profile already has a total for this year, flow and kind; "
                    "change that figure instead of adding another."
                ),
            ),
            # Not partial, unlike the one for totals: it is the index of every lookup by
            # profile (and by the import's natural key) too.
            models.UniqueConstraint(
                fields=["profile", "year", "flow", "kind", "chapter"],
                name="unique_trade_figure",
                violation_error_message=_(
                    "This profile already has a figure for this year, flow, kind and HS "
                    "chapter; change that figure instead of adding another."
                ),
            ),
        ]

    def __str__(self):
        chapter = self.chapter.code if self.chapter_id else _("total")
        return f"{self.year} {self.flow} {self.kind} {chapter}: {self.value}"


class ExportMarketRank(NaturalKeyModel):
    """Where the partner stands among the home country's merchandise export markets."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="export_ranks", verbose_name=_("profile")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("1 is the largest market."))

    objects = ProfileItemQuerySet.as_manager()
    NATURAL_KEY = ("profile__slug", "year")

    class Meta:
        ordering = ["-year"]
        verbose_name = _("export market rank")
        verbose_name_plural = _("export market ranks")
        constraints = [
            models.UniqueConstraint(fields=["profile", "year"], name="unique_rank_per_year"),
            models.CheckConstraint(condition=models.Q(rank__gte=1), name="rank_at_least_one"),
        ]

    def __str__(self):
        return f"{self.year}: {self.rank}"


class KeyCommodity(OrderedProfileItem):
    """The editor's ordered list of key commodities, used when no chapter figures exist."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="key_commodities", verbose_name=_("profile")
    )
    flow = models.CharField(_("flow"), max_length=6, choices=Flow.choices)
    chapter = models.ForeignKey(HSChapter, on_delete=models.PROTECT, verbose_name=_("HS chapter"))

    NATURAL_KEY = ("profile__slug", "flow", "chapter__code")

    class Meta(OrderedProfileItem.Meta):
        verbose_name = _("key commodity")
        verbose_name_plural = _("key commodities")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "flow", "chapter"], name="unique_key_commodity"
            )
        ]

    def __str__(self):
        return f"{self.flow}: {self.chapter}"


class Sector(NaturalKeyModel):
    """A business sector, as trade missions list them."""

    name_en = models.CharField(
        _("name (English)"),
        max_length=120,
        unique=True,
        help_text=_(
            "Lower case, as in “… in which nearly 30 Canadian companies in the fields of "
            "aerospace and mining took part.”"
        ),
    )
    name_fr = models.CharField(
        _("name (French)"),
        max_length=120,
        help_text=_(
            "Without article, as in « … à laquelle ont participé près de 30 entreprises "
            "canadiennes des domaines suivants : aérospatiale et mines. »"
        ),
    )

    objects = NaturalKeyQuerySet.as_manager()
    NATURAL_KEY = ("name_en",)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return named(self, "name")


class TradeMission(NaturalKeyModel):
    """A trade mission led by a minister of the home country to the partner country."""

    class CountQualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
        NEARLY = "nearly", _("nearly")
        ABOUT = "about", _("about")
        MORE_THAN = "more_than", _("more than")

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="trade_missions", verbose_name=_("profile")
    )
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    leader_name = models.CharField(_("leader"), max_length=120, help_text=_("e.g. Ed Fast"))
    leader_title_en = models.CharField(
        _("leader's title (English)"),
        max_length=250,
        help_text=_(
            "As in “In April 2024, Pat Example, Minister of International Trade, led a trade "
            "mission to Japan …”"
        ),
    )
    leader_title_fr = models.CharField(
        _("leader's title (French)"),
        max_length=250,
        help_text=_(
            "Lower case, as in « En avril 2024, Pat Example, ministre du Commerce "
            "international, a dirigé une mission commerciale au Japon … »"
        ),
    )
    companies = models.PositiveSmallIntegerField(
        _("companies"), null=True, blank=True, help_text=_("How many companies took part.")
    )
    companies_qualifier = models.CharField(
        _("companies count is"),
        max_length=10,
        choices=CountQualifier.choices,
        default=CountQualifier.EXACT,
    )
    sectors = models.ManyToManyField(
        Sector, blank=True, through="TradeMissionSector", verbose_name=_("sectors")
    )

    objects = ProfileItemQuerySet.as_manager()
    NATURAL_KEY = ("profile__slug", "date", "leader_name")

    class Meta:
        ordering = ["-date"]
        verbose_name = _("trade mission")
        verbose_name_plural = _("trade missions")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "date", "leader_name"], name="unique_trade_mission"
            )
        ]

    def __str__(self):
        return f"{self.date:%Y-%m} {self.leader_name}"


class TradeMissionSector(NaturalKeyModel):
    """Keeps the sectors of a mission in the order the editor lists them."""

    mission = models.ForeignKey(
        TradeMission, on_delete=models.CASCADE, verbose_name=_("trade mission")
    )
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, verbose_name=_("sector"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = NaturalKeyQuerySet.as_manager()
    NATURAL_KEY = (
        "mission__profile__slug",
        "mission__date",
        "mission__leader_name",
        "sector__name_en",
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("sector of a trade mission")
        verbose_name_plural = _("sectors of a trade mission")
        constraints = [
            models.UniqueConstraint(fields=["mission", "sector"], name="unique_mission_sector")
        ]

    def __str__(self):
        return str(self.sector)
