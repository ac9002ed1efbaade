"""The editor and publisher groups, set up by data migrations of each app.

Editors maintain the working copy; publishers may also publish revisions. Each app grants
its own models' permissions, so relations never needs to know about trade or culture.
"""

from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
PUBLISHERS = "Publishers"
EDITING_ACTIONS = ("add", "change", "delete", "view")


def grant_app_permissions(apps, schema_editor, app_label: str, extra_codenames=()) -> None:
    """Give both groups every editing permission of the app's models (used in migrations)."""
    _create_permissions(apps, app_label)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    model_names = [model._meta.model_name for model in apps.get_app_config(app_label).get_models()]
    codenames = [f"{action}_{name}" for name in model_names for action in EDITING_ACTIONS]
    permissions = list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
    for name in (EDITORS, PUBLISHERS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def grant_codenames(apps, schema_editor, app_label: str, codenames, *, revoke=()) -> None:
    """Give both groups these permissions of the app (e.g. import and export), and take the
    `revoke` ones away (e.g. editing an import record, which only imports write)."""
    _create_permissions(apps, app_label)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    granted = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    taken = Permission.objects.filter(content_type__app_label=app_label, codename__in=revoke)
    for name in (EDITORS, PUBLISHERS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*granted)
        group.permissions.remove(*taken)


def revoke_codenames(apps, schema_editor, app_label: str, codenames) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )
    for group in Group.objects.filter(name__in=[EDITORS, PUBLISHERS]):
        group.permissions.remove(*permissions)


def _create_permissions(apps, app_label: str) -> None:
    """Permissions are normally created after migrate finishes; create them now to grant them."""
    app_config = apps.get_app_config(app_label)
    if getattr(app_config, "models_module", None) is None:
        # A migration's historical app config is a stub that create_permissions would skip.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    else:
        create_permissions(app_config, apps=apps, verbosity=0)


def _publish_permission(apps):
    _create_permissions(apps, "relations")
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label="relations", codename="publish_revision")


def grant_publishing(apps, schema_editor) -> None:
    """Publishers, and only they, may publish; both groups may read revisions and the audit."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    publishers = Group.objects.get(name=PUBLISHERS)
    publishers.permissions.add(_publish_permission(apps))
    reading = Permission.objects.filter(
        content_type__app_label="relations",
        codename__in=["view_revision", "view_auditentry"],
    )
    for group in Group.objects.filter(name__in=[EDITORS, PUBLISHERS]):
        group.permissions.add(*reading)
    # Editing permissions on revisions would let editors rewrite history.
    editing = Permission.objects.filter(
        content_type__app_label="relations",
        codename__in=[
            f"{action}_{model}"
            for action in ("add", "change", "delete")
            for model in ("revision", "auditentry")
        ],
    )
    for group in Group.objects.filter(name__in=[EDITORS, PUBLISHERS]):
        group.permissions.remove(*editing)


# Models written only by services, never edited by hand (their views stay readable).
IMPORT_RECORDS = ("importbatch", "importchange")


def lock_import_records(apps, schema_editor) -> None:
    """Import batches are audit records: no group or user may add, change or delete one."""
    Permission = apps.get_model("auth", "Permission")
    actions = ("add", "change", "delete")
    editing = Permission.objects.filter(
        content_type__app_label="relations",
        codename__in=[f"{action}_{model}" for action in actions for model in IMPORT_RECORDS],
    )
    Permission.group_set.through.objects.filter(permission__in=editing).delete()
    Permission.user_set.through.objects.filter(permission__in=editing).delete()


def revoke_publishing(apps, schema_editor) -> None:
    Group = apps.get_model("auth", "Group")
    Group.objects.get(name=PUBLISHERS).permissions.remove(_publish_permission(apps))


def ensure_groups() -> None:
    """Set the groups up as the migrations do, for a database emptied since (tests flush)."""
    from django.apps import apps
    from django.contrib.auth.models import Permission

    for app_label in ("relations", "trade", "culture"):
        grant_app_permissions(apps, None, app_label)
        # The import and export permissions each app's migrations grant (IMPORT_EXPORT_*).
        codenames = Permission.objects.filter(
            content_type__app_label=app_label, codename__regex=r"^(import|export)_"
        ).values_list("codename", flat=True)
        grant_codenames(apps, None, app_label, list(codenames))
    grant_publishing(apps, None)
    lock_import_records(apps, None)
