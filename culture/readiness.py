"""The culture section's checklist (see relations.readiness), read from its builder."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from culture.models import Highlight
from relations.readiness import OK, WARNING, Part, built, missing_section
from relations.snapshot import SnapshotContext


def check_culture(kind: str, sections, context: SnapshotContext) -> Part:
    count = Highlight.objects.for_profile(context.profile).count()
    part = Part(kind, sections, rows=[(Highlight, count)])
    missing_section(
        part,
        _("culture"),
        ngettext("the %(count)d highlight", "the %(count)d highlights", count) % {"count": count},
    )
    facts = built(part, context)
    if facts is None:
        return part
    groups = facts["groups"]
    if not groups:
        part.add(WARNING, _("No cultural highlights: the section shows only its prose."))
    for group in groups:
        part.add(
            OK,
            ngettext(
                "Names %(count)d highlight: %(kind)s.",
                "Names %(count)d highlights: %(kind)s.",
                group["count"],
            )
            % {"count": group["count"], "kind": Highlight.Kind(group["kind"]).label},
        )
    return part
