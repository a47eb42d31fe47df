"""Optimistic concurrency: a version number on every editable row, so that nobody's edit
silently overwrites another's.

Each row carries `version`, raised by one on every write, whoever makes it: `save()` (the
admin, services, commands) and `QuerySet.update()` (bulk actions) alike. The admin sends
the version it showed with the form, and the save is a conditional
``UPDATE … SET version = version + 1 WHERE pk = … AND version = <the one shown>``: if
someone else saved in between, no row matches, nothing is written and `VersionConflict`
is raised. The check and the write are one statement, so it holds across app servers
and needs no lock held while the analyst types.

We keep these few lines rather than use django-concurrency: that library raises the
version only when the version column is among a save's `update_fields` (our services
save with `update_fields`), bumps nothing on `QuerySet.update()` unless database
triggers are installed (which then travel with every dump and restore), and its admin
mixin rewrites the changelist's selection checkboxes to "pk,version" and reports a
conflict as a bare "Record Modified" error. What the desk needs on top (the conflict
page with both versions side by side) would have been ours to write either way.
"""

from django.db import connections, models, router, transaction
from django.db.models import F


class VersionConflict(Exception):
    """Someone else saved the row since the version the writer started from."""

    def __init__(self, instance, expected: int | None):
        self.instance = instance
        self.expected = expected
        super().__init__(
            f"{type(instance)._meta.verbose_name} {instance.pk} changed since version {expected}."
        )


class VersionedQuerySet(models.QuerySet):
    """Bulk updates raise the version of every row they touch, so an open form sees them."""

    def update(self, **kwargs):
        kwargs.setdefault("version", F("version") + 1)
        return super().update(**kwargs)

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
        sql = f"UPDATE {table} SET {column} = {column} + 1 WHERE {pk_column} = %s"  # noqa: S608
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


def is_versioned(model) -> bool:
    return issubclass(model, VersionedModel)


def current_version(model, pk) -> int | None:
    """The stored version of a row, or None when the row is gone."""
    return model._base_manager.filter(pk=pk).values_list("version", flat=True).first()
