"""Revisions and the audit trail are read-only for everyone, superusers included."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User

from relations.models import AuditEntry, Revision
from relations.revisions import revision_publish

AUDIT_SCREENS = [
    pytest.param(Revision, "/admin/relations/revision/", id="revisions"),
    pytest.param(AuditEntry, "/admin/relations/auditentry/", id="audit-trail"),
]


@pytest.mark.parametrize("as_superuser", [True, False], ids=["superuser", "publisher"])
@pytest.mark.parametrize(("model", "url"), AUDIT_SCREENS)
def test_audit_records_cannot_be_added_changed_or_deleted_in_the_admin(
    client, canada_russia, publisher, model, url, as_superuser
):
    revision_publish(profile=canada_russia, by=publisher, change_note_en="x", change_note_fr="x")
    if as_superuser:
        client.force_login(User.objects.create_superuser("root", password="x"))
    else:
        client.force_login(publisher)
    record = model.objects.first()
    count = model.objects.count()
    assert record is not None
    listing = client.get(url)
    assert listing.status_code == 200
    assert "delete_selected" not in listing.content.decode()
    assert client.get(f"{url}add/").status_code == 403
    assert client.get(f"{url}{record.pk}/delete/").status_code == 403
    assert client.post(f"{url}{record.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"{url}{record.pk}/change/", {}).status_code == 403
    response = client.post(url, {"action": "delete_selected", "_selected_action": [record.pk]})
    assert response.status_code in (200, 302)
    assert model.objects.count() == count


def test_no_group_may_write_audit_records(db):
    for group in Group.objects.all():
        codenames = set(group.permissions.values_list("codename", flat=True))
        for action in ("add", "change", "delete"):
            assert f"{action}_revision" not in codenames, group
            assert f"{action}_auditentry" not in codenames, group


def test_the_migration_takes_away_writing_permissions_granted_by_hand(db, editor):
    migration = importlib.import_module("relations.migrations.0008_audit_records_are_read_only")
    writing = Permission.objects.filter(
        content_type__app_label="relations",
        codename__in=["delete_revision", "change_auditentry", "delete_auditentry"],
    )
    viewing = Permission.objects.get(codename="view_auditentry")
    editors = Group.objects.get(name="Editors")
    editors.permissions.add(*writing)
    editor.user_permissions.add(*writing)
    migration.take_away_writing(apps, None)
    assert not editors.permissions.filter(pk__in=writing).exists()
    assert not editor.user_permissions.filter(pk__in=writing).exists()
    assert editors.permissions.filter(pk=viewing.pk).exists()
