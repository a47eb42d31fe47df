"""The admin, where analysts curate and editors publish: one module per part of the domain,
plus the curation pages (`curation`), the conflict page (`concurrency`) and history
(`history`). `register()` puts every page on the admin site; `BriefingsConfig.ready()`
calls it."""

from django.contrib import admin

from ..models import (
    Actor,
    Assessment,
    AssessmentOutcome,
    Briefing,
    Country,
    CountryTrend,
    Event,
    Excerpt,
    ForecastUpdate,
    Notice,
    Organisation,
    ReaderProfile,
    Region,
    Source,
)
from .accounts import register_accounts
from .actors import ActorAdmin
from .assessments import AssessmentAdmin
from .briefings import BriefingAdmin
from .events import EventAdmin
from .forecasts import ForecastUpdateAdmin
from .geography import CountryAdmin, RegionAdmin
from .notices import NoticeAdmin, index_with_queues
from .outcomes import AssessmentOutcomeAdmin
from .readers import OrganisationAdmin, ReaderProfileAdmin
from .sources import ExcerptAdmin, SourceAdmin
from .trends import CountryTrendAdmin

MODEL_ADMINS = {
    Country: CountryAdmin,
    Region: RegionAdmin,
    Actor: ActorAdmin,
    Source: SourceAdmin,
    Excerpt: ExcerptAdmin,
    Event: EventAdmin,
    Assessment: AssessmentAdmin,
    Briefing: BriefingAdmin,
    AssessmentOutcome: AssessmentOutcomeAdmin,
    ForecastUpdate: ForecastUpdateAdmin,
    CountryTrend: CountryTrendAdmin,
    Organisation: OrganisationAdmin,
    ReaderProfile: ReaderProfileAdmin,
    Notice: NoticeAdmin,
}


def register(site: admin.AdminSite = admin.site) -> None:
    """Put the desk's pages on `site`, with its headings; safe to call twice."""
    site.site_header = "Briefing desk"
    site.site_title = "Briefing desk admin"
    site.index_title = "Curation"
    for model, model_admin in MODEL_ADMINS.items():
        if not site.is_registered(model):
            site.register(model, model_admin)
    register_accounts(site)
    index_with_queues(site)
