"""The desk's three roles as groups with their model permissions.

Analysts curate the material and write briefings (the rule that they change only the drafts
they author is checked per briefing in `services`, not here); editors may do everything with
the desk's material, review, publish and restore; administrators manage accounts. The lists
are frozen here as migrations should be; a later change of a role gets a migration of its own.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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

ROLES = {
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
        f"auth.{action}_{model}"
        for model in ("user", "group")
        for action in ("add", "change", "delete", "view")
    ],
}


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    # Permissions are normally created after the last migration (post_migrate); the groups
    # need them now, on a fresh database too.
    for label in ("auth", "briefings"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=db, apps=apps)
        app_config.models_module = None
    for name, perms in ROLES.items():
        group, _ = Group.objects.using(db).get_or_create(name=name)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.using(db).get(content_type__app_label=app_label, codename=codename)
            )


def remove_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("briefings", "0005_briefing_workflow_and_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
