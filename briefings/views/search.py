"""The search page: ranked results with highlighted snippets, filters and pages."""

from django.core.paginator import Paginator
from django.shortcuts import render

from ..search.forms import SearchForm
from ..search.query import SearchFilters, search_documents
from ..search.results import build_results
from ..search.text import RESULTS_PER_PAGE


def search_page(request):
    """The search page: ranked results with highlighted snippets, filters, pages."""
    form = SearchForm(request.GET or None)
    values = form.valid_values() if form.is_bound else {}
    query = values.pop("q", "")
    filters = SearchFilters(**values)
    searched = bool(query or filters.any)
    page = results = None
    if searched:
        documents, terms = search_documents(query, filters)
        page = Paginator(documents, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        results = build_results(page.object_list, terms)
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
            "results": results,
            "page_query": params.urlencode(),
        },
    )
