"""Uploads waiting for their confirmation, in shared storage, forgotten after a day.

django-import-export's `MediaStorage` keeps them in the default storage (local media or
S3-compatible), so any app server can confirm what another one previewed. An upload nobody
confirms would stay forever: `expire` deletes those older than IMPORT_UPLOAD_MAX_AGE (the
life of a confirmation), on every upload and from `manage.py expire_import_uploads`.
"""

import datetime
import os
from uuid import uuid4

from django.conf import settings
from django.core.files import File
from django.utils import timezone
from import_export.tmp_storages import MediaStorage


class PendingUploads(MediaStorage):
    """One upload waiting for confirmation (IMPORT_EXPORT_TMP_STORAGE_CLASS)."""

    def save_file(self, file) -> None:
        """Store an uploaded file as it streams in (the library's `save` takes bytes)."""
        file.seek(0)
        self.name = self.name or uuid4().hex
        self.name = self._storage.save(self.get_full_path(), File(file)).rsplit("/", 1)[-1]

    def open(self):
        return self._storage.open(self.get_full_path(), "rb")

    def expire(self, *, older_than: datetime.timedelta | None = None) -> int:
        """Delete the uploads older than the life of a confirmation; how many were deleted."""
        older_than = older_than or datetime.timedelta(seconds=settings.IMPORT_UPLOAD_MAX_AGE)
        cutoff = timezone.now() - older_than
        try:
            _folders, names = self._storage.listdir(self.MEDIA_FOLDER)
        except (FileNotFoundError, NotADirectoryError):
            return 0
        deleted = 0
        for name in names:
            path = os.path.join(self.MEDIA_FOLDER, name)
            try:
                if self._storage.get_modified_time(path) < cutoff:
                    self._storage.delete(path)
                    deleted += 1
            except FileNotFoundError:
                continue  # another app server deleted it first
        return deleted
