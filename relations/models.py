"""The working copy of each bilateral relations profile.

Every public text has an English (`_en`) and a French (`_fr`) field. Editors change these rows;
readers never see them directly: the page is rendered from a snapshot built from them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from relations.bilingual import named
from relations.fields import CompressedJSONField
from relations.schedule import local_time
from relations.validators import (
    translation_gaps,
    validate_french_article,
    validate_not_future_year,
    validate_plausible_year,
)


def bilingual(obj, field: str) -> dict[str, str]:
    """The English and French values of a translated field, as a snapshot stores them."""
    return {"en": getattr(obj, f"{field}_en"), "fr": getattr(obj, f"{field}_fr")}


class NaturalKeyQuerySet(models.QuerySet):
    """Finds rows by the natural key their model declares, for fixtures and spreadsheets."""

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.model.NATURAL_KEY, values, strict=True)))


class NaturalKeyModel(models.Model):
    """A model addressed by NATURAL_KEY, a tuple of field paths such as "profile__slug".

    Fixtures and re-imports find existing rows through it, so loading twice changes nothing.
    """

    NATURAL_KEY: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def natural_key(self):
        return tuple(follow_path(self, path) for path in self.NATURAL_KEY)


def follow_path(obj, path: str):
    for attribute in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, attribute)
    return obj


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")


class CountryQuerySet(NaturalKeyQuerySet):
    def home(self):
        return self.get(code=settings.HOME_COUNTRY_CODE)


class Country(NaturalKeyModel):
    """A country, named the way each language needs it in a sentence.

    Reference data: every UN member state is created by a data migration
    (``relations/data/countries.json``, generated from ISO 3166 by
    ``tools/generate_countries.py``). Editors pick partners from it; they may correct a form
    here but never have to type grammar. The rules live in ``relations/countries.py``.
    """

    class FrenchClass(models.TextChoices):
        FEMININE = "f", _("feminine: la Russie, en Russie, de Russie (l’Inde, en Inde, d’Inde)")
        MASCULINE = "m", _("masculine: le Japon, au Japon, du Japon (l’Iran, en Iran, d’Iran)")
        PLURAL = "p", _("plural: les États-Unis, aux États-Unis, des États-Unis")
        NO_ARTICLE = "n", _("no article: Cuba, à Cuba, de Cuba (Israël, en Israël, d’Israël)")
        ISLAND = "i", _("island with “à la”: la Barbade, à la Barbade, de la Barbade")

    code = models.CharField(
        _("ISO code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2, e.g. RU.")
    )
    name_en = models.CharField(
        _("name (English)"),
        max_length=100,
        help_text=_("Short name, without “the”: United States, Russia."),
    )
    name_fr = models.CharField(
        _("name (French)"),
        max_length=100,
        help_text=_("Short name, without article: États-Unis, Russie."),
    )
    english_the = models.BooleanField(
        _("“the” in English"),
        default=False,
        help_text=_(
            "Ticked: “Bilateral trade relations with the United States …”; "
            "not ticked: “… with Japan …”."
        ),
    )
    formal_name_en = models.CharField(
        _("formal name (English)"),
        max_length=150,
        blank=True,
        help_text=_(
            "With its “the”: “The Russian Federation maintains an Embassy in Ottawa.” "
            "Empty: the short name is used."
        ),
    )
    formal_name_fr = models.CharField(
        _("formal name (French)"),
        max_length=150,
        blank=True,
        help_text=_(
            "With its article: « La Fédération de Russie compte une ambassade à Ottawa. » "
            "Empty: the short name is used."
        ),
    )
    french_class = models.CharField(
        _("French grammar"),
        max_length=1,
        choices=FrenchClass.choices,
        help_text=_(
            "Decides the article and prepositions of the French name: "
            "« les relations avec la Russie », « en Russie », « en provenance de Russie ». "
            "A vowel or a mute h elides by itself (l’Inde, d’Haïti)."
        ),
    )
    adjective_en = models.CharField(
        _("adjective (English)"),
        max_length=60,
        blank=True,
        help_text=_("“Meetings between Canadian and Russian representatives …”"),
    )
    adjective_fr = models.CharField(
        _("adjective (French)"),
        max_length=60,
        blank=True,
        help_text=_("Masculine plural: « entre représentants canadiens et russes »."),
    )
    adjective_feminine_fr = models.CharField(
        _("feminine adjective (French)"),
        max_length=60,
        blank=True,
        help_text=_("Feminine plural: « les exportations canadiennes »."),
    )
    language_en = models.CharField(
        _("main language (English)"),
        max_length=60,
        blank=True,
        help_text=_(
            "“Books by … are all translated into Russian.” "
            "Empty: “… published in translation in Russia.”"
        ),
    )
    language_fr = models.CharField(
        _("main language (French)"),
        max_length=60,
        blank=True,
        help_text=_("« Les livres de … sont tous traduits en russe. »"),
    )

    objects = CountryQuerySet.as_manager()
    NATURAL_KEY = ("code",)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return named(self, "name")


class ProfileQuerySet(NaturalKeyQuerySet):
    def with_partner(self):
        return self.select_related("partner")


class Profile(NaturalKeyModel):
    """The working copy of one partner country's page."""

    partner = models.OneToOneField(
        Country, on_delete=models.PROTECT, related_name="profile", verbose_name=_("partner country")
    )
    slug = models.SlugField(
        _("address (English)"),
        unique=True,
        help_text=_("The English page's address, e.g. russia for /en/relations/russia/."),
    )
    slug_fr = models.SlugField(
        _("address (French)"),
        unique=True,
        help_text=_(
            "The French page's address, e.g. russie for /fr/relations/russie/. The English "
            "address under /fr/ redirects to it."
        ),
    )
    summary_en = models.CharField(
        _("summary (English)"),
        max_length=300,
        blank=True,
        help_text=_(
            "One or two sentences describing the page, shown by search engines and when the "
            "page is shared (about 150 characters). Required to publish."
        ),
    )
    summary_fr = models.CharField(_("summary (French)"), max_length=300, blank=True)
    relations_established_year = models.PositiveSmallIntegerField(
        _("diplomatic relations established in"),
        validators=[validate_plausible_year, validate_not_future_year],
    )
    as_of = models.DateField(
        _("as of"),
        help_text=_("The month this text describes; the page shows it as e.g. “August 2012”."),
    )
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    objects = ProfileQuerySet.as_manager()
    NATURAL_KEY = ("slug",)
    # Optional while editing, needed before publishing (see revisions.translation_problems).
    REQUIRED_TO_PUBLISH = ("summary",)

    class Meta:
        ordering = ["partner__name_en"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.partner)

    def clean(self):
        errors = translation_gaps(self, ["summary"])
        # /fr/relations/<x>/ must name one profile: another profile's English address under
        # /fr/ redirects to that profile, so no French address may take it (and the reverse).
        others = Profile.objects.exclude(pk=self.pk)
        if self.slug_fr and others.filter(slug=self.slug_fr).exists():
            errors["slug_fr"] = _("Another profile's English address is %(slug)s.") % {
                "slug": self.slug_fr
            }
        if self.slug and others.filter(slug_fr=self.slug).exists():
            errors["slug"] = _("Another profile's French address is %(slug)s.") % {
                "slug": self.slug
            }
        if errors:
            raise ValidationError(errors)


class ProfileItemQuerySet(NaturalKeyQuerySet):
    def for_profile(self, profile):
        return self.filter(profile=profile)


class OrderedProfileItem(NaturalKeyModel):
    """A row of a profile's ordered list; `position` is the order editors give it."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="+", verbose_name=_("profile")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ProfileItemQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class ConsultationTopic(OrderedProfileItem):
    """A subject of the regular senior official consultations."""

    profile = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="consultation_topics",
        verbose_name=_("profile"),
    )
    name_en = models.CharField(
        _("topic (English)"),
        max_length=120,
        help_text=_(
            "With “the” where English needs it, as in “… consultations on issues relating to "
            "the Arctic and regional security.”"
        ),
    )
    name_fr = models.CharField(
        _("topic (French)"),
        max_length=120,
        validators=[validate_french_article],
        help_text=_(
            "With its article (le, la, les or l’), as in « … sur des questions telles que "
            "l’Arctique et la sécurité régionale. »"
        ),
    )

    NATURAL_KEY = ("profile__slug", "name_en")

    class Meta(OrderedProfileItem.Meta):
        verbose_name = _("consultation topic")
        verbose_name_plural = _("consultation topics")
        constraints = [
            models.UniqueConstraint(fields=["profile", "name_en"], name="unique_topic_per_profile")
        ]

    def __str__(self):
        return named(self, "name")


class MultilateralForum(OrderedProfileItem):
    """A multilateral forum in which both countries cooperate."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="fora", verbose_name=_("profile")
    )
    name_en = models.CharField(
        _("forum (English)"),
        max_length=120,
        help_text=_(
            "Without “the” (the box below adds it), as in “… within multilateral fora, "
            "including the UN and APEC.”"
        ),
    )
    name_fr = models.CharField(
        _("forum (French)"),
        max_length=120,
        validators=[validate_french_article],
        help_text=_(
            "With its article (le, la, les or l’), as in « … au sein d’enceintes "
            "multilatérales, dont l’ONU et l’APEC. »"
        ),
    )
    english_the = models.BooleanField(
        _("“the” in English"),
        default=True,
        help_text=_(
            "Ticked: “… within multilateral fora, including the UN and the G20”; "
            "not ticked for names said without it: “… including APEC”."
        ),
    )

    NATURAL_KEY = ("profile__slug", "name_en")

    class Meta(OrderedProfileItem.Meta):
        verbose_name = _("multilateral forum")
        verbose_name_plural = _("multilateral fora")
        constraints = [
            models.UniqueConstraint(fields=["profile", "name_en"], name="unique_forum_per_profile")
        ]

    def __str__(self):
        return named(self, "name")


class Section(OrderedProfileItem):
    """A part of the page: a heading, the computed facts of its kind, and editor prose."""

    class Kind(models.TextChoices):
        POLITICAL = "political", _("Political relations (anniversary, consultations, fora)")
        PROSE = "prose", _("Prose only")
        TRADE = "trade", _("Trade (figures, rank, key commodities, trade missions)")
        CULTURE = "culture", _("Culture (highlights)")
        MEETINGS = "meetings", _("High-level meetings")
        REPRESENTATION = "representation", _("Diplomatic representation")

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="sections", verbose_name=_("profile")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PROSE)
    key = models.SlugField(
        _("key"), max_length=50, help_text=_("A short name that spreadsheets and links use.")
    )
    heading_en = models.CharField(_("heading (English)"), max_length=150)
    heading_fr = models.CharField(_("heading (French)"), max_length=150)
    body_en = models.TextField(
        _("prose (English)"),
        blank=True,
        help_text=_(
            "Paragraphs separated by a blank line; **bold**, *italic* and [links](https://…) "
            "are kept, any other HTML is removed."
        ),
    )
    body_fr = models.TextField(_("prose (French)"), blank=True)

    class Meta(OrderedProfileItem.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["profile", "key"], name="unique_section_key"),
        ]

    NATURAL_KEY = ("profile__slug", "key")

    def __str__(self):
        return named(self, "heading")

    def clean(self):
        if errors := translation_gaps(self, ["body"]):
            raise ValidationError(errors)


class Meeting(NaturalKeyModel):
    """A high-level meeting, call or visit between the two countries' representatives."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting (met with)")
        CALL = "call", _("Call (spoke with)")
        VISIT_TO_HOME = "visit_home", _("Visit by the partner's representative to the home country")
        VISIT_TO_PARTNER = "visit_partner", _("Visit by our representative to the partner country")

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("profile")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("Month: the page says “in November 2011” and ignores the day."),
    )
    home_participant_en = models.CharField(
        _("our participant (English)"),
        max_length=200,
        blank=True,
        help_text=_("Title and name as in a sentence, e.g. Prime Minister Harper."),
    )
    home_participant_fr = models.CharField(
        _("our participant (French)"),
        max_length=200,
        blank=True,
        help_text=_("e.g. le premier ministre Harper"),
    )
    partner_participant_en = models.CharField(
        _("partner participant (English)"),
        max_length=200,
        blank=True,
        help_text=_("e.g. former President Dmitry Medvedev"),
    )
    partner_participant_fr = models.CharField(
        _("partner participant (French)"), max_length=200, blank=True
    )
    home_participant_plural = models.BooleanField(
        _("our participants are several people"),
        default=False,
        help_text=_("« Les ministres Fast et Baird ont rencontré … » instead of « a rencontré »."),
    )
    partner_participant_plural = models.BooleanField(
        _("partner participants are several people"),
        default=False,
        help_text=_("« Les ministres Lavrov et Choïgou ont effectué une visite au Canada … »"),
    )
    occasion_en = models.CharField(
        _("occasion (English)"),
        max_length=250,
        blank=True,
        help_text=_("With its preposition, e.g. on the margins of the APEC Summit."),
    )
    occasion_fr = models.CharField(_("occasion (French)"), max_length=250, blank=True)
    city_en = models.CharField(_("city (English)"), max_length=100, blank=True)
    city_fr = models.CharField(_("city (French)"), max_length=100, blank=True)

    objects = ProfileItemQuerySet.as_manager()
    NATURAL_KEY = (
        "profile__slug",
        "date",
        "kind",
        "partner_participant_en",
        "home_participant_en",
    )

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        permissions = [
            ("import_meeting", _("Can import meetings from a spreadsheet")),
            ("export_meeting", _("Can export meetings to a spreadsheet")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "date", "kind", "partner_participant_en", "home_participant_en"],
                name="unique_meeting",
            )
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"

    def clean(self):
        errors = translation_gaps(
            self, ["home_participant", "partner_participant", "occasion", "city"]
        )
        needed = {
            self.Kind.MEETING: ["home_participant_en", "partner_participant_en"],
            self.Kind.CALL: ["home_participant_en", "partner_participant_en"],
            self.Kind.VISIT_TO_HOME: ["partner_participant_en"],
            self.Kind.VISIT_TO_PARTNER: ["home_participant_en"],
        }.get(self.kind, [])
        for field in needed:
            if not getattr(self, field).strip():
                errors.setdefault(field, _("This kind of meeting needs this participant."))
        if errors:
            raise ValidationError(errors)


class DiplomaticMission(OrderedProfileItem):
    """An embassy or consulate of one side in the other's country."""

    class Side(models.TextChoices):
        HOME_IN_PARTNER = "home", _("Ours, in the partner country")
        PARTNER_IN_HOME = "partner", _("The partner's, in our country")

    class Kind(models.TextChoices):
        EMBASSY = "embassy", _("Embassy")
        HIGH_COMMISSION = "high_commission", _("High Commission")
        CONSULATE_GENERAL = "consulate_general", _("Consulate General")
        CONSULATE = "consulate", _("Consulate")
        HONORARY_CONSULATE = "honorary_consulate", _("Honorary Consulate")

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="missions", verbose_name=_("profile")
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    city_en = models.CharField(
        _("city (English)"),
        max_length=100,
        help_text=_("As in “Canada is officially represented in Japan by an Embassy in Tokyo.”"),
    )
    city_fr = models.CharField(
        _("city (French)"),
        max_length=100,
        help_text=_(
            "With its article if the name has one (Le Caire), as in « Le Canada est "
            "officiellement représenté au Japon par une ambassade à Tokyo. »"
        ),
    )

    NATURAL_KEY = ("profile__slug", "side", "kind", "city_en")

    class Meta(OrderedProfileItem.Meta):
        verbose_name = _("diplomatic mission")
        verbose_name_plural = _("diplomatic missions")
        permissions = [
            ("import_diplomaticmission", _("Can import diplomatic missions from a spreadsheet")),
            ("export_diplomaticmission", _("Can export diplomatic missions to a spreadsheet")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "side", "kind", "city_en"], name="unique_mission"
            )
        ]

    def __str__(self):
        return _("%(kind)s in %(city)s") % {
            "kind": self.get_kind_display(),
            "city": named(self, "city"),
        }


class PositiveDecimalField(models.DecimalField):
    """Money in CAD: a Decimal, never negative."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("validators", [MinValueValidator(0)])
        super().__init__(*args, **kwargs)


class RevisionQuerySet(NaturalKeyQuerySet):
    def for_profile(self, profile):
        return self.filter(profile=profile)

    def not_withdrawn(self):
        return self.filter(withdrawn_at__isnull=True)

    def gone_live(self, now):
        """Revisions the public may read at `now`: their time has come and they stand."""
        return self.not_withdrawn().filter(go_live_at__lte=now)

    def scheduled(self, now):
        return self.not_withdrawn().filter(go_live_at__gt=now)

    def major(self):
        return self.filter(is_major=True)

    def newest_first(self):
        return self.order_by("-go_live_at", "-number")

    def light(self):
        """Without the stored page and rows (megabytes for a large profile): for lists,
        history screens and "which revision is live". Reading `document` later loads it."""
        return self.defer("document", "working_copy")

    def without_rows(self):
        """With the page, without the working-copy rows only a restore reads."""
        return self.defer("working_copy")


class Revision(NaturalKeyModel):
    """A dated, immutable public version of a profile.

    `document` is the page snapshot as it was published; `working_copy` the rows it was
    built from, so a restore can bring them back. Both are stored compressed and read only
    where they are shown (`light()`); `head` copies what lists show of the document.
    Nothing is ever edited: withdrawing only records who withdrew it and why. The live
    revision is the newest one whose go-live time has passed and that is not withdrawn, so
    scheduling needs no job.
    """

    profile = models.ForeignKey(
        Profile, on_delete=models.PROTECT, related_name="revisions", verbose_name=_("profile")
    )
    number = models.PositiveIntegerField(_("number"))
    document = CompressedJSONField(_("page snapshot"))
    working_copy = CompressedJSONField(_("working copy rows"), default=list)
    head = models.JSONField(
        _("title, label and date"),
        default=dict,
        help_text=_("The document's title, label and “as of” date, for lists and feeds."),
    )
    go_live_at = models.DateTimeField(_("goes live at"), db_index=True)
    is_major = models.BooleanField(
        _("major update"),
        default=True,
        help_text=_(
            "A major update moves “Date modified” and is listed in “See all updates”; "
            "a minor correction is listed only here."
        ),
    )
    change_note_en = models.TextField(_("change note (English)"), blank=True)
    change_note_fr = models.TextField(_("change note (French)"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    modified_at = models.DateTimeField(
        _("date modified"),
        help_text=_(
            "What readers see as “Date modified”: the go-live time of this revision if it is "
            "a major update, else of the major update before it. Fixed at publishing."
        ),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    objects = RevisionQuerySet.as_manager()
    NATURAL_KEY = ("profile__slug", "number")

    class Meta:
        ordering = ["profile", "-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        permissions = [("publish_revision", _("Can publish, schedule, withdraw and restore"))]
        constraints = [
            models.UniqueConstraint(fields=["profile", "number"], name="unique_revision_number")
        ]

    def __str__(self):
        return f"{self.profile} #{self.number}"

    @property
    def title(self) -> dict[str, str]:
        return self.head["title"]

    @property
    def label(self) -> dict[str, str]:
        return self.head["label"]

    @property
    def as_of(self) -> str:
        """The revision's month as YYYY-MM, as its permalink shows it."""
        return self.head["as_of"][:7]

    def status(self, now) -> str:
        if self.withdrawn_at:
            return "withdrawn" if self.go_live_at <= self.withdrawn_at else "cancelled"
        return "scheduled" if self.go_live_at > now else "published"


class AuditEntry(models.Model):
    """Who published, scheduled, withdrew, cancelled or restored what, and when."""

    class Action(models.TextChoices):
        PUBLISH = "publish", _("Published")
        SCHEDULE = "schedule", _("Scheduled")
        WITHDRAW = "withdraw", _("Withdrew")
        CANCEL = "cancel", _("Cancelled a scheduled revision")
        RESTORE = "restore", _("Restored into the working copy")

    profile = models.ForeignKey(
        Profile, on_delete=models.PROTECT, related_name="audit_entries", verbose_name=_("profile")
    )
    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, related_name="audit_entries", verbose_name=_("revision")
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    detail = models.TextField(
        _("detail"), blank=True, help_text=_("The reason given for a withdrawal or cancellation.")
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.revision}"

    def description(self) -> str:
        """What the entry adds to its action, in the reader's language: when the revision
        goes live (read from the revision, not stored twice), or the reason given."""
        if self.action in (self.Action.PUBLISH, self.Action.SCHEDULE):
            return gettext("live from %(time)s") % {"time": local_time(self.revision.go_live_at)}
        return self.detail


class ImportBatchQuerySet(models.QuerySet):
    def of_records(self, label: str):
        """The batches of one model's records ("trade.tradefigure")."""
        return self.filter(model=label)

    def newest_first(self):
        return self.order_by("-created_at", "-pk")


class ImportBatch(models.Model):
    """One confirmed spreadsheet import, of any sheet (trade figures, meetings, …): the audit
    record of who imported which file (name and SHA-256), when, in which layout, and what it
    did (counts here, every record it created or changed in `ImportChange`).

    Written only by the import engine (relations.spreadsheets); nobody may change or delete
    one, and `import_batch_undo` only records that it was undone.
    """

    model = models.CharField(
        _("records"), max_length=100, help_text=_("app_label.model_name, e.g. relations.meeting")
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    layout = models.CharField(
        _("layout"), max_length=20, blank=True, help_text=_("For trade figures: long, wide, cimt.")
    )
    created_count = models.PositiveIntegerField(_("new"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    undone_at = models.DateTimeField(
        _("undone at"), null=True, blank=True, help_text=_("An import is undone once at most.")
    )
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"


class ImportChange(models.Model):
    """One record an import created or updated, with the values it wrote (`new`) and, for an
    update, the values it replaced (`old`), by attname. Rows, not one JSON value per batch,
    so that listing, showing and undoing a million-row import reads them in chunks.

    `new` is empty only for imports recorded before undo existed (they kept ids only).
    """

    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name=_("import"),
        # No database constraint: its check ran once per row at commit, 3.4 s of a
        # million-row import on PostgreSQL. Only the engine writes these rows, in the
        # transaction that creates their batch, and deleting a batch through Django deletes
        # them (the ORM cascades, not the database).
        db_constraint=False,
    )
    object_id = models.BigIntegerField(_("record id"))
    created = models.BooleanField(_("created by the import"))
    old = models.JSONField(_("replaced values"), null=True, blank=True, encoder=DjangoJSONEncoder)
    new = models.JSONField(_("written values"), null=True, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["batch", "pk"]
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")

    def __str__(self):
        return f"{self.batch_id}: {self.object_id}"


class HandOffQuerySet(models.QuerySet):
    def waiting(self):
        """Requests no revision has answered yet."""
        return self.filter(settled_at__isnull=True)


class HandOff(models.Model):
    """An editor's "Ready for publishing" with a note; publishing the profile settles it.

    The rows are the audit of the hand-off: who asked, when, with what note, and which
    revision (published by whom, when) answered.
    """

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="hand_offs", verbose_name=_("profile")
    )
    note = models.TextField(
        _("note for the publisher"),
        max_length=2000,
        help_text=_("What changed and anything the publisher should check."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    settled_at = models.DateTimeField(_("published at"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    revision = models.ForeignKey(
        Revision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revision"),
    )

    objects = HandOffQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("request to publish")
        verbose_name_plural = _("requests to publish")

    def __str__(self):
        return f"{self.profile}: {self.requested_at:%Y-%m-%d %H:%M}"
