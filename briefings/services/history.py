"""History: every saved state of the desk's material, and restoring one.

django-reversion keeps the versions (why it, rather than another library: see the README,
"No lost edits, and history").

Every model whose history is kept is registered here and nowhere else. Saves made inside a
revision (the admin's views, `revision()` in services and commands) are grouped there; a
save made outside any revision gets one of its own, so no write of the registered models
goes unrecorded.

Restoring (`version_restore`, `version_recover`) writes the old state back and then saves
the object the ordinary way, so that it is a new version with a new version number, its
derived fields (rendered Markdown, search text) are rebuilt, and the version check refuses
it when someone saved since the editor looked.
"""

import json
from contextlib import contextmanager
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_save
from django.utils import timezone
from reversion.errors import RevertError
from reversion.models import Version
from reversion.revisions import _get_options

from ..models import (
    OUTCOME_EVIDENCE,
    OUTCOME_FIELDS,
    Actor,
    ActorAlias,
    Assessment,
    Briefing,
    Country,
    CountryTrend,
    Event,
    EventActor,
    Excerpt,
    KeyJudgment,
    Region,
    Source,
    VersionConflict,
    display_name,
)
from .forecasts import estimate_fields_frozen

RESTORE_PERMISSION = "briefings.restore_version"


@dataclass(frozen=True)
class Follow:
    """Rows that belong to an object and come back with it."""

    name: str  # the reverse accessor, e.g. "judgment_links"
    # Rows added since the old version are removed on restore. Not for excerpts: an
    # excerpt added since may be the evidence of an event or judgment.
    remove_newer: bool = True


# What each model's history holds. `keep` lists the fields a restore leaves as they are:
# a briefing's place in the workflow (restoring an old text must not unpublish it; status
# changes go through the workflow) and an assessment's recorded outcome (written by editors
# on its own page). Derived fields are rebuilt on save, so they are not stored.
HISTORY: dict[type[models.Model], dict] = {
    Briefing: {
        "follow": [Follow("judgment_links")],
        "exclude": ["body_html"],
        "keep": ["status", "published_at", "scheduled_for"],
    },
    Assessment: {
        "follow": [],
        "exclude": ["rationale_html"],
        "keep": [*OUTCOME_FIELDS, *OUTCOME_EVIDENCE],
    },
    Event: {"follow": [Follow("roles")], "exclude": [], "keep": []},
    Actor: {"follow": [Follow("aliases")], "exclude": [], "keep": []},
    Source: {"follow": [Follow("excerpts", remove_newer=False)], "exclude": [], "keep": []},
    Excerpt: {"follow": [], "exclude": [], "keep": []},
    # Trends move through the workflow like briefings: a restore leaves that alone.
    CountryTrend: {"follow": [], "exclude": [], "keep": ["status", "published_at", "recorded_by"]},
    Country: {"follow": [], "exclude": [], "keep": []},
    Region: {"follow": [], "exclude": [], "keep": []},
}
# Rows kept only as part of their parent's versions.
FOLLOWED = [KeyJudgment, EventActor, ActorAlias]

# Fields a comparison of two versions leaves out: bookkeeping, not content.
COMPARE_EXCLUDE = ["version", "created_at", "updated_at", "body_html", "rationale_html", "search_vector"]


def history_register() -> None:
    """Register the models whose history is kept, and leave a version of every save made
    outside a revision. Called once, from `BriefingsConfig.ready()`."""
    # Natural keys for foreign keys (countries by ISO code, users by name) so that old
    # versions still point at the right rows after a dump and load into a new database.
    for model, options in HISTORY.items():
        if not reversion.is_registered(model):
            reversion.register(
                model,
                exclude=[name for name in options["exclude"] if _has_field(model, name)],
                follow=[f.name for f in options["follow"]],
                use_natural_foreign_keys=True,
            )
    for model in FOLLOWED:
        if not reversion.is_registered(model):
            reversion.register(model, use_natural_foreign_keys=True)
    for model in HISTORY:
        post_save.connect(
            _record_unrevisioned_save, sender=model, dispatch_uid=f"history-fallback-{model.__name__}"
        )


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:
        return False
    return True


@contextmanager
def revision(user=None, comment: str = ""):
    """Group the writes inside into one revision, by `user`, with `comment`. Inside a
    revision already (an admin view), the writes join it and the comment is added."""
    if reversion.is_active():
        if comment:
            existing = reversion.get_comment()
            reversion.set_comment(f"{existing} {comment}".strip() if existing else comment)
        if user is not None and reversion.get_user() is None:
            reversion.set_user(user)
        yield
        return
    with reversion.create_revision():
        if user is not None and getattr(user, "is_authenticated", False):
            reversion.set_user(user)
        reversion.set_comment(comment)
        yield


def _record_unrevisioned_save(sender, instance, created, raw, using, **kwargs):
    """A save outside any revision (a command, a shell, a service that did not open one)
    still leaves a version. Fixtures being loaded (raw) are restored data, not edits."""
    if raw or reversion.is_active():
        return
    with reversion.create_revision(using=None):
        reversion.set_comment("Added." if created else "Changed outside the admin.")
        reversion.add_to_revision(instance, model_db=using)


def _record_unrevisioned_links(sender, instance, action, reverse, model, pk_set, using, **kwargs):
    """Links added or removed outside any revision (accepting suggestions, a command) leave
    a version too, so that the history, and a merge that reads it, knows the object's state
    at every version number it had. Links set while a dump is loaded are not edits."""
    if action not in ("post_add", "post_remove", "post_clear") or reversion.is_active():
        return
    if getattr(instance, "_loaded_raw", False):
        return
    changed = (
        [instance] if not reverse else list(model._base_manager.using(using).filter(pk__in=pk_set or []))
    )
    changed = [obj for obj in changed if type(obj) in HISTORY]
    if not changed:
        return
    with reversion.create_revision(using=None):
        reversion.set_comment("Links changed outside the admin.")
        for obj in changed:
            reversion.add_to_revision(obj, model_db=using)


def history_links_connect() -> None:
    """Record links changed outside a revision (`_record_unrevisioned_links`). Called once,
    from `BriefingsConfig.ready()`, after the version counters are connected, so that the
    version recorded carries the raised number."""
    for model in HISTORY:
        for many in model._meta.local_many_to_many:
            through = many.remote_field.through
            m2m_changed.connect(
                _record_unrevisioned_links,
                sender=through,
                dispatch_uid=f"history-links-{through._meta.label}",
            )


# --- Reading ------------------------------------------------------------------------


def versions_of(obj) -> models.QuerySet:
    """An object's versions, newest first, with who saved each."""
    return Version.objects.get_for_object(obj).select_related("revision__user").order_by("-pk")


@dataclass
class LastSave:
    """Who saved an object last, and when, as far as the records tell."""

    user: object | None
    at: object | None
    comment: str = ""

    @property
    def who(self) -> str:
        if self.user is None:
            return "someone (outside the admin)"
        return display_name(self.user)


def last_save(obj) -> LastSave:
    """From the latest revision; failing that, the admin's log; failing that, updated_at."""
    version = versions_of(obj).first() if reversion.is_registered(type(obj)) else None
    if version is not None:
        rev = version.revision
        return LastSave(user=rev.user, at=rev.date_created, comment=rev.get_comment())
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        )
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    if entry is not None:
        return LastSave(user=entry.user, at=entry.action_time, comment=entry.get_change_message())
    return LastSave(user=None, at=getattr(obj, "updated_at", None))


def version_at(obj, number: int) -> Version | None:
    """The stored version of `obj` at version counter `number`, or, where the history has
    none at that number (a bulk update raises the counter without leaving a version), the
    latest before it; None when there is none at all or `number` is ahead of `obj`."""
    if not reversion.is_registered(type(obj)) or number > obj.version:
        return None
    for version in Version.objects.get_for_object(obj).order_by("-pk"):
        try:
            fields = json.loads(version.serialized_data)[0]["fields"]
        except (ValueError, KeyError, IndexError, TypeError):
            continue
        if isinstance(fields.get("version"), int) and fields["version"] <= number:
            return version
    return None


def version_number(version: Version) -> int | None:
    """The object's `version` counter as it stood in this stored version."""
    try:
        return version._local_field_dict.get("version")
    except RevertError:
        return None


# --- Restoring ----------------------------------------------------------------------


def user_may_restore(user) -> bool:
    return bool(user is not None and user.is_active and user.has_perm(RESTORE_PERMISSION))


@dataclass
class RestoreReport:
    """What a restore did, for the message the editor sees."""

    obj: models.Model
    left_out: list[str] = field(default_factory=list)


def version_restore(*, version: Version, user, expected_version: int, comment: str = "") -> RestoreReport:
    """Bring an object back to a stored version, with its key judgments or other rows.

    The object must still be at `expected_version` (what the editor saw when choosing to
    restore): else `VersionConflict`, and nothing is written. The restore is itself a new
    version. Fields in the model's `keep` list (a briefing's status) stay as they are.
    """
    if not user_may_restore(user):
        raise PermissionDenied("Only editors may restore an old version.")
    model = version._model
    if model not in HISTORY:
        raise ValidationError("This kind of record has no history to restore.")
    with transaction.atomic():
        current = model._base_manager.select_for_update().filter(pk=version.object_id).first()
        if current is None:
            raise ValidationError("It has been deleted since: recover it from the deleted items instead.")
        if current.version != expected_version:
            raise VersionConflict(current, expected_version)
        when = timezone.localtime(version.revision.date_created)
        note = f"Restored the version of {when.day} {when:%B %Y, %H:%M}."
        with revision(user, " ".join(filter(None, [note, comment.strip()]))):
            report = _write_back(version, current=current)
    return report


def version_recover(*, version: Version, user, comment: str = "") -> RestoreReport:
    """Bring back a deleted object, as it was last stored, with its rows."""
    if not user_may_restore(user):
        raise PermissionDenied("Only editors may recover a deleted record.")
    model = version._model
    if model not in HISTORY:
        raise ValidationError("This kind of record has no history to recover.")
    with transaction.atomic():
        if model._base_manager.filter(pk=version.object_id).exists():
            raise ValidationError("It has not been deleted: restore an old version from its history instead.")
        with revision(user, " ".join(filter(None, ["Recovered after deletion.", comment.strip()]))):
            report = _write_back(version, current=None)
    return report


def _write_back(version: Version, *, current) -> RestoreReport:
    model = version._model
    options = HISTORY[model]
    stored = _deserialize(version)
    obj = stored.object
    report = RestoreReport(obj=obj)
    if current is not None:
        # The counter continues from the current row; the old number is never reused.
        obj.version = current.version
        # A published forecast's estimate is never overwritten, by a restore either: a changed
        # estimate is a dated update (`services.forecasts`).
        for name in [*options["keep"], *estimate_fields_frozen(obj=current)]:
            field_ = model._meta.get_field(name)
            if field_.many_to_many:
                stored.m2m_data[name] = list(getattr(current, name).values_list("pk", flat=True))
            else:
                setattr(obj, field_.attname, getattr(current, field_.attname))
    _drop_missing_references(stored, report)
    children = child_versions(version, options["follow"])
    if current is not None:
        for follow in options["follow"]:
            if follow.remove_newer:
                old_ids = {str(v.object_id) for v in children.get(follow.name, [])}
                for row in getattr(current, follow.name).all():
                    if str(row.pk) not in old_ids:
                        row.delete()
    stored.save()
    for follow in options["follow"]:
        for child_version in children.get(follow.name, []):
            child = _deserialize(child_version)
            if _drop_missing_references(child, report, parent=obj):
                continue
            child.save()
    restored = model._base_manager.get(pk=obj.pk)
    restored.expect_version(restored.version)
    # The ordinary save: a new version number, derived fields rebuilt, and the revision
    # records the restored state with its rows.
    restored.save()
    report.obj = restored
    return report


def _deserialize(version: Version):
    try:
        # A fresh copy: the cached one may have been changed by an earlier attempt.
        return Version.objects.get(pk=version.pk)._object_version
    except RevertError:
        raise
    except Exception as error:  # a row it names by natural key is gone
        raise RevertError(f"“{version.object_repr}” cannot be read back: {error}") from error


def _drop_missing_references(stored, report: RestoreReport, *, parent=None) -> bool:
    """Leave out links to rows deleted since the version was stored. Returns True when
    the row itself cannot come back (a required link is gone)."""
    obj = stored.object
    for field_ in obj._meta.concrete_fields:
        if not field_.is_relation or field_.many_to_one is False and not field_.one_to_one:
            continue
        value = getattr(obj, field_.attname)
        if value is None or (parent is not None and field_.related_model is type(parent)):
            continue
        if field_.related_model._base_manager.filter(pk=value).exists():
            continue
        if field_.null:
            setattr(obj, field_.attname, None)
            report.left_out.append(f"{field_.verbose_name} of “{obj}” (deleted since)")
        else:
            report.left_out.append(f"“{obj}” (its {field_.verbose_name} has been deleted since)")
            return True
    for name, values in list(stored.m2m_data.items()):
        related = obj._meta.get_field(name).related_model
        existing = set(related._base_manager.filter(pk__in=values).values_list("pk", flat=True))
        if len(existing) < len(values):
            gone = len(values) - len(existing)
            report.left_out.append(f"{gone} of its {obj._meta.get_field(name).verbose_name} (deleted since)")
        stored.m2m_data[name] = [value for value in values if value in existing]
    return False


def child_versions(version: Version, follows: list[Follow]) -> dict[str, list[Version]]:
    """The stored rows of each followed relation, from the same revision as `version`."""
    model = version._model
    found: dict[str, list[Version]] = {}
    siblings = list(version.revision.version_set.exclude(pk=version.pk))
    for follow in follows:
        relation = model._meta.get_field(follow.name)
        child_model = relation.related_model
        fk_attname = relation.field.attname
        for sibling in siblings:
            if sibling._model is not child_model:
                continue
            if str(sibling._local_field_dict.get(fk_attname)) == str(version.object_id):
                found.setdefault(follow.name, []).append(sibling)
    return found


def deleted_versions(model) -> models.QuerySet:
    """The last stored version of each deleted object of `model`, newest first."""
    return Version.objects.get_deleted(model).select_related("revision__user").order_by("-pk")


def follow_options(model):
    """The reversion options of a registered model (fields kept, relations followed)."""
    return _get_options(model)
