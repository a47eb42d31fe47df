from django.urls import path

from . import feeds, search, views, views_tracking
from .exports import views as export_views
from .feeds_tracking import CountryTrendFeed

app_name = "briefings"

urlpatterns = [
    path("", views.home, name="home"),
    path("briefings/<slug:slug>/", views.briefing_detail, name="briefing-detail"),
    path("countries/", views.country_list, name="country-list"),
    path("countries/<slug:slug>/", views.country_detail, name="country-detail"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor-detail"),
    path("events/<slug:slug>/", views.event_detail, name="event-detail"),
    # Search, feeds and downloads: published material only.
    path("search/", search.search_page, name="search"),
    path("feeds/briefings/", feeds.BriefingFeed(), name="feed-briefings"),
    path("feeds/countries/<slug:slug>/", feeds.CountryBriefingFeed(), name="feed-country"),
    path("feeds/actors/<slug:slug>/", feeds.ActorBriefingFeed(), name="feed-actor"),
    path("briefings/<slug:slug>/stix.json", export_views.briefing_stix, name="briefing-stix"),
    path("briefings/<slug:slug>/events.csv", export_views.briefing_events_csv, name="briefing-events-csv"),
    path("events.csv", export_views.events_csv_all, name="events-csv"),
    # Track record and country trends.
    path("track-record/", views_tracking.track_record_public, name="track-record"),
    path("track-record/staff/", views_tracking.track_record_staff, name="track-record-staff"),
    path("feeds/trends/", CountryTrendFeed(), name="trend-feed"),
]
