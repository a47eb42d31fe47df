from django.urls import path

from . import views

app_name = "briefings"

urlpatterns = [
    path("", views.home, name="home"),
    path("briefings/<slug:slug>/", views.briefing_detail, name="briefing-detail"),
    path("countries/", views.country_list, name="country-list"),
    path("countries/<slug:slug>/", views.country_detail, name="country-detail"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor-detail"),
    path("events/<slug:slug>/", views.event_detail, name="event-detail"),
]
