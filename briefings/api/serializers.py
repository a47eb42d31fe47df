"""What the API shows of each model. Nested rows come from QuerySets the views narrow to
published material (see views.py), never from a serializer's own query."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

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
    Source,
    display_name,
)


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The absolute address of the object's page on the site."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return self.context["request"].build_absolute_uri(value.get_absolute_url())


@extend_schema_field(OpenApiTypes.URI)
class DownloadUrlField(serializers.Field):
    """The absolute address of one of a briefing's downloads."""

    def __init__(self, view_name: str, **kwargs):
        self.view_name = view_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return reverse(self.view_name, kwargs={"slug": value.slug}, request=self.context["request"])


class CountrySerializer(serializers.ModelSerializer):
    url = PageUrlField()
    api_url = serializers.HyperlinkedIdentityField(view_name="api:country-detail", lookup_field="slug")

    class Meta:
        model = Country
        fields = ["slug", "iso2", "iso3", "name", "official_name", "url", "api_url"]


class ActorSummarySerializer(serializers.ModelSerializer):
    url = PageUrlField()
    api_url = serializers.HyperlinkedIdentityField(view_name="api:actor-detail", lookup_field="slug")

    class Meta:
        model = Actor
        fields = ["slug", "name", "kind", "url", "api_url"]


class ActorSerializer(ActorSummarySerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    countries = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    parent = ActorSummarySerializer(read_only=True, allow_null=True, help_text="Shown when it is public.")

    class Meta(ActorSummarySerializer.Meta):
        fields = [
            *ActorSummarySerializer.Meta.fields,
            "kind_label",
            "role_title",
            "aliases",
            "countries",
            "parent",
            "description",
        ]


class SourceSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="address", read_only=True, help_text="Empty where none is known.")
    reliability_label = serializers.CharField(source="get_reliability_display", read_only=True)

    class Meta:
        model = Source
        fields = ["title", "author", "publisher", "url", "published_on", "reliability", "reliability_label"]


class ExcerptSerializer(serializers.ModelSerializer):
    source = SourceSerializer(read_only=True)
    credibility_label = serializers.CharField(source="get_credibility_display", read_only=True)
    grade = serializers.CharField(read_only=True, help_text="Admiralty grade, e.g. B2.")

    class Meta:
        model = Excerpt
        fields = ["id", "text", "source", "credibility", "credibility_label", "grade"]


class EventSummarySerializer(serializers.ModelSerializer):
    marking = serializers.CharField(
        source="get_marking_display", read_only=True, help_text="Its TLP 2.0 label, e.g. TLP:CLEAR."
    )
    country = serializers.SlugRelatedField(read_only=True, slug_field="slug", allow_null=True)
    display_date = serializers.CharField(read_only=True)
    url = PageUrlField()
    api_url = serializers.HyperlinkedIdentityField(view_name="api:event-detail", lookup_field="slug")

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "date",
            "marking",
            "date_precision",
            "display_date",
            "kind",
            "country",
            "url",
            "api_url",
        ]


class EventRoleSerializer(serializers.ModelSerializer):
    actor = ActorSummarySerializer(read_only=True)

    class Meta:
        model = EventActor
        fields = ["role", "actor"]


class BriefingLinkSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    api_url = serializers.HyperlinkedIdentityField(view_name="api:briefing-detail", lookup_field="slug")

    class Meta:
        model = Briefing
        fields = ["slug", "title", "url", "api_url"]


class JudgmentSummarySerializer(serializers.ModelSerializer):
    marking = serializers.CharField(
        source="get_marking_display", read_only=True, help_text="Its TLP 2.0 label, e.g. TLP:CLEAR."
    )
    api_url = serializers.HyperlinkedIdentityField(view_name="api:judgment-detail")
    likelihood_label = serializers.CharField(source="get_likelihood_display", read_only=True)
    probability_low = serializers.SerializerMethodField()
    probability_high = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "statement",
            "marking",
            "likelihood",
            "likelihood_label",
            "probability_low",
            "probability_high",
            "probability",
            "confidence",
            "api_url",
        ]

    @extend_schema_field(serializers.IntegerField(allow_null=True, help_text="ICD 203 range, percent."))
    def get_probability_low(self, obj):
        return obj.likelihood_range[0] if obj.likelihood_range else None

    @extend_schema_field(serializers.IntegerField(allow_null=True, help_text="ICD 203 range, percent."))
    def get_probability_high(self, obj):
        return obj.likelihood_range[1] if obj.likelihood_range else None


class EventSerializer(EventSummarySerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    roles = EventRoleSerializer(many=True, read_only=True)
    excerpts = ExcerptSerializer(many=True, read_only=True)
    briefings = BriefingLinkSerializer(many=True, read_only=True)
    judgments = JudgmentSummarySerializer(source="assessments", many=True, read_only=True)

    class Meta(EventSummarySerializer.Meta):
        fields = [
            *EventSummarySerializer.Meta.fields,
            "end_date",
            "kind_label",
            "place",
            "description",
            "roles",
            "excerpts",
            "briefings",
            "judgments",
        ]


class JudgmentBriefingSerializer(serializers.ModelSerializer):
    briefing = BriefingLinkSerializer(read_only=True)

    class Meta:
        model = KeyJudgment
        fields = ["order", "briefing"]


class ForecastUpdateSerializer(serializers.ModelSerializer):
    """A dated change of a published forecast's estimate."""

    class Meta:
        model = ForecastUpdate
        fields = ["probability", "made_at", "reason"]


class JudgmentSerializer(JudgmentSummarySerializer):
    confidence_label = serializers.CharField(source="get_confidence_display", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    evidence_events = EventSummarySerializer(many=True, read_only=True)
    evidence_excerpts = ExcerptSerializer(many=True, read_only=True)
    countries = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    actors = ActorSummarySerializer(many=True, read_only=True)
    briefings = JudgmentBriefingSerializer(source="briefing_links", many=True, read_only=True)
    updates = ForecastUpdateSerializer(many=True, read_only=True)

    class Meta(JudgmentSummarySerializer.Meta):
        fields = [
            *JudgmentSummarySerializer.Meta.fields,
            "confidence_label",
            "rationale_html",
            "assumptions",
            "alternatives",
            "horizon",
            # How a forecast will be decided, and its estimate's dated updates since publication.
            "question",
            "resolution_source",
            "fine_print",
            "closes_on",
            "resolves_on",
            "updates",
            "outcome",
            "outcome_label",
            "outcome_on",
            "outcome_note",
            "evidence_events",
            "evidence_excerpts",
            "countries",
            "actors",
            "briefings",
        ]


class KeyJudgmentSerializer(serializers.ModelSerializer):
    judgment = JudgmentSummarySerializer(source="assessment", read_only=True)

    class Meta:
        model = KeyJudgment
        fields = ["order", "judgment"]


class BriefingSummarySerializer(serializers.ModelSerializer):
    marking = serializers.CharField(
        source="get_marking_display", read_only=True, help_text="Its TLP 2.0 label, e.g. TLP:CLEAR."
    )
    url = PageUrlField()
    api_url = serializers.HyperlinkedIdentityField(view_name="api:briefing-detail", lookup_field="slug")
    stix_url = DownloadUrlField("briefings:briefing-stix")
    events_csv_url = DownloadUrlField("briefings:briefing-events-csv")
    countries = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")

    class Meta:
        model = Briefing
        fields = [
            "slug",
            "title",
            "summary",
            "marking",
            "published_at",
            "updated_at",
            "countries",
            "url",
            "api_url",
            "stix_url",
            "events_csv_url",
        ]


class BriefingSerializer(BriefingSummarySerializer):
    key_judgments = KeyJudgmentSerializer(source="judgment_links", many=True, read_only=True)
    events = EventSummarySerializer(many=True, read_only=True)
    actors = ActorSummarySerializer(many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)
    authors = serializers.SerializerMethodField()

    class Meta(BriefingSummarySerializer.Meta):
        fields = [
            *BriefingSummarySerializer.Meta.fields,
            "body_html",
            "key_judgments",
            "events",
            "actors",
            "sources",
            "authors",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_authors(self, obj):
        return [display_name(user) for user in obj.authors.all()]
