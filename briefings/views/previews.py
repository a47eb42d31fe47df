"""A briefing not yet published, as readers will see it: the staff preview (from the admin,
`admin/briefings.py`) and a share link's page for a reviewer without an account, each also
as a PDF. Both render the readers' page (`briefing_page_context(..., preview=True)`) with a
"Preview — not published" banner; neither is ever cached, nor indexed."""

from axes.helpers import get_client_ip_address
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control

from .. import services
from ..models import Briefing
from ..pdf import pdf_response
from .briefings import briefing_page_context


def preview_headers(response):
    """What every preview answers with: no cache anywhere keeps it, no search engine lists it."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def preview_response(request, briefing: Briefing, *, pdf: bool = False, pdf_url: str = ""):
    """The preview of `briefing` (its current draft), as a page or as a PDF."""
    context = briefing_page_context(request, Briefing.objects.filter(pk=briefing.pk), preview=True)
    context["pdf_url"] = pdf_url
    if pdf:
        return preview_headers(pdf_response(request, context))
    return preview_headers(render(request, "briefings/briefing_detail.html", context))


def _open(request, token: str, what: str):
    try:
        return services.share_link_open(token=token, ip_address=get_client_ip_address(request), what=what)
    except services.ShareLinkInvalid as error:
        raise Http404(str(error)) from error


def share_page(request, token):
    """A share link's page: the briefing's current draft, read-only."""
    link = _open(request, token, "page")
    return preview_response(request, link.briefing, pdf_url=services.share_link_url(link, pdf=True))


def share_pdf(request, token):
    """A share link's PDF."""
    link = _open(request, token, "pdf")
    return preview_response(request, link.briefing, pdf=True)
