"""Spreadsheet import and export in the admin, for any model whose service imports a file.

Built on django-import-export's admin mixin, which supplies the buttons, the permission
checks (IMPORT_EXPORT_*_PERMISSION_CODE: `<app>.import_<model>`, `<app>.export_<model>`),
the export form and the temporary storage of uploads. Its row-by-row import flow is
replaced: the upload is previewed by the model's import service with `dry_run=True` (counts,
every problem with line/column/reason, old → new values, the page sentences that would
change), and confirm runs the same service for real on the stored file. Confirm is only
offered when the preview is clean, and a confirm that fails (the data changed meanwhile) says
that nothing was imported, never "Import finished".

A model admin says only which services to call: `spreadsheet_import` and
`spreadsheet_export` (and, for uploads with choices, `import_form_class` and
`spreadsheet_options`).
"""

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

from relations.forms import SpreadsheetConfirmForm, SpreadsheetUploadForm
from relations.spreadsheets import file_sha256

TOKEN_MAX_AGE = 24 * 60 * 60
SHOWN_ROWS = 500  # problems and changes listed on the preview page


class SpreadsheetImportExportMixin(ImportExportMixin):
    import_template_name = "admin/relations/spreadsheet_import.html"
    formats = [CSV, XLSX]
    export_form_class = ExportForm
    import_form_class = SpreadsheetUploadForm
    # The columns a file has, listed on the upload page (empty: not listed).
    import_columns: tuple[str, ...] = ()

    # Each admin names its model's services, e.g. `import_service = staticmethod(meetings_import)`.
    # An import service takes the file and the upload form's options (relations.importing).
    import_service = None
    export_service = None

    def spreadsheet_import(self, *, data: bytes, file_name: str, dry_run: bool, by, options):
        """Run the model's import service; the preview (dry run) also compares page sentences."""
        return self.import_service(
            data=data, file_name=file_name, dry_run=dry_run, by=by, page_changes=dry_run, **options
        )

    def spreadsheet_export(self, *, queryset, file_format: str) -> bytes:
        return self.export_service(queryset=queryset, file_format=file_format)

    def get_export_data(self, file_format, request, queryset, **kwargs):
        return self.spreadsheet_export(queryset=queryset, file_format=file_format.get_extension())

    def get_export_filename(self, request, queryset, file_format):
        name = str(self.model._meta.verbose_name_plural).replace(" ", "-")
        return f"{name}.{file_format.get_extension()}"

    def tmp_storage(self, name=None):
        return self.get_tmp_storage_class()(
            name=name, read_mode="rb", **self.get_tmp_storage_class_kwargs()
        )

    @property
    def token_salt(self) -> str:
        # One salt per model: a confirmation for one list cannot import into another.
        return f"{self.model._meta.label_lower}.import.confirm"

    def import_page(self, request, context, status=200):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import %(records)s") % {"records": self.model._meta.verbose_name_plural},
            "opts": self.model._meta,
            "shown_rows": SHOWN_ROWS,
            "columns": self.import_columns,
            **context,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context, status=status)

    def import_action(self, request, **kwargs):
        """Upload and dry-run preview."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.import_form_class(request.POST or None, request.FILES or None)
        if not (request.method == "POST" and form.is_valid()):
            return self.import_page(request, {"form": form})
        upload = form.cleaned_data["import_file"]
        data = upload.read()
        options = form.options()
        result = self.spreadsheet_import(
            data=data, file_name=upload.name, dry_run=True, by=request.user, options=options
        )
        context = {"form": form, "result": result, "file_name": upload.name}
        if result.ok:
            storage = self.tmp_storage()
            storage.save(data)
            token = {
                "name": storage.name,
                "file_name": upload.name,
                "sha256": file_sha256(data),
                "options": options,
            }
            context["confirm_form"] = SpreadsheetConfirmForm(
                initial={"token": signing.dumps(token, salt=self.token_salt)}
            )
        return self.import_page(request, context)

    def process_import(self, request, **kwargs):
        return require_POST(self._confirm_import)(request)

    def _confirm_import(self, request):
        """Confirm: the same service, for real, on the file kept in storage."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = SpreadsheetConfirmForm(request.POST)
        try:
            if not form.is_valid():
                raise signing.BadSignature
            token = signing.loads(
                form.cleaned_data["token"], salt=self.token_salt, max_age=TOKEN_MAX_AGE
            )
        except signing.BadSignature:
            return self.refuse(
                request, _("This confirmation is invalid or has expired; upload the file again.")
            )
        storage = self.tmp_storage(name=token["name"])
        try:
            data = storage.read()
        except OSError:
            return self.refuse(
                request, _("The uploaded file is no longer available; upload it again.")
            )
        if file_sha256(data) != token["sha256"]:
            return self.refuse(
                request, _("The uploaded file changed after the preview; upload it again.")
            )
        result = self.spreadsheet_import(
            data=data,
            file_name=token["file_name"],
            dry_run=False,
            by=request.user,
            options=token["options"],
        )
        if not result.ok:
            # The data changed since the preview: say so, never "Import finished".
            messages.error(
                request,
                _("Nothing was imported: the file no longer imports cleanly (see below)."),
            )
            return self.import_page(
                request,
                {
                    "form": self.import_form_class(),
                    "result": result,
                    "file_name": token["file_name"],
                },
            )
        storage.remove()
        messages.success(
            request,
            _("Import finished: %(summary)s. The public page changes when a publisher publishes.")
            % {"summary": result.summary},
        )
        return HttpResponseRedirect(
            reverse(f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist")
        )

    def refuse(self, request, message):
        messages.error(request, message)
        return self.import_page(request, {"form": self.import_form_class()}, status=400)
