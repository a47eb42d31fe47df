"""Helpers shared by the track-record and trend tests."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from briefings import models

from .factories import AssessmentFactory, BriefingFactory, KeyJudgmentFactory, UserFactory

PAST = datetime.date(2021, 1, 31)


def make_editor(username: str = "editor"):
    """Staff in the Editor group the data migration created."""
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return get_user_model().objects.get(pk=user.pk)


def judgment_in(briefing, **fields) -> models.Assessment:
    """An assessment made a key judgment of `briefing`."""
    assessment = AssessmentFactory(**fields)
    KeyJudgmentFactory(briefing=briefing, assessment=assessment)
    return assessment


def resolved(assessment, outcome=models.Outcome.HAPPENED, on=datetime.date(2021, 6, 1)):
    """Write an outcome straight to the row, for tests about reading outcomes, not recording them."""
    models.Assessment.objects.filter(pk=assessment.pk).update(outcome=outcome, outcome_on=on)
    assessment.refresh_from_db()
    return assessment


def published_briefing(**fields):
    return BriefingFactory(published=True, **fields)


def published_trend(country, month, trend=models.Trend.DETERIORATED, **fields) -> models.CountryTrend:
    return models.CountryTrend.objects.create(
        country=country,
        month=month,
        trend=trend,
        reason=fields.pop("reason", f"Why {country} went that way in {month:%B %Y}."),
        status=models.PublicationStatus.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(hours=1),
        **fields,
    )
