"""Import and export cultural highlights by spreadsheet, with the shared machinery of
`relations.importing` (same readers, checks, results, one transaction, one batch).

Image files are not imported: an image is uploaded in the admin, where it is checked and
described. The alt-text columns are imported, and a highlight that has an image still needs
both of them (the model's `clean()`).
"""

from django.utils.translation import gettext_lazy as _

from culture.models import Highlight
from relations.importing import RecordSheet, records_export, records_import

HIGHLIGHTS = RecordSheet(
    model=Highlight,
    columns=(
        "kind",
        "name_en",
        "name_fr",
        "description_en",
        "description_fr",
        "year",
        "image_alt_en",
        "image_alt_fr",
        "position",
    ),
    title=_("Cultural highlights"),
    noun=_("highlight"),
    ordering=("profile__slug", "position", "kind", "name_en"),
    refused={
        "image": _(
            "Images are not imported; upload them on the highlight's page in the admin. "
            "Remove this column (image_alt_en and image_alt_fr are imported)."
        )
    },
)


def highlights_import(
    *, data: bytes, file_name: str, dry_run: bool, by=None, page_changes=False, progress=None
):
    """Import cultural highlights, addressed by (profile, kind, English name)."""
    return records_import(
        spec=HIGHLIGHTS,
        data=data,
        file_name=file_name,
        dry_run=dry_run,
        by=by,
        page_changes=page_changes,
        progress=progress,
    )


def highlights_export(*, queryset, file_format: str) -> bytes:
    return records_export(spec=HIGHLIGHTS, queryset=queryset, file_format=file_format)
