"""Curating from an article, in the admin: import a source, review its suggestions, accept
them in one step, and make excerpts by selecting text. Staff only; every write is a
service's (`services.sources`, `services.suggestions`)."""

import json
import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row, Submit
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.forms import formset_factory
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from ..addresses import safe_address
from ..extraction.suggest import KEEP_THRESHOLD
from ..extraction.text import MAX_INPUT_BYTES, UnreadableInput, read_article
from ..models import (
    Actor,
    ActorKind,
    ActorRole,
    Assessment,
    Country,
    Credibility,
    DatePrecision,
    EventKind,
    Likelihood,
    Reliability,
    Source,
    SuggestionKind,
)
from ..services.sources import excerpt_from_selection, source_already_imported, source_import
from ..services.suggestions import (
    ActorChoice,
    EventChoice,
    JudgmentChoice,
    Rejection,
    actor_ref_for,
    pending_suggestions,
    source_accepted,
    suggestion_key,
    suggestion_restore,
    suggestions_accept,
)

UPLOAD_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def _require(request, *perms: str):
    if not request.user.has_perms([f"briefings.{p}" for p in perms]):
        raise PermissionDenied


def _admin_context(request, **extra):
    return {**admin.site.each_context(request), "max_bytes": MAX_INPUT_BYTES, **extra}


# --- Import ------------------------------------------------------------------------------------


def _grade_choices(choices):
    # No grade is preselected: the analyst states one (a default would be a silent F or 6).
    return [("", "— choose —"), *choices]


class ImportForm(forms.Form):
    file = forms.FileField(
        required=False,
        help_text=f"A .txt, .md or .html file, up to {MAX_INPUT_BYTES // 1024 // 1024} MB. "
        "Web pages are reduced to their readable text; scripts and styles are dropped.",
    )
    text = forms.CharField(
        label="Or paste the text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    title = forms.CharField(max_length=300, required=False, help_text="Left empty, it is read from the file.")
    author = forms.CharField(max_length=200, required=False)
    publisher = forms.CharField(max_length=200, required=False)
    url = forms.URLField(label="Address", max_length=500, required=False, assume_scheme="https")
    published_on = forms.DateField(
        label="Date published",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Dates in the article without a year (“On August 18”) are read against it.",
    )
    reliability = forms.ChoiceField(
        label="Source reliability",
        choices=_grade_choices(Reliability.choices),
        required=False,
        help_text="From the source's track record; F when there is no basis to judge.",
    )
    excerpt_credibility = forms.TypedChoiceField(
        label="Credibility of its information",
        choices=_grade_choices(Credibility.choices),
        coerce=int,
        empty_value=None,
        required=False,
        help_text="The grade each excerpt from it starts with; grade an excerpt apart where it differs.",
    )
    import_again = forms.BooleanField(
        label="Import it again anyway, as a new source",
        required=False,
    )

    def __init__(self, *args, saving: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = None
        self.saving = saving
        self.duplicate: Source | None = None
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's form carries the token
        self.helper.layout = Layout(
            Fieldset("The article", "file", "text"),
            Fieldset(
                "About the source",
                "title",
                Row(Column("author"), Column("publisher")),
                Row(Column("url"), Column("published_on")),
                Row(Column("reliability"), Column("excerpt_credibility")),
            ),
            HTML('<div class="curation-actions">'),
            Submit("save", "Import and suggest"),
            Submit("read", "Read the file first", css_class="btn-secondary"),
            HTML("</div>"),
        )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if not upload.name.lower().endswith(UPLOAD_SUFFIXES):
            raise ValidationError("Upload a .txt, .md or .html file.")
        if upload.size > MAX_INPUT_BYTES:
            raise ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is "
                f"{MAX_INPUT_BYTES // 1024 // 1024} MB. Import the article's text alone."
            )
        return upload

    def clean(self):
        data = super().clean()
        if self.saving:
            # Asked for only when saving: reading the file first saves nothing.
            if not data.get("reliability"):
                self.add_error(
                    "reliability", "Choose how reliable the source is: A to F (F: no basis to judge)."
                )
            if data.get("excerpt_credibility") is None:
                self.add_error(
                    "excerpt_credibility",
                    "Choose how credible its information is: 1 to 6 (6: truth cannot be judged).",
                )
        upload, text = data.get("file"), (data.get("text") or "")
        if "file" in self.errors:
            return data
        if upload is None and not text.strip():
            self.add_error("text", "Upload a file or paste the article's text.")
            return data
        try:
            if upload is not None:
                self.article = read_article(upload.read(), filename=upload.name)
            else:
                self.article = read_article(text)
        except UnreadableInput as error:
            self.add_error("file" if upload is not None else "text", str(error))
            return data
        meta = self.article.metadata
        for name, value in (
            ("title", meta.title),
            ("author", meta.author),
            ("publisher", meta.publisher),
            ("url", safe_address(meta.url)),
            ("published_on", meta.published_on),
        ):
            if not data.get(name) and value:
                data[name] = value
        if not data.get("title"):
            self.add_error("title", "Give the source a title: the file does not state one.")
        if self.saving and not data.get("import_again"):
            self._flag_duplicate(data)
        return data

    def _flag_duplicate(self, data) -> None:
        """An article imported before is flagged beside the field that matched, with a link to
        the source it became; ticking "import it again" imports it anyway."""
        found, by = source_already_imported(text=self.article.text, url=data.get("url") or "")
        if found is None:
            return
        self.duplicate = found
        uploaded = bool(data.get("file"))
        read = {name: data.get(name) for name in ("title", "author", "publisher", "url", "published_on")}
        what = "This address" if by == "url" else "The same text"
        self.add_error(
            "url" if by == "url" else ("file" if uploaded else "text"),
            ValidationError(
                format_html(
                    '{} was imported before, as <a href="{}">{}</a> (<a href="{}">its suggestions</a>). '
                    "Open it there, or tick “Import it again anyway”.",
                    what,
                    reverse("admin:briefings_source_change", args=[found.pk]),
                    found.title,
                    reverse("curation:source-suggestions", args=[found.pk]),
                ),
                code="duplicate",
            ),
        )
        self.helper.layout.insert(2, Fieldset("Imported before", "import_again"))
        if uploaded:
            # A browser cannot send the file again: the page offers what was read instead.
            self.data = self.data.copy()
            self.data[self.add_prefix("text")] = self.article.text
            for name, value in read.items():
                if value and not self.data.get(self.add_prefix(name)):
                    self.data[self.add_prefix(name)] = str(value)


@staff_member_required
def import_article(request):
    """Paste or upload an article; save it as a Source and go to its suggestions."""
    _require(request, "add_source")
    try:
        post = request.POST if request.method == "POST" else None
    except RequestDataTooBig:
        form = ImportForm()
        messages.error(
            request,
            f"That text is too large to import; the limit is {MAX_INPUT_BYTES // 1024 // 1024} MB.",
        )
        return render(
            request,
            "admin/briefings/source/import.html",
            _admin_context(request, form=form, title="Import an article"),
        )
    if post is None:
        form = ImportForm()
    else:
        form = ImportForm(post, request.FILES, saving="read" not in post)
        if form.is_valid():
            if form.article.note:
                messages.warning(request, form.article.note)
            if "read" in post:
                # Show what was read, text included, for the analyst to check before saving.
                values = {k: form.cleaned_data.get(k) or "" for k in ("title", "author", "publisher", "url")}
                values["published_on"] = form.cleaned_data.get("published_on") or ""
                values["reliability"] = form.cleaned_data.get("reliability") or ""
                values["excerpt_credibility"] = form.cleaned_data.get("excerpt_credibility") or ""
                values["text"] = form.article.text
                form = ImportForm(initial=values)
                messages.info(request, "Read. Check the details below, then import.")
            else:
                data = form.cleaned_data
                source = source_import(
                    text=form.article.text,
                    title=data["title"],
                    author=data.get("author") or "",
                    publisher=data.get("publisher") or "",
                    url=data.get("url") or "",
                    published_on=data.get("published_on"),
                    reliability=data["reliability"],
                    excerpt_credibility=data["excerpt_credibility"],
                )
                messages.success(request, f"Imported “{source.title}”. Tick the suggestions to keep.")
                return redirect("curation:source-suggestions", pk=source.pk)
    return render(
        request,
        "admin/briefings/source/import.html",
        _admin_context(request, form=form, title="Import an article"),
    )


# --- Suggestions and accept --------------------------------------------------------------------


def _csv(values) -> str:
    return ";".join(values)


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


class _RowForm(forms.Form):
    """A row of the suggestions page: its widgets carry Bootstrap 5's classes, as
    crispy-bootstrap5 gives them on the import form, for the same stylesheet."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif not widget.is_hidden:
                widget.attrs.setdefault("class", "form-control")


class _SpanRowForm(_RowForm):
    """A row quoting the article from `start` to `end`: both within its text."""

    start = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, text_length: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.text_length = text_length

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        known = None not in (start, end, self.text_length)
        if known and not start < end <= self.text_length:
            raise ValidationError(
                f"Characters {start}–{end} are not a passage of the article "
                f"({self.text_length} characters): select the text again."
            )
        return data


class CountryRowForm(_RowForm):
    keep = forms.BooleanField(required=False, initial=True)
    iso2 = forms.CharField(widget=forms.HiddenInput, max_length=2)
    key = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)


class ActorRowForm(_SpanRowForm):
    keep = forms.BooleanField(required=False, initial=True)
    ref = forms.CharField(widget=forms.HiddenInput)
    key = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=ActorKind.choices)
    match = forms.CharField(required=False, widget=forms.Select)
    aliases = forms.CharField(required=False, max_length=600, help_text="Separated by semicolons.")
    role_title = forms.CharField(label="role or title", required=False, max_length=200)
    countries = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, match_choices=(), ref: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["match"].widget.choices = [("", "new actor"), *match_choices]
        self.row_ref = ref

    def clean_ref(self):
        # A row is known by its place in the list, whatever was posted: the events' actor
        # lists name it so.
        return self.row_ref or self.cleaned_data["ref"]

    def clean_match(self):
        value = self.cleaned_data.get("match") or ""
        if value and not value.isdecimal():
            raise ValidationError("Choose an actor from the list.")
        return int(value) if value else None


# How an event's actors are posted: one pair of inputs per actor, numbered,
# `events-N-actors-K-ref` (a row of the page, "row:3", or a desk actor, "actor:12" or its
# bare number from the autocomplete) and `events-N-actors-K-role` (a role, or "" to remove).
_SLOT = re.compile(r"^(?P<name>.+)-(?P<slot>\d+)-ref$")
REMOVED = ""


def actor_ref(value: str) -> str:
    """A posted actor reference in its one spelling: a desk actor's bare number is "actor:N"."""
    value = (value or "").strip()
    return f"actor:{value}" if value.isdecimal() else value


class EventActorsWidget(forms.Widget):
    """An event's actors with their roles: rendered by the template (a row per actor), read
    back as [(ref, role), …] in the order of their numbers."""

    def value_from_datadict(self, data, files, name):
        slots = []
        for key in data:
            match = _SLOT.match(key)
            if match and match["name"] == name:
                slot = int(match["slot"])
                slots.append(
                    (slot, actor_ref(data.get(key)), (data.get(f"{name}-{slot}-role") or "").strip())
                )
        return [(ref, role) for _, ref, role in sorted(slots) if ref]

    def value_omitted_from_data(self, data, files, name):
        return False


class EventActorsField(forms.Field):
    widget = EventActorsWidget

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)
        self.known: dict[str, str] = {}  # ref: label, set by the form

    def to_python(self, value):
        return list(value or [])

    def validate(self, value):
        for ref, role in value:
            if ref not in self.known:
                raise ValidationError(
                    f"“{ref}” is not an actor of this page or of the desk: choose one from the list."
                )
            if role not in (*ActorRole.values, REMOVED):
                raise ValidationError(
                    f"“{role}” is not a role in an event: choose initiator, target or participant."
                )

    def clean(self, value):
        value = super().clean(value)
        # Removed actors go; an actor named twice in one role is there once.
        return list(dict.fromkeys((ref, role) for ref, role in value if role != REMOVED))


class EventRowForm(_SpanRowForm):
    keep = forms.BooleanField(required=False, initial=True)
    key = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
    title = forms.CharField(max_length=300)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    precision = forms.ChoiceField(choices=DatePrecision.choices)
    kind = forms.ChoiceField(choices=EventKind.choices)
    country = forms.ChoiceField(required=False)
    place = forms.CharField(required=False, max_length=200)
    actors = EventActorsField()
    countries = forms.CharField(required=False, widget=forms.HiddenInput)  # as suggested

    role_choices = [*ActorRole.choices, (REMOVED, "not in this event")]

    def __init__(self, *args, country_choices=(), actor_labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "no country"), *country_choices]
        self.fields["actors"].known = actor_labels or {}

    def actor_slots(self) -> list[dict]:
        """The event's actors as the page lists them: each with its label and role."""
        value = self["actors"].value() if self.is_bound else self.initial.get("actors", [])
        known = self.fields["actors"].known
        return [
            {"slot": slot, "ref": ref, "role": role, "label": known.get(ref, ref), "known": ref in known}
            for slot, (ref, role) in enumerate(value or [])
        ]


class JudgmentRowForm(_RowForm):
    keep = forms.BooleanField(required=False, initial=False)
    key = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
    likelihood = forms.ChoiceField(choices=Likelihood.choices)
    start = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    actors = forms.CharField(required=False, widget=forms.HiddenInput)
    countries = forms.CharField(required=False, widget=forms.HiddenInput)


class _RowFormSet(forms.BaseFormSet):
    """Rows with the keyword arguments each needs. A row added on the page (from a
    selection of the article) is validated as any other: never skipped as "empty"."""

    def __init__(self, *args, row_kwargs=None, **kwargs):
        self.row_kwargs = row_kwargs or {}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), **self.row_kwargs}

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.empty_permitted = False
        form.use_required_attribute = False
        return form


class _ActorFormSet(_RowFormSet):
    def __init__(self, *args, match_choices=(), **kwargs):
        self.match_choices = list(match_choices)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None:
            kwargs["ref"] = f"row:{index}"
            if index < len(self.match_choices):
                kwargs["match_choices"] = self.match_choices[index]
        return kwargs


CountryFormSet = formset_factory(CountryRowForm, extra=0)
ActorFormSet = formset_factory(ActorRowForm, formset=_ActorFormSet, extra=0)
EventFormSet = formset_factory(EventRowForm, formset=_RowFormSet, extra=0)
JudgmentFormSet = formset_factory(JudgmentRowForm, extra=0)


def _proposed(pending, suggestion) -> dict:
    """A row's tick and key: ticked when the extractor is sure enough and the analyst has
    not rejected it before."""
    return {
        "keep": suggestion.confidence >= KEEP_THRESHOLD and not pending.is_rejected(suggestion),
        "key": suggestion_key(suggestion)[1],
    }


def _initial(pending):
    """The rows of the four lists, from the pending suggestions."""
    suggestions = pending.suggestions
    wanted = {i for a in suggestions.actors for i in [*a.candidates, a.existing] if i}
    names = dict(Actor.objects.filter(pk__in=wanted).values_list("pk", "name"))
    refs = {name: actor_ref_for(actor_id) for name, actor_id in pending.accepted.items()}
    actors, match_choices = [], []
    for number, actor in enumerate(suggestions.actors):
        ref = f"row:{number}"
        refs[actor.name] = ref
        sentence = suggestions.sentence_around(actor.mentions[0].start) or (
            actor.mentions[0].start,
            actor.mentions[0].end,
        )
        options = [a for a in [actor.existing, *actor.candidates] if a in names]
        match_choices.append([(str(i), names[i]) for i in dict.fromkeys(options)])
        actors.append(
            {
                **_proposed(pending, actor),
                "ref": ref,
                "name": actor.name,
                "kind": actor.kind,
                "match": str(actor.existing) if actor.existing else "",
                "aliases": "; ".join(actor.aliases),
                "role_title": actor.role_title,
                "countries": _csv(actor.countries),
                "start": sentence[0],
                "end": sentence[1],
            }
        )
    events = [
        {
            **_proposed(pending, event),
            "title": event.title,
            "date": event.day,
            "precision": event.precision,
            "kind": event.kind,
            "start": event.start,
            "end": event.end,
            "actors": [
                (refs[n], event.roles.get(n, ActorRole.PARTICIPANT)) for n in event.actors if n in refs
            ],
            "countries": _csv(event.countries),
            "country": event.countries[0] if event.countries else "",
            "place": "",
        }
        for event in suggestions.events
    ]
    judgments = [
        {
            **_proposed(pending, judgment),
            "likelihood": judgment.likelihood,
            "start": judgment.start,
            "end": judgment.end,
            "actors": _csv(refs[n] for n in judgment.actors if n in refs),
            "countries": _csv(judgment.countries),
        }
        for judgment in suggestions.judgments
    ]
    countries = [{**_proposed(pending, c), "iso2": c.iso2} for c in suggestions.countries]
    return countries, actors, match_choices, events, judgments


def _formsets(pending, text_length: int, data=None):
    countries, actors, match_choices, events, judgments = _initial(pending)
    spans = {"text_length": text_length}
    actor_formset = ActorFormSet(
        data, initial=actors, prefix="actors", match_choices=match_choices, row_kwargs=spans
    )
    return {
        "countries": CountryFormSet(data, initial=countries, prefix="countries"),
        "actors": actor_formset,
        "events": EventFormSet(
            data,
            initial=events,
            prefix="events",
            row_kwargs={
                **spans,
                "country_choices": list(Country.objects.order_by("name").values_list("iso2", "name")),
                "actor_labels": _actor_labels(pending, actor_formset, events, data),
            },
        ),
        "judgments": JudgmentFormSet(data, initial=judgments, prefix="judgments"),
    }


_POSTED_REF = re.compile(r"^events-\d+-actors-\d+-ref$")


def _actor_labels(pending, actor_formset, events, data) -> dict[str, str]:
    """Every actor an event of the page may name, by its ref: the page's rows (those added
    on the page too) and the desk's actors named by the page or the post (in one query)."""
    labels = {}
    for number, form in enumerate(actor_formset.forms):
        name = form.data.get(form.add_prefix("name")) if form.is_bound else form.initial.get("name")
        labels[f"row:{number}"] = str(name or f"actor {number + 1} of this page")
    wanted = set(pending.accepted.values())
    wanted |= {int(ref[6:]) for event in events for ref, _ in event["actors"] if ref.startswith("actor:")}
    for key in data or ():
        if _POSTED_REF.match(key):
            ref = actor_ref(data.get(key))
            if ref.startswith("actor:") and ref[6:].isdecimal():
                wanted.add(int(ref[6:]))
    for pk, name in Actor.objects.filter(pk__in=wanted).values_list("pk", "name"):
        labels[actor_ref_for(pk)] = name
    return labels


_HIGHLIGHT_ORDER = {"actor": 0, "country": 1, "date": 2, "judgment": 3}


def highlighted_text(text: str, pending) -> str:
    """The article as HTML, escaped, with each suggestion's words marked where they stand."""
    suggestions = pending.suggestions
    marks = []
    for number, actor in enumerate(suggestions.actors):
        marks += [(m.start, m.end, "actor", f"actor-{number}", actor.name) for m in actor.mentions]
    for country in suggestions.countries:
        marks += [
            (m.start, m.end, "country", f"country-{country.iso2}", country.name) for m in country.mentions
        ]
    for number, event in enumerate(suggestions.events):
        marks.append(
            (event.date_start, event.date_end, "date", f"event-{number}", f"{event.date} ({event.precision})")
        )
    for number, judgment in enumerate(suggestions.judgments):
        label = Likelihood(judgment.likelihood).label
        marks.append((judgment.cue_start, judgment.cue_end, "judgment", f"judgment-{number}", label))
    marks.sort(key=lambda m: (m[0], -(m[1] - m[0]), _HIGHLIGHT_ORDER[m[2]]))
    parts, cursor = [], 0
    body_end = suggestions.body_end or len(text)
    for start, end, kind, ref, label in marks:
        if start < cursor or end > len(text):
            continue
        parts.append(escape(text[cursor:start]))
        parts.append(
            f'<mark class="curation-hl curation-hl--{kind}" data-ref="{ref}" title="{escape(label)}">'
            f"{escape(text[start:end])}</mark>"
        )
        cursor = end
    if cursor < body_end:
        parts.append(escape(text[cursor:body_end]))
        cursor = body_end
    if cursor < len(text):
        parts.append(
            '<span class="curation-after" title="Read as the page’s furniture, not the article">'
            f"{escape(text[cursor:])}</span>"
        )
    # Safe for bandit's B308/B703: every piece of text above is escaped.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703


@staff_member_required
def source_suggestions(request, pk):
    """The article with its suggestions; POST accepts the ticked ones and keeps the unticked
    ones as rejected, or (with "restore") proposes a rejected one again."""
    _require(request, "view_source")
    source = get_object_or_404(Source, pk=pk)
    if not (source.full_text or "").strip():
        messages.error(request, "This source has no full text to read. Paste it on the source's page first.")
        return redirect("admin:briefings_source_change", source.pk)
    pending = pending_suggestions(source)
    if request.method == "POST" and "restore" in request.POST:
        _require(request, "add_actor", "add_event", "add_assessment", "add_excerpt")
        kind, _, key = request.POST["restore"].partition(":")
        if kind in SuggestionKind.values and suggestion_restore(source=source, kind=kind, key=key):
            messages.success(request, "Restored: the suggestion is proposed again.")
        return redirect("curation:source-suggestions", pk=source.pk)
    if request.method == "POST":
        _require(request, "add_actor", "add_event", "add_assessment", "add_excerpt")
        formsets = _formsets(pending, len(source.full_text), request.POST)
        if all(f.is_valid() for f in formsets.values()):
            try:
                result = _accept(source, formsets, pending, request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, f"Accepted: {result.summary}.")
                return redirect("curation:source-suggestions", pk=source.pk)
        else:
            messages.error(request, "Some rows need correcting; see the messages beside them.")
    else:
        formsets = _formsets(pending, len(source.full_text))
    suggestions = pending.suggestions

    def rows(name, items):
        # Rows added on the page (from a selection) have no suggestion behind them.
        forms_ = formsets[name].forms
        return [
            (form, item, item is not None and pending.is_rejected(item))
            for form, item in zip(forms_, [*items, *[None] * (len(forms_) - len(items))], strict=False)
        ]

    listed = {
        "countries": rows("countries", suggestions.countries),
        "actors": rows("actors", suggestions.actors),
        "events": rows("events", suggestions.events),
        "judgments": rows("judgments", suggestions.judgments),
    }
    picker = _desk_actor_picker()
    context = _admin_context(
        request,
        title=f"Suggestions from “{source.title}”",
        source=source,
        formsets=formsets,
        rows=listed,
        hidden=pending.hidden,
        accepted=source_accepted(source, pending),
        article_html=highlighted_text(source.full_text, pending),
        nothing_left=not any(rows for rows in listed.values()),
        all_rejected=all(rejected for rows in listed.values() for _, _, rejected in rows),
        read_up_to=pending.suggestions.read_up_to,
        keep_threshold=KEEP_THRESHOLD,
        base_date=source.published_on or source.created_at.date(),
        opts=Source._meta,
        # The article and the lists need the width the admin's sidebar would take.
        is_nav_sidebar_enabled=False,
        new_actor=formsets["actors"].empty_form,
        new_event=formsets["events"].empty_form,
        page_actors=[
            (ref, label)
            for ref, label in formsets["events"].row_kwargs["actor_labels"].items()
            if ref.startswith("row:")
        ],
        role_choices=EventRowForm.role_choices,
        desk_actor_picker=picker,
        desk_actor_html=picker.render(
            "__event__-actors-__slot__-ref", None, attrs={"id": "", "aria-label": "Desk actor"}
        ),
    )
    return render(request, "admin/briefings/source/suggestions.html", context)


def _desk_actor_picker() -> AutocompleteSelect:
    """The admin's own autocomplete over the desk's actors (its search rule, its limit), as
    the briefing and assessment forms use it."""
    field = forms.ModelChoiceField(
        queryset=Actor.objects.none(),
        widget=AutocompleteSelect(
            Assessment._meta.get_field("actors"), admin.site, attrs={"data-placeholder": "a desk actor…"}
        ),
    )
    return field.widget


def _accept(source, formsets, pending, user):
    """The ticked rows as choices and the unticked ones as rejections, for the service."""
    rejected: list[Rejection] = []
    kinds = {
        "countries": SuggestionKind.COUNTRY,
        "actors": SuggestionKind.ACTOR,
        "events": SuggestionKind.EVENT,
        "judgments": SuggestionKind.JUDGMENT,
    }

    def kept(name):
        kind, known = kinds[name], pending.keys(kinds[name])
        rows = []
        for form in formsets[name].forms:
            row = dict(form.cleaned_data)
            # A key the page did not offer (posted by hand, or from a stale page) names nothing.
            row["key"] = row.get("key") if row.get("key") in known else ""
            if row.get("keep"):
                rows.append(row)
            elif row["key"]:
                rejected.append(Rejection(kind=kind, key=row["key"], label=_label(name, row)))
        return rows

    def sentence(row) -> tuple[int, int]:
        # A row added from a selection quotes the sentence the selection is in.
        if row["key"]:
            return row["start"], row["end"]
        around = pending.suggestions.sentence_around(row["start"])
        return around if around and around[1] >= row["end"] else (row["start"], row["end"])

    unticked = {
        form.cleaned_data["iso2"] for form in formsets["countries"].forms if not form.cleaned_data["keep"]
    }
    countries = [row["iso2"] for row in kept("countries")]
    actors = [
        ActorChoice(
            ref=row["ref"],
            name=row["name"],
            kind=row["kind"],
            match=row["match"],
            start=sentence(row)[0],
            end=sentence(row)[1],
            aliases=_split(row["aliases"]),
            role_title=row["role_title"],
            countries=_split(row["countries"]),
            key=row["key"],
        )
        for row in kept("actors")
    ]
    events = [
        EventChoice(
            title=row["title"],
            date=row["date"],
            precision=row["precision"],
            kind=row["kind"],
            start=sentence(row)[0],
            end=sentence(row)[1],
            actors=row["actors"],
            countries=_split(row["countries"]),
            key=row["key"],
            place=row["place"],
            # A country unticked above is linked to nothing: the event takes the first of
            # its suggested countries that is ticked, as if none were set.
            country=None if row["country"] in unticked else row["country"],
        )
        for row in kept("events")
    ]
    judgments = [
        JudgmentChoice(
            likelihood=row["likelihood"],
            start=row["start"],
            end=row["end"],
            actors=_split(row["actors"]),
            countries=_split(row["countries"]),
            key=row["key"],
        )
        for row in kept("judgments")
    ]
    return suggestions_accept(
        source=source,
        countries=countries,
        actors=actors,
        events=events,
        judgments=judgments,
        rejected=rejected,
        user=user,
    )


def _label(name: str, row: dict) -> str:
    if name == "countries":
        return row.get("iso2", "")
    if name == "actors":
        return row.get("name", "")
    if name == "events":
        return f"{row.get('date')}: {row.get('title', '')}"
    return f"characters {row.get('start')}–{row.get('end')}"


# --- Make excerpt -------------------------------------------------------------------------------


@staff_member_required
@require_POST
def excerpt_create(request, pk):
    """Create an excerpt from a selection of the source's full text (JSON in, JSON out)."""
    _require(request, "add_excerpt")
    source = get_object_or_404(Source, pk=pk)
    try:
        payload = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        payload = request.POST
    if not hasattr(payload, "get"):
        return JsonResponse(
            {"error": 'Send the selection as an object: {"text": …, "start": …}.'}, status=400
        )
    try:
        start = int(payload.get("start")) if payload.get("start") not in (None, "") else None
    except (TypeError, ValueError):
        start = None
    try:
        excerpt, created = excerpt_from_selection(
            source=source, text=str(payload.get("text") or ""), start=start
        )
    except ValidationError as error:
        return JsonResponse({"error": error.messages[0]}, status=400)
    try:
        url = reverse("admin:briefings_excerpt_change", args=[excerpt.pk])
    except NoReverseMatch:
        url = ""
    return JsonResponse(
        {
            "id": excerpt.pk,
            "created": created,
            "start": excerpt.start,
            "end": excerpt.end,
            "text": excerpt.text,
            "url": url,
            "message": ("Excerpt made" if created else "That excerpt already exists")
            + f" (characters {excerpt.start}–{excerpt.end}); reload the page to see it in the list.",
        },
        status=201 if created else 200,
    )
