"""The search page: ranked results with highlighted snippets, filters and pages."""

from django.core.paginator import Paginator
from django.shortcuts import render

from ..models import SearchDocument
from ..search.filters import SearchFilter
from ..search.query import search_documents
from ..search.results import build_results
from ..search.text import RESULTS_PER_PAGE
from ..services.readers import request_reader


def search_page(request):
    """The search page: ranked results with highlighted snippets, filters, pages."""
    search = SearchFilter(request.GET or None, queryset=SearchDocument.objects.all(), request=request)
    form = search.form
    query, searched, page, results = "", False, None, None
    if search.is_bound:
        documents = search.qs  # the documents a reader may see that the facets select
        query = form.cleaned_data.get("q", "")
        searched = bool(query or search.facets.any)
    if searched:
        documents, terms = search_documents(query, documents)
        page = Paginator(documents, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        results = build_results(page.object_list, terms, reader=request_reader(request))
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
