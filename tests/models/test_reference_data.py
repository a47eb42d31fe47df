"""The reference data every desk starts with survives a flush of the database."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from briefings.models import Country, Region

pytestmark = pytest.mark.django_db(transaction=True)


def test_flush_brings_back_the_iso_countries_regions_and_role_groups():
    call_command("flush", interactive=False, verbosity=0)

    assert Country.objects.count() == 249
    assert Country.objects.get(iso2="RU").name == "Russia"
    assert set(Region.objects.values_list("name", flat=True)) >= {"Sahel", "West Africa"}
    counts = {group.name: group.permissions.count() for group in Group.objects.all()}
    assert counts == {"Analyst": 42, "Editor": 58, "Administrator": 16, "Reader": 0}
