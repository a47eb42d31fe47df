"""factory_boy factories: one for each model the tests make rows of.

Countries come from the ISO data migration: `country("ML")` fetches one; `CountryFactory`
makes an extra, made-up one. The role groups come from a data migration too:
`UserFactory(role="editor")` is a staff user in the Editor group, as `create_team_user`
would make them (roles: "analyst", "editor", "administrator"; "superuser" is a staff
superuser, who needs no group). Passwords are hashed with the suite's fast hasher (the root
conftest), so a user costs a row, not a key derivation.
"""

import datetime
import string

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from rest_framework.authtoken.models import Token

from briefings import models
from briefings.services.accounts import role_group

PASSWORD = "correct horse battery staple"


def country(iso2: str) -> models.Country:
    """A country as the migration loaded it."""
    return models.Country.objects.get(iso2=iso2)


# --- People ----------------------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    """A person with an account and the password `PASSWORD`.

    `role` gives them a role as the desk knows it: staff in that role's group ("analyst",
    "editor", "administrator"), or a staff superuser ("superuser"). `permissions`, a list of
    codenames of the briefings app, grants exactly those instead, for tests about one
    permission rather than a role."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"analyst{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)
    role = None
    is_staff = factory.LazyAttribute(lambda user: user.role not in (None, "reader"))
    is_superuser = factory.LazyAttribute(lambda user: user.role == "superuser")

    @classmethod
    def _create(cls, model_class, *args, role=None, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        if role not in (None, "superuser"):
            user.groups.add(role_group(role))
        return user

    @classmethod
    def _build(cls, model_class, *args, role=None, **kwargs):
        return super()._build(model_class, *args, **kwargs)

    @factory.post_generation
    def permissions(user, create, extracted, **kwargs):
        if create and extracted:
            user.user_permissions.add(
                *Permission.objects.filter(content_type__app_label="briefings", codename__in=extracted)
            )


class GroupFactory(factory.django.DjangoModelFactory):
    """A group that is not one of the desk's roles (those come from the migration)."""

    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Desk group {n}")


# --- Geography -------------------------------------------------------------------------


class CountryFactory(factory.django.DjangoModelFactory):
    """A made-up country, with user-assigned codes (X…) that no ISO country uses."""

    class Meta:
        model = models.Country

    iso2 = factory.Sequence(lambda n: "X" + string.ascii_uppercase[n % 26])
    iso3 = factory.Sequence(lambda n: "XX" + string.ascii_uppercase[n % 26])
    name = factory.Sequence(lambda n: f"Country {n}")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Region

    name = factory.Sequence(lambda n: f"Region {n}")


# --- Actors, sources, events, judgments ------------------------------------------------


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Actor

    name = factory.Sequence(lambda n: f"Actor {n}")
    kind = models.ActorKind.PERSON


class ActorAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ActorAlias

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


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
    # A forecast that says how it will be decided, so that its briefing may be published;
    # tests of the rule blank these.
    question = factory.Sequence(lambda n: f"Will judgment {n} hold by the end of 2030?")
    resolution_source = "Two independent reports graded B or better."
    closes_on = datetime.date(2030, 6, 30)
    resolves_on = datetime.date(2030, 12, 31)


class ForecastUpdateFactory(factory.django.DjangoModelFactory):
    """A dated update of a forecast's estimate (written straight to the row: the rules are
    the service's, tested apart)."""

    class Meta:
        model = models.ForecastUpdate

    assessment = factory.SubFactory(AssessmentFactory)
    probability = 60
    made_at = factory.LazyFunction(timezone.now)
    reason = "New reporting on the ground."


# --- Briefings and their workflow ------------------------------------------------------


def an_hour_ago() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=1)


class BriefingFactory(factory.django.DjangoModelFactory):
    """A draft briefing; `published=True` makes it public since yesterday."""

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


class BriefingTransitionFactory(factory.django.DjangoModelFactory):
    """A line of a briefing's workflow log, written as if the move had been made."""

    class Meta:
        model = models.BriefingTransition

    briefing = factory.SubFactory(BriefingFactory, status=models.PublicationStatus.IN_REVIEW)
    user = factory.SubFactory(UserFactory, role="editor")
    from_status = models.PublicationStatus.DRAFT
    to_status = models.PublicationStatus.IN_REVIEW


class ReviewCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ReviewComment

    briefing = factory.SubFactory(BriefingFactory, status=models.PublicationStatus.IN_REVIEW)
    text = "Add a source."


class NoticeFactory(factory.django.DjangoModelFactory):
    """A notice, as the workflow writes one, to an analyst about their returned briefing."""

    class Meta:
        model = models.Notice

    recipient = factory.SubFactory(UserFactory, role="analyst")
    briefing = factory.SubFactory(BriefingFactory)
    kind = models.NoticeKind.RETURNED
    text = factory.LazyAttribute(lambda notice: f"An editor returned “{notice.briefing}” to draft.")


# --- Country trends --------------------------------------------------------------------


class CountryTrendFactory(factory.django.DjangoModelFactory):
    """A draft trend for a country and month; `published=True` makes it public an hour ago."""

    class Meta:
        model = models.CountryTrend

    country = factory.LazyFunction(lambda: country("ML"))
    month = datetime.date(2020, 8, 1)
    trend = models.Trend.DETERIORATED
    reason = factory.LazyAttribute(lambda trend: f"Why {trend.country} went that way in {trend.month:%B %Y}.")
    status = models.PublicationStatus.DRAFT

    class Params:
        published = factory.Trait(
            status=models.PublicationStatus.PUBLISHED, published_at=factory.LazyFunction(an_hour_ago)
        )


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An organisation whose people read the desk's briefings."""

    class Meta:
        model = models.Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Ministry {n}")


class ReaderProfileFactory(factory.django.DjangoModelFactory):
    """A reader (not staff, in the Reader group) of an organisation, cleared at GREEN unless
    `clearance` says otherwise."""

    class Meta:
        model = models.ReaderProfile

    user = factory.SubFactory(UserFactory, role="reader", username=factory.Sequence(lambda n: f"reader{n}"))
    organisation = factory.SubFactory(OrganisationFactory)
    clearance = models.Tlp.GREEN


class TokenFactory(factory.django.DjangoModelFactory):
    """A reader's API token."""

    class Meta:
        model = Token

    user = factory.SubFactory(UserFactory, role="reader")
