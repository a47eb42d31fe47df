"""Readers: who reads what (their `ReaderContext`, built once per request), their accounts,
and their personal feed addresses."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import ANONYMOUS, Organisation, ReaderContext, ReaderProfile, Tlp
from ..models.readers import new_feed_token


def reader_context(user) -> ReaderContext:
    """What `user` may read on the public site: their reader profile's clearance and
    organisation; anyone else (no account, staff without a reader profile, an inactive
    account) is the public, TLP:CLEAR."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    profile = ReaderProfile.objects.select_related("organisation__client_of").filter(user_id=user.pk).first()
    if profile is None:
        return ANONYMOUS
    return reader_context_of(profile)


def reader_context_of(profile: ReaderProfile) -> ReaderContext:
    """A reader profile (with its organisation loaded) as a `ReaderContext`."""
    organisation = profile.organisation
    client_of = organisation.client_of
    return ReaderContext(
        clearance=profile.clearance,
        user_id=profile.user_id,
        organisation_id=organisation.pk,
        client_of_id=client_of.pk if client_of else None,
        in_desk=organisation.is_desk,
        client_of_desk=bool(client_of and client_of.is_desk),
    )


def reader_for_feed_token(token: str) -> ReaderContext | None:
    """The reader whose personal feed address carries `token`, or None (revoked or unknown)."""
    if not token:
        return None
    profile = (
        ReaderProfile.objects.select_related("organisation__client_of", "user")
        .filter(feed_token=token, user__is_active=True)
        .first()
    )
    return reader_context_of(profile) if profile else None


def feed_token_revoke(*, profile: ReaderProfile) -> str:
    """Give a reader a new personal feed secret: every address with the old one stops working."""
    profile.feed_token = new_feed_token()
    profile.save(update_fields=["feed_token"])
    return profile.feed_token


def clearance_parse(value: str) -> str:
    """A clearance as typed ("amber", "AMBER+STRICT", "TLP:RED") as its stored value."""
    key = value.strip().lower().removeprefix("tlp:").replace("_", "+").replace(" ", "+")
    if key not in Tlp.values:
        raise ValidationError(
            f"Unknown clearance “{value}”: choose {', '.join(Tlp.values)}.", code="clearance"
        )
    return key


def reader_profile_save(*, user, organisation_name: str, clearance: str) -> ReaderProfile:
    """Make `user` a reader of `organisation_name` (created if new) at `clearance`; they lose
    any staff access, since readers never enter the admin."""
    clearance = clearance_parse(clearance)
    if not organisation_name.strip():
        raise ValidationError("A reader belongs to an organisation: name it.", code="organisation")
    with transaction.atomic():
        organisation, _ = Organisation.objects.get_or_create(name=organisation_name.strip())
        profile, _ = ReaderProfile.objects.update_or_create(
            user=user, defaults={"organisation": organisation, "clearance": clearance}
        )
        if user.is_staff or user.is_superuser:
            type(user).objects.filter(pk=user.pk).update(is_staff=False, is_superuser=False)
            user.is_staff = user.is_superuser = False
    return profile


def readers_of(organisation: Organisation):
    """The accounts reading for `organisation`."""
    return get_user_model().objects.filter(reader__organisation=organisation)


def request_reader(request) -> ReaderContext:
    """The reader behind `request`, worked out once per request: a signed-in reader's
    context (a session, or an API token authenticated by DRF), else the public."""
    cached = getattr(request, "_reader_context", None)
    if cached is None:
        cached = reader_context(getattr(request, "user", None))
        request._reader_context = cached
    return cached


def reader_api_token_reset(*, user) -> str:
    """Give a reader a new API token (DRF's token authentication): the old one stops working."""
    from rest_framework.authtoken.models import Token

    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        return Token.objects.create(user=user).key
