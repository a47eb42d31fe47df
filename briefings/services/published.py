"""What readers see changes only with an editor: the rule for everything a published
briefing shows (its judgments, their evidence, events, actors, excerpts, sources and
countries) and for published country trends.

An analyst's change to such material is refused, with the briefing that shows it named, in
the admin (its pages open read-only), in the curation pages and in the services behind
them. An editor's change is made and logged in the workflow history of every published
briefing that shows it, so the briefing's log says what changed after publication.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from ..models import (
    Briefing,
    BriefingTransition,
    PublicationStatus,
    PublishableModel,
    ShownByBriefingsQuerySet,
    Tlp,
)
from .workflow import user_is_editor


def briefings_showing(obj):
    """The published briefings whose pages show `obj` (for a briefing, itself if published)."""
    if isinstance(obj, Briefing):
        return Briefing.objects.published().filter(pk=obj.pk)
    queryset = type(obj)._default_manager.all()
    if obj.pk is None or not isinstance(queryset, ShownByBriefingsQuerySet):
        return Briefing.objects.none()
    shown = Q()
    for path in queryset.briefing_paths:
        shown |= Q(**{path: obj.pk})
    return Briefing.objects.published().filter(pk__in=Briefing.objects.filter(shown).values("pk"))


def material_is_public(obj) -> bool:
    """Whether readers see `obj` now."""
    if isinstance(obj, PublishableModel):
        return obj.is_public
    return briefings_showing(obj).exists()


def material_may_change(*, user, obj) -> bool:
    """Whether `user` may change `obj` as far as publication goes: anyone whose role lets
    them change its kind, unless readers see it; then only an editor. `user=None` is the
    desk itself (a command)."""
    if user is None or obj is None or getattr(obj, "pk", None) is None:
        return True
    return user_is_editor(user) or not material_is_public(obj)


def material_check_change(*, user, obj) -> None:
    """Refuse, naming where readers see it, a change `user` may not make to `obj`."""
    if material_may_change(user=user, obj=obj):
        return
    raise PermissionDenied(material_refusal(obj))


def material_refusal(obj) -> str:
    """Why an analyst may not change `obj`, in words."""
    name = obj._meta.verbose_name
    if isinstance(obj, PublishableModel):
        return f"This {name} is published: only an editor may change it."
    titles = [f"“{title}”" for title in briefings_showing(obj).values_list("title", flat=True)[:3]]
    where = ", ".join(titles) if titles else "a published briefing"
    return (
        f"This {name} is shown on {where}, which readers see: only an editor may change it. "
        "Ask an editor, or propose the change in a comment on the briefing."
    )


def marking_change_note(*, old: str, new: str) -> str:
    """How a re-marking reads in a briefing's log."""
    return f"re-marked from {Tlp(old).label} to {Tlp(new).label}"


def material_remark(*, obj, user, marking: str) -> None:
    """Change the TLP marking of a judgment, event, source or excerpt as `user`: refused to an
    analyst once readers see it; an editor's re-marking is logged on every published
    briefing showing it. A re-marking above a briefing hides the item from that briefing's
    readers until the briefing is marked to match (`ShownByBriefingsQuerySet.visible_to`)."""
    material_check_change(user=user, obj=obj)
    old, new = obj.marking, Tlp(marking).value
    if old == new:
        return
    obj.marking = new
    obj.save()
    published_change_log(obj=obj, user=user, what=marking_change_note(old=old, new=new))


def published_change_log(*, obj, user, what: str = "") -> int:
    """Log an editor's change to material readers see in the workflow history of every
    published briefing that shows it; returns how many briefings were told."""
    if isinstance(obj, Briefing | PublishableModel):
        return 0
    name = obj._meta.verbose_name
    note = f"Revised after publication: {name} “{obj}”" + (f" ({what})" if what else "") + "."
    briefings = list(briefings_showing(obj))
    BriefingTransition.objects.bulk_create(
        BriefingTransition(
            briefing=briefing,
            user=user,
            from_status=PublicationStatus.PUBLISHED,
            to_status=PublicationStatus.PUBLISHED,
            comment=note,
        )
        for briefing in briefings
    )
    return len(briefings)
