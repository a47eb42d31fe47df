"""Reference data every desk starts with: the ISO 3166-1 countries, the regions analysts
use, and the role groups with their permissions. Loaded by data migrations (which keep
frozen copies, as migrations should), and restored after a database flush (tests that
flush tables, `manage.py flush`) through the post_migrate signal."""

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
        # In bulk, without signals: reference data put back is not an analyst's edit, so it
        # leaves no history (after a flush, a restored backup brings its own).
        existing_regions = set(Region.objects.filter(name__in=STARTER_REGIONS).values_list("name", flat=True))
        added = [name for name in STARTER_REGIONS if name not in existing_regions]
        Region.objects.bulk_create([Region(name=name, slug=slugify(name)) for name in added])
        regions = Region.objects.filter(name__in=added)
        links = Region.countries.through
        links.objects.bulk_create(
            [
                links(region_id=region.pk, country_id=country_id)
                for region in regions
                for country_id in Country.objects.filter(iso2__in=STARTER_REGIONS[region.name]).values_list(
                    "pk", flat=True
                )
            ]
        )
    return len(new)


# --- Roles ---------------------------------------------------------------------------

# The material analysts curate: they add, change and view it.
CURATED = [
    "source",
    "excerpt",
    "country",
    "region",
    "actor",
    "actoralias",
    "event",
    "eventactor",
    "assessment",
    "keyjudgment",
    "countrytrend",
]
# Rows an analyst edits inside another's form (aliases, actors in an event, key judgments):
# removing one is part of editing, and deletes no material.
ANALYST_MAY_REMOVE = ["actoralias", "eventactor", "keyjudgment"]

# The desk's roles as groups with their model permissions. Analysts curate the material and
# write briefings (that they change only the drafts they author is checked per briefing, in
# `services.workflow`); editors may do everything with the desk's material, review, publish
# and restore; administrators manage accounts.
ROLES: dict[str, list[str]] = {
    "Analyst": [
        *(f"briefings.{action}_{model}" for model in CURATED for action in ("add", "change", "view")),
        *(f"briefings.delete_{model}" for model in ANALYST_MAY_REMOVE),
        "briefings.add_briefing",
        "briefings.change_briefing",
        "briefings.view_briefing",
        "briefings.view_assessmentoutcome",
        "briefings.view_briefingtransition",
        "briefings.view_reviewcomment",
    ],
    "Editor": [
        *(
            f"briefings.{action}_{model}"
            for model in [*CURATED, "briefing", "reviewcomment"]
            for action in ("add", "change", "delete", "view")
        ),
        "briefings.change_assessmentoutcome",
        "briefings.view_assessmentoutcome",
        "briefings.view_briefingtransition",
        "briefings.review_briefing",
        "briefings.publish_briefing",
        "briefings.restore_version",
    ],
    "Administrator": [
        *(
            f"auth.{action}_{model}"
            for model in ("user", "group")
            for action in ("add", "change", "delete", "view")
        ),
        *(
            f"briefings.{action}_{model}"
            for model in ("organisation", "readerprofile")
            for action in ("add", "change", "delete", "view")
        ),
    ],
    # Readers read the public site up to their clearance; they hold no permission at all.
    "Reader": [],
}
# The roles by the name `create_team_user --role` takes.
ROLE_GROUPS: dict[str, str] = {
    "analyst": "Analyst",
    "editor": "Editor",
    "administrator": "Administrator",
    "reader": "Reader",
}
# The roles that work in the admin (staff); a reader never does.
STAFF_ROLES = ("analyst", "editor", "administrator")


def restore_role_groups(using: str) -> None:
    """Recreate the role groups if a flush removed them."""
    from django.contrib.auth.models import Group, Permission

    existing = set(Group.objects.using(using).filter(name__in=list(ROLES)).values_list("name", flat=True))
    for name, perms in ROLES.items():
        if name in existing:
            continue
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
    """post_migrate receiver: put back what a flush removed (two queries when all is there).
    Nothing to do when the migration took the tables away (`migrate briefings zero`)."""
    from .models import Country, Region

    state = kwargs.get("apps")
    if state is not None:
        try:
            Country, Region = state.get_model("briefings", "Country"), state.get_model("briefings", "Region")
            state.get_model("auth", "Group")
        except LookupError:
            return
    if not Country.objects.using(using).exists():
        load_iso_countries(Country, Region)
    restore_role_groups(using)
