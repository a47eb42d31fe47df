"""Country trends: which way a country went in a month, in CrisisWatch's terms, reviewed
and published through the same workflow as briefings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from .base import PublishableModel, PublishableQuerySet, VersionedModel, VersionedQuerySet
from .choices import PublicationStatus, Trend, TrendAlert
from .events import Event
from .geography import Country


class CountryTrendQuerySet(PublishableQuerySet, VersionedQuerySet):
    """Published as briefings are; bulk updates raise the version like any versioned row."""


class CountryTrend(PublishableModel, VersionedModel):
    """A country's direction in one month: deteriorated, improved or unchanged, and why."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="trends")
    month = models.DateField(help_text="The first day of the month, e.g. 2020-08-01 for August 2020.")
    trend = models.CharField(
        max_length=16,
        choices=Trend.choices,
        help_text="Compared with the month before: deteriorated, improved or unchanged.",
    )
    alert = models.CharField(
        max_length=24,
        choices=TrendAlert.choices,
        blank=True,
        help_text="For the month ahead: a risk of new or escalating conflict, or an opportunity "
        "for resolution. Leave empty for none.",
    )
    reason = models.CharField(
        max_length=300, help_text="One line: why, naming the events behind it (link them below)."
    )
    events = models.ManyToManyField(
        Event, related_name="trends", blank=True, help_text="The events the trend rests on."
    )
    status = models.CharField(
        max_length=16, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recorded_trends",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CountryTrendQuerySet.as_manager()

    class Meta:
        ordering = ["country", "-month"]
        verbose_name = "country trend"
        constraints = [
            models.UniqueConstraint(fields=["country", "month"], name="country_trend_one_per_month"),
            models.CheckConstraint(condition=Q(trend__in=Trend.values), name="country_trend_trend_valid"),
            models.CheckConstraint(
                condition=Q(alert="") | Q(alert__in=TrendAlert.values), name="country_trend_alert_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=PublicationStatus.values), name="country_trend_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=PublicationStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="country_trend_published_has_published_at",
            ),
        ]

    def __str__(self):
        month = f"{self.month:%B %Y}" if self.month else "?"
        return f"{self.country}, {month}: {self.get_trend_display()}"

    def save(self, *args, **kwargs):
        # A portable CHECK for "first day of the month" is not possible (SQLite would need
        # Django's own SQL functions), so writes that skip clean() are normalised here.
        if self.month and self.month.day != 1:
            self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.country.get_absolute_url()}#trend-{self.month:%Y-%m}"

    def clean(self):
        errors = {}
        if self.month and self.month.day != 1:
            errors["month"] = (
                f"Give the first day of the month ({self.month:%Y-%m}-01 for {self.month:%B %Y})."
            )
        if self.reason and ("\n" in self.reason or "\r" in self.reason):
            errors["reason"] = "Keep the reason to one line."
        if errors:
            raise ValidationError(errors)

    def unique_error_message(self, model_class, unique_check):
        if model_class is CountryTrend and tuple(unique_check) == ("country", "month"):
            existing = self.existing_for_month()
            if existing is not None:
                return ValidationError(
                    "%(country)s already has a trend for %(month)s: “%(existing)s” (entry #%(pk)s, "
                    "%(status)s). Edit that entry instead of adding a second one.",
                    code="unique_together",
                    params={
                        "country": existing.country,
                        "month": f"{existing.month:%B %Y}",
                        "existing": existing.reason,
                        "pk": existing.pk,
                        "status": existing.get_status_display(),
                    },
                )
        return super().unique_error_message(model_class, unique_check)

    def existing_for_month(self):
        """The other entry for this country and month, if one is already recorded."""
        if not self.country_id or not self.month:
            return None
        others = CountryTrend.objects.filter(country_id=self.country_id, month=self.month.replace(day=1))
        if self.pk:
            others = others.exclude(pk=self.pk)
        return others.select_related("country").first()
