"""The search page: ranked results grouped by briefing, with highlighted snippets, filters and pages."""

from django.shortcuts import render

from ..models import SearchDocument
from ..search.filters import SearchFilter
from ..search.query import search_documents
from ..search.results import search_results_page
from ..services.readers import request_reader


def search_page(request):
    """The search page: results grouped by briefing, best first, with highlighted snippets, filters, pages."""
    search = SearchFilter(request.GET or None, queryset=SearchDocument.objects.all(), request=request)
    form = search.form
    query, searched, page, total, capped = "", False, None, 0, False
    if search.is_bound:
        documents = search.qs  # the documents a reader may see that the facets select
        query = form.cleaned_data.get("q", "")
        searched = bool(query or search.facets.any)
    if searched:
        documents, terms, capped = search_documents(query, documents, filters=search.facets)
        page, total = search_results_page(
            documents, terms, request.GET.get("page"), reader=request_reader(request)
        )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "briefings/search.html",
        {
            "form": form,
            "query": query,
            "searched": searched,
            "page": page,
            "groups": page.object_list if page else None,
            # Every result on the page in the order shown, the briefings' own among them.
            "results": [r for group in page.object_list for r in group.all_results] if page else None,
            "total": total,
            # More matched than were ranked (and counted): "1,000+", not a number it cannot know.
            "total_label": f"{total:,}+" if capped else f"{total:,}",
            "page_query": params.urlencode(),
        },
    )
