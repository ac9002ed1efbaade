"""Hand-off from editor to publisher: "Ready for publishing" with a note, the publishers'
queue, their email, and publishing settling the request.

An editor cannot publish; this is how they say a profile is ready. Every request stays as a
row (who, when, note, which revision answered it, published by whom): the hand-off's audit.
"""

from collections import defaultdict
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import AdminPreference
from relations.models import HandOff, Profile, Revision

REQUEST_PERMISSION = "relations.change_profile"


def profile_name(profile: Profile, language: str) -> str:
    partner = profile.partner
    return partner.name_fr if language == "fr" and partner.name_fr else partner.name_en


def hand_off_request(*, profile: Profile, by, note: str, publish_url: str) -> HandOff:
    """Mark the profile "Ready for publishing" and tell every publisher by email (after the
    transaction commits, so a refused request sends nothing)."""
    if not by.has_perm(REQUEST_PERMISSION):
        raise PermissionDenied(_("Only editors and publishers may ask for publishing."))
    hand_off = HandOff(profile=profile, note=note.strip(), requested_by=by)
    hand_off.full_clean(exclude=["requested_by", "settled_by", "revision"])
    with transaction.atomic():
        hand_off.save()
        transaction.on_commit(lambda: publishers_notify(hand_off=hand_off, url=publish_url))
    return hand_off


def hand_offs_settle(*, profile: Profile, revision: Revision, by, now: datetime) -> int:
    """Publishing answers every waiting request of the profile (called by revision_publish,
    inside its transaction)."""
    return (
        HandOff.objects.waiting()
        .filter(profile=profile)
        .update(settled_at=now, settled_by=by, revision=revision)
    )


def hand_off_waiting(profile: Profile) -> HandOff | None:
    """The newest request of this profile that no revision answered yet."""
    return (
        HandOff.objects.waiting()
        .filter(profile=profile)
        .select_related("requested_by")
        .order_by("-requested_at", "-pk")
        .first()
    )


def hand_off_queue() -> list[HandOff]:
    """Profiles waiting for a publisher, oldest request first; one entry per profile (its
    newest note). Two queries whatever the queue's length."""
    newest = {}
    for hand_off in (
        HandOff.objects.waiting()
        .select_related("profile__partner", "requested_by")
        .order_by("requested_at", "pk")
    ):
        newest[hand_off.profile_id] = hand_off
    return sorted(newest.values(), key=lambda hand_off: (hand_off.requested_at, hand_off.pk))


def publishers():
    """Active people who may publish and have an email address."""
    # Imported here: revisions settles hand-offs, so it imports this module first.
    from relations.revisions import PUBLISH_PERMISSION

    return (
        get_user_model()
        .objects.with_perm(
            PUBLISH_PERMISSION,
            is_active=True,
            include_superusers=True,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .exclude(email="")
        .order_by("pk")
    )


def publishers_notify(*, hand_off: HandOff, url: str) -> int:
    """One email per admin language, to the publishers who chose it (English by default)."""
    recipients = list(publishers())
    languages = dict(
        AdminPreference.objects.filter(user__in=recipients).values_list("user_id", "language")
    )
    by_language = defaultdict(list)
    for user in recipients:
        by_language[languages.get(user.pk, "en")].append(user.email)
    sent = 0
    for language, addresses in sorted(by_language.items()):
        with translation.override(language):
            context = {
                "profile": profile_name(hand_off.profile, language),
                "by": hand_off.requested_by,
                "note": hand_off.note,
                "url": url,
                "requested_at": timezone.localtime(hand_off.requested_at),
            }
            subject = _("Ready for publishing: %(profile)s") % {"profile": context["profile"]}
            body = render_to_string("admin/relations/handoff/email.txt", context)
        sent += send_mail(subject, body, None, addresses)
    return sent
