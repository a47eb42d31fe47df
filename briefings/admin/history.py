"""History in the admin: the list of an object's versions, a field-by-field comparison of
two, restoring one, and recovering deleted objects.

Built on django-reversion's VersionAdmin (which records a revision around every admin
save and bulk action, lists versions and deleted objects) and django-reversion-compare
(the comparison). Restoring and recovering are the desk's own views over
`history.version_restore` / `history.version_recover`: they go through the version check,
keep a briefing's place in the workflow, and are open to editors only.
"""

import reversion
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from reversion.errors import RevertError
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin
from reversion_compare.helpers import html_diff

from ..models import VersionConflict
from ..services import history


class HistoryAdmin(CompareVersionAdmin):
    """An admin whose objects keep their history (see `briefings.history`)."""

    # Django's own per-model lookup, so that a model's custom change list still applies;
    # the "recover deleted" link is added by templates/admin/change_list.html.
    change_list_template = None
    object_history_template = "admin/briefings/object_history.html"
    compare_template = "admin/briefings/compare.html"
    history_latest_first = True

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        self.compare_fields = self._compared_fields()

    def _compared_fields(self) -> list[str]:
        """What a comparison shows: the fields analysts edit and the rows that come with the
        object, not bookkeeping (counters, timestamps, rendered HTML)."""
        options = history.follow_options(self.model)
        skip = {*history.COMPARE_EXCLUDE, self.model._meta.pk.name}
        names = [name for name in options.fields if name not in skip]
        through = {
            f.name for f in self.model._meta.many_to_many if not f.remote_field.through._meta.auto_created
        }
        return [name for name in names if name not in through] + list(options.follow)

    def compare(self, obj, version1, version2):
        """Each field that differs between two versions, readably: text as a marked-up
        diff, choices by their labels, links and rows by their names. (reversion-compare's
        own walk reads related rows from the live database rather than from the versions,
        and skips countries, whose history is not kept.)"""
        return self.compare_diff(version1, version2, names=self.compare_fields), False

    def compare_diff(self, version1, version2, *, names) -> list[dict]:
        """`compare()`'s entries for the fields `names` only."""
        model = self.model
        data1, data2 = version1.field_dict, version2.field_dict
        follows = {f.name: f for f in history.HISTORY[model]["follow"]}
        diff = []
        for name in names:
            field = model._meta.get_field(name)
            if name in follows:
                rows1 = _row_names(version1, follows[name])
                rows2 = _row_names(version2, follows[name])
                if rows1 != rows2:
                    label = field.related_model._meta.verbose_name_plural
                    diff.append(_entry(label, _list_diff(rows1, rows2)))
            elif field.many_to_many:
                names1 = _names(field.related_model, data1.get(name) or [])
                names2 = _names(field.related_model, data2.get(name) or [])
                if names1 != names2:
                    diff.append(_entry(field.verbose_name, _list_diff(names1, names2)))
            else:
                value1, value2 = data1.get(field.attname), data2.get(field.attname)
                if value1 != value2:
                    text1, text2 = _text(field, value1), _text(field, value2)
                    diff.append(_entry(field.verbose_name, html_diff(text1, text2)))
        return diff

    def _admin_url(self, name: str, *args) -> str:
        opts = self.model._meta
        return reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{name}", args=args)

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        if history.user_may_restore(request.user):
            extra_context["recoverlist_url"] = self._admin_url("recoverlist")
        return super().changelist_view(request, extra_context)

    def response_action(self, request, queryset):
        # The list's actions write inside VersionAdmin's revision: name the action in it.
        action = self.get_actions(request).get(request.POST.get("action", ""))
        if action is not None and reversion.is_active() and not reversion.get_comment():
            reversion.set_comment(str(action[2]).replace("selected ", "").rstrip("…") + ".")
        return super().response_action(request, queryset)

    # --- Listing and comparing ----------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        versions = list(history.versions_of(obj))
        rows = [
            {
                "version": version,
                "number": history.version_number(version),
                "url": self._admin_url("revision", quote(obj.pk), version.pk),
                "current": index == 0,
            }
            for index, version in enumerate(versions)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"History of “{obj}”",
            "subtitle": None,
            "opts": self.model._meta,
            "app_label": self.model._meta.app_label,
            "object": obj,
            "rows": rows,
            "comparable": len(rows) > 1,
            "compare_url": self._admin_url("compare", quote(obj.pk)),
            "may_restore": history.user_may_restore(request.user),
            "recoverlist_url": self._admin_url("recoverlist"),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().compare_view(request, object_id, extra_context)

    # --- Restoring ----------------------------------------------------------------

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """One stored version: what restoring it would change, and (for editors) the button."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("It has been deleted: recover it from the deleted items.")
        version = get_object_or_404(history.versions_of(obj), pk=version_id)
        may_restore = history.user_may_restore(request.user) and self.has_change_permission(request, obj)
        if request.method == "POST":
            if not may_restore:
                raise PermissionDenied("Only editors may restore an old version.")
            expected = request.POST.get("expected_version", "")
            if not expected.isdecimal():
                messages.error(
                    request, "The page came without the version it was opened at: nothing restored."
                )
                return HttpResponseRedirect(request.path)
            try:
                report = history.version_restore(
                    version=version,
                    user=request.user,
                    expected_version=int(expected),
                    comment=request.POST.get("comment", ""),
                )
            except VersionConflict:
                messages.error(
                    request,
                    "Someone saved it since you opened this page, so nothing was restored. "
                    "Below is what restoring would change now; restore again if you still mean to.",
                )
                return HttpResponseRedirect(request.path)
            except (ValidationError, RevertError) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
                return HttpResponseRedirect(request.path)
            self._report(request, report, "Restored")
            return HttpResponseRedirect(self._admin_url("change", quote(obj.pk)))
        latest = history.versions_of(obj).first()
        diff = []
        if latest is not None and latest.pk != version.pk:
            # From what is stored now (deleted) to the version chosen (inserted).
            diff, _unfollowed = self.compare(obj, latest, version)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Version {history.version_number(version) or ''} of “{version.object_repr}”",
            "opts": self.model._meta,
            "app_label": self.model._meta.app_label,
            "object": obj,
            "version": version,
            "number": history.version_number(version),
            "is_current": latest is not None and latest.pk == version.pk,
            "compare_data": diff,
            "expected_version": obj.version,
            "may_restore": may_restore,
            "history_url": self._admin_url("history", quote(obj.pk)),
            "kept_fields": [
                capfirst(self.model._meta.get_field(name).verbose_name)
                for name in history.HISTORY[self.model]["keep"]
            ],
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/briefings/restore.html", context)

    # --- Recovering deleted objects ----------------------------------------------

    def recoverlist_view(self, request, extra_context=None):
        if not history.user_may_restore(request.user):
            raise PermissionDenied("Only editors may recover deleted records.")
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not (history.user_may_restore(request.user) and self.has_add_permission(request)):
            raise PermissionDenied("Only editors may recover deleted records.")
        version = get_object_or_404(history.deleted_versions(self.model), pk=version_id)
        if request.method == "POST":
            try:
                report = history.version_recover(
                    version=version, user=request.user, comment=request.POST.get("comment", "")
                )
            except (ValidationError, RevertError) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
                return HttpResponseRedirect(self._admin_url("recoverlist"))
            self._report(request, report, "Recovered")
            return HttpResponseRedirect(self._admin_url("change", quote(report.obj.pk)))
        stored = version._object_version
        follows = {f.name: f for f in history.HISTORY[self.model]["follow"]}
        fields = []
        for name in self.compare_fields:
            field = self.model._meta.get_field(name)
            if name in follows:
                label = field.related_model._meta.verbose_name_plural
                fields.append(
                    {"label": capfirst(label), "value": "\n".join(_row_names(version, follows[name]))}
                )
                continue
            if field.many_to_many:
                value = "; ".join(
                    str(o)
                    for o in field.related_model._base_manager.filter(pk__in=stored.m2m_data.get(name, []))
                )
            elif field.is_relation and not field.concrete:
                continue
            elif field.choices:
                value = dict(field.flatchoices).get(getattr(stored.object, field.attname), "")
            elif field.is_relation:
                value = str(getattr(stored.object, name, "") or "")
            else:
                value = getattr(stored.object, field.attname)
            fields.append({"label": capfirst(field.verbose_name), "value": value})
        context = {
            **self.admin_site.each_context(request),
            "title": f"Recover “{version.object_repr}”",
            "opts": self.model._meta,
            "app_label": self.model._meta.app_label,
            "version": version,
            "fields": fields,
            "recoverlist_url": self._admin_url("recoverlist"),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/briefings/recover.html", context)

    def _report(self, request, report, verb: str) -> None:
        message = f"{verb} “{report.obj}”: it is now version {report.obj.version}."
        if report.left_out:
            message += " Left out, as they no longer exist: " + "; ".join(report.left_out) + "."
            messages.warning(request, message)
        else:
            messages.success(request, message)


# --- Comparing two versions, readably ---------------------------------------------------


def _entry(label, html) -> dict:
    return {"label": capfirst(str(label)), "diff": html}


def _row_names(version: Version, follow) -> list[str]:
    """The rows that came with a version (its key judgments, aliases…), as they read then."""
    rows = history.child_versions(version, [follow]).get(follow.name, [])
    return sorted(row.object_repr for row in rows)


def _names(model, pks) -> list[str]:
    found = {str(o.pk): str(o) for o in model._base_manager.filter(pk__in=list(pks))}
    return sorted(found.get(str(pk), f"(deleted since, #{pk})") for pk in pks)


def _list_diff(before: list[str], after: list[str]):
    removed = [name for name in before if name not in after]
    added = [name for name in after if name not in before]
    kept = [name for name in after if name in before]
    items = [format_html("<li><del>{}</del> (removed)</li>", name) for name in removed]
    items += [format_html("<li><ins>{}</ins> (added)</li>", name) for name in added]
    items += [format_html("<li>{}</li>", name) for name in kept]
    # Safe for bandit's B308/B703: each item is built by format_html.
    return format_html('<ul class="compare-rows">{}</ul>', mark_safe("".join(items)))  # noqa: S308  # nosec B308 B703


def _text(field, value) -> str:
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        found = field.related_model._base_manager.filter(pk=value).first()
        return str(found) if found is not None else f"(deleted since, #{value})"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "hour"):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j F Y, H:i")
    if hasattr(value, "isoformat"):
        return date_format(value, "j F Y")
    return str(value)
