"""The preview and share link pages pass the Nu HTML Checker, as the public pages do."""

import shutil

from django.urls import reverse

from ..pages.test_html_quality import VNU_JAR, require, run_vnu


def test_preview_and_share_link_pages_have_no_html_errors(client, editor_client, draft, link_url, tmp_path):
    require(VNU_JAR.exists(), f"{VNU_JAR} is missing: run `npm ci` at the repository root")
    require(shutil.which("java") is not None, "java is missing: install a Java runtime")
    documents = {
        "preview": editor_client.get(reverse("admin:briefings_briefing_preview", args=[draft.pk])).content,
        "share link": client.get(link_url).content,
    }
    errors = run_vnu(documents, tmp_path)
    assert {name: found for name, found in errors.items() if found} == {}
