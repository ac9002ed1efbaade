"""The trade figures admin's import and export: the shared spreadsheet flow of
`relations.admin_importing` (upload → dry-run preview → confirm, export), calling
`trade_figures_import` with the choices of the trade upload form (layout, profile, flow, kind,
sources of new figures) and `trade_figures_export`.
"""

from relations.admin_importing import SpreadsheetImportExportMixin
from relations.models import Profile
from trade.forms import TradeImportForm
from trade.importing.services import trade_figures_export, trade_figures_import


class TradeFigureImportExportMixin(SpreadsheetImportExportMixin):
    import_template_name = "admin/trade/tradefigure/import.html"
    import_form_class = TradeImportForm
    import_service = staticmethod(trade_figures_import)
    export_service = staticmethod(trade_figures_export)

    def spreadsheet_import(self, *, data, file_name, dry_run, by, options):
        # The profile travels in the signed confirm token by pk; the service wants the row.
        profile_pk = options.get("profile")
        profile = Profile.objects.filter(pk=profile_pk).first() if profile_pk else None
        return super().spreadsheet_import(
            data=data,
            file_name=file_name,
            dry_run=dry_run,
            by=by,
            options={**options, "profile": profile},
        )

    def get_export_filename(self, request, queryset, file_format):
        return f"trade-figures.{file_format.get_extension()}"
