"""Admin for the working copy: one profile page with its lists inline."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from relations.admin_forms import LabelledInlineFormSet
from relations.admin_handoff import ProfileHandOffAdmin
from relations.admin_lists import ProfileFilter, ReadOnlyAdmin
from relations.admin_publishing import ProfilePublishingAdmin
from relations.admin_workspace import ProfileRowAdmin, ProfileWorkspaceAdmin
from relations.countries import country_sample_sentences
from relations.models import (
    AuditEntry,
    ConsultationTopic,
    Country,
    DiplomaticMission,
    ImportBatch,
    Meeting,
    MultilateralForum,
    Profile,
    Revision,
    Section,
)
from relations.page_cache import forget_profile_pages
from relations.schedule import local_time
from relations.sheets import MEETINGS, MISSIONS
from relations.spreadsheets import UndoRefused, import_batch_undo
from relations.spreadsheets.admin import SheetAdminMixin
from relations.spreadsheets.registry import sheet_for_model, sheets
from relations.stale import StaleEditGuardAdmin, StaleEditGuardInline


@admin.register(Country)
class CountryAdmin(StaleEditGuardAdmin, admin.ModelAdmin):
    """Reference data: every UN member state is already here with its forms; an editor may
    correct one, and the sentences below show what the page will then say."""

    list_display = ["name_en", "code", "name_fr", "french_class", "english_the"]
    list_filter = ["french_class", "english_the"]
    search_fields = ["code", "name_en", "name_fr"]
    ordering = ["name_en"]
    readonly_fields = ["sentences"]
    fieldsets = [
        (None, {"fields": ["code", ("name_en", "name_fr"), ("english_the", "french_class")]}),
        (_("Formal names"), {"fields": [("formal_name_en", "formal_name_fr")]}),
        (
            _("Adjectives and language"),
            {
                "fields": [
                    ("adjective_en", "adjective_fr", "adjective_feminine_fr"),
                    ("language_en", "language_fr"),
                ]
            },
        ),
        (_("How the page names it"), {"fields": ["sentences"]}),
    ]

    @admin.display(description=_("sentences"))
    def sentences(self, country):
        if not country.pk:
            return _("Save to see the sentences this country’s forms produce.")
        sentences = country_sample_sentences(country, Country.objects.home())
        # English then French: each marked with its language for screen readers (WCAG 3.1.2).
        return format_html_join(
            "", '<p lang="{}">{}</p>', zip(("en", "fr"), sentences, strict=True)
        )


class SectionInline(StaleEditGuardInline, admin.StackedInline):
    model = Section
    extra = 0
    fields = [("position", "kind", "key"), ("heading_en", "heading_fr"), ("body_en", "body_fr")]


class ConsultationTopicInline(StaleEditGuardInline, admin.TabularInline):
    formset = LabelledInlineFormSet
    model = ConsultationTopic
    extra = 0
    fields = ["position", "name_en", "name_fr"]


class MultilateralForumInline(StaleEditGuardInline, admin.TabularInline):
    formset = LabelledInlineFormSet
    model = MultilateralForum
    extra = 0
    fields = ["position", "name_en", "name_fr", "english_the"]


class DiplomaticMissionInline(StaleEditGuardInline, admin.TabularInline):
    formset = LabelledInlineFormSet
    model = DiplomaticMission
    extra = 0
    fields = ["position", "side", "kind", "city_en", "city_fr"]


@admin.register(Profile)
class ProfileAdmin(
    ProfileHandOffAdmin,
    ProfileWorkspaceAdmin,
    ProfilePublishingAdmin,
    StaleEditGuardAdmin,
    admin.ModelAdmin,
):
    change_form_template = "admin/relations/profile/change_form.html"
    list_display = ["__str__", "slug", "slug_fr", "as_of", "live_now", "scheduled", "updated_at"]
    search_fields = ["slug", "slug_fr", "partner__name_en", "partner__name_fr"]
    list_select_related = ["partner"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["partner", ("slug", "slug_fr"), "as_of", "relations_established_year"]}),
        (_("Summary"), {"fields": ["summary_en", "summary_fr"]}),
        (_("Last change"), {"fields": ["updated_at"]}),
    ]
    inlines = [
        SectionInline,
        ConsultationTopicInline,
        MultilateralForumInline,
        DiplomaticMissionInline,
    ]

    def get_queryset(self, request):
        now = timezone.now()
        live = Revision.objects.filter(profile=OuterRef("pk")).gone_live(now).newest_first()
        return (
            super()
            .get_queryset(request)
            .annotate(
                live_number=Subquery(live.values("number")[:1]),
                live_since=Subquery(live.values("go_live_at")[:1]),
                scheduled_count=Count(
                    "revisions",
                    filter=Q(revisions__go_live_at__gt=now, revisions__withdrawn_at__isnull=True),
                ),
            )
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("summary_en", "summary_fr"):
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 60})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"slug", "slug_fr"} & set(form.changed_data):
            slug = obj.slug
            transaction.on_commit(lambda: forget_profile_pages(slug))

    @admin.display(description=_("live now"))
    def live_now(self, profile):
        if profile.live_number is None:
            return _("nothing published")
        return _("revision %(number)s since %(since)s") % {
            "number": profile.live_number,
            "since": local_time(profile.live_since),
        }

    @admin.display(description=_("scheduled"))
    def scheduled(self, profile):
        return profile.scheduled_count or "—"


@admin.register(Meeting)
class MeetingAdmin(ProfileRowAdmin, StaleEditGuardAdmin, SheetAdminMixin, admin.ModelAdmin):
    list_display = ["date", "kind", "home_participant_en", "partner_participant_en", "profile"]
    list_filter = [("profile", ProfileFilter), "kind"]
    search_fields = ["home_participant_en", "partner_participant_en", "occasion_en", "city_en"]
    date_hierarchy = "date"
    list_select_related = ["profile__partner"]
    fieldsets = [
        (None, {"fields": ["profile", "kind", ("date", "date_precision")]}),
        (
            _("Participants"),
            {
                "fields": [
                    ("home_participant_en", "home_participant_fr", "home_participant_plural"),
                    (
                        "partner_participant_en",
                        "partner_participant_fr",
                        "partner_participant_plural",
                    ),
                ]
            },
        ),
        (_("Where and why"), {"fields": [("occasion_en", "occasion_fr"), ("city_en", "city_fr")]}),
    ]
    sheet = MEETINGS


@admin.register(DiplomaticMission)
class DiplomaticMissionAdmin(
    ProfileRowAdmin, StaleEditGuardAdmin, SheetAdminMixin, admin.ModelAdmin
):
    """Missions are edited inline on their profile; this list is for import and export."""

    list_display = ["city_en", "kind", "side", "position", "profile"]
    list_filter = [("profile", ProfileFilter), "side", "kind"]
    search_fields = ["city_en", "city_fr"]
    list_select_related = ["profile__partner"]
    ordering = ["profile", "position"]
    fields = ["profile", "position", ("side", "kind"), ("city_en", "city_fr")]
    sheet = MISSIONS


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    list_display = ["profile", "number", "go_live_at", "is_major", "published_by", "withdrawn_at"]
    list_filter = [("profile", ProfileFilter), "is_major"]
    list_select_related = ["profile__partner", "published_by"]
    exclude = ["document", "working_copy"]

    def get_queryset(self, request):
        # The list and the change page show neither the page nor the rows: never read them.
        return super().get_queryset(request).light()


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    """Every confirmed spreadsheet import, of every sheet: an audit record nobody edits or
    deletes. The "undo" action reverses one while nobody changed its records since."""

    CHANGES_SHOWN = 100

    list_display = [
        "created_at",
        "records",
        "file_name",
        "layout",
        "created_by",
        "created_count",
        "updated_count",
        "unchanged_count",
        "undone_at",
    ]
    list_filter = ["model"]
    list_select_related = ["created_by", "undone_by"]
    fields = [
        "model",
        "file_name",
        "sha256",
        "layout",
        "created_at",
        "created_by",
        ("created_count", "updated_count", "unchanged_count"),
        ("undone_at", "undone_by"),
        "recorded_changes",
    ]
    readonly_fields = ["recorded_changes"]
    actions = ["undo"]

    @admin.display(description=_("records"), ordering="model")
    def records(self, batch):
        try:
            return sheet_for_model(batch.model).title
        except LookupError:
            return batch.model

    @admin.display(description=_("changes"))
    def recorded_changes(self, batch):
        """The first records the import wrote, read from its change rows (never all of them)."""
        changes = list(batch.changes.order_by("pk")[: self.CHANGES_SHOWN])
        total = batch.created_count + batch.updated_count
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    change.object_id,
                    _("created") if change.created else _("updated"),
                    change.old or "",
                    change.new or "",
                )
                for change in changes
            ),
        )
        more = (
            _("The first %(shown)s of %(total)s records are shown.")
            % {"shown": len(changes), "total": total}
            if total > len(changes)
            else ""
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table><p>{}</p>",
            _("record id"),
            _("by the import"),
            _("replaced values"),
            _("written values"),
            rows,
            more,
        )

    def has_undo_permission(self, request):
        """Anyone who may import some kind of records; the service checks each batch against
        the permission of its own records."""
        return any(request.user.has_perm(sheet.import_permission) for sheet in sheets().values())

    @admin.action(description=_("Undo the selected imports"), permissions=["undo"])
    def undo(self, request, queryset):
        undone = 0
        for batch in queryset.order_by("-created_at", "-pk"):
            try:
                import_batch_undo(batch=batch, by=request.user)
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


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "action", "revision", "actor", "details"]
    list_filter = ["action", ("profile", ProfileFilter)]
    list_select_related = ["revision__profile__partner", "actor"]

    @admin.display(description=_("detail"))
    def details(self, entry):
        return entry.description()

    def get_queryset(self, request):
        return super().get_queryset(request).defer("revision__document", "revision__working_copy")
