"""How the desk writes moments in lists and messages, the same wherever they appear."""

from django.utils import timezone


def short_date(moment) -> str:
    """“25 Sep 2020”: enough for a list, where the time would crowd out the title."""
    if moment is None:
        return "—"
    moment = timezone.localtime(moment)
    return f"{moment.day} {moment:%b %Y}"


def short_datetime(moment) -> str:
    """“25 Sep 2020, 09:00 UTC”: a scheduled time needs its hour and zone."""
    moment = timezone.localtime(moment)
    return f"{moment.day} {moment:%b %Y, %H:%M %Z}"


def long_datetime(moment) -> str:
    """“25 September 2020, 09:00 UTC”: a publication time, with its zone, on a form."""
    moment = timezone.localtime(moment)
    return f"{moment.day} {moment:%B %Y, %H:%M %Z}"
