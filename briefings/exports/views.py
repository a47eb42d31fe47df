"""Downloads: a briefing as STIX 2.1, and published events as CSV: what the reader may read
(`visible_to`; the public, TLP:CLEAR)."""

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404

from ..models import Briefing, Event, Excerpt
from ..services.readers import request_reader
from .csv import events_csv_lines
from .stix import briefing_stix_json


def briefing_stix(request, slug):
    reader = request_reader(request)
    briefing = get_object_or_404(Briefing.objects.visible_to(reader), slug=slug)
    body = briefing_stix_json(briefing, base_url=request.build_absolute_uri("/"), reader=reader)
    response = HttpResponse(body, content_type="application/stix+json;version=2.1")
    response["Content-Disposition"] = f'attachment; filename="{briefing.slug}.stix.json"'
    return response


def _csv_response(request, events, filename: str) -> StreamingHttpResponse:
    # Streamed: the first line leaves before the last row is read (the public pages' cache
    # keeps a copy as it passes, when it is small enough).
    lines = events_csv_lines(events, readable_excerpts=Excerpt.objects.visible_to(request_reader(request)))
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in lines), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def events_csv_all(request):
    return _csv_response(request, Event.objects.visible_to(request_reader(request)), "events.csv")


def briefing_events_csv(request, slug):
    briefing = get_object_or_404(Briefing.objects.visible_to(request_reader(request)), slug=slug)
    # Its events are visible because it is; the filter keeps that stated, not assumed.
    events = Event.objects.visible_to(request_reader(request)).filter(briefings=briefing)
    return _csv_response(request, events, f"{briefing.slug}-events.csv")
