"""The Follow page: what a feed is, and the address of every feed a reader can follow (all
briefings, country trends, each country and each actor with published briefings), each
ready to copy. Countries and actors are listed a page at a time, filtered by name, so the
page never lists thousands of rows."""

from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import render
from django.urls import reverse

from ..models import Actor, Briefing, Country, ReaderProfile
from ..search.text import clean_query
from ..services.readers import request_reader
from .common import paginate

FEEDS_PER_PAGE = 50


def follow_page(request):
    """Every feed's address, the countries' and actors' a page at a time, filtered by name."""
    name = clean_query(request.GET.get("name", ""))[:120]
    reader = request_reader(request)
    published = Briefing.objects.visible_to(reader)
    # A signed-in reader follows their own addresses, which hold what they may read; the
    # plain ones are the public's (TLP:CLEAR).
    token = ""
    if reader.user_id is not None:
        token = (
            ReaderProfile.objects.filter(user_id=reader.user_id).values_list("feed_token", flat=True).first()
            or ""
        )
    countries = (
        Country.objects.filter(briefings__in=published)
        .annotate(briefing_count=Count("briefings", distinct=True))
        .only("pk", "name", "slug")
        .order_by("name")
    )
    # The actors an actor's feed has briefings for: covered by one, or acting in its events.
    actors = (
        Actor.objects.filter(
            Q(Exists(published.filter(actors=OuterRef("pk"))))
            | Q(Exists(published.filter(events__roles__actor=OuterRef("pk"))))
        )
        .only("pk", "name", "slug")
        .order_by("name")
    )
    if name:
        countries = countries.filter(name__icontains=name)
        actors = actors.filter(name__icontains=name)
    country_page = paginate(request, countries, param="countries_page", per_page=FEEDS_PER_PAGE)
    actor_page = paginate(request, actors, param="actors_page", per_page=FEEDS_PER_PAGE)

    def address(name, *, personal=True, **kwargs):
        if token and personal:
            name, kwargs = f"{name}-personal", {**kwargs, "token": token}
        return request.build_absolute_uri(reverse(f"briefings:{name}", kwargs=kwargs or None))

    context = {
        "name": name,
        "all_briefings": address("feed-briefings"),
        # Country trends carry no marking: one feed for everyone.
        "trends": address("trend-feed", personal=False),
        "personal": bool(token),
        "country_page": country_page,
        "countries": [
            {
                "country": c,
                "label": f"{c.name} ({c.briefing_count} briefing{'' if c.briefing_count == 1 else 's'})",
                "feed": address("feed-country", slug=c.slug),
            }
            for c in country_page.object_list
        ],
        "actor_page": actor_page,
        "actors": [{"actor": a, "feed": address("feed-actor", slug=a.slug)} for a in actor_page.object_list],
    }
    return render(request, "briefings/follow.html", context)
