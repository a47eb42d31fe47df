"""Template helpers for the public pages and the admin's own templates."""

import datetime
from xml.sax.saxutils import escape as xml_escape  # nosec B406 - escapes, parses nothing

from django import template
from django.conf import settings
from django.utils import timezone

from ..models import Tlp, people

register = template.Library()


@register.simple_tag
def site_name() -> str:
    """The site's name as readers see it (settings.BRIEFINGS_SITE_NAME)."""
    return settings.BRIEFINGS_SITE_NAME


@register.simple_tag
def sitemap_urls(urls) -> str:
    """The `<url>` entries of a sitemap page (`urls` from `Sitemap.get_urls`), as Django's
    own sitemap.xml writes them, in one pass with every value XML-escaped here: its template
    loop (and then `format_html` per element) took about a second for a page of 2,000
    addresses, most of it looking up the current time zone and escaping. The template
    that calls it turns autoescaping off for this output only."""
    zone = timezone.get_current_timezone()
    lines = []
    for url in urls:
        line = f"<url><loc>{xml_escape(url['location'])}</loc>"
        if lastmod := url["lastmod"]:
            if isinstance(lastmod, datetime.datetime) and timezone.is_aware(lastmod):
                lastmod = lastmod.astimezone(zone)
            line += f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>"
        if url["changefreq"]:
            line += f"<changefreq>{xml_escape(url['changefreq'])}</changefreq>"
        if url["priority"]:
            line += f"<priority>{xml_escape(str(url['priority']))}</priority>"
        lines.append(line + "</url>")
    return "\n".join(lines)


@register.simple_tag(takes_context=True)
def page_url(context, number, param="page", anchor=""):
    """The current address with page `number` of the list paginated by `param`, keeping
    the other lists' pages, and jumping to the list's section."""
    request = context["request"]
    params = request.GET.copy()
    if int(number) == 1:
        params.pop(param, None)
    else:
        params[param] = number
    query = params.urlencode()
    return f"{request.path}{'?' + query if query else ''}{'#' + anchor if anchor else ''}"


@register.filter
def iso_datetime(value) -> str:
    """An aware datetime in ISO 8601 to the second, as <time datetime> and Open Graph
    expect it (HTML allows at most three digits of fractions, Django's "c" gives six)."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def display_name(user, fallback: str = "") -> str:
    """A person as pages name them (`models.display_name`); `fallback` for no one."""
    return people.display_name(user) if user else fallback


# What each TLP 2.0 label tells a reader about sharing, in FIRST's words, shortened.
TLP_MEANINGS = {
    Tlp.CLEAR: "Disclosure is not limited.",
    Tlp.GREEN: "Limited disclosure: for the recipient's community, not the public.",
    Tlp.AMBER: "Limited disclosure: for the recipient's organisation and its clients who need to know.",
    Tlp.AMBER_STRICT: "Limited disclosure: for the recipient's organisation only.",
    Tlp.RED: "For the eyes and ears of the named recipients only.",
}


def _tlp(value) -> Tlp:
    """A marking given as its value ("amber+strict") or its label ("TLP:AMBER+STRICT")."""
    text = str(value or "").strip()
    for choice in Tlp:
        if text in (choice.value, choice.label):
            return choice
    raise ValueError(f"not a TLP 2.0 marking: {value!r}")


@register.filter
def tlp_label(value) -> str:
    """A marking as FIRST writes it: TLP:AMBER+STRICT."""
    return _tlp(value).label


@register.filter
def tlp_css(value) -> str:
    """A marking as a CSS class suffix: amber-strict."""
    return _tlp(value).value.replace("+", "-")


@register.filter
def tlp_meaning(value) -> str:
    """What a marking asks of whoever reads it."""
    return TLP_MEANINGS[_tlp(value)]
