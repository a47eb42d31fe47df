"""Shared bases of the desk's models: a row that is versioned, one with a slug, and one
that readers see once it is published.

**Versioned.** Optimistic concurrency: a version number on every editable row, so that
nobody's edit silently overwrites another's.

Each row carries `version`, raised by one on every write, whoever makes it: `save()` (the
admin, services, commands) and `QuerySet.update()` (bulk actions) alike. The admin sends
the version it showed with the form, and the save is a conditional
``UPDATE … SET version = version + 1 WHERE pk = … AND version = <the one shown>``: if
someone else saved in between, no row matches, nothing is written and `VersionConflict`
is raised. The check and the write are one statement, so it holds across app servers
and needs no lock held while the analyst types.

Why these few lines rather than a library: see the README ("No lost edits").

**Published.** What readers see is defined once, by `PublishableQuerySet.published()`:
published, and its publication time reached. Briefings and country trends go through the
same workflow and share it. Every other row a reader may see is visible because a
published briefing shows it: `ShownByBriefingsQuerySet.published()` derives that from the
same definition, through the paths each model names, as EXISTS subqueries (no DISTINCT
over wide rows).

**Visible to a reader.** Who may read a published briefing is its TLP 2.0 marking, defined
once here too: `visible_to(reader)` narrows `published()` to what one reader (a
`ReaderContext`: clearance and organisation; `ANONYMOUS` for the public) may see, and
`ShownByBriefingsQuerySet.visible_to(reader)` derives the rows those briefings show, each
no more restricted than the briefing showing it. Every public page, feed, search, export
and API starts from it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import connections, models, router, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.text import slugify

from .choices import PublicationStatus, Tlp, tlp_at_or_below

# --- Versioned -----------------------------------------------------------------------


class VersionConflict(Exception):
    """Someone else saved the row since the version the writer started from."""

    def __init__(self, instance, expected: int | None):
        self.instance = instance
        self.expected = expected
        super().__init__(
            f"{type(instance)._meta.verbose_name} {instance.pk} changed since version {expected}."
        )


# Sent after a bulk write (`update()`, `bulk_update()`, `bulk_create()`), which sends no
# post_save: the public pages' cache listens (`briefings.cache`). Arguments: sender (the
# model), using, rows.
rows_updated = Signal()


class WriteSignallingQuerySet(models.QuerySet):
    """Bulk writes say so (`rows_updated`), as single saves do with post_save."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        if rows:
            rows_updated.send(sender=self.model, using=self.db, rows=rows)
        return rows

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            rows_updated.send(sender=self.model, using=self.db, rows=len(created))
        return created

    bulk_create.alters_data = True


class VersionedQuerySet(WriteSignallingQuerySet):
    """Bulk updates raise the version of every row they touch, so an open form sees them."""

    def update(self, **kwargs):
        kwargs.setdefault("version", F("version") + 1)
        return super().update(**kwargs)

    update.alters_data = True

    update.alters_data = True


class VersionedModel(models.Model):
    """A row whose every write raises `version`; a write from a stale version is refused."""

    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised by one on every save; a form saved from an older version is refused.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # `expect_version()` arms the check for the next save only.
        expected = self.__dict__.pop("_expected_version", None)
        writes = kwargs.get("update_fields") is None or len(kwargs["update_fields"]) > 0
        if self.pk is not None and not self._state.adding and writes:
            using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
            with transaction.atomic(using=using):
                self.version = claim_version(self, expected=expected, using=using)
                update_fields = kwargs.get("update_fields")
                if update_fields is not None and "version" not in update_fields:
                    kwargs["update_fields"] = [*update_fields, "version"]
                super().save(*args, **kwargs)
            return
        super().save(*args, **kwargs)

    def expect_version(self, version: int) -> None:
        """Refuse the next save unless the stored row is still at `version`."""
        self._expected_version = int(version)


def claim_version(instance: models.Model, *, expected: int | None, using: str) -> int:
    """Raise the stored row's version by one and return the new value; with `expected`,
    only if the row is still at that version (else `VersionConflict`).

    The UPDATE also locks the row until the transaction ends, so two writers cannot both
    claim the same version. Where the database can return columns from an UPDATE
    (PostgreSQL, SQLite 3.35+) it is one statement.
    """
    model = type(instance)
    connection = connections[using]
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field("version").column)
    pk_column = connection.ops.quote_name(model._meta.pk.column)
    pk_value = model._meta.pk.get_db_prep_value(instance.pk, connection)
    if connection.features.can_return_columns_from_insert:
        # Safe for bandit's B608: quoted identifiers, values as parameters.
        sql = f"UPDATE {table} SET {column} = {column} + 1 WHERE {pk_column} = %s"  # noqa: S608  # nosec B608
        params: list = [pk_value]
        if expected is not None:
            sql += f" AND {column} = %s"
            params.append(expected)
        with connection.cursor() as cursor:
            cursor.execute(sql + f" RETURNING {column}", params)
            row = cursor.fetchone()
        if row is None:
            if expected is not None:
                raise VersionConflict(instance, expected)
            # The row is gone or not yet there: let the ordinary save insert it.
            return instance.version or 1
        return row[0]
    rows = model._base_manager.using(using).filter(pk=instance.pk)
    if expected is not None:
        rows = rows.filter(version=expected)
    if not rows.update(version=F("version") + 1):
        if expected is not None:
            raise VersionConflict(instance, expected)
        return instance.version or 1
    return model._base_manager.using(using).filter(pk=instance.pk).values_list("version", flat=True).get()


def _many_changed(sender, instance, action, reverse, model, pk_set, using, **kwargs):
    """A link added or removed raises the version of the row whose form shows it, so that a
    form opened before cannot silently undo the change."""
    if action not in ("post_add", "post_remove", "post_clear") or getattr(instance, "_loaded_raw", False):
        return
    if not reverse:
        if isinstance(instance, VersionedModel) and instance.pk is not None:
            instance.version = claim_version(instance, expected=None, using=using)
    elif is_versioned(model) and pk_set:
        model._base_manager.using(using).filter(pk__in=pk_set).update(version=F("version") + 1)


def _saved(sender, instance, raw, **kwargs):
    # A row loaded from a dump gets its links set next: they restore, they do not change it.
    if raw:
        instance._loaded_raw = True


def version_bumps_connect(models_module) -> None:
    """Connect `_many_changed` to every many-to-many field of a versioned model. Called once,
    from `BriefingsConfig.ready()`."""
    for model in models_module:
        if not is_versioned(model):
            continue
        models.signals.post_save.connect(
            _saved, sender=model, dispatch_uid=f"version-raw-{model._meta.label}"
        )
        for field in model._meta.local_many_to_many:
            models.signals.m2m_changed.connect(
                _many_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"version-{field.remote_field.through._meta.label}",
            )


def is_versioned(model) -> bool:
    return issubclass(model, VersionedModel)


def current_version(model, pk) -> int | None:
    """The stored version of a row, or None when the row is gone."""
    return model._base_manager.filter(pk=pk).values_list("version", flat=True).first()


# --- Slugged -------------------------------------------------------------------------


def unique_slug(instance: models.Model, value: str, *, field: str = "slug", max_length: int = 80) -> str:
    """A slug from `value` not yet used by another row of the instance's model."""
    base = slugify(value)[:max_length].strip("-") or "item"
    candidate, n = base, 2
    manager = type(instance)._default_manager
    while manager.filter(**{field: candidate}).exclude(pk=instance.pk).exists():
        suffix = f"-{n}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return candidate


class SluggedModel(models.Model):
    """A row whose `slug` (its address on the site) is made from `slug_text()` on first save."""

    slug_max_length = 120

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.slug_text(), max_length=self.slug_max_length)
        super().save(*args, **kwargs)

    def slug_text(self) -> str:
        return str(self)


# --- Published -----------------------------------------------------------------------


def default_marking() -> str:
    """The desk-wide TLP marking new items start with (`BRIEFINGS_DEFAULT_TLP`)."""
    return Tlp(settings.BRIEFINGS_DEFAULT_TLP).value


def marking_field():
    """The TLP 2.0 marking of a briefing or of an item a briefing shows."""
    return models.CharField(
        "TLP marking",
        max_length=16,
        choices=Tlp.choices,
        default=default_marking,
        db_index=True,
        help_text=(
            "Who may read it (FIRST TLP 2.0): CLEAR anyone; GREEN cleared readers of the "
            "community; AMBER the recipient organisations and their clients; AMBER+STRICT "
            "the recipient organisations only; RED the readers named on the briefing. A "
            "briefing is never marked below what it shows."
        ),
    )


@dataclass(frozen=True)
class ReaderContext:
    """Who is reading, as far as TLP goes: their clearance and organisation. Built once per
    request by `services.readers.reader_context`; `ANONYMOUS` is the public."""

    clearance: str = Tlp.CLEAR
    user_id: int | None = None
    organisation_id: int | None = None
    # The organisation it is a client of, if any (TLP:AMBER reaches clients).
    client_of_id: int | None = None
    # Whether the organisation is the desk's own (every briefing's owner), or its client.
    in_desk: bool = False
    client_of_desk: bool = False

    @property
    def levels(self) -> list[str]:
        """The markings this reader's clearance reaches, before organisation and names."""
        return tlp_at_or_below(self.clearance)

    @property
    def variant(self) -> str:
        """The page cache's name for what this reader sees."""
        if self.user_id is None:
            return "public"
        return f"reader-{self.user_id}"


ANONYMOUS = ReaderContext()


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what readers see: published, and its publication time reached."""
        return self.filter(status=PublicationStatus.PUBLISHED, published_at__lte=timezone.now())

    def visible_to(self, reader: ReaderContext):
        """What `reader` may read of what is published. Rows without a marking (country
        trends) are the desk's public output: `published()`."""
        if "marking" not in {f.name for f in self.model._meta.concrete_fields}:
            return self.published()
        return self.published().filter(marking_visible_q(self.model, reader))


def marking_visible_q(briefing_model, reader: ReaderContext) -> Q:
    """The TLP 2.0 rule, the one place it is written: which briefings `reader` may read.

    - TLP:CLEAR: everyone, signed in or not.
    - TLP:GREEN: any reader cleared at GREEN or above.
    - TLP:AMBER: readers cleared at AMBER or above of the desk's own organisation, of an
      organisation the briefing names as a recipient, or of a client of either.
    - TLP:AMBER+STRICT: readers cleared at AMBER+STRICT or above of the desk's own
      organisation or of a named recipient organisation, not their clients.
    - TLP:RED: readers cleared at RED who are named on the briefing.
    """
    levels = reader.levels
    visible = Q(marking=Tlp.CLEAR)
    if Tlp.GREEN in levels:
        visible |= Q(marking=Tlp.GREEN)
    recipients = briefing_model.recipient_organisations.through.objects
    if Tlp.AMBER in levels and reader.organisation_id is not None:
        if reader.in_desk or reader.client_of_desk:
            visible |= Q(marking=Tlp.AMBER)
        else:
            ids = [i for i in (reader.organisation_id, reader.client_of_id) if i is not None]
            visible |= Q(marking=Tlp.AMBER) & Q(
                Exists(recipients.filter(briefing=OuterRef("pk"), organisation_id__in=ids))
            )
    if Tlp.AMBER_STRICT in levels and reader.organisation_id is not None:
        if reader.in_desk:
            visible |= Q(marking=Tlp.AMBER_STRICT)
        else:
            visible |= Q(marking=Tlp.AMBER_STRICT) & Q(
                Exists(recipients.filter(briefing=OuterRef("pk"), organisation_id=reader.organisation_id))
            )
    if Tlp.RED in levels and reader.user_id is not None:
        named = briefing_model.recipient_readers.through.objects
        visible |= Q(marking=Tlp.RED) & Q(
            Exists(named.filter(briefing=OuterRef("pk"), user_id=reader.user_id))
        )
    return visible


class PublishableModel(models.Model):
    """A row that goes through the review workflow (`status`, `published_at`)."""

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        """`published()` for one row already in memory."""
        return (
            self.status == PublicationStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class ShownByBriefingsQuerySet(VersionedQuerySet):
    """Rows a reader may see because a published briefing shows them."""

    # Lookups from Briefing to this model: each is a way a briefing's page shows the row.
    briefing_paths: tuple[str, ...] = ()

    def published(self):
        # Briefing by name: it is defined after the models it shows.
        briefing = self.model._meta.apps.get_model("briefings", "Briefing")
        return self.shown_by(briefing.objects.published())

    def visible_to(self, reader: ReaderContext):
        """The rows a briefing `reader` may read shows; a row with its own marking only
        through a briefing marked at least as restrictively (an item re-marked above every
        briefing showing it is seen by no reader until a briefing is marked to match)."""
        briefing = self.model._meta.apps.get_model("briefings", "Briefing")
        briefings = briefing.objects.visible_to(reader)
        if "marking" not in {f.name for f in self.model._meta.concrete_fields}:
            return self.shown_by(briefings)
        shown = Q()
        for level in reader.levels:
            at_level = briefings.filter(marking=level)
            for path in self.briefing_paths:
                shown |= Q(marking__in=tlp_at_or_below(level)) & Q(
                    Exists(at_level.filter(**{path: OuterRef("pk")}))
                )
        return self.filter(shown)

    def shown_by(self, briefings):
        """The rows one of `briefings` (a Briefing QuerySet) shows."""
        shown = Q()
        for path in self.briefing_paths:
            shown |= Q(Exists(briefings.filter(**{path: OuterRef("pk")})))
        return self.filter(shown)
