"""Cultural highlights of the relationship: artists, exhibitions, books, commemorations."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from culture.validators import validate_image_upload
from relations.bilingual import named
from relations.models import OrderedProfileItem, Profile
from relations.validators import (
    translation_gaps,
    validate_not_future_year,
    validate_plausible_year,
)


class FrenchAgreement(models.TextChoices):
    MASCULINE_SINGULAR = "ms", _("masculine singular (le centenaire, Robert Lepage)")
    FEMININE_SINGULAR = "fs", _("feminine singular (la Semaine, Diana Krall)")
    MASCULINE_PLURAL = "mp", _("masculine plural (les Jeux, les Violons du Roy)")
    FEMININE_PLURAL = "fp", _("feminine plural (les fêtes, les Sœurs Boulay)")


class Highlight(OrderedProfileItem):
    """One cultural highlight; the page groups highlights of a kind into one sentence."""

    class Kind(models.TextChoices):
        PERFORMANCE = "performance", _("Performers and companies with successful shows")
        EXHIBITION = "exhibition", _("Artists who attended openings of their exhibits")
        AUDIENCE = "audience", _("Musicians with dedicated audiences")
        COMMEMORATION = "commemoration", _("Commemorations")
        TRANSLATED_AUTHOR = "translated_author", _("Authors translated into the partner's language")
        PUBLICATION = "publication", _("Publications")

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="highlights", verbose_name=_("profile")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name_en = models.CharField(
        _("name (English)"),
        max_length=200,
        help_text=_(
            "As in “Our artists are gaining popularity in Japan, including Cirque du Soleil, "
            "which had very successful shows …”"
        ),
    )
    name_fr = models.CharField(
        _("name (French)"),
        max_length=200,
        help_text=_(
            "With its article if the name has one (les Violons du Roy), as in « Nos artistes "
            "gagnent en popularité au Japon, notamment le Cirque du Soleil, qui a connu un "
            "grand succès … »"
        ),
    )
    is_group = models.BooleanField(
        _("a company or group"),
        default=False,
        help_text=_(
            "English says “which” of a company and “who” of people: “… including the "
            "National Ballet of Canada, which had very successful shows …”."
        ),
    )
    french_agreement = models.CharField(
        _("French agreement"),
        max_length=2,
        choices=FrenchAgreement.choices,
        default=FrenchAgreement.MASCULINE_SINGULAR,
        help_text=_(
            "Gender and number of the French name, for the words that agree with it: "
            "« Le centenaire de … a été célébré », « La Semaine … a été célébrée »; "
            "« Diana Krall et Angela Hewitt ont toutes deux leur public fidèle »."
        ),
    )
    description_en = models.CharField(
        _("description (English)"),
        max_length=300,
        blank=True,
        help_text=_(
            "For publications: e.g. a most comprehensive anthology of French-Canadian poetry"
        ),
    )
    description_fr = models.CharField(_("description (French)"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[validate_plausible_year, validate_not_future_year],
        help_text=_("Required for commemorations and publications."),
    )
    image = models.ImageField(
        _("image"), upload_to="highlights/", blank=True, validators=[validate_image_upload]
    )
    image_alt_en = models.CharField(_("image description (English)"), max_length=250, blank=True)
    image_alt_fr = models.CharField(_("image description (French)"), max_length=250, blank=True)

    NATURAL_KEY = ("profile__slug", "kind", "name_en")

    class Meta(OrderedProfileItem.Meta):
        verbose_name = _("highlight")
        verbose_name_plural = _("highlights")
        permissions = [
            ("import_highlight", _("Can import cultural highlights from a spreadsheet")),
            ("export_highlight", _("Can export cultural highlights to a spreadsheet")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["profile", "kind", "name_en"], name="unique_highlight")
        ]

    def __str__(self):
        return named(self, "name")

    def clean(self):
        errors = translation_gaps(self, ["description"])
        if self.image:
            for field in ("image_alt_en", "image_alt_fr"):
                if not getattr(self, field).strip():
                    errors[field] = _("Describe the image for readers who cannot see it.")
        if self.kind in {self.Kind.COMMEMORATION, self.Kind.PUBLICATION} and not self.year:
            errors["year"] = _("Give the year: the page says when it happened.")
        if errors:
            raise ValidationError(errors)
