"""Import meetings, diplomatic missions or cultural highlights from the command line, with the
admin's checks and messages.

For files too large to upload comfortably, or imports run from a script. The whole file is one
transaction: on any problem nothing is written and the command exits with status 1.
`--dry-run` reports what would change without writing. A real import is recorded as a
spreadsheet import (no user), which can be undone in the admin like any other.

The service of each kind of file is named in the RECORD_IMPORT_SERVICES setting, so this
command lives in the base app without importing culture.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Import meetings, diplomatic missions or cultural highlights from a CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("records", choices=list(settings.RECORD_IMPORT_SERVICES))
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check and report only")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        records_import = import_string(settings.RECORD_IMPORT_SERVICES[options["records"]])
        result = records_import(
            data=path.read_bytes(),
            file_name=path.name,
            dry_run=options["dry_run"],
            progress=lambda message: self.stderr.write(f"… {message}"),
        )
        for note in result.notes:
            self.stdout.write(note)
        for problem in result.problems:
            self.stderr.write(self.style.ERROR(str(problem)))
        if not result.ok:
            raise CommandError(f"Nothing was imported: {result.summary}.")
        if result.dry_run:
            self.stdout.write(self.style.WARNING(f"Dry run, nothing written: {result.summary}."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {path.name}: {result.summary}."))
