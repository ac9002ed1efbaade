"""Admin for cultural highlights."""

from django.contrib import admin
from django.db import models

from culture.forms import SizeLimitedImageField
from culture.importing import HIGHLIGHTS, highlights_export, highlights_import
from culture.models import Highlight
from relations.admin_importing import SpreadsheetImportExportMixin
from relations.stale import StaleEditGuardAdmin


@admin.register(Highlight)
class HighlightAdmin(StaleEditGuardAdmin, SpreadsheetImportExportMixin, admin.ModelAdmin):
    list_display = ["name_en", "kind", "year", "position", "profile"]
    list_filter = ["profile", "kind"]
    search_fields = ["name_en", "name_fr"]
    list_select_related = ["profile__partner"]
    ordering = ["profile", "kind", "position"]
    formfield_overrides = {models.ImageField: {"form_class": SizeLimitedImageField}}
    fieldsets = [
        (None, {"fields": ["profile", "kind", "position", "year"]}),
        (None, {"fields": [("name_en", "name_fr"), ("is_group", "french_agreement")]}),
        (None, {"fields": [("description_en", "description_fr")]}),
        (None, {"fields": ["image", ("image_alt_en", "image_alt_fr")]}),
    ]
    import_columns = HIGHLIGHTS.header

    import_service = staticmethod(highlights_import)
    export_service = staticmethod(highlights_export)
