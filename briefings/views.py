"""Public pages. Every one starts from a `published()` QuerySet."""

from django.shortcuts import get_object_or_404, render

from .models import Briefing


def home(request):
    briefings = Briefing.objects.published().prefetch_related("countries")[:20]
    return render(request, "briefings/home.html", {"briefings": briefings})


def briefing_detail(request, slug):
    briefing = get_object_or_404(Briefing.objects.published(), slug=slug)
    return render(request, "briefings/briefing_detail.html", {"briefing": briefing})


def country_list(request):
    raise NotImplementedError


def country_detail(request, slug):
    raise NotImplementedError


def actor_detail(request, slug):
    raise NotImplementedError


def event_detail(request, slug):
    raise NotImplementedError
