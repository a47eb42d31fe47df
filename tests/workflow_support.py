"""Helpers shared by the workflow, role and permission tests."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from briefings import models
from briefings.reference_data import ROLE_GROUPS

from .factories import BriefingFactory, UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Each role is a user with a password: hash them cheaply, these tests are about roles."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def user_with_role(role: str, username: str | None = None):
    """A staff account in one of the groups the data migration created."""
    user = UserFactory(username=username or role, is_staff=True)
    user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    return get_user_model().objects.get(pk=user.pk)  # a fresh instance: permissions are cached


def briefing_in(status: str, *, authors=(), **fields) -> models.Briefing:
    """A briefing in `status`, as the workflow would have left it."""
    if status == models.PublicationStatus.PUBLISHED or status == models.PublicationStatus.WITHDRAWN:
        fields.setdefault("published_at", timezone.now() - datetime.timedelta(days=1))
    briefing = BriefingFactory(status=status, **fields)
    briefing.authors.add(*authors)
    return briefing


def change_url(briefing) -> str:
    return reverse("admin:briefings_briefing_change", args=[briefing.pk])


def changelist_url() -> str:
    return reverse("admin:briefings_briefing_changelist")


def form_data(client, page_url: str, **fields) -> dict:
    """What the admin form at `page_url` posts unchanged (its fields' current values and its
    inlines' management forms, whatever fields the form has), with `fields` on top."""
    response = client.get(page_url)
    assert response.status_code == 200, response.status_code
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        if form.fields[name].disabled:
            continue  # a browser does not send a disabled field
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, datetime.datetime):
            data[f"{name}_0"], data[f"{name}_1"] = value.date().isoformat(), value.time().isoformat()
        else:
            data[name] = getattr(value, "pk", value)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        # The empty extra rows stay unsent, as a browser leaves them untouched.
        data[f"{formset.prefix}-TOTAL_FORMS"] = formset.initial_form_count()
        for i, row in enumerate(formset.initial_forms):
            for name in row.fields:
                value = row[name].value()
                if value is not None:
                    data[f"{formset.prefix}-{i}-{name}"] = getattr(value, "pk", value)
    data.update(fields)
    return data


def post_change(client, briefing, **fields):
    """Post the briefing's change form as a browser would, with `fields` changed or added
    (e.g. `**{"workflow-action": "publish"}` for a press of the Publish button)."""
    page = change_url(briefing)
    return client.post(page, form_data(client, page, **fields))


def run_action(client, action: str, *briefings, **extra):
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    return client.post(
        changelist_url(), {"action": action, ACTION_CHECKBOX_NAME: [b.pk for b in briefings], **extra}
    )


def future(hours: int = 24) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(hours=hours)


def local_input(moment: datetime.datetime) -> str:
    """A time as a browser's datetime-local input posts it, in the site's time zone."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")
