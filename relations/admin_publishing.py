"""Admin screens for a profile's revisions: preview, publish, history, compare, withdraw,
restore. Thin views: each calls a service or selector and renders."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from relations.admin_errors import publishers_only
from relations.compare import compare_documents
from relations.forms import CompareForm, PublishForm, WithdrawForm
from relations.models import AuditEntry, Profile, Revision
from relations.readiness import profile_readiness
from relations.rendering import render_profile_page
from relations.revisions import (
    PUBLISH_PERMISSION,
    PublishingRefused,
    live_revision,
    revision_publish,
    revision_restore,
    revision_withdraw,
    translation_problems,
)
from relations.schedule import local_time
from relations.snapshot import LANGUAGES, profile_snapshot

# What Revision.status() returns, as the admin says it.
STATUS_LABELS = {
    "published": pgettext_lazy("revision status", "published"),
    "scheduled": pgettext_lazy("revision status", "scheduled"),
    "withdrawn": pgettext_lazy("revision status", "withdrawn"),
    "cancelled": pgettext_lazy("revision status", "cancelled"),
}


class ProfilePublishingAdmin:
    """ModelAdmin mixin adding the publishing screens under /admin/relations/profile/<pk>/."""

    def get_urls(self):
        view = self.admin_site.admin_view
        urls = [
            path(
                "<int:pk>/preview/<str:language>/", view(self.preview_view), name="profile_preview"
            ),
            path("<int:pk>/publish/", view(self.publish_view), name="profile_publish"),
            path("<int:pk>/revisions/", view(self.revisions_view), name="profile_revisions"),
            path("<int:pk>/compare/", view(self.compare_view), name="profile_compare"),
            path(
                "<int:pk>/revisions/<int:number>/withdraw/",
                view(self.withdraw_view),
                name="profile_revision_withdraw",
            ),
            path(
                "<int:pk>/revisions/<int:number>/restore/",
                view(self.restore_view),
                name="profile_revision_restore",
            ),
            path(
                "<int:pk>/revisions/<int:number>/<str:language>/",
                view(self.stored_revision_view),
                name="profile_revision_view",
            ),
        ]
        return urls + super().get_urls()

    # helpers

    def _profile(self, request, pk) -> Profile:
        profile = get_object_or_404(Profile.objects.with_partner(), pk=pk)
        if not self.has_view_permission(request, profile):
            raise PermissionDenied
        return profile

    def _require_publisher(self, request, profile=None):
        if not request.user.has_perm(PUBLISH_PERMISSION):
            raise publishers_only(profile)

    def _context(self, request, profile, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": profile,
            "profile": profile,
            "title": title,
            "can_publish": request.user.has_perm(PUBLISH_PERMISSION),
            "time_zone": timezone.get_current_timezone_name(),
            **extra,
        }

    def _render_document(
        self, request, document, language, alternate_url, date_modified, **context
    ):
        if language not in LANGUAGES:
            raise Http404
        with translation.override(language):
            response = render_profile_page(
                request,
                document,
                date_modified=date_modified,
                banner="preview",
                noindex=True,
                alternate_url=alternate_url,
                **context,
            )
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response

    # views

    def preview_view(self, request, pk, language):
        """The working copy through the public templates, marked as a preview."""
        profile = self._profile(request, pk)
        other = "fr" if language == "en" else "en"
        return self._render_document(
            request,
            profile_snapshot(profile),
            language,
            reverse("admin:profile_preview", args=[pk, other]),
            timezone.now(),
            readiness=profile_readiness(profile),
        )

    def stored_revision_view(self, request, pk, number, language):
        """A stored revision as it renders, including scheduled and withdrawn ones."""
        profile = self._profile(request, pk)
        revision = get_object_or_404(
            Revision.objects.without_rows(), profile=profile, number=number
        )
        other = "fr" if language == "en" else "en"
        return self._render_document(
            request,
            revision.document,
            language,
            reverse("admin:profile_revision_view", args=[pk, number, other]),
            revision.go_live_at,
        )

    def publish_view(self, request, pk):
        profile = self._profile(request, pk)
        self._require_publisher(request, profile)
        latest = Revision.objects.for_profile(profile).order_by("-number").light().first()
        form = PublishForm(
            request.POST or None, initial={"expected_latest": latest.number if latest else 0}
        )
        if request.method == "POST" and form.is_valid():
            try:
                revision = revision_publish(profile=profile, by=request.user, **form.cleaned_data)
            except PublishingRefused as refused:
                for problem in refused.problems:
                    form.add_error(None, problem)
            else:
                messages.success(
                    request,
                    _("Revision %(number)s will go live at %(when)s.")
                    % {"number": revision.number, "when": local_time(revision.go_live_at)}
                    if revision.go_live_at > timezone.now()
                    else _("Revision %(number)s is live.") % {"number": revision.number},
                )
                return redirect("admin:profile_revisions", pk)
        return TemplateResponse(
            request,
            "admin/relations/profile/publish.html",
            self._context(
                request,
                profile,
                _("Publish %(profile)s") % {"profile": profile},
                form=form,
                problems=translation_problems(profile),
                readiness=profile_readiness(profile),
                latest=latest,
            ),
        )

    def revisions_view(self, request, pk):
        profile = self._profile(request, pk)
        now = timezone.now()
        live = live_revision(profile, now)
        revisions = [
            {
                "revision": r,
                "status": r.status(now),
                "status_label": STATUS_LABELS[r.status(now)],
                "is_live": live is not None and r.pk == live.pk,
            }
            for r in Revision.objects.for_profile(profile)
            .select_related("published_by", "withdrawn_by")
            .order_by("-number")
            .light()
        ]
        audit = (
            AuditEntry.objects.filter(profile=profile)
            .select_related("actor", "revision")
            .defer("revision__document", "revision__working_copy")
        )
        return TemplateResponse(
            request,
            "admin/relations/profile/revisions.html",
            self._context(
                request,
                profile,
                _("Revisions of %(profile)s") % {"profile": profile},
                revisions=revisions,
                live=live,
                audit=audit[:50],
                withdraw_form=WithdrawForm(),
            ),
        )

    def compare_view(self, request, pk):
        profile = self._profile(request, pk)
        form = CompareForm(request.GET or None)
        comparison = None
        labels = {}
        if form.is_valid():
            documents = {}
            for side in ("old", "new"):
                choice = form.cleaned_data[side]
                if choice == CompareForm.WORKING_COPY:
                    documents[side] = profile_snapshot(profile)
                    labels[side] = _("working copy")
                elif choice.isdigit():
                    revision = get_object_or_404(
                        Revision.objects.without_rows(), profile=profile, number=int(choice)
                    )
                    documents[side] = revision.document
                    labels[side] = _("revision %(number)s") % {"number": revision.number}
                else:
                    raise Http404
            language = request.GET.get("language", "en")
            if language not in LANGUAGES:
                raise Http404
            comparison = compare_documents(documents["old"], documents["new"], language)
        return TemplateResponse(
            request,
            "admin/relations/profile/compare.html",
            self._context(
                request,
                profile,
                _("Compare versions of %(profile)s") % {"profile": profile},
                form=form,
                comparison=comparison,
                labels=labels,
                numbers=Revision.objects.for_profile(profile)
                .order_by("-number")
                .values_list("number", flat=True),
            ),
        )

    def withdraw_view(self, request, pk, number):
        profile = self._profile(request, pk)
        self._require_publisher(request, profile)
        if request.method != "POST":
            return redirect("admin:profile_revisions", pk)
        revision = get_object_or_404(Revision.objects.light(), profile=profile, number=number)
        form = WithdrawForm(request.POST)
        try:
            if not form.is_valid():
                raise PublishingRefused([_("Give the reason for withdrawing this revision.")])
            revision_withdraw(
                revision=revision, by=request.user, reason=form.cleaned_data["reason"]
            )
        except PublishingRefused as refused:
            for problem in refused.problems:
                messages.error(request, problem)
        else:
            messages.success(request, _("Revision %(number)s was withdrawn.") % {"number": number})
        return redirect("admin:profile_revisions", pk)

    def restore_view(self, request, pk, number):
        profile = self._profile(request, pk)
        self._require_publisher(request, profile)
        if request.method != "POST":
            return redirect("admin:profile_revisions", pk)
        revision = get_object_or_404(Revision, profile=profile, number=number)
        try:
            revision_restore(revision=revision, by=request.user)
        except PublishingRefused as refused:
            for problem in refused.problems:
                messages.error(request, problem)
        else:
            messages.success(
                request,
                _(
                    "The working copy now holds revision %(number)s. Preview it, then publish "
                    "it as a new revision."
                )
                % {"number": number},
            )
        return redirect("admin:profile_revisions", pk)
