from django.db import migrations, models


def french_address_from_english(apps, schema_editor):
    """Existing profiles keep answering under /fr/ at the address they had until an editor
    gives them a French one."""
    Profile = apps.get_model("relations", "Profile")
    for profile in Profile.objects.all():
        profile.slug_fr = profile.slug
        profile.save(update_fields=["slug_fr"])


class Migration(migrations.Migration):
    dependencies = [("relations", "0008_audit_records_are_read_only")]

    operations = [
        migrations.AlterField(
            model_name="profile",
            name="slug",
            field=models.SlugField(
                help_text="The English page's address, e.g. russia for /en/relations/russia/.",
                unique=True,
                verbose_name="address (English)",
            ),
        ),
        migrations.AddField(
            model_name="profile",
            name="slug_fr",
            # No index yet: the unique constraint below brings it (two would clash on
            # PostgreSQL, which names both "..._like").
            field=models.SlugField(db_index=False, null=True, verbose_name="address (French)"),
        ),
        migrations.RunPython(french_address_from_english, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="profile",
            name="slug_fr",
            field=models.SlugField(
                help_text=(
                    "The French page's address, e.g. russie for /fr/relations/russie/. The "
                    "English address under /fr/ redirects to it."
                ),
                unique=True,
                verbose_name="address (French)",
            ),
        ),
        migrations.AddField(
            model_name="profile",
            name="summary_en",
            field=models.CharField(
                blank=True,
                help_text=(
                    "One or two sentences describing the page, shown by search engines and "
                    "when the page is shared (about 150 characters). Required to publish."
                ),
                max_length=300,
                verbose_name="summary (English)",
            ),
        ),
        migrations.AddField(
            model_name="profile",
            name="summary_fr",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="summary (French)"
            ),
        ),
    ]
