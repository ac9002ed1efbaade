"""Admin for the working copy: one profile page with its lists inline."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from relations.models import (
    ConsultationTopic,
    Country,
    DiplomaticMission,
    Meeting,
    MultilateralForum,
    Profile,
    Section,
)


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_fr", "french_gender"]
    search_fields = ["code", "name_en", "name_fr"]
    ordering = ["name_en"]


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = [("position", "kind", "key"), ("heading_en", "heading_fr"), ("body_en", "body_fr")]


class ConsultationTopicInline(admin.TabularInline):
    model = ConsultationTopic
    extra = 0
    fields = ["position", "name_en", "name_fr"]


class MultilateralForumInline(admin.TabularInline):
    model = MultilateralForum
    extra = 0
    fields = ["position", "name_en", "name_fr"]


class DiplomaticMissionInline(admin.TabularInline):
    model = DiplomaticMission
    extra = 0
    fields = ["position", "side", "kind", "city_en", "city_fr"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "as_of", "updated_at"]
    search_fields = ["slug", "partner__name_en", "partner__name_fr"]
    list_select_related = ["partner"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["partner", "slug", "as_of", "relations_established_year"]}),
        (_("Last change"), {"fields": ["updated_at"]}),
    ]
    inlines = [
        SectionInline,
        ConsultationTopicInline,
        MultilateralForumInline,
        DiplomaticMissionInline,
    ]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "home_participant_en", "partner_participant_en", "profile"]
    list_filter = ["profile", "kind"]
    search_fields = ["home_participant_en", "partner_participant_en", "occasion_en", "city_en"]
    date_hierarchy = "date"
    list_select_related = ["profile__partner"]
    fieldsets = [
        (None, {"fields": ["profile", "kind", ("date", "date_precision")]}),
        (
            _("Participants"),
            {
                "fields": [
                    ("home_participant_en", "home_participant_fr"),
                    ("partner_participant_en", "partner_participant_fr"),
                ]
            },
        ),
        (_("Where and why"), {"fields": [("occasion_en", "occasion_fr"), ("city_en", "city_fr")]}),
    ]
