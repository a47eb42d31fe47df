"""An actor's page: who they are, the events they acted in, the briefings about them and
the judgments that name them."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from .. import charts
from ..models import Actor, ActorAlias, Country, Event, EventActor
from ..services.readers import request_reader
from .common import (
    BRIEFINGS_PER_PAGE,
    briefing_list,
    event_datetime,
    judgment_queryset,
    judgment_rows,
    paginate,
    sorted_roles,
)


def actor_detail(request, slug):
    reader = request_reader(request)
    published_actors = Actor.objects.visible_to(reader)
    actor = get_object_or_404(
        Actor.objects.filter(pk__in=published_actors.values("pk"))
        .select_related("parent")
        .prefetch_related(
            Prefetch("aliases", queryset=ActorAlias.objects.order_by("name")),
            Prefetch("countries", queryset=Country.objects.order_by("name")),
        ),
        slug=slug,
    )
    # Related actors show only where a reader may see them on their own.
    parent = published_actors.filter(pk=actor.parent_id).first() if actor.parent_id else None
    members = list(published_actors.filter(parent=actor).order_by("name"))
    event_roles = (
        EventActor.objects.filter(actor=actor, event__in=Event.objects.visible_to(reader))
        .select_related("event", "event__country")
        .prefetch_related(
            Prefetch("event__roles", queryset=EventActor.objects.select_related("actor").order_by("role"))
        )
        .order_by("-event__date", "event__title", "role")
    )
    role_page = paginate(request, event_roles, param="events_page")
    briefings = briefing_list(reader).about_actor(actor)
    briefing_page = paginate(request, briefings, per_page=BRIEFINGS_PER_PAGE)
    judgment_page = paginate(
        request,
        judgment_queryset(reader).filter(actors=actor),
        param="judgments_page",
        per_page=BRIEFINGS_PER_PAGE,
    )
    event_rows = [
        {
            "role": role,
            "event": role.event,
            "datetime": event_datetime(role.event),
            "others": [r for r in sorted_roles(role.event) if r.actor_id != actor.pk],
            "swatch": charts.kind_swatch(role.event.kind),
        }
        for role in role_page.object_list
    ]
    context = {
        "actor": actor,
        "parent": parent,
        "members": members,
        "role_page": role_page,
        "event_rows": event_rows,
        "briefing_page": briefing_page,
        "judgment_page": judgment_page,
        "judgments": judgment_rows(judgment_page.object_list),
    }
    return render(request, "briefings/actor_detail.html", context)
