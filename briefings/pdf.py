"""A briefing as a print-ready PDF: the page's own template, laid out by WeasyPrint with the
print stylesheet (`static/css/print.css`), the marking at the top and bottom of every page and
page numbers (`@page` margin boxes), the charts as the vector SVG the page carries.

WeasyPrint is a layout engine, not a browser: no script runs, and the only files it may read
are the project's own static files (`static_only_fetcher`). Anything else the page names, a
source's address or another site's image, is refused, so rendering never reaches the network.
"""

import logging
import mimetypes
import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.text import slugify

# The base address the page's relative links resolve against; the fetcher knows no other.
BASE_URL = "https://briefing-desk.invalid/"

logger = logging.getLogger(__name__)
# WeasyPrint logs a warning for every screen-only property of the site's stylesheets it does
# not know (grid, clamp(), media features): dozens of lines per PDF that say nothing is
# wrong. Its errors still reach the log, and refused fetches are logged here.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


class FetchRefused(ValueError):
    """The PDF asked for a file that is not one of the project's static files."""


def static_file_path(url: str) -> str:
    """The file on disk behind one of the desk's static addresses; FetchRefused otherwise."""
    prefix = BASE_URL.rstrip("/") + static("")
    if not url.startswith(prefix):
        raise FetchRefused(f"Not a static file of the desk: {url}")
    name = url[len(prefix) :].split("?", 1)[0].split("#", 1)[0]
    if not name or ".." in name.split("/"):
        raise FetchRefused(f"Not a static file of the desk: {url}")
    path = finders.find(name)
    if not path and settings.STATIC_ROOT and staticfiles_storage.exists(name):
        # Hashed names (STATIC_MANIFEST): the collected copy.
        path = staticfiles_storage.path(name)
    if not path:
        raise FetchRefused(f"No such static file: {name}")
    return path


def static_only_fetcher():
    """WeasyPrint's URL fetcher for the desk: the project's static files, nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            try:
                path = static_file_path(url)
            except FetchRefused:
                logger.warning("PDF: refused to fetch %s", url)
                raise
            with open(path, "rb") as handle:
                body = handle.read()
            content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    return StaticOnlyFetcher(allowed_protocols=("https",))


CHARTS = re.compile(r'(<svg\b[^>]*\bclass="(?:timeline-chart|actor-map|likelihood-scale)"[^>]*>)')


def charts_styled(html: str) -> str:
    """The page with the charts' own styles inside each chart (`static/css/pdf-charts.css`)."""
    with open(finders.find("css/pdf-charts.css"), encoding="utf-8") as handle:
        # Without its comments: inside an SVG, a "<" in the text would open an element.
        style = "<style>" + re.sub(r"/\*.*?\*/", "", handle.read(), flags=re.DOTALL).strip() + "</style>"
    return CHARTS.sub(lambda match: match.group(1) + style, html)


def briefing_pdf_bytes(context: dict) -> bytes:
    """The PDF of the briefing page whose context (`briefing_page_context`) is given."""
    # Imported here: WeasyPrint loads Pango when imported, which only PDFs need.
    from weasyprint import HTML

    html = charts_styled(render_to_string("briefings/briefing_detail.html", {**context, "pdf": True}))
    return HTML(string=html, base_url=BASE_URL, url_fetcher=static_only_fetcher()).write_pdf()


def pdf_response(request, context: dict) -> HttpResponse:
    """The briefing's PDF as a download named after its address."""
    response = HttpResponse(briefing_pdf_bytes(context), content_type="application/pdf")
    filename = f"{slugify(context['briefing'].slug) or 'briefing'}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
