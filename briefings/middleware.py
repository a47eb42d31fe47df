"""Middleware of the desk's own."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger("briefings.database")


class DatabaseUnavailableMiddleware:
    """While the database is down (restarted, unreachable), every page answers 503 with a
    plain explanation and a Retry-After, instead of a server error; Django drops the broken
    connection at the end of the request, so the next one reconnects by itself once the
    database is back, without restarting a worker."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable: %s", exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
