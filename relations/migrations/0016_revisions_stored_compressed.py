"""Revisions store their page snapshot and working-copy rows compressed (relations.fields),
and a `head` (title, label, "as of") that lists and feeds read instead of the document.

Reversible: going back decompresses every revision into the JSON columns it had before.
"""

from django.db import migrations, models

import relations.fields
from relations.fields import pack, unpack

HEAD_KEYS = ("title", "label", "as_of")


def pack_revisions(apps, schema_editor):
    Revision = apps.get_model("relations", "Revision")
    for pk in Revision.objects.values_list("pk", flat=True):
        # One revision at a time: each may hold megabytes.
        revision = Revision.objects.only("document", "working_copy").get(pk=pk)
        Revision.objects.filter(pk=pk).update(
            head={key: revision.document[key] for key in HEAD_KEYS},
            packed_document=pack(revision.document),
            packed_working_copy=pack(revision.working_copy),
        )


def unpack_revisions(apps, schema_editor):
    Revision = apps.get_model("relations", "Revision")
    for pk in Revision.objects.values_list("pk", flat=True):
        revision = Revision.objects.only("packed_document", "packed_working_copy").get(pk=pk)
        Revision.objects.filter(pk=pk).update(
            document=unpack(revision.packed_document),
            working_copy=unpack(revision.packed_working_copy),
        )


class Migration(migrations.Migration):
    dependencies = [("relations", "0015_un_member_states")]

    operations = [
        # Nullable first, so that going back can add them to existing rows, fill them and
        # only then require them.
        migrations.AlterField(
            model_name="revision",
            name="document",
            field=models.JSONField(null=True, verbose_name="page snapshot"),
        ),
        migrations.AlterField(
            model_name="revision",
            name="working_copy",
            field=models.JSONField(default=list, null=True, verbose_name="working copy rows"),
        ),
        migrations.AddField(
            model_name="revision",
            name="head",
            field=models.JSONField(
                default=dict,
                help_text="The document's title, label and “as of” date, for lists and feeds.",
                verbose_name="title, label and date",
            ),
        ),
        migrations.AddField(
            model_name="revision",
            name="packed_document",
            field=models.BinaryField(null=True),
        ),
        migrations.AddField(
            model_name="revision",
            name="packed_working_copy",
            field=models.BinaryField(null=True),
        ),
        migrations.RunPython(pack_revisions, unpack_revisions),
        migrations.RemoveField(model_name="revision", name="document"),
        migrations.RemoveField(model_name="revision", name="working_copy"),
        migrations.RenameField(
            model_name="revision", old_name="packed_document", new_name="document"
        ),
        migrations.RenameField(
            model_name="revision", old_name="packed_working_copy", new_name="working_copy"
        ),
        migrations.AlterField(
            model_name="revision",
            name="document",
            field=relations.fields.CompressedJSONField(verbose_name="page snapshot"),
        ),
        migrations.AlterField(
            model_name="revision",
            name="working_copy",
            field=relations.fields.CompressedJSONField(
                default=list, verbose_name="working copy rows"
            ),
        ),
    ]
