"""Bringing rows to the values the data gives them, writing only what differs: what makes a
second `load_demo` write nothing, and what lets it restore a row someone has changed."""

from django.db.models import Model


def _matches(instance: Model, values: dict) -> bool:
    """Whether the row already holds `values`; foreign keys are compared by id, without a query."""
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if field.many_to_one and name != field.attname:
            if getattr(instance, field.attname) != (value.pk if value is not None else None):
                return False
        elif getattr(instance, name) != value:
            return False
    return True


class RowSync:
    """Brings rows to the data's values, writing only what differs, and counts the writes."""

    def __init__(self):
        self.written = 0

    def row(self, model: type[Model], lookup: dict, values: dict) -> Model:
        instance = model._default_manager.filter(**lookup).order_by("pk").first()
        if instance is None:
            instance = model(**lookup)
        elif _matches(instance, values):
            return instance
        for name, value in values.items():
            setattr(instance, name, value)
        self.save(instance)
        return instance

    def rows_of(self, model: type[Model], parent: dict, wanted: list[dict], key: tuple[str, ...]) -> None:
        """Make `parent`'s rows of `model` exactly `wanted`, matched on the fields in `key`."""
        existing = {tuple(getattr(row, name) for name in key): row for row in model.objects.filter(**parent)}
        for values in wanted:
            row = existing.pop(tuple(values[name] for name in key), None)
            if row is None:
                row = model(**parent, **values)
            elif _matches(row, values):
                continue
            else:
                for name, value in values.items():
                    setattr(row, name, value)
            self.save(row)
        for row in existing.values():
            row.delete()
            self.written += 1

    def many(self, manager, objects) -> None:
        if set(manager.values_list("pk", flat=True)) != {obj.pk for obj in objects}:
            manager.set(objects)
            self.written += 1

    def delete(self, queryset) -> None:
        """Delete rows the data no longer has, one by one so each row's own delete runs."""
        for row in queryset:
            row.delete()
            self.written += 1

    def save(self, instance: Model) -> None:
        # The same validation as the admin's forms, so the demo obeys the analysts' rules.
        instance.full_clean()
        instance.save()
        self.written += 1
