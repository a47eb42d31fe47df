"""Plain helpers the tests share (fixtures live in the conftest files): admin addresses and
forms posted as a browser would post them, logged-in clients, and briefings built in a
given state."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from briefings import models

from .factories import (
    AssessmentFactory,
    BriefingFactory,
    EventActorFactory,
    EventFactory,
    ExcerptFactory,
    KeyJudgmentFactory,
    SourceFactory,
    UserFactory,
    country,
)

# --- The sitemap ----------------------------------------------------------------------

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_pages(client) -> list[str]:
    """The sitemap index's entries: the address of every sitemap page."""
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert root.tag == f"{{{SITEMAP_NS['sm']}}}sitemapindex"
    return [loc.text for loc in root.findall("sm:sitemap/sm:loc", SITEMAP_NS)]


def sitemap_locations(client) -> list[str]:
    """Every address the sitemap lists, read through its index a page at a time."""
    locations = []
    for page in sitemap_pages(client):
        parts = urlsplit(page)
        response = client.get(parts.path, dict(p.split("=") for p in parts.query.split("&") if p))
        assert response.status_code == 200
        root = ET.fromstring(response.content)  # noqa: S314 - our own response
        locations += [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    return locations


# --- Clients and admin addresses -------------------------------------------------------


def client_for(user) -> Client:
    """A client of its own (its own cookies), logged in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def sign_in(client, username: str, password: str) -> bool:
    """Sign in through the admin's login form, as a person does (and as the sign-in
    throttling sees it); whether it let them in."""
    client.post(reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"})
    return bool(client.session.get("_auth_user_id"))


def admin_url(model, view: str, *args) -> str:
    """The admin page `view` ("changelist", "add", "change", "history", …) of `model`."""
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def change_url(obj) -> str:
    return admin_url(type(obj), "change", obj.pk)


# --- Admin forms, read from the page as a browser reads them ---------------------------


def form_fields(html: str, form_id: str | None = None) -> dict[str, list[str]]:
    """The values a browser would submit from the page's change form, as lists."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", id=form_id) if form_id else soup.find("form", method="post")
    data: dict[str, list[str]] = {}
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        if element.name == "textarea":
            # Browsers drop the one newline that follows the opening tag.
            text = element.text
            data.setdefault(name, []).append(text[1:] if text.startswith("\n") else text)
        elif element.name == "select":
            chosen = [o.get("value", o.text) for o in element.find_all("option") if o.has_attr("selected")]
            if not chosen and not element.has_attr("multiple"):
                first = element.find("option")
                chosen = [first.get("value", first.text)] if first else []
            data.setdefault(name, []).extend(chosen)
        else:
            kind = (element.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                continue
            if kind in {"checkbox", "radio"} and not element.has_attr("checked"):
                continue
            data.setdefault(name, []).append(
                element.get("value", "on" if kind in {"checkbox", "radio"} else "")
            )
    return data


def post_data(fields: dict[str, list[str]], **changes) -> dict:
    """Form data for the test client, with `changes` (name=value) applied; `_save` added."""
    data = {name: values if len(values) != 1 else values[0] for name, values in fields.items()}
    data.update(changes)
    data.setdefault("_save", "Save")
    return data


def open_change_form(client, obj) -> dict[str, list[str]]:
    """Open `obj`'s admin change page; the fields its form would send, as `form_fields` reads them."""
    response = client.get(change_url(obj))
    assert response.status_code == 200
    return form_fields(response.content.decode(), f"{obj._meta.model_name}_form")


# --- Admin forms, read from the form the page was rendered with ------------------------


def admin_form_data(client, page_url: str, inline_rows: dict | None = None, **fields) -> dict:
    """What the admin form at `page_url` posts unchanged (each enabled field's current value,
    each inline's stored rows and management form, whatever fields the form has), then
    `inline_rows` ({prefix: [row, ...]}) as new inline rows and `fields` on top."""
    response = client.get(page_url)
    assert response.status_code == 200, response.status_code
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        if form.fields[name].disabled:
            continue  # a browser does not send a disabled field
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, datetime.datetime):
            data[f"{name}_0"], data[f"{name}_1"] = value.date().isoformat(), value.time().isoformat()
        else:
            data[name] = getattr(value, "pk", value)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        stored = formset.initial_form_count()
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for i, row in enumerate(formset.initial_forms):
            for name in row.fields:
                value = row[name].value()
                if value is not None:
                    data[f"{formset.prefix}-{i}-{name}"] = getattr(value, "pk", value)
        added = (inline_rows or {}).get(formset.prefix, [])
        for i, values in enumerate(added, start=stored):
            for name, value in values.items():
                data[f"{formset.prefix}-{i}-{name}"] = value
        # The empty extra rows stay unsent, as a browser leaves them untouched.
        data[f"{formset.prefix}-TOTAL_FORMS"] = stored + len(added)
    data.update(fields)
    return data


def post_form(client, page_url: str, inline_rows: dict | None = None, **fields):
    """Post the admin form at `page_url` as a browser would, with `inline_rows` and `fields`."""
    return client.post(page_url, admin_form_data(client, page_url, inline_rows, **fields))


def post_change(client, obj, **fields):
    """Post `obj`'s change form with `fields` changed or added (e.g.
    `**{"workflow-action": "publish"}` for a press of the Publish button)."""
    return post_form(client, change_url(obj), **fields)


def run_action(client, action: str, *briefings, **extra):
    """Run the briefing changelist's action `action` on `briefings`."""
    return client.post(
        admin_url(models.Briefing, "changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [b.pk for b in briefings], **extra},
    )


# --- Times -----------------------------------------------------------------------------


def future(hours: int = 24) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(hours=hours)


def local_input(moment: datetime.datetime) -> str:
    """A time as a browser's datetime-local input posts it, in the site's time zone."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


# --- Briefings and judgments in a given state ------------------------------------------


def briefing_in(status: str, *, authors=(), **fields) -> models.Briefing:
    """A briefing in `status`, as the workflow would have left it."""
    if status in (models.PublicationStatus.PUBLISHED, models.PublicationStatus.WITHDRAWN):
        fields.setdefault("published_at", timezone.now() - datetime.timedelta(days=1))
    briefing = BriefingFactory(status=status, **fields)
    briefing.authors.add(*authors)
    return briefing


FULL_TEXT = (
    "On August 18 the president was overthrown. The ambassador met the committee. "
    "Moscow denied any part in it. Trade was halted at once."
)


def build_briefing(*, events: int = 2, judgments: int = 2, **fields) -> models.Briefing:
    """A published briefing on Mali with its events (two actors each, one excerpt each) and
    key judgments (one evidence event and one excerpt each)."""
    fields.setdefault("published", True)
    briefing = BriefingFactory(**fields)
    mali = country("ML")
    source = SourceFactory(full_text=FULL_TEXT)
    briefing.countries.add(mali)
    briefing.sources.add(source)
    briefing.authors.add(UserFactory(first_name="Ada", last_name="Analyst"))
    timeline = []
    for i in range(events):
        event = EventFactory(country=mali, date=datetime.date(2020, 8, 1) + datetime.timedelta(days=i))
        EventActorFactory(event=event, role=models.ActorRole.INITIATOR)
        EventActorFactory(event=event, role=models.ActorRole.TARGET)
        event.excerpts.add(ExcerptFactory(source=source, text="The ambassador met the committee."))
        timeline.append(event)
    briefing.events.add(*timeline)
    for i in range(judgments):
        assessment = AssessmentFactory()
        assessment.evidence_events.add(timeline[i % len(timeline)])
        assessment.evidence_excerpts.add(ExcerptFactory(source=source, text="Moscow denied any part in it."))
        KeyJudgmentFactory(briefing=briefing, assessment=assessment, order=i + 1)
    return briefing


def judgment_in(briefing, **fields) -> models.Assessment:
    """An assessment made a key judgment of `briefing`."""
    assessment = AssessmentFactory(**fields)
    KeyJudgmentFactory(briefing=briefing, assessment=assessment)
    return assessment


def resolved(assessment, outcome=models.Outcome.HAPPENED, on=datetime.date(2021, 6, 1), note=""):
    """Write an outcome straight to the row, for tests about reading outcomes, not recording them
    (an ambiguous or annulled one needs its `note`, the reason)."""
    models.Assessment.objects.filter(pk=assessment.pk).update(
        outcome=outcome, outcome_on=on, outcome_note=note
    )
    assessment.refresh_from_db()
    return assessment


# --- In the browser ---------------------------------------------------------------------


def drag_over(page, container: str, words: str) -> None:
    """Select `words` of the text in `container` as a person does: one drag of the mouse from
    the first letter to the last."""
    box = page.evaluate(
        """([container, words]) => {
            const root = document.querySelector(container);
            const at = root.textContent.indexOf(words);
            if (at < 0) return null;
            // The words may run across marks: find the text nodes they start and end in.
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            const range = document.createRange();
            let seen = 0;
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const next = seen + node.data.length;
                if (seen <= at && at < next) range.setStart(node, at - seen);
                if (seen < at + words.length && at + words.length <= next) {
                    range.setEnd(node, at + words.length - seen);
                    break;
                }
                seen = next;
            }
            range.startContainer.parentElement.scrollIntoView({ block: "center" });
            const rects = range.getClientRects();
            const first = rects[0], last = rects[rects.length - 1];
            return { x1: first.left + 1, y1: first.top + first.height / 2,
                     x2: last.right - 1, y2: last.top + last.height / 2 };
        }""",
        [container, words],
    )
    assert box, f"“{words}” is not in {container}"
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=5)
    page.mouse.up()
