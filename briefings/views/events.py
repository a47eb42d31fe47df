"""An event's page: what happened, who took part, the passages that report it, and the
briefings and judgments that rest on it."""

from django.shortcuts import get_object_or_404, render

from .. import charts
from ..models import Event
from ..services.readers import request_reader
from .common import (
    briefing_list,
    event_datetime,
    event_queryset,
    grade_words,
    judgment_queryset,
    judgment_rows,
    sorted_roles,
)


def event_detail(request, slug):
    reader = request_reader(request)
    event = get_object_or_404(
        event_queryset(reader).filter(pk__in=Event.objects.visible_to(reader).values("pk")),
        slug=slug,
    )
    briefings = list(briefing_list(reader).filter(events=event))
    judgments = judgment_rows(judgment_queryset(reader).filter(evidence_events=event))
    excerpts = [(excerpt, grade_words(excerpt)) for excerpt in event.excerpts.all()]
    context = {
        "event": event,
        "datetime": event_datetime(event),
        "roles": sorted_roles(event),
        "excerpts": excerpts,
        "briefings": briefings,
        "judgments": judgments,
        "swatch": charts.kind_swatch(event.kind),
    }
    return render(request, "briefings/event_detail.html", context)
