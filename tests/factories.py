"""factory_boy factories for the desk's models. Countries come from the ISO data migration."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from briefings import models


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"analyst{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")


def country(iso2: str) -> models.Country:
    """A country as the migration loaded it."""
    return models.Country.objects.get(iso2=iso2)


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Actor

    name = factory.Sequence(lambda n: f"Actor {n}")
    kind = models.ActorKind.PERSON


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source

    title = factory.Sequence(lambda n: f"Source {n}")
    author = "A. Writer"
    publisher = "A Publisher"
    url = "https://example.org/article"
    published_on = datetime.date(2020, 9, 23)
    full_text = "On August 18 the president was overthrown. The ambassador met the committee."
    reliability = models.Reliability.B


class ExcerptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Excerpt

    source = factory.SubFactory(SourceFactory)
    text = "On August 18 the president was overthrown."
    credibility = models.Credibility.PROBABLY_TRUE

    @factory.lazy_attribute
    def start(self):
        position = self.source.full_text.find(self.text)
        return position if position >= 0 else None

    @factory.lazy_attribute
    def end(self):
        return None if self.start is None else self.start + len(self.text)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Event

    title = factory.Sequence(lambda n: f"Event {n}")
    date = datetime.date(2020, 8, 18)
    date_precision = models.DatePrecision.DAY
    kind = models.EventKind.COUP


class EventActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.EventActor

    event = factory.SubFactory(EventFactory)
    actor = factory.SubFactory(ActorFactory)
    role = models.ActorRole.INITIATOR


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Assessment

    statement = factory.Sequence(lambda n: f"Judgment {n} is likely to hold.")
    likelihood = models.Likelihood.LIKELY
    confidence = models.Confidence.MODERATE


class BriefingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Briefing

    title = factory.Sequence(lambda n: f"Briefing {n}")
    slug = factory.Sequence(lambda n: f"briefing-{n}")
    summary = "The bottom line."
    body = "Some **analysis**."
    status = models.PublicationStatus.DRAFT

    class Params:
        published = factory.Trait(
            status=models.PublicationStatus.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1)),
        )


class KeyJudgmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.KeyJudgment

    briefing = factory.SubFactory(BriefingFactory)
    assessment = factory.SubFactory(AssessmentFactory)
    order = factory.Sequence(lambda n: n + 1)
