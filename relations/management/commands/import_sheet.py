"""Import a spreadsheet from the command line, with the admin's checks and messages.

For files too large to upload (a million rows of trade figures), or imports run from a
script. It is the same engine as the admin's import: one transaction, so on any problem
nothing is written and the command exits with status 1; `--dry-run` reports what would change
without writing. A real import is recorded as a spreadsheet import (no user) that can be
undone in the admin. Progress goes to stderr, the summary to stdout.

    manage.py import_sheet trade-figures figures.csv
    manage.py import_sheet trade-figures cimt.csv --profile russia --flow export
    manage.py import_sheet meetings meetings.xlsx --dry-run

The kinds of file are the sheets of the SPREADSHEET_SHEETS setting; the options after the
file are those of the sheet's upload form in the admin (trade figures: --layout, --profile,
--flow, --kind, --source-en, --source-fr).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from relations.spreadsheets import Limits, sheet_import
from relations.spreadsheets.files import clean_file_name
from relations.spreadsheets.registry import sheets


def option_names() -> dict[str, str]:
    """{form field: help} of every sheet's options, for the command's arguments."""
    names = {}
    for sheet in sheets().values():
        for name, field in sheet.options_form.base_fields.items():
            names.setdefault(name, str(field.help_text or field.label))
    return names


class Command(BaseCommand):
    help = "Import a CSV or XLSX file of one kind of records (see SPREADSHEET_SHEETS)."

    def add_arguments(self, parser):
        parser.add_argument(
            "sheet", metavar="KIND", choices=list(sheets()), help=", ".join(sheets())
        )
        parser.add_argument("file", type=Path)
        for name, help_text in option_names().items():
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name, help=help_text)
        parser.add_argument("--dry-run", action="store_true", help="check and report only")
        parser.add_argument(
            "--max-rows", type=int, help="refuse larger files (default IMPORT_COMMAND_MAX_ROWS)"
        )

    def handle(self, *args, **options):
        sheet = sheets()[options["sheet"]]
        path: Path = options["file"]
        shown = clean_file_name(path.name)
        if not path.is_file():
            raise CommandError(f"No such file: {clean_file_name(str(path))}")
        given = {name: options[name] for name in option_names() if options[name] is not None}
        form = sheet.options_form(data=given)
        if unknown := sorted(set(given) - set(form.fields)):
            flags = ", ".join(f"--{name.replace('_', '-')}" for name in unknown)
            raise CommandError(f"{sheet.kind} files take no {flags} option.")
        if not form.is_valid():
            raise CommandError(
                "; ".join(
                    f"--{name.replace('_', '-')}: {' '.join(errors)}"
                    for name, errors in form.errors.items()
                )
            )
        with path.open("rb") as file:
            result = sheet_import(
                sheet=sheet,
                file=file,
                file_name=path.name,
                options=form.as_options(),
                dry_run=options["dry_run"],
                limits=Limits.for_command(max_rows=options["max_rows"]),
                progress=lambda message: self.stderr.write(f"… {message}"),
            )
        for note in result.notes:
            self.stdout.write(note)
        for problem in result.problems:
            self.stderr.write(self.style.ERROR(str(problem)))
        if result.problems.hidden:
            self.stderr.write(
                self.style.ERROR(f"… and {result.problems.hidden:,} more problems not listed.")
            )
        if not result.ok:
            raise CommandError(f"Nothing was imported: {result.summary}.")
        if result.empty:
            self.stdout.write(self.style.WARNING(f"Nothing to import in {shown}."))
        elif result.dry_run:
            self.stdout.write(self.style.WARNING(f"Dry run, nothing written: {result.summary}."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported {shown}: {result.summary}. Recorded as spreadsheet import "
                    f"{result.batch.pk}."
                )
            )
