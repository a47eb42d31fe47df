"""Read-only endpoints. Each QuerySet, and each nested one, starts from `visible_to(reader)`:
the public (no credentials) reads TLP:CLEAR; a reader with an API token (DRF's token
authentication) reads what they may read."""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets

from ..models import (
    Actor,
    Assessment,
    Briefing,
    Country,
    Event,
    EventActor,
    Excerpt,
    ForecastUpdate,
    KeyJudgment,
    ReaderContext,
    Source,
)
from ..services.readers import request_reader
from . import filters, serializers

SLUG_PATTERN = "[-a-zA-Z0-9_]+"

_NOT_FOUND = OpenApiResponse(description="No published object has that key.")
_BAD_FILTER = OpenApiResponse(
    description="A filter has a bad value; the body names each parameter and what is wrong with it."
)
_LIST_ERRORS = {400: _BAD_FILTER, 404: OpenApiResponse(description="No such page of results.")}


def read_only_schema(name: str, serializer, summary_serializer=None, *, published: bool = True):
    adjective = "published " if published else ""
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {adjective}{name}",
            responses={200: summary_serializer or serializer, **_LIST_ERRORS},
        ),
        retrieve=extend_schema(
            summary=f"One of the {adjective}{name}", responses={200: serializer, 404: _NOT_FOUND}
        ),
    )


def _published_briefings(reader: ReaderContext):
    return Briefing.objects.visible_to(reader)


def _published_events(reader: ReaderContext):
    return Event.objects.visible_to(reader).select_related("country")


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    filter_backends = [filters.FilterBackend]
    summary_serializer_class = None

    @property
    def reader(self) -> ReaderContext:
        return request_reader(self.request)

    def get_serializer_class(self):
        if self.action == "list" and self.summary_serializer_class is not None:
            return self.summary_serializer_class
        return self.serializer_class


@read_only_schema("briefings", serializers.BriefingSerializer, serializers.BriefingSummarySerializer)
class BriefingViewSet(ReadOnlyViewSet):
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    serializer_class = serializers.BriefingSerializer
    summary_serializer_class = serializers.BriefingSummarySerializer
    filterset_class = filters.BriefingFilter

    def get_queryset(self):
        queryset = (
            _published_briefings(self.reader).prefetch_related("countries").order_by("-published_at", "pk")
        )
        if self.action == "list":
            return queryset
        return queryset.prefetch_related(
            Prefetch(
                "judgment_links",
                queryset=KeyJudgment.objects.filter(assessment__in=Assessment.objects.visible_to(self.reader))
                .select_related("assessment")
                .order_by("order", "pk"),
            ),
            Prefetch("events", queryset=_published_events(self.reader).order_by("date", "pk")),
            "actors",
            Prefetch("sources", queryset=Source.objects.visible_to(self.reader)),
            "authors",
        )


@read_only_schema("judgments", serializers.JudgmentSerializer, serializers.JudgmentSummarySerializer)
class JudgmentViewSet(ReadOnlyViewSet):
    serializer_class = serializers.JudgmentSerializer
    summary_serializer_class = serializers.JudgmentSummarySerializer
    filterset_class = filters.JudgmentFilter

    def get_queryset(self):
        queryset = Assessment.objects.visible_to(self.reader).order_by("pk")
        if self.action == "list":
            return queryset
        return queryset.prefetch_related(
            # Evidence and actors a draft alone cites stay out.
            Prefetch("evidence_events", queryset=_published_events(self.reader).order_by("date", "pk")),
            Prefetch(
                "evidence_excerpts", queryset=Excerpt.objects.visible_to(self.reader).select_related("source")
            ),
            Prefetch("actors", queryset=Actor.objects.visible_to(self.reader)),
            "countries",
            Prefetch("updates", queryset=ForecastUpdate.objects.order_by("made_at", "pk")),
            Prefetch(
                "briefing_links",
                queryset=KeyJudgment.objects.filter(
                    briefing__in=_published_briefings(self.reader)
                ).select_related("briefing"),
            ),
        )


@read_only_schema("events", serializers.EventSerializer, serializers.EventSummarySerializer)
class EventViewSet(ReadOnlyViewSet):
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    serializer_class = serializers.EventSerializer
    summary_serializer_class = serializers.EventSummarySerializer
    filterset_class = filters.EventFilter

    def get_queryset(self):
        queryset = _published_events(self.reader).order_by("date", "title", "pk")
        if self.action == "list":
            return queryset
        return queryset.prefetch_related(
            Prefetch("roles", queryset=EventActor.objects.select_related("actor")),
            Prefetch("excerpts", queryset=Excerpt.objects.visible_to(self.reader).select_related("source")),
            Prefetch("briefings", queryset=_published_briefings(self.reader)),
            Prefetch("assessments", queryset=Assessment.objects.visible_to(self.reader)),
        )


@read_only_schema("actors", serializers.ActorSerializer)
class ActorViewSet(ReadOnlyViewSet):
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    serializer_class = serializers.ActorSerializer
    filterset_class = filters.ActorFilter

    def get_queryset(self):
        return (
            Actor.objects.visible_to(self.reader)
            .prefetch_related(
                "aliases", "countries", Prefetch("parent", queryset=Actor.objects.visible_to(self.reader))
            )
            .order_by("name", "pk")
        )


@read_only_schema("countries (ISO 3166-1)", serializers.CountrySerializer, published=False)
class CountryViewSet(ReadOnlyViewSet):
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    serializer_class = serializers.CountrySerializer
    filterset_class = filters.CountryFilter

    def get_queryset(self):
        return Country.objects.order_by("name", "pk")
