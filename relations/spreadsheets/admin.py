"""The admin's import and export screens, one mixin for every sheet.

django-import-export supplies the buttons on each list, the permission checks
(IMPORT_EXPORT_*_PERMISSION_CODE: `<app>.import_<model>`, `<app>.export_<model>`), the export
form and the storage of uploads waiting for confirmation. The steps are ours: the upload is
previewed by the engine as a dry run (counts, problems grouped by cause, old → new values,
the page sentences and chart figures that would change); confirm runs the same import for
real on the stored file, offered only for a clean preview, and says "Nothing was imported"
when the data changed meanwhile. Exports stream (relations.spreadsheets.exports).

A model admin names its sheet: `sheet = MEETINGS`.
"""

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ExportForm

from relations.spreadsheets.engine import sheet_import
from relations.spreadsheets.exports import export_response
from relations.spreadsheets.files import file_sha256
from relations.spreadsheets.forms import ConfirmForm, UploadForm
from relations.spreadsheets.problems import SHOWN_GROUPS
from relations.spreadsheets.sheet import Sheet
from relations.spreadsheets.uploads import PendingUploads

SHOWN_ROWS = 500  # changed cells listed on the preview page


class SheetAdminMixin(ImportExportMixin):
    sheet: Sheet
    import_template_name = "admin/relations/spreadsheet_import.html"
    formats = [CSV, XLSX]
    export_form_class = ExportForm

    @property
    def token_salt(self) -> str:
        # One salt per sheet: a confirmation for one list cannot import into another.
        return f"{self.sheet.label}.import.confirm"

    def pending(self, name=None) -> PendingUploads:
        return self.get_tmp_storage_class()(name=name, **self.get_tmp_storage_class_kwargs())

    def import_page(self, request, context, status=200):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import %(records)s") % {"records": self.model._meta.verbose_name_plural},
            "opts": self.model._meta,
            "sheet": self.sheet,
            "shown_rows": SHOWN_ROWS,
            "shown_groups": SHOWN_GROUPS,
            "sample": sample_row(self.sheet),
            **context,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context, status=status)

    def import_action(self, request, **kwargs):
        """Upload, then the dry-run preview."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
        form = UploadForm(data, files)
        # Links from a profile's page preset its choices: ?profile=japan.
        options = self.sheet.options_form(data, initial=request.GET.dict())
        context = {"form": form, "options_form": options}
        if not (request.method == "POST" and form.is_valid() and options.is_valid()):
            return self.import_page(request, context)
        self.pending().expire()  # uploads never confirmed, of anyone, are forgotten
        upload = form.cleaned_data["import_file"]
        result = sheet_import(
            sheet=self.sheet,
            file=upload.file,
            file_name=upload.name,
            options=options.as_options(),
            dry_run=True,
            by=request.user,
            preview=True,
        )
        context.update(result=result, file_name=upload.name)
        if result.ok and not result.empty:
            storage = self.pending()
            storage.save_file(upload.file)
            token = {
                "name": storage.name,
                "file_name": upload.name,
                "sha256": result.sha256,
                "options": options.as_options(),
            }
            context["confirm_form"] = ConfirmForm(
                initial={"token": signing.dumps(token, salt=self.token_salt)}
            )
        return self.import_page(request, context)

    def process_import(self, request, **kwargs):
        return require_POST(self._confirm_import)(request)

    def _confirm_import(self, request):
        """Confirm: the same import, for real, on the file kept in storage."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = ConfirmForm(request.POST)
        try:
            if not form.is_valid():
                raise signing.BadSignature
            token = signing.loads(
                form.cleaned_data["token"],
                salt=self.token_salt,
                max_age=settings.IMPORT_UPLOAD_MAX_AGE,
            )
        except signing.BadSignature:
            return self.refuse(
                request, _("This confirmation is invalid or has expired; upload the file again.")
            )
        storage = self.pending(name=token["name"])
        try:
            file = storage.open()
        except OSError:
            return self.refuse(
                request, _("The uploaded file is no longer available; upload it again.")
            )
        with file:
            if file_sha256(file) != token["sha256"]:
                return self.refuse(
                    request, _("The uploaded file changed after the preview; upload it again.")
                )
            result = sheet_import(
                sheet=self.sheet,
                file=file,
                file_name=token["file_name"],
                options=token["options"],
                dry_run=False,
                by=request.user,
            )
        if not result.ok or result.empty:
            # The data changed since the preview: say so, never "Import finished".
            messages.error(
                request,
                _("Nothing was imported: the file no longer imports cleanly (see below)."),
            )
            return self.import_page(
                request,
                {
                    "form": UploadForm(),
                    "options_form": self.sheet.options_form(initial=token["options"]),
                    "result": result,
                    "file_name": token["file_name"],
                },
            )
        storage.remove()
        messages.success(
            request,
            _(
                "Import finished: %(summary)s. The public page changes when a publisher "
                "publishes. The import is recorded in Spreadsheet imports, where it can be undone."
            )
            % {"summary": result.summary},
        )
        return HttpResponseRedirect(
            reverse(f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist")
        )

    def refuse(self, request, message):
        messages.error(request, message)
        context = {"form": UploadForm(), "options_form": self.sheet.options_form()}
        return self.import_page(request, context, status=400)

    # Export

    def init_request_context_data(self, request, form):
        """The export screen names the columns the sheet writes (the library would list its
        resource's fields, which are not the file's columns)."""
        context = super().init_request_context_data(request, form)
        context["fields_list"] = [(self.sheet.title, list(self.sheet.header))]
        return context

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        """Streams the file (the library builds it whole in memory); a refusal (an XLSX too
        large) is a ValueError, which the library shows on the export form."""
        return export_response(
            sheet=self.sheet,
            queryset=queryset,
            file_format=file_format.get_extension(),
            file_name=self.get_export_filename(request, queryset, file_format),
        )

    def get_export_filename(self, request, queryset, file_format):
        return f"{self.sheet.kind}.{file_format.get_extension()}"


def sample_row(sheet: Sheet) -> list[str] | None:
    """One record as Export writes it (the first one stored), shown under the columns of the
    upload page; None while there is none. One row is read, however many there are."""
    first = sheet.model._default_manager.order_by("pk").values("pk")[:1]
    for row in sheet.export_rows(sheet.model._default_manager.filter(pk__in=first)):
        return ["" if value is None else str(value) for value in row]
    return None
