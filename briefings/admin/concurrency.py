"""No lost edits in the admin: the version check on every change form, the conflict page,
and who else has the page open.

The change form carries the version it was loaded at (`edit_version`, hidden). Saving
checks it twice: in the form's `clean()`, so that a stale form is answered with the
conflict page and nothing is written, and in the write itself (`VersionedModel.save`, a
conditional UPDATE), which closes the gap between the two. The conflict page is the
change form again, filled with the analyst's own input and now pointing at the current
version, with a table above it setting each differing field's value against the stored
one, who stored it and when. Saving from there is a deliberate choice, field by field.
"""

from django import forms
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format

from ..models import VersionConflict, is_versioned
from ..services.history import last_save
from .merge import VERSION_FIELD, merge_post

MISSING_VERSION = (
    "This form came without the version it was opened at, so it cannot tell whether "
    "someone else has saved since. Nothing was saved: reload the page and make your "
    "changes again."
)
STALE_VERSION = (
    "Someone else saved this {name} while you were editing it. Nothing of yours has been "
    "saved yet, and your input is still in the form below: compare it with theirs, keep "
    "or take each value, then save again."
)


def versioned_form(form_class: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """The admin's form for an existing row, with the version it was loaded at."""

    class VersionCheckedForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields[VERSION_FIELD] = forms.CharField(required=False, widget=forms.HiddenInput)
            # A string, as posted: else the field would count as changed on every save.
            self.initial[VERSION_FIELD] = str(self.instance.version)
            self.version_seen: int | None = None
            self.version_conflict = False

        def clean(self):
            cleaned = super().clean()
            raw = (self.data.get(self.add_prefix(VERSION_FIELD)) or "").strip()
            seen = int(raw) if raw.isdecimal() else 0
            if seen < 1:
                self.add_error(None, ValidationError(MISSING_VERSION, code="version_missing"))
                return cleaned
            self.version_seen = seen
            if seen != self.instance.version:
                self.version_conflict = True
                name = self.instance._meta.verbose_name
                self.add_error(
                    None, ValidationError(STALE_VERSION.format(name=name), code="version_conflict")
                )
            return cleaned

    VersionCheckedForm.__name__ = form_class.__name__
    VersionCheckedForm.__qualname__ = form_class.__qualname__
    return VersionCheckedForm


ROW_CHANGED = (
    "Someone else saved this {name} while you were editing the page: it now reads “{current}”. "
    "Nothing was saved. Take their text or keep yours, then save again."
)


def versioned_row_form(form_class: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """An inline row's form that carries the version its row was loaded at, and refuses a
    save over a row someone has saved since (the conditional UPDATE closes the gap)."""

    class VersionCheckedRowForm(form_class):
        edit_version = forms.CharField(required=False, widget=forms.HiddenInput)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.instance.pk is not None:
                self.initial[VERSION_FIELD] = str(self.instance.version)

        def has_changed(self):
            return bool(set(self.changed_data) - {VERSION_FIELD})

        def clean(self):
            cleaned = super().clean()
            if self.instance.pk is None or not self.has_changed():
                return cleaned
            raw = (self.data.get(self.add_prefix(VERSION_FIELD)) or "").strip()
            seen = int(raw) if raw.isdecimal() else 0
            stored = type(self.instance)._base_manager.filter(pk=self.instance.pk).first()
            if seen < 1:
                self.add_error(None, ValidationError(MISSING_VERSION, code="version_missing"))
            elif stored is not None and stored.version != seen:
                self.add_error(
                    None,
                    ValidationError(
                        ROW_CHANGED.format(name=self.instance._meta.verbose_name, current=stored),
                        code="version_conflict",
                    ),
                )
                # Shown again, the row now saves over the stored version.
                self.data = self.data.copy()
                self.data[self.add_prefix(VERSION_FIELD)] = str(stored.version)
            else:
                self.instance.expect_version(seen)
            return cleaned

    VersionCheckedRowForm.__name__ = form_class.__name__
    VersionCheckedRowForm.__qualname__ = form_class.__qualname__
    return VersionCheckedRowForm


class VersionCheckedInlineMixin:
    """Inline rows of a versioned model carry the version check too: each row posts, in a
    hidden field, the version it was loaded at."""

    def get_formset(self, request, obj=None, **kwargs):
        if is_versioned(self.model):
            kwargs.setdefault("form", versioned_row_form(self.form))
        return super().get_formset(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if is_versioned(self.model) and VERSION_FIELD not in fields:
            fields.append(VERSION_FIELD)
        return fields


class VersionCheckAdminMixin:
    """The version check, the conflict page and presence for a versioned model's admin.
    On a model without a version it does nothing but run bulk actions in a transaction."""

    conflict_template = "admin/briefings/conflict.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or obj.pk is None or not is_versioned(self.model):
            return form
        return versioned_form(form)

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)
        seen = getattr(form, "version_seen", None)
        if change and seen is not None:
            # Whatever save_model does next, its first save of this row is checked.
            obj.expect_version(seen)
        return obj

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if (
            request.method == "POST"
            and object_id
            and "_saveasnew" not in request.POST
            and is_versioned(self.model)
            and self.get_object(request, unquote(object_id)) is None
            and self.has_change_permission(request)
        ):
            return self.deleted_while_editing(request, object_id)
        if request.method == "POST" and object_id and is_versioned(self.model):
            self.merge_stale_post(request, object_id)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except VersionConflict:
            # Someone saved between this request's check and its write. The view's
            # transaction has rolled back; asked again, the form sees the new version and
            # answers with the conflict page.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def merge_stale_post(self, request, object_id) -> None:
        """A form saved from an older version is merged three ways with the stored one
        before the admin reads it (`admin.merge`): what only one person changed is kept
        without asking; what both changed is left for the conflict page."""
        seen = (request.POST.get(VERSION_FIELD) or "").strip()
        obj = self.get_object(request, unquote(object_id))
        if (
            obj is None
            or not seen.isdecimal()
            or int(seen) == obj.version
            or not self.has_change_permission(request, obj)
        ):
            return
        merge = merge_post(model_admin=self, request=request, obj=obj, seen=int(seen))
        if merge is None:
            return
        request.POST = merge.data
        request.version_merge = merge
        if merge.is_clean:
            parts = []
            if merge.taken:
                parts.append(f"their changes to {_listed(merge.taken)}")
            if merge.kept:
                parts.append(f"yours to {_listed(merge.kept)}")
            saved = last_save(obj)
            self.message_user(
                request,
                f"{saved.who} saved this {obj._meta.verbose_name} while you were editing; both "
                f"edits are kept ({' and '.join(parts) or 'nothing overlapped'}).",
            )

    def deleted_while_editing(self, request, object_id):
        """Someone deleted the object while this analyst edited it: nothing can be saved,
        but their input is shown back to them (Django would only say it does not exist)."""
        form = self.get_form(request, None)(request.POST)
        form.is_valid()
        yours = []
        for name, field in form.fields.items():
            if name == VERSION_FIELD or not form[name].data:
                continue
            yours.append({"label": field.label or name, "value": readable(field, _their_value(form, name))})
        opts = self.model._meta
        recoverlist = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_recoverlist"
        try:
            recover_url = reverse(recoverlist)
        except NoReverseMatch:
            recover_url = None
        context = {
            **self.admin_site.each_context(request),
            "title": f"This {opts.verbose_name} was deleted while you were editing it",
            "opts": opts,
            "yours": yours,
            "recover_url": recover_url,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/briefings/deleted_while_editing.html", context, status=409)

    def response_action(self, request, queryset):
        # A bulk action changes all the rows it was given or none of them.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().response_action(request, queryset)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form if "adminform" in context else None
        conflict = None
        if change and obj is not None and form is not None and VERSION_FIELD in form.fields:
            opts = self.model._meta
            context["presence_url"] = reverse(
                "curation:presence", args=[opts.app_label, opts.model_name, quote(obj.pk)]
            )
            if getattr(form, "version_conflict", False):
                current = self.model._default_manager.get(pk=obj.pk)
                merge = getattr(request, "version_merge", None)
                conflict = conflict_context(
                    form, context.get("inline_admin_formsets", []), current, merge=merge
                )
                # Saving from the conflict page is made from the current version.
                form.data = form.data.copy()
                form.data[form.add_prefix(VERSION_FIELD)] = str(current.version)
            context["version_field"] = form[VERSION_FIELD]
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if conflict is not None:
            response.context_data.update(conflict)
            response.context_data["conflict_base"] = select_template(response.template_name)
            response.template_name = [self.conflict_template]
        return response


# --- The conflict page --------------------------------------------------------------


EMPTY = "—"


def readable(form_field, value) -> str:
    """A field's value as the analyst would say it: names, not ids; labels, not codes."""
    if value is None or value == "" or value == [] or value == ():
        return EMPTY
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (models.QuerySet, list, tuple, set)):
        items = [readable(form_field, item) for item in value]
        return "; ".join(sorted(items)) or EMPTY
    if isinstance(form_field, forms.ModelChoiceField):
        # A raw id from a form that did not validate: look the row up.
        found = form_field.queryset.filter(pk=value).first() if str(value).isdecimal() else None
        return str(found) if found is not None else str(value)
    choices = getattr(form_field, "choices", None)
    if choices and not isinstance(form_field, forms.ModelChoiceField):
        labels = {}
        for key, label in choices:
            if isinstance(label, (list, tuple)):
                labels.update({str(k): v for k, v in label})
            else:
                labels[str(key)] = label
        if str(value) in labels:
            return str(labels[str(value)])
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j F Y, H:i")
    if hasattr(value, "isoformat") and hasattr(value, "day"):
        return date_format(value, "j F Y")
    return str(value)


def _stored_value(current, name: str):
    try:
        model_field = current._meta.get_field(name)
    except Exception:
        return getattr(current, name, None)
    if model_field.many_to_many:
        return list(getattr(current, name).all())
    if model_field.is_relation:
        return getattr(current, name)
    return getattr(current, model_field.attname)


def _their_value(form, name: str):
    cleaned = getattr(form, "cleaned_data", {})
    if name in cleaned:
        return cleaned[name]
    bound = form[name]
    if isinstance(bound.field, forms.ModelMultipleChoiceField):
        return list(bound.field.queryset.filter(pk__in=[v for v in bound.data or [] if str(v).isdecimal()]))
    return bound.data


SIMPLE_WIDGETS = (forms.TextInput, forms.Textarea, forms.Select, forms.NumberInput, forms.DateInput)


def conflict_context(form, inline_admin_formsets, current, *, merge=None) -> dict:
    """What the conflict page shows: each field both people changed (after a three-way
    `merge`; without one, each field whose submitted value differs from the stored one),
    side by side with who made the other change, and the same for inline rows."""

    current_form = type(form)(instance=current)
    rows = []
    for name in form.fields:
        if name == VERSION_FIELD:
            continue
        field = form.fields[name]
        if getattr(field, "disabled", False):
            continue
        if merge is not None and name not in merge.conflicts:
            continue
        stored_initial = current_form[name].initial
        if not field.has_changed(stored_initial, form[name].data):
            continue
        theirs = readable(field, _their_value(form, name))
        stored = readable(field, _stored_value(current, name))
        if theirs == stored:
            continue
        widget = field.widget
        inner = getattr(widget, "widget", widget)  # the admin wraps some widgets
        takeable = isinstance(inner, SIMPLE_WIDGETS) and not isinstance(inner, forms.SelectMultiple)
        rows.append(
            {
                "name": name,
                "label": field.label or name,
                "yours": theirs,
                "current": stored,
                "target_id": form[name].id_for_label,
                "take_value": inner.format_value(current_form[name].value()) if takeable else None,
                "takeable": takeable,
                "by": merge.conflicts.get(name, "") if merge is not None else "",
            }
        )
    inline_rows = list(merge.inline_conflicts) if merge is not None else []
    for inline_admin_formset in inline_admin_formsets if merge is None else []:
        formset = inline_admin_formset.formset
        yours = []
        for inline_form in formset.forms:
            if formset.can_delete and formset._should_delete_form(inline_form):
                continue
            # A row they loaded (it may have been deleted since), or one they added in full;
            # not an empty or unfinished extra row, whose own errors show below.
            loaded = bool(inline_form.data.get(inline_form.add_prefix(formset.model._meta.pk.name)))
            if not (loaded or (inline_form.has_changed() and inline_form.is_valid())):
                continue
            yours.append(str(inline_form.instance) if _complete(inline_form) else "(an unfinished row)")
        stored = [str(row) for row in formset.queryset.all()]
        if yours != stored:
            inline_rows.append(
                {
                    "label": inline_admin_formset.opts.verbose_name_plural,
                    "yours": yours,
                    "current": stored,
                }
            )
    saved = last_save(current)
    return {
        "conflict": True,
        "conflict_rows": rows,
        "conflict_inline_rows": inline_rows,
        "conflict_saved_by": saved.who,
        "conflict_saved_at": saved.at,
        "conflict_comment": saved.comment,
        "conflict_version": current.version,
        "conflict_seen_version": form.version_seen,
        "conflict_merged": merge is not None,
        "conflict_taken": list(dict.fromkeys(merge.taken)) if merge is not None else [],
        "title": f"Conflict: {current._meta.verbose_name} “{current}” was saved by {saved.who}",
    }


def _listed(labels: list[str]) -> str:
    labels = list(dict.fromkeys(labels))
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _complete(inline_form) -> bool:
    try:
        str(inline_form.instance)
    except Exception:
        return False
    return True
