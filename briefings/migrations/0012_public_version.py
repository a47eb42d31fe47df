from django.db import migrations, models
from django.utils import timezone


def create_the_row(apps, schema_editor):
    # The one row every public page's cache key reads (briefings/cache.py); a flush removes
    # it, and the first request after creates it again.
    apps.get_model("briefings", "PublicVersion").objects.using(schema_editor.connection.alias).get_or_create(
        pk=1, defaults={"value": int(timezone.now().timestamp() * 1000), "changed_at": timezone.now()}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("briefings", "0011_forecast_questions_updates_and_resolution_log"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublicVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "value",
                    models.PositiveBigIntegerField(
                        default=0, help_text="Raised by one on every public change."
                    ),
                ),
                (
                    "changed_at",
                    models.DateTimeField(
                        help_text="When public material last changed (the pages' Last-Modified)."
                    ),
                ),
                (
                    "next_due_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="The next publication time still to come: reaching it changes the public pages too.",
                        null=True,
                    ),
                ),
            ],
            options={
                "verbose_name": "public version",
                "ordering": ["pk"],
            },
        ),
        migrations.RunPython(create_the_row, migrations.RunPython.noop),
    ]
