"""Load every ISO 3166-1 country from pycountry, and the regions analysts start with."""

from django.db import migrations
from django.utils.text import slugify

# Regions analysts use from day one; they can add more in the admin.
STARTER_REGIONS = {
    "Sahel": ["BF", "TD", "ML", "MR", "NE", "SN", "NG", "SD", "ER", "CM", "GM"],
    "West Africa": [
        "BJ", "BF", "CV", "CI", "GM", "GH", "GN", "GW", "LR", "ML", "MR", "NE", "NG", "SN",
        "SL", "TG",
    ],
}  # fmt: skip


# ISO's short names that read oddly in a briefing ("Congo, The Democratic Republic of the").
READER_NAMES = {
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "FM": "Micronesia",
    "PS": "Palestine",
    "RU": "Russia",
    "VA": "Holy See",
    "VG": "British Virgin Islands",
    "VI": "United States Virgin Islands",
}


def load_countries(apps, schema_editor):
    import pycountry

    Country = apps.get_model("briefings", "Country")
    Region = apps.get_model("briefings", "Region")
    used_slugs = set(Country.objects.values_list("slug", flat=True))
    for entry in pycountry.countries:
        name = READER_NAMES.get(entry.alpha_2) or getattr(entry, "common_name", None) or entry.name
        official = getattr(entry, "official_name", "") or entry.name
        if Country.objects.filter(iso2=entry.alpha_2).exists():
            continue
        slug = slugify(name) or entry.alpha_2.lower()
        if slug in used_slugs:
            slug = f"{slug}-{entry.alpha_2.lower()}"
        used_slugs.add(slug)
        Country.objects.create(
            iso2=entry.alpha_2, iso3=entry.alpha_3, name=name, official_name=official, slug=slug
        )
    for region_name, codes in STARTER_REGIONS.items():
        region, _ = Region.objects.get_or_create(name=region_name, defaults={"slug": slugify(region_name)})
        region.countries.add(*Country.objects.filter(iso2__in=codes))


def unload_countries(apps, schema_editor):
    apps.get_model("briefings", "Region").objects.filter(name__in=STARTER_REGIONS).delete()
    apps.get_model("briefings", "Country").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("briefings", "0001_initial")]

    operations = [migrations.RunPython(load_countries, unload_countries)]
