"""Load every ISO 3166-1 country from pycountry, and the regions analysts start with."""

from django.db import migrations

from briefings.reference_data import STARTER_REGIONS, load_iso_countries


def load_countries(apps, schema_editor):
    load_iso_countries(apps.get_model("briefings", "Country"), apps.get_model("briefings", "Region"))


def unload_countries(apps, schema_editor):
    """Remove the countries no row refers to: rows that still do (an event's country, which
    is protected) keep theirs until 0001's reverse drops the table with them."""
    apps.get_model("briefings", "Region").objects.filter(name__in=STARTER_REGIONS).delete()
    Country = apps.get_model("briefings", "Country")
    unused = Country.objects.all()
    for relation in Country._meta.related_objects:
        if not relation.many_to_many:
            unused = unused.exclude(pk__in=relation.related_model.objects.values(relation.field.name))
    unused.delete()


class Migration(migrations.Migration):
    dependencies = [("briefings", "0001_initial")]

    operations = [migrations.RunPython(load_countries, unload_countries)]
