"""Helpers for the version-check, history and presence tests: read a change form as a
browser would send it, and make users in the desk's roles."""

from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse

from .factories import UserFactory


def change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


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
    response = client.get(change_url(obj))
    assert response.status_code == 200
    return form_fields(response.content.decode(), f"{obj._meta.model_name}_form")


def editor(username: str = "editor", **names):
    """A staff user who may change everything and restore old versions."""
    user = UserFactory(username=username, is_staff=True, is_superuser=True, **names)
    return user


def staff_with(username: str, *codenames: str, **names):
    """A staff user with exactly these permissions (codenames of the briefings app)."""
    user = UserFactory(username=username, is_staff=True, **names)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="briefings", codename__in=codenames)
    )
    # Permissions are cached per object: hand back a fresh one.
    return type(user).objects.get(pk=user.pk)
