from django.db import migrations, models


def fill_modified_at(apps, schema_editor):
    """Existing revisions: a major one was modified when it went live; a minor one inherits
    the go-live time of the major update before it."""
    Revision = apps.get_model("relations", "Revision")
    for revision in Revision.objects.order_by("profile_id", "go_live_at", "number"):
        if revision.is_major:
            revision.modified_at = revision.go_live_at
        else:
            previous = (
                Revision.objects.filter(
                    profile_id=revision.profile_id,
                    is_major=True,
                    go_live_at__lte=revision.go_live_at,
                    withdrawn_at__isnull=True,
                )
                .order_by("-go_live_at")
                .first()
            )
            revision.modified_at = previous.go_live_at if previous else revision.go_live_at
        revision.save(update_fields=["modified_at"])


class Migration(migrations.Migration):
    dependencies = [("relations", "0004_publishers_may_publish")]

    operations = [
        migrations.AddField(
            model_name="revision",
            name="modified_at",
            field=models.DateTimeField(null=True, verbose_name="date modified"),
        ),
        migrations.RunPython(fill_modified_at, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="revision",
            name="modified_at",
            field=models.DateTimeField(
                help_text=(
                    "What readers see as “Date modified”: the go-live time of this revision if "
                    "it is a major update, else of the major update before it. Fixed at "
                    "publishing."
                ),
                verbose_name="date modified",
            ),
        ),
    ]
