"""Admin for cultural highlights."""

from django.contrib import admin
from django.db import models

from culture.forms import HighlightAdminForm, SizeLimitedImageField
from culture.models import Highlight
from culture.sheets import HIGHLIGHTS
from relations.admin_lists import ProfileFilter
from relations.admin_workspace import ProfileRowAdmin
from relations.spreadsheets.admin import SheetAdminMixin
from relations.stale import StaleEditGuardAdmin


@admin.register(Highlight)
class HighlightAdmin(ProfileRowAdmin, StaleEditGuardAdmin, SheetAdminMixin, admin.ModelAdmin):
    list_display = ["name_en", "kind", "year", "position", "profile"]
    list_filter = [("profile", ProfileFilter), "kind"]
    search_fields = ["name_en", "name_fr"]
    list_select_related = ["profile__partner"]
    ordering = ["profile", "kind", "position"]
    form = HighlightAdminForm
    formfield_overrides = {models.ImageField: {"form_class": SizeLimitedImageField}}
    fieldsets = [
        (None, {"fields": ["profile", "kind", "position", "year"]}),
        (None, {"fields": [("name_en", "name_fr"), ("is_group", "french_agreement")]}),
        (None, {"fields": [("description_en", "description_fr")]}),
        (None, {"fields": ["image", ("image_alt_en", "image_alt_fr")]}),
    ]
    sheet = HIGHLIGHTS
