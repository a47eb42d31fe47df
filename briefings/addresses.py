"""Addresses the desk stores and shows: one allowlist of schemes, here and nowhere else.

A source's address, a link in Markdown, an imported page's canonical address: whatever
path it arrives by, an address is kept, linked or exported only if `address_is_safe()`
says so. Browsers ignore spaces and control characters around a scheme, and read it in
any case, so both are taken away before the scheme is read.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

# Where a reader may be sent from a source's address.
WEB_SCHEMES = frozenset({"http", "https"})
# Where a link written in Markdown may lead.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def address_is_safe(value: str, *, schemes=WEB_SCHEMES) -> bool:
    """Whether `value` is an absolute address with one of `schemes` (and, on the web, a host)."""
    if not value or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    if parts.scheme.lower() not in schemes:
        return False
    return parts.scheme.lower() == "mailto" or bool(parts.netloc)


def safe_address(value: str, *, schemes=WEB_SCHEMES) -> str:
    """`value` if it is safe to link to, else the empty string."""
    return value.strip() if address_is_safe(value, schemes=schemes) else ""


def validate_web_address(value: str) -> None:
    """A form and model validator: only http and https addresses."""
    if value and not address_is_safe(value):
        raise ValidationError("Give an address that starts with http:// or https://.", code="scheme")
