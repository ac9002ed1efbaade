"""Delete uploaded spreadsheets whose preview was never confirmed.

A previewed upload waits in storage until it is confirmed; one never confirmed would stay for
good. Every upload sweeps those older than IMPORT_UPLOAD_MAX_AGE (a day by default, the life
of a confirmation); this command does the same from cron or by hand, e.g. after a quiet week.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Delete uploaded spreadsheets waiting for a confirmation that can no longer come."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=float,
            help="delete those older than this (default: IMPORT_UPLOAD_MAX_AGE)",
        )

    def handle(self, *args, **options):
        storage = import_string(settings.IMPORT_EXPORT_TMP_STORAGE_CLASS)()
        hours = options["hours"]
        older_than = datetime.timedelta(hours=hours) if hours is not None else None
        deleted = storage.expire(older_than=older_than)
        self.stdout.write(f"Deleted {deleted} unconfirmed upload(s).")
