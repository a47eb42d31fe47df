"""Downloads: a briefing as STIX 2.1, and published events as CSV. Published material only."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from ..models import Briefing, Event
from .csv import events_csv
from .stix import briefing_stix_json


def briefing_stix(request, slug):
    briefing = get_object_or_404(Briefing.objects.published(), slug=slug)
    body = briefing_stix_json(briefing, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="application/stix+json;version=2.1")
    response["Content-Disposition"] = f'attachment; filename="{briefing.slug}.stix.json"'
    return response


def _csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def events_csv_all(request):
    return _csv_response(events_csv(Event.objects.published()), "events.csv")


def briefing_events_csv(request, slug):
    briefing = get_object_or_404(Briefing.objects.published(), slug=slug)
    # Its events are published because it is; the filter keeps that stated, not assumed.
    events = Event.objects.published().filter(briefings=briefing)
    return _csv_response(events_csv(events), f"{briefing.slug}-events.csv")
