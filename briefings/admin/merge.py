"""A change form saved from an older version, merged three ways.

Against the version the form was opened at (read from the history), a field only one
person changed is kept as they left it, without asking; only a field both changed, to
different values, is put to the person saving. Many-to-many choices merge item by item:
what either person added is added, what either removed is removed. Inline rows (key
judgments, actors in an event, aliases, excerpts) merge row by row the same way: a row
only the other person changed or deleted is taken as they left it, a row only this person
changed is kept, a row both changed is put to them.

The merge rewrites the posted data before the admin builds its forms, so what is saved,
or shown again on the conflict page, already holds both people's edits.
"""

from dataclasses import dataclass, field

from django import forms
from django.http import QueryDict

from ..models import display_name
from ..services.history import HISTORY, child_versions, version_at, versions_of

# The posted version: one name for the change form and the conflict page.
VERSION_FIELD = "edit_version"


@dataclass
class Merge:
    """What merging a stale form did."""

    data: QueryDict
    conflicts: dict[str, str] = field(default_factory=dict)  # field name → who changed it too
    inline_conflicts: list[dict] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # labels of this person's changes kept
    taken: list[str] = field(default_factory=list)  # labels of the other's changes taken

    @property
    def is_clean(self) -> bool:
        return not self.conflicts and not self.inline_conflicts


def merge_post(*, model_admin, request, obj, seen: int) -> Merge | None:
    """Merge `request.POST`, made from version `seen` of `obj`, with `obj` as stored now.
    None when the history does not hold version `seen`: the page then puts every
    difference to the person saving, as a two-way comparison must."""
    base = version_at(obj, seen)
    if base is None:
        return None
    form_class = model_admin.get_form(request, obj, change=True)
    merge = Merge(data=request.POST.copy())
    _merge_fields(merge, form_class(merge.data, request.FILES, instance=obj), obj, base)
    _merge_inlines(merge, model_admin, request, obj, base)
    if merge.is_clean:
        merge.data[VERSION_FIELD] = str(obj.version)
    return merge


# --- The form's own fields -----------------------------------------------------------


def _merge_fields(merge: Merge, form, current, base) -> None:
    stored = base._local_field_dict
    current_initial = type(form)(instance=current).initial
    for name, form_field in form.fields.items():
        if name == VERSION_FIELD or form_field.disabled:
            continue
        model_field = _model_field(current, name)
        if model_field is None or model_field.attname not in stored:
            continue
        label = str(form_field.label or name)
        base_value = stored[model_field.attname]
        theirs = current_initial.get(name)
        if model_field.many_to_many:
            _merge_choices(merge, form, name, label, base_value, theirs)
            continue
        mine_data = form[name].data
        mine_changed = form_field.has_changed(base_value, mine_data)
        theirs_changed = form_field.has_changed(base_value, as_data(form_field, theirs))
        if theirs_changed and not mine_changed:
            write(merge.data, form.add_prefix(name), form_field, theirs)
            merge.taken.append(label)
        elif mine_changed and theirs_changed and form_field.has_changed(theirs, mine_data):
            merge.conflicts[name] = changed_by(current, base, model_field.attname)
        elif mine_changed:
            merge.kept.append(label)


def _merge_choices(merge: Merge, form, name: str, label: str, base_value, theirs) -> None:
    base_set = {str(pk) for pk in base_value or []}
    mine = {str(pk) for pk in form[name].data or []}
    theirs_set = {str(pk) for pk in form.fields[name].prepare_value(theirs) or []}
    merged = (
        (base_set | (mine - base_set) | (theirs_set - base_set)) - (base_set - mine) - (base_set - theirs_set)
    )
    if theirs_set != base_set:
        merge.taken.append(label)
    if mine != base_set:
        merge.kept.append(label)
    merge.data.setlist(form.add_prefix(name), sorted(merged, key=lambda pk: (len(pk), pk)))


def _model_field(instance, name: str):
    try:
        model_field = instance._meta.get_field(name)
    except Exception:
        return None
    return model_field if getattr(model_field, "concrete", False) or model_field.many_to_many else None


def as_data(form_field, value):
    """A stored value as a form posts it, for comparison with what was posted."""
    prepared = form_field.prepare_value(value)
    if isinstance(prepared, list | tuple):
        return [str(item) for item in prepared]
    return prepared


def write(data: QueryDict, key: str, form_field, value) -> None:
    """Put a stored value into posted data, as its widget would have posted it."""
    widget = getattr(form_field.widget, "widget", form_field.widget)  # the admin wraps some widgets
    prepared = form_field.prepare_value(value)
    if isinstance(widget, forms.MultiWidget):
        for suffix, sub_widget, part in zip(
            widget.widgets_names, widget.widgets, widget.decompress(prepared), strict=False
        ):
            formatted = sub_widget.format_value(part)
            data[f"{key}{suffix}"] = "" if formatted is None else str(formatted)
    elif isinstance(widget, forms.CheckboxInput):
        if prepared:
            data[key] = "on"
        else:
            data.pop(key, None)
    elif getattr(widget, "allow_multiple_selected", False):
        data.setlist(key, [str(item) for item in prepared or []])
    else:
        formatted = widget.format_value(prepared)
        if isinstance(formatted, list | tuple):
            formatted = formatted[0] if formatted else ""
        data[key] = "" if formatted is None else str(formatted)


def changed_by(current, base, attname: str) -> str:
    """Who last changed `attname` after the version `base`: the saver of the newest version
    whose value differs from the one before it."""
    newer = [v for v in versions_of(current) if v.pk > base.pk]
    previous = base
    who = ""
    for version in reversed(newer):
        if version._local_field_dict.get(attname) != previous._local_field_dict.get(attname):
            user = version.revision.user
            who = display_name(user) if user else "someone outside the admin"
        previous = version
    return who or "someone"


# --- Inline rows ---------------------------------------------------------------------


def _merge_inlines(merge: Merge, model_admin, request, obj, base) -> None:
    follows = {follow.name for follow in HISTORY.get(type(obj), {}).get("follow", [])}
    stored_children = child_versions(base, HISTORY.get(type(obj), {}).get("follow", []))
    prefixes: dict[str, int] = {}
    for formset_class, inline in model_admin.get_formsets_with_inlines(request, obj):
        prefix = formset_class.get_default_prefix()
        prefixes[prefix] = prefixes.get(prefix, 0) + 1
        if prefixes[prefix] != 1 or not prefix:
            prefix = f"{prefix}-{prefixes[prefix]}"
        accessor = formset_class.fk.remote_field.get_accessor_name()
        if accessor not in follows or f"{prefix}-TOTAL_FORMS" not in merge.data:
            continue
        base_rows = {str(v.object_id): v._local_field_dict for v in stored_children.get(accessor, [])}
        current_rows = {str(row.pk): row for row in getattr(obj, accessor).all()}
        _merge_rows(merge, formset_class, inline, prefix, base_rows, current_rows)


def _merge_rows(merge: Merge, formset_class, inline, prefix: str, base_rows, current_rows) -> None:
    data = merge.data
    model = formset_class.model
    pk_name, fk_name = model._meta.pk.name, formset_class.fk.name
    row_fields = {
        name: form_field
        for name, form_field in formset_class.form.base_fields.items()
        if name not in (pk_name, fk_name, VERSION_FIELD) and not form_field.disabled
    }
    total = _count(data, f"{prefix}-TOTAL_FORMS")
    initial = _count(data, f"{prefix}-INITIAL_FORMS")
    kept_rows, new_rows = [], []
    label = str(inline.verbose_name_plural or model._meta.verbose_name_plural)
    for index in range(total):
        row = _row(data, prefix, index)
        if index >= initial:
            new_rows.append(row)
            continue
        pk = (row.get(pk_name) or [""])[0]
        base_row, current_row = base_rows.get(pk), current_rows.get(pk)
        if base_row is None:
            if current_row is None and not row.get("DELETE", [""])[0]:
                # Gone since, and the history cannot tell whether this person changed it:
                # offered back as a new row, for them to keep or drop.
                row[pk_name] = [""]
                new_rows.insert(0, row)
                merge.inline_conflicts.append(
                    {"label": label, "yours": [_describe(row_fields, row)], "current": ["(deleted)"]}
                )
            elif current_row is not None:
                kept_rows.append(row)
                # Not in the history: a row that differs from the stored one is put to the
                # person saving, as a two-way comparison must.
                deleting = bool(row.get("DELETE", [""])[0])
                if deleting or any(
                    form_field.has_changed(_stored(current_row, name), _posted(form_field, row, name))
                    for name, form_field in row_fields.items()
                ):
                    merge.inline_conflicts.append(
                        {
                            "label": label,
                            "yours": ["(deleted)" if deleting else _describe(row_fields, row)],
                            "current": [str(current_row)],
                        }
                    )
            continue
        deleting = bool(row.get("DELETE", [""])[0])
        mine_changed = deleting or any(
            form_field.has_changed(base_row.get(_attname(model, name)), _posted(form_field, row, name))
            for name, form_field in row_fields.items()
        )
        theirs_changed = current_row is None or any(
            form_field.has_changed(
                base_row.get(_attname(model, name)), as_data(form_field, _stored(current_row, name))
            )
            for name, form_field in row_fields.items()
        )
        if not mine_changed:
            if current_row is not None:
                for name, form_field in row_fields.items():
                    row[name] = _as_list(form_field, _stored(current_row, name))
                if VERSION_FIELD in row and hasattr(current_row, "version"):
                    row[VERSION_FIELD] = [str(current_row.version)]
                kept_rows.append(row)
                if theirs_changed:
                    merge.taken.append(label)
            elif theirs_changed:
                merge.taken.append(label)  # they deleted it: it stays deleted
            continue
        if not theirs_changed:
            kept_rows.append(row)
            merge.kept.append(label)
            continue
        if current_row is None:
            if not deleting:
                # They deleted the row this person edited: it is offered back, as a new row.
                row[pk_name] = [""]
                new_rows.insert(0, row)
                merge.inline_conflicts.append(
                    {"label": label, "yours": [_describe(row_fields, row)], "current": ["(deleted)"]}
                )
            continue
        kept_rows.append(row)
        same = not deleting and not any(
            form_field.has_changed(_stored(current_row, name), _posted(form_field, row, name))
            for name, form_field in row_fields.items()
        )
        if not same:
            merge.inline_conflicts.append(
                {
                    "label": label,
                    "yours": ["(deleted)" if deleting else _describe(row_fields, row)],
                    "current": [str(current_row)],
                }
            )
    _rewrite(data, prefix, kept_rows, new_rows)


def _count(data: QueryDict, key: str) -> int:
    value = data.get(key, "0")
    return int(value) if str(value).isdecimal() else 0


# A field's initial value, where the page posts it too (`show_hidden_initial`).
INITIAL = "initial-"


def _row(data: QueryDict, prefix: str, index: int) -> dict[str, list[str]]:
    """A row's posted values by field name; its posted initial values as `initial-<name>`."""
    start = f"{prefix}-{index}-"
    row = {key[len(start) :]: data.getlist(key) for key in data if key.startswith(start)}
    hidden = INITIAL + start
    row.update({INITIAL + key[len(hidden) :]: data.getlist(key) for key in data if key.startswith(hidden)})
    return row


def _posted(form_field, row: dict, name: str):
    values = row.get(name, [])
    if getattr(form_field.widget, "allow_multiple_selected", False):
        return values
    return values[0] if values else None


def _attname(model, name: str) -> str:
    return model._meta.get_field(name).attname


def _stored(instance, name: str):
    model_field = instance._meta.get_field(name)
    return getattr(instance, model_field.attname)


def _as_list(form_field, value) -> list[str]:
    scratch = QueryDict(mutable=True)
    write(scratch, "value", form_field, value)
    return scratch.getlist("value")


def _describe(row_fields: dict, row: dict) -> str:
    parts = []
    for name, form_field in row_fields.items():
        value = _posted(form_field, row, name)
        if value in (None, "", []):
            continue
        if isinstance(form_field, forms.ModelChoiceField) and str(value).isdecimal():
            value = form_field.queryset.filter(pk=value).first() or value
        parts.append(str(value))
    return " · ".join(parts) or "(an empty row)"


def _rewrite(data: QueryDict, prefix: str, kept_rows: list[dict], new_rows: list[dict]) -> None:
    """Write the rows back, those with an id first, numbered from 0."""
    start = f"{prefix}-"
    for key in list(data):
        bare = key.removeprefix(INITIAL)
        if bare.startswith(start) and bare[len(start) :].split("-")[0].isdecimal():
            del data[key]
    for index, row in enumerate([*kept_rows, *new_rows]):
        for name, values in row.items():
            if name.startswith(INITIAL):
                data.setlist(f"{INITIAL}{prefix}-{index}-{name[len(INITIAL) :]}", values)
            else:
                data.setlist(f"{prefix}-{index}-{name}", values)
    data[f"{prefix}-TOTAL_FORMS"] = str(len(kept_rows) + len(new_rows))
    data[f"{prefix}-INITIAL_FORMS"] = str(len(kept_rows))
