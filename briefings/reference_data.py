"""Reference data every desk starts with: the ISO 3166-1 countries, the regions analysts
use, and the role groups. Loaded by data migrations, and restored after a database flush
(tests that flush tables, `manage.py flush`) through the post_migrate signal."""

import importlib

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


def load_iso_countries(Country, Region) -> int:
    """Create the ISO countries and starter regions that are missing; returns how many
    countries were created. Takes the model classes so a migration can pass its own."""
    import pycountry

    existing = set(Country.objects.values_list("iso2", flat=True))
    used_slugs = set(Country.objects.values_list("slug", flat=True))
    new = []
    for entry in pycountry.countries:
        if entry.alpha_2 in existing:
            continue
        name = READER_NAMES.get(entry.alpha_2) or getattr(entry, "common_name", None) or entry.name
        official = getattr(entry, "official_name", "") or entry.name
        slug = slugify(name) or entry.alpha_2.lower()
        if slug in used_slugs:
            slug = f"{slug}-{entry.alpha_2.lower()}"
        used_slugs.add(slug)
        new.append(
            Country(iso2=entry.alpha_2, iso3=entry.alpha_3, name=name, official_name=official, slug=slug)
        )
    Country.objects.bulk_create(new)
    if new or not Region.objects.filter(name__in=STARTER_REGIONS).exists():
        for region_name, codes in STARTER_REGIONS.items():
            region, created = Region.objects.get_or_create(
                name=region_name, defaults={"slug": slugify(region_name)}
            )
            if created:
                region.countries.add(*Country.objects.filter(iso2__in=codes))
    return len(new)


def restore_role_groups(using: str) -> None:
    """Recreate the role groups, as their migration defined them, if a flush removed them."""
    from django.contrib.auth.models import Group, Permission

    roles = importlib.import_module("briefings.migrations.0006_role_groups").ROLES
    if Group.objects.using(using).filter(name__in=list(roles)).exists():
        return
    for name, perms in roles.items():
        group = Group.objects.using(using).create(name=name)
        by_label = {}
        for perm in perms:
            app_label, codename = perm.split(".")
            by_label.setdefault(app_label, []).append(codename)
        for app_label, codenames in by_label.items():
            group.permissions.add(
                *Permission.objects.using(using).filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )


def restore_reference_data(sender, using="default", **kwargs):
    """post_migrate receiver: put back what a flush removed (two queries when all is there)."""
    from .models import Country, Region

    if not Country.objects.using(using).exists():
        load_iso_countries(Country, Region)
    restore_role_groups(using)
