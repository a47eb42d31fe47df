"""The demo desk's track record: the seed article's judgment on Russian contractors, held to
account against what happened, and Mali's trend month by month.

`load_demo_outcomes()` runs after the demo briefing is loaded and may run again: it adds
nothing twice and leaves an outcome or a trend that is already recorded as it is.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction

from . import services
from .models import (
    Actor,
    ActorKind,
    ActorRole,
    Assessment,
    Country,
    CountryTrend,
    DatePrecision,
    Event,
    EventActor,
    EventKind,
    Likelihood,
    Outcome,
    PublicationStatus,
    Reliability,
    Source,
    Trend,
    TrendAlert,
)

EDITOR_USERNAME = "desk-editor"

# A government statement is a public record of what its signatories assert; it is graded B
# (usually reliable) rather than A because the signatories were parties to the dispute.
STATEMENT = {
    "url": "https://www.gov.uk/government/news/joint-statement-on-the-deployment-of-the-wagner-group-in-mali",
    "title": "Joint statement on the deployment of the Wagner Group in Mali",
    "author": (
        "Governments of Belgium, Canada, the Czech Republic, Denmark, Estonia, France, Germany, "
        "Italy, Lithuania, the Netherlands, Norway, Portugal, Romania, Sweden and the United Kingdom"
    ),
    "publisher": "Foreign, Commonwealth & Development Office (GOV.UK)",
    "published_on": datetime.date(2021, 12, 23),
    "reliability": Reliability.B,
}

DEPLOYMENT = {
    "slug": "2021-12-russian-pmcs-deploy-to-mali",
    "title": "Russian private military contractors deploy to Mali",
    # The statement of 23 December says the deployment was under way without dating its
    # start; reports place the first arrivals in December 2021. The month is what is known,
    # so the date is the month's first day at month precision, shown as "December 2021".
    "date": datetime.date(2021, 12, 1),
    "date_precision": DatePrecision.MONTH,
    "kind": EventKind.FORCE_POSTURE,
    "description": (
        "Contractors of the Wagner Group, a Russian private military company, deployed to Mali "
        "at the invitation of its transitional authorities. On 23 December 2021 fifteen "
        "governments condemned the deployment in a joint statement, saying that the Russian "
        "government was providing it material support; Mali's government denied that "
        "mercenaries were present and spoke of Russian trainers. Source: " + STATEMENT["url"]
    ),
}

OUTCOME_ON = datetime.date(2021, 12, 23)
OUTCOME_NOTE = (
    "Russian private military contractors of the Wagner Group deployed to Mali, a Sahel "
    "country, from December 2021; fifteen governments condemned the deployment on 23 December "
    "2021 and said Russia's government supported it. What the judgment called unlikely happened."
)
EARLY_REASON = (
    "The deployment itself settled the question: once contractors were in Mali, the judgment "
    "could no longer come out as stated, whatever the rest of its horizon."
)

# Mali's trend, month by month, with the demo events each rests on (by slug; one the
# curation no longer has is left out rather than failing the load).
MALI_TRENDS = [
    {
        "month": datetime.date(2020, 8, 1),
        "trend": Trend.DETERIORATED,
        "alert": TrendAlert.CONFLICT_RISK,
        "reason": "Soldiers overthrew President Keita on 18 August; ECOWAS halted trade and the "
        "CNSP junta took power, courted at once by Russia.",
        "events": [
            "2020-08-18-coup-in-mali",
            "2020-08-ecowas-halts-trade-with-mali",
            "2020-08-21-gromyko-meets-cnsp",
        ],
    },
    {
        "month": datetime.date(2020, 9, 1),
        "trend": Trend.UNCHANGED,
        "alert": "",
        "reason": "The CNSP held power while negotiating the transition; neighbours sought Russian "
        "military cooperation against the instability the coup left.",
        "events": ["2020-09-09-gnango-calls-for-military-cooperation-with-russia"],
    },
    {
        "month": datetime.date(2021, 12, 1),
        "trend": Trend.DETERIORATED,
        "alert": "",
        "reason": "Russian private military contractors deployed at the junta's invitation; "
        "fifteen governments condemned the deployment on 23 December.",
        "events": [DEPLOYMENT["slug"]],
    },
]


def demo_editor():
    """The account that records the demo's outcome: an existing superuser where there is one,
    else a staff account that cannot log in, holding the permissions the rule asks for."""
    User = get_user_model()
    superuser = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if superuser is not None:
        return superuser
    editor, created = User.objects.get_or_create(
        username=EDITOR_USERNAME, defaults={"is_staff": True, "first_name": "Desk", "last_name": "Editor"}
    )
    if created:
        editor.set_unusable_password()
        editor.save(update_fields=["password"])
    editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="briefings",
            codename__in=["change_assessment", "change_countrytrend", "publish_briefing"],
        )
    )
    return User.objects.get(pk=editor.pk)  # a fresh instance: permissions are cached per object


def pmc_judgment() -> Assessment:
    """The seed article's judgment that Russia was unlikely to send contractors to the Sahel."""
    judgment = (
        Assessment.objects.filter(
            statement__icontains="private military contractors",
            likelihood=Likelihood.UNLIKELY,
        )
        .filter(statement__icontains="Sahel")
        .order_by("pk")
        .first()
    )
    if judgment is None:
        raise LookupError(
            "The demo judgment “Russia is unlikely to deploy private military contractors … "
            "Sahel” is missing: load the demo briefing first."
        )
    return judgment


def deployment_event() -> tuple[Event, Source]:
    """The deployment as an event, with the statement that reports it as its source."""
    mali = Country.objects.get(iso2="ML")
    source, _ = Source.objects.get_or_create(
        url=STATEMENT["url"], defaults={k: v for k, v in STATEMENT.items() if k != "url"}
    )
    event, _ = Event.objects.get_or_create(
        slug=DEPLOYMENT["slug"],
        defaults={
            "title": DEPLOYMENT["title"],
            "date": DEPLOYMENT["date"],
            "date_precision": DEPLOYMENT["date_precision"],
            "kind": DEPLOYMENT["kind"],
            "country": mali,
            "description": DEPLOYMENT["description"],
        },
    )
    wagner, created = Actor.objects.get_or_create(
        name="Wagner Group",
        defaults={
            "kind": ActorKind.COMPANY,
            "role_title": "Russian private military company",
            "description": "A Russian private military company, deployed in Syria, Libya, the "
            "Central African Republic and, from late 2021, Mali.",
        },
    )
    if created:
        wagner.countries.add(Country.objects.get(iso2="RU"))
    EventActor.objects.get_or_create(event=event, actor=wagner, role=ActorRole.INITIATOR)
    russia = Actor.objects.filter(name__in=["Russia", "Russian Federation", "Government of Russia"]).first()
    if russia is not None:
        EventActor.objects.get_or_create(event=event, actor=russia, role=ActorRole.PARTICIPANT)
    return event, source


def load_demo_outcomes(*, editor=None) -> dict[str, int]:
    """Resolve the demo's PMC judgment as happened, with its evidence, and publish Mali's
    monthly trends. Returns how many outcomes and trends it added."""
    editor = editor or demo_editor()
    added = {"outcomes": 0, "trends": 0}
    with transaction.atomic():
        event, _source = deployment_event()
        judgment = pmc_judgment()
        if not judgment.outcome:
            early = bool(judgment.horizon and judgment.horizon > OUTCOME_ON)
            services.assessment_resolve(
                assessment=judgment,
                outcome=Outcome.HAPPENED,
                on=OUTCOME_ON,
                note=OUTCOME_NOTE,
                evidence_events=[event],
                resolved_early_reason=EARLY_REASON if early else "",
                user=editor,
            )
            added["outcomes"] += 1
        mali = Country.objects.get(iso2="ML")
        for spec in MALI_TRENDS:
            trend, created = CountryTrend.objects.get_or_create(
                country=mali,
                month=spec["month"],
                defaults={
                    "trend": spec["trend"],
                    "alert": spec["alert"],
                    "reason": spec["reason"],
                    "recorded_by": editor,
                },
            )
            if not created:
                continue
            trend.events.set(Event.objects.filter(slug__in=spec["events"]))
            for status in (PublicationStatus.IN_REVIEW, PublicationStatus.PUBLISHED):
                services.country_trend_transition(trend=trend, to_status=status, user=editor)
            added["trends"] += 1
    return added
