import datetime

import pytest
from django.core import serializers

from briefings.models import Briefing

from ..factories import BriefingFactory

pytestmark = pytest.mark.django_db


def test_json_dump_keeps_sub_millisecond_timestamps_so_a_reload_dumps_the_same():
    briefing = BriefingFactory(published=True)
    at = datetime.datetime(2020, 9, 25, 10, 0, 0, 5, tzinfo=datetime.UTC)
    Briefing.objects.filter(pk=briefing.pk).update(published_at=at)

    first = serializers.serialize("json", Briefing.objects.filter(pk=briefing.pk))
    (loaded,) = serializers.deserialize("json", first)
    loaded.save()
    second = serializers.serialize("json", Briefing.objects.filter(pk=briefing.pk))

    assert '"published_at": "2020-09-25T10:00:00.000005Z"' in first
    assert Briefing.objects.get(pk=briefing.pk).published_at == at
    assert second == first
