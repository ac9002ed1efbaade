"""The spreadsheet of cultural highlights: texts and alt texts, never image files.

An image is uploaded in the admin, where it is checked and described; a highlight that has
one still needs both alt texts (the model's `clean()`), so a file that blanks them is refused.
"""

from django.utils.translation import gettext_lazy as _

from culture.models import Highlight
from relations.spreadsheets.records import RecordSheet

HIGHLIGHTS = RecordSheet(
    kind="highlights",
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
