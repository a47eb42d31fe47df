from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.register("briefings", views.BriefingViewSet, basename="briefing")
router.register("judgments", views.JudgmentViewSet, basename="judgment")
router.register("events", views.EventViewSet, basename="event")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("countries", views.CountryViewSet, basename="country")

urlpatterns = [path("", include(router.urls))]
