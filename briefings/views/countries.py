"""The countries with published material, and a country's page: its briefings, events,
judgments, actors and monthly trends."""

import unicodedata
from itertools import groupby

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render

from ..models import Actor, Briefing, Country, Event
from ..services.readers import request_reader
from .common import (
    BRIEFINGS_PER_PAGE,
    briefing_list,
    event_queryset,
    judgment_queryset,
    judgment_rows,
    paginate,
    timeline_chart,
    timeline_rows,
)
from .trends import trend_strip


def initial(name: str) -> str:
    """The letter a name is filed under: "Côte d'Ivoire" under C, "Åland Islands" under A."""
    letter = unicodedata.normalize("NFKD", name[:1])[:1].upper()
    return letter if letter.isalpha() else "#"


def _count(rows, column: str):
    """The number of `rows` (correlated to the outer row by `column`), as a scalar subquery."""
    counted = rows.order_by().values(column).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def country_list(request):
    reader = request_reader(request)
    # Each count is a subquery of its own: two COUNT(DISTINCT) over one join of a country's
    # briefings and its events would scan briefings × events rows per country.
    links = Briefing.countries.through.objects.filter(
        country=OuterRef("pk"), briefing__in=Briefing.objects.visible_to(reader)
    )
    events = Event.objects.visible_to(reader).filter(country=OuterRef("pk"))
    countries = (
        Country.objects.visible_to(reader)
        .annotate(briefing_count=_count(links, "country"), event_count=_count(events, "country"))
        .order_by("name")
    )
    groups = [(letter, list(items)) for letter, items in groupby(countries, key=lambda c: initial(c.name))]
    return render(request, "briefings/country_list.html", {"groups": groups, "nav": "countries"})


def country_detail(request, slug):
    reader = request_reader(request)
    country = get_object_or_404(Country, slug=slug)
    briefings = briefing_list(reader).filter(countries=country)
    events = event_queryset(reader).filter(
        pk__in=Event.objects.visible_to(reader).values("pk"), country=country
    )
    events = events.order_by("-date", "title")
    judgments = judgment_queryset(reader).filter(countries=country)
    actors = Actor.objects.visible_to(reader).filter(countries=country).order_by("name")

    briefing_page = paginate(request, briefings, per_page=BRIEFINGS_PER_PAGE)
    event_page = paginate(request, events, param="events_page")
    judgment_page = paginate(request, judgments, param="judgments_page", per_page=BRIEFINGS_PER_PAGE)
    actor_page = paginate(request, actors, param="actors_page", per_page=50)
    # Page 1 holds the latest events; each page reads in date order, like a timeline.
    rows = timeline_rows(reversed(list(event_page.object_list)))
    context = {
        "country": country,
        "briefing_page": briefing_page,
        "event_page": event_page,
        "timeline": rows,
        "timeline_chart": timeline_chart(rows, f"Timeline of published events in {country.name}"),
        "judgment_page": judgment_page,
        "judgments": judgment_rows(judgment_page.object_list),
        "actor_page": actor_page,
        "trend_strip": trend_strip(country, reader=reader),
        "nav": "countries",
    }
    return render(request, "briefings/country_detail.html", context)
