"""Import a large trade sheet from the command line, with the admin's checks and messages.

For files too large to upload comfortably. The whole file is one transaction: on any
problem nothing is written and the command exits with status 1. `--dry-run` reports what
would change without writing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from relations.models import Profile
from trade.importing.layouts import LAYOUTS
from trade.importing.services import DEFAULT_SOURCE_EN, DEFAULT_SOURCE_FR, trade_figures_import
from trade.models import Flow, TradeKind


class Command(BaseCommand):
    help = "Import trade figures from a CSV or XLSX file (long, wide or CIMT layout)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--profile", help="slug of the profile (wide and CIMT sheets)")
        parser.add_argument("--layout", choices=LAYOUTS, help="default: from the header")
        parser.add_argument("--flow", choices=Flow.values, help="wide and CIMT sheets")
        parser.add_argument("--kind", choices=TradeKind.values, default=TradeKind.MERCHANDISE)
        parser.add_argument("--source-en", default=DEFAULT_SOURCE_EN)
        parser.add_argument("--source-fr", default=DEFAULT_SOURCE_FR)
        parser.add_argument("--dry-run", action="store_true", help="check and report only")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        profile = None
        if options["profile"]:
            profile = Profile.objects.with_partner().filter(slug=options["profile"]).first()
            if profile is None:
                raise CommandError(f"There is no profile “{options['profile']}”.")
        result = trade_figures_import(
            data=path.read_bytes(),
            file_name=path.name,
            dry_run=options["dry_run"],
            profile=profile,
            layout=options["layout"],
            flow=options["flow"],
            kind=options["kind"],
            source_en=options["source_en"],
            source_fr=options["source_fr"],
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
