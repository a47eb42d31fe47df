"""Pages of the API's lists, counted only as far as they need be.

A list's `count` is exact up to `COUNT_CAP` rows; past it the list says `count_exact:
false` and `count` is a lower bound. Counting every published row of a wide list (events
with their visibility rule) took 15–250 ms at 100,000 events whatever page was asked for;
this count stops at the cap (`SELECT COUNT(*) FROM (… LIMIT cap + 1)`, unordered), or at the
requested page, whichever is further, so `next` is always right. Page numbers stay, so
addresses clients already hold keep working.
"""

from functools import cached_property

from django.core.paginator import Paginator
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

# Rows counted exactly before a list says "at least this many".
COUNT_CAP = 1000
# The highest page number counted to; any further page is past the end.
MAX_PAGE = 1_000_000


class CappedCountPaginator(Paginator):
    """A Paginator that counts at most `reach` + 1 rows: enough to know whether a page
    after the one asked for exists."""

    def __init__(self, object_list, per_page, *, reach: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.reach = reach

    @cached_property
    def counted(self) -> int:
        rows = self.object_list
        if hasattr(rows, "order_by"):
            rows = rows.order_by()  # the count needs no order; sorting every row would cost more
        return rows[: self.reach + 1].count() if hasattr(rows, "count") else len(rows[: self.reach + 1])

    @cached_property
    def count(self) -> int:
        return self.counted

    @property
    def exact(self) -> bool:
        return self.counted <= self.reach

    @property
    def shown_count(self) -> int:
        """The count as the response gives it: exact, or the lower bound `reach`."""
        return min(self.counted, self.reach)


def page_reach(requested, *, per_page: int, cap: int) -> int:
    """How far a list counts for the page asked for (`requested`, as the address gives it):
    `cap` rows, or to that page's last row if further, so that the page shown and the next
    one exist. A page number that is no number is the first page (refused or shown by the
    paginator itself); one far past any desk's rows counts no further than `MAX_PAGE`
    pages (and is then a 404): the count's LIMIT must stay within the database's integers."""
    try:
        number = max(1, int(requested))
    except (TypeError, ValueError):
        number = 1
    return max(cap, min(number, MAX_PAGE) * per_page)


class Pagination(PageNumberPagination):
    """Pages of 20; `page=` with no number is the first page, and the schema says so."""

    page_size = 20
    # "last" would need the full count.
    last_page_strings = ()

    def paginate_queryset(self, queryset, request, view=None):
        requested = request.query_params.get(self.page_query_param)
        reach = page_reach(requested, per_page=self.page_size, cap=COUNT_CAP)
        self.django_paginator_class = lambda rows, size: CappedCountPaginator(rows, size, reach=reach)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        return Response(
            {
                "count": paginator.shown_count,
                "count_exact": paginator.exact,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["count", "count_exact", "results"]
        response["properties"]["count"]["description"] = (
            f"The number of rows, exact up to {COUNT_CAP} (or up to the page asked for); "
            "past it a lower bound (see count_exact)."
        )
        response["properties"]["count_exact"] = {
            "type": "boolean",
            "description": f"False when there are more than `count` rows (counting stopped at {COUNT_CAP}).",
        }
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["allowEmptyValue"] = True
        return parameters
