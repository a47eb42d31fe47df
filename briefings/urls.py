from django.urls import path

from .exports import feeds
from .exports import views as exports
from .views import actors, briefings, countries, events, follow, search, track_record

app_name = "briefings"

urlpatterns = [
    path("", briefings.home, name="home"),
    path("briefings/<slug:slug>/", briefings.briefing_detail, name="briefing-detail"),
    path("countries/", countries.country_list, name="country-list"),
    path("countries/<slug:slug>/", countries.country_detail, name="country-detail"),
    path("actors/<slug:slug>/", actors.actor_detail, name="actor-detail"),
    path("events/<slug:slug>/", events.event_detail, name="event-detail"),
    # Search, feeds and downloads: published material only.
    path("search/", search.search_page, name="search"),
    path("follow/", follow.follow_page, name="follow"),
    path("feeds/briefings/", feeds.BriefingFeed(), name="feed-briefings"),
    path("feeds/countries/<slug:slug>/", feeds.CountryBriefingFeed(), name="feed-country"),
    path("feeds/actors/<slug:slug>/", feeds.ActorBriefingFeed(), name="feed-actor"),
    path("feeds/trends/", feeds.CountryTrendFeed(), name="trend-feed"),
    path("briefings/<slug:slug>/stix.json", exports.briefing_stix, name="briefing-stix"),
    path("briefings/<slug:slug>/events.csv", exports.briefing_events_csv, name="briefing-events-csv"),
    path("events.csv", exports.events_csv_all, name="events-csv"),
    # The track record.
    path("track-record/", track_record.track_record_public, name="track-record"),
    path("track-record/staff/", track_record.track_record_staff, name="track-record-staff"),
]
