"""Publishing: freezing the working copy into dated revisions, and reading them back.

Services here are the only code that creates, withdraws or restores revisions; views and
admin screens call them. Every change is written to the audit trail in the same transaction.
"""

import json
from datetime import datetime
from functools import cache

from django.core import serializers
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.db.models import Max, OuterRef, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from relations.handoff import hand_offs_settle
from relations.models import AuditEntry, Country, HandOff, Profile, Revision
from relations.page_cache import forget_pointers
from relations.snapshot import document_head, profile_snapshot

PUBLISH_PERMISSION = "relations.publish_revision"
HISTORY_MODELS = {Revision, AuditEntry, HandOff}


class PublishingRefused(Exception):
    """Publishing or restoring cannot go ahead; `problems` says why, one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


# Reading ---------------------------------------------------------------------------------


def live_revision(profile: Profile, now: datetime | None = None) -> Revision | None:
    """The live revision, light: its `document` is read only if the caller renders it."""
    now = now or timezone.now()
    return Revision.objects.for_profile(profile).gone_live(now).newest_first().light().first()


def readable_revision(*, slug: str, number: int, now: datetime | None = None) -> Revision:
    """A revision a reader may ask for by permalink: gone live (withdrawn ones included, so
    the caller can answer 410 Gone). Scheduled or cancelled revisions do not exist for them."""
    now = now or timezone.now()
    revision = (
        Revision.objects.select_related("profile")
        .without_rows()
        .filter(profile__slug=slug, number=number, go_live_at__lte=now)
        .first()
    )
    if revision is None or revision.status(now) == "cancelled":
        raise Http404("No such published revision")
    return revision


def revision_labelled(*, slug: str, month: str, now: datetime | None = None) -> Revision | None:
    """The newest published revision whose label month is `month` ("2012-08")."""
    now = now or timezone.now()
    return (
        Revision.objects.filter(profile__slug=slug, head__as_of__startswith=month)
        .gone_live(now)
        .newest_first()
        .light()
        .first()
    )


def date_modified(revision: Revision) -> datetime:
    """What readers see as "Date modified"; fixed when the revision was published."""
    return revision.modified_at


def _modified_at(profile: Profile, go_live_at: datetime, is_major: bool) -> datetime:
    """Minor corrections do not move "Date modified" (Canada.ca's rule for typo fixes)."""
    if is_major:
        return go_live_at
    previous_major = (
        Revision.objects.for_profile(profile)
        .not_withdrawn()
        .major()
        .filter(go_live_at__lte=go_live_at)
        .newest_first()
        .values_list("go_live_at", flat=True)
        .first()
    )
    return previous_major or go_live_at


def published_profiles(now: datetime | None = None) -> list[dict]:
    """Profiles with a live revision: [{"slug", "slug_fr", "title", "label"}], texts in both
    languages.

    Two queries whatever the number of profiles: the live revision of each, then the
    title and label of those revisions (their `head`, never their documents).
    """
    now = now or timezone.now()
    live = Revision.objects.filter(profile=OuterRef("pk")).gone_live(now).newest_first()
    profiles = list(
        Profile.objects.annotate(live_id=Subquery(live.values("pk")[:1]))
        .filter(live_id__isnull=False)
        .values("slug", "slug_fr", "live_id")
    )
    heads = {
        row["pk"]: row["head"]
        for row in Revision.objects.filter(pk__in=[p["live_id"] for p in profiles]).values(
            "pk", "head"
        )
    }
    return [
        {
            "slug": p["slug"],
            "slug_fr": p["slug_fr"],
            "title": heads[p["live_id"]]["title"],
            "label": heads[p["live_id"]]["label"],
        }
        for p in profiles
    ]


def published_updates(profile: Profile, now: datetime | None = None):
    """The major revisions a reader may see, newest first, for "See all updates"."""
    now = now or timezone.now()
    return Revision.objects.for_profile(profile).gone_live(now).major().newest_first().light()


# The working copy's rows -----------------------------------------------------------------


def owned_rows(instance: models.Model) -> list[models.Model]:
    """Every row that belongs to `instance` (reached through cascading foreign keys), parents
    before their children, with the rows they point to already loaded: one query per kind of
    row, whatever the number of rows (a profile's thousands of figures included)."""
    return _owned_by(type(instance), [instance])


def _owned_by(model, parents: list[models.Model]) -> list[models.Model]:
    by_pk = {parent.pk: parent for parent in parents}
    rows = []
    for relation in model._meta.related_objects:
        child = relation.related_model
        if relation.many_to_many or child in HISTORY_MODELS:
            continue
        if relation.on_delete is not models.CASCADE:
            continue
        parent_field = relation.field
        children = list(child._base_manager.filter(**{f"{parent_field.name}__in": list(by_pk)}))
        for row in children:
            # Natural keys name the parent ("profile__slug"): give each row its parent object.
            parent_field.set_cached_value(row, by_pk[getattr(row, parent_field.attname)])
        for field in child._meta.concrete_fields:
            if field.is_relation and field is not parent_field:
                _attach(field, children)
        if children:
            rows += children
            rows += _owned_by(child, children)
    return rows


def _attach(field, rows: list[models.Model]) -> None:
    """Give `rows` the objects `field` points to, each read once: thousands of figures name
    the same hundred chapters."""
    targets = field.related_model._base_manager.in_bulk(
        {getattr(row, field.attname) for row in rows} - {None}
    )
    for row in rows:
        if (target := getattr(row, field.attname)) is not None:
            field.set_cached_value(row, targets[target])


def working_copy_rows(profile: Profile, owned: list | None = None) -> list[dict]:
    """The profile and all its rows (`owned`, when already read), serialized by natural
    keys, JSON-safe."""
    rows = [profile, *(owned_rows(profile) if owned is None else owned)]
    data = serializers.serialize(
        "python", rows, use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def translation_problems(profile: Profile, owned: list | None = None) -> list[str]:
    """Every public text of the profile that lacks its English or French version.

    `owned`: the profile's rows (`owned_rows`), when the caller has read them already."""
    problems = []
    owned = owned_rows(profile) if owned is None else owned
    rows = [Country.objects.home(), profile.partner, profile, *owned]
    seen = set()
    for row in rows:
        for related in _shared_rows(row):
            if related.pk is not None and (type(related), related.pk) not in seen:
                seen.add((type(related), related.pk))
                rows.append(related)
    for row in rows:
        for english, french in _bilingual_fields(type(row)):
            en_value = (getattr(row, english.attname) or "").strip()
            fr_value = (getattr(row, french.attname) or "").strip()
            required = not english.blank or not french.blank
            required = required or english.name[:-3] in getattr(row, "REQUIRED_TO_PUBLISH", ())
            if bool(en_value) == bool(fr_value) and (en_value or not required):
                continue
            missing = english if not en_value else french
            problems.append(
                _("%(model)s “%(row)s”: %(field)s is missing.")
                % {
                    "model": type(row)._meta.verbose_name.capitalize(),
                    "row": row,
                    "field": missing.verbose_name,
                }
            )
    return problems


def _shared_rows(row):
    """Reference rows a profile row points to (HS chapters, sectors) that the page names."""
    for field in row._meta.concrete_fields:
        if field.is_relation and field.related_model not in (Profile, type(row)):
            target = getattr(row, field.name)
            if target is not None and _bilingual_fields(type(target)):
                yield target


@cache
def _bilingual_fields(model):
    fields = {f.name: f for f in model._meta.concrete_fields}
    return [
        (field, fields[f"{name[:-3]}_fr"])
        for name, field in fields.items()
        if name.endswith("_en") and f"{name[:-3]}_fr" in fields
    ]


# Writing ---------------------------------------------------------------------------------


def _require_publisher(user) -> None:
    if not user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied(_("Only publishers may publish, withdraw or restore revisions."))


def _locked(profile: Profile) -> Profile:
    """Lock the profile row so concurrent publishers take turns (PostgreSQL)."""
    return Profile.objects.select_for_update().select_related("partner").get(pk=profile.pk)


def revision_publish(
    *,
    profile: Profile,
    by,
    go_live_at: datetime | None = None,
    is_major: bool = True,
    change_note_en: str = "",
    change_note_fr: str = "",
    expected_latest: int | None = None,
    now: datetime | None = None,
) -> Revision:
    """Freeze the working copy as the profile's next revision, live now or at `go_live_at`.

    `expected_latest` is the newest revision number the publisher saw; if another revision
    was published since, this one is refused, so a double submit yields one revision.
    """
    _require_publisher(by)
    now = now or timezone.now()
    go_live_at = go_live_at or now
    try:
        with transaction.atomic():
            profile = _locked(profile)
            # Read once, under the lock: what is checked is what the revision freezes.
            owned = owned_rows(profile)
            problems = translation_problems(profile, owned)
            # Imported here: the checklist reads translation_problems from this module.
            from relations.readiness import publishing_blockers

            problems += publishing_blockers(profile)
            if is_major and not (change_note_en.strip() and change_note_fr.strip()):
                problems.append(_("A major update needs a change note in English and in French."))
            if go_live_at < now - timezone.timedelta(minutes=1):
                problems.append(
                    _("The go-live time is in the past; leave it empty to publish now.")
                )
            if problems:
                raise PublishingRefused(problems)
            latest = Revision.objects.for_profile(profile).aggregate(n=Max("number"))["n"] or 0
            if expected_latest is not None and latest != expected_latest:
                raise PublishingRefused(
                    [
                        _(
                            "Revision %(number)s was published while you were on this page; "
                            "review it before publishing again."
                        )
                        % {"number": latest}
                    ]
                )
            document = profile_snapshot(profile)
            revision = Revision.objects.create(
                profile=profile,
                number=latest + 1,
                document=document,
                head=document_head(document),
                working_copy=working_copy_rows(profile, owned),
                go_live_at=go_live_at,
                modified_at=_modified_at(profile, go_live_at, is_major),
                is_major=is_major,
                change_note_en=change_note_en.strip(),
                change_note_fr=change_note_fr.strip(),
                published_by=by,
            )
            transaction.on_commit(lambda: forget_pointers(profile.slug))
            action = AuditEntry.Action.SCHEDULE if go_live_at > now else AuditEntry.Action.PUBLISH
            AuditEntry.objects.create(
                profile=profile,
                revision=revision,
                action=action,
                actor=by,
            )
            hand_offs_settle(profile=profile, revision=revision, by=by, now=now)
    except IntegrityError as error:
        # Only reachable where the row lock is not enforced (SQLite): the unique number wins.
        raise PublishingRefused(
            [_("Another revision was published at the same moment; try again.")]
        ) from error
    return revision


def revision_withdraw(*, revision: Revision, by, reason: str, now: datetime | None = None):
    """Take a revision off the public site (or cancel it, if it has not gone live yet)."""
    _require_publisher(by)
    now = now or timezone.now()
    if not reason.strip():
        raise PublishingRefused([_("Give the reason for withdrawing this revision.")])
    with transaction.atomic():
        revision = (
            Revision.objects.select_for_update()
            .select_related("profile")
            .light()
            .get(pk=revision.pk)
        )
        if revision.withdrawn_at:
            raise PublishingRefused([_("This revision was already withdrawn.")])
        scheduled = revision.go_live_at > now
        slug, number = revision.profile.slug, revision.number
        transaction.on_commit(lambda: forget_pointers(slug, [number]))
        Revision.objects.filter(pk=revision.pk).update(
            withdrawn_at=now, withdrawn_by=by, withdrawal_reason=reason.strip()
        )
        AuditEntry.objects.create(
            profile_id=revision.profile_id,
            revision=revision,
            action=AuditEntry.Action.CANCEL if scheduled else AuditEntry.Action.WITHDRAW,
            actor=by,
            detail=reason.strip(),
        )
    revision.refresh_from_db()
    return revision


def revision_restore(*, revision: Revision, by) -> Profile:
    """Replace the working copy with the rows the revision was built from.

    History is untouched: the restored working copy becomes public only when published.
    """
    _require_publisher(by)
    with transaction.atomic():
        profile = _locked(revision.profile)
        for relation in profile._meta.related_objects:
            model = relation.related_model
            if model in HISTORY_MODELS or relation.on_delete is not models.CASCADE:
                continue
            model._base_manager.filter(**{relation.field.name: profile}).delete()
        try:
            for restored in serializers.deserialize(
                "python", revision.working_copy, handle_forward_references=True
            ):
                restored.save()
        except serializers.base.DeserializationError as error:
            raise PublishingRefused(
                [
                    _("This revision refers to data that no longer exists: %(error)s")
                    % {"error": error}
                ]
            ) from error
        AuditEntry.objects.create(
            profile=profile, revision=revision, action=AuditEntry.Action.RESTORE, actor=by
        )
    return profile
