from django.urls import path

from .exports import feeds
from .exports import views as exports
from .views import actors, briefings, countries, events, follow, previews, readers, search, track_record

app_name = "briefings"

urlpatterns = [
    path("", briefings.home, name="home"),
    path("briefings/<slug:slug>/", briefings.briefing_detail, name="briefing-detail"),
    path("briefings/<slug:slug>/briefing.pdf", briefings.briefing_pdf, name="briefing-pdf"),
    # A share link: one briefing's current draft for a reviewer without an account.
    path("share/<str:token>/", previews.share_page, name="share"),
    path("share/<str:token>/briefing.pdf", previews.share_pdf, name="share-pdf"),
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
    # A signed-in reader's own feeds (`feeds.PERSONAL_FEED_PREFIX`), never cached.
    path("feeds/r/<str:token>/briefings/", feeds.BriefingFeed(), name="feed-briefings-personal"),
    path(
        "feeds/r/<str:token>/countries/<slug:slug>/",
        feeds.CountryBriefingFeed(),
        name="feed-country-personal",
    ),
    path("feeds/r/<str:token>/actors/<slug:slug>/", feeds.ActorBriefingFeed(), name="feed-actor-personal"),
    # Readers sign in here, never in the admin.
    path("sign-in/", readers.ReaderLoginView.as_view(), name="reader-login"),
    path("sign-out/", readers.ReaderLogoutView.as_view(), name="reader-logout"),
    path("account/", readers.reader_account, name="reader-account"),
    path("briefings/<slug:slug>/stix.json", exports.briefing_stix, name="briefing-stix"),
    path("briefings/<slug:slug>/events.csv", exports.briefing_events_csv, name="briefing-events-csv"),
    path("events.csv", exports.events_csv_all, name="events-csv"),
    # The track record.
    path("track-record/", track_record.track_record_public, name="track-record"),
    path("track-record/staff/", track_record.track_record_staff, name="track-record-staff"),
]
