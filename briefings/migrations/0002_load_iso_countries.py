"""Load every ISO 3166-1 country from pycountry, and the regions analysts start with."""

from django.db import migrations

from briefings.reference_data import STARTER_REGIONS, load_iso_countries


def load_countries(apps, schema_editor):
    load_iso_countries(apps.get_model("briefings", "Country"), apps.get_model("briefings", "Region"))


def unload_countries(apps, schema_editor):
    apps.get_model("briefings", "Region").objects.filter(name__in=STARTER_REGIONS).delete()
    apps.get_model("briefings", "Country").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("briefings", "0001_initial")]

    operations = [migrations.RunPython(load_countries, unload_countries)]
