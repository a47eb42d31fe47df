"""The build every page key carries (`briefings.cache.build_fingerprint`): what a deploy
changes, and only that. That a page cached by the code before a deploy is rendered again by
the code after it is in test_invalidation.py and test_wsgi_hit.py."""

import json
import os
from pathlib import Path

import pytest

from briefings import cache as page_cache


def test_the_build_is_the_files_content_not_their_times(tmp_path):
    code = tmp_path / "briefings"
    code.mkdir()
    (code / "views.py").write_text("def page(): ...\n")
    (code / "__pycache__").mkdir()
    paths = [code, tmp_path / "requirements.txt", tmp_path / "staticfiles" / "staticfiles.json"]
    first = page_cache.files_fingerprint(paths)

    os.utime(code / "views.py", (0, 0))
    (code / "__pycache__" / "views.cpython-311.pyc").write_bytes(b"compiled")
    assert page_cache.files_fingerprint(paths) == first

    (tmp_path / "requirements.txt").write_text("Django==5.2.8\n")
    second = page_cache.files_fingerprint(paths)
    assert second != first

    (code / "views.py").write_text("def page(): return 1\n")
    third = page_cache.files_fingerprint(paths)
    assert third not in (first, second)

    (code / "views.py").rename(code / "pages.py")
    assert page_cache.files_fingerprint(paths) not in (first, second, third)


MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def manifest(hash_: str) -> str:
    return json.dumps({"version": "1.1", "paths": {"site.css": f"site.{hash_}.css"}, "hash": hash_})


@pytest.mark.parametrize("changed", ["templates/briefing.html", "briefings/views.py", "staticfiles.json"])
def test_the_build_changes_with_a_template_the_code_or_a_stylesheets_hashed_name(settings, tmp_path, changed):
    """The static files are collected outside the project, as on a team server."""
    project, static = tmp_path / "srv" / "briefing-desk", tmp_path / "var" / "static"
    files = {"templates/briefing.html": project, "briefings/views.py": project, "staticfiles.json": static}
    for name, folder in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(manifest("0123456789ab") if name == "staticfiles.json" else "before")
    settings.BASE_DIR, settings.STATIC_ROOT, settings.STORAGES = project, static, MANIFEST_STORAGE
    before = page_cache.build_fingerprint.__wrapped__()

    (files[changed] / changed).write_text(
        manifest("ba9876543210") if changed == "staticfiles.json" else "after"
    )
    settings.STATIC_ROOT = static  # a new process: Django reads the manifest once per storage

    assert page_cache.build_fingerprint.__wrapped__() != before


def test_two_servers_with_the_same_files_in_different_folders_have_the_same_build(settings, tmp_path):
    builds = []
    for server in ("one", "two"):
        project = tmp_path / server / "briefing-desk"
        (project / "templates").mkdir(parents=True)
        (project / "templates" / "briefing.html").write_text("{{ briefing.title }}")
        (tmp_path / server / "static").mkdir()
        (tmp_path / server / "static" / "staticfiles.json").write_text(manifest("0123456789ab"))
        settings.BASE_DIR, settings.STATIC_ROOT, settings.STORAGES = (
            project,
            tmp_path / server / "static",
            MANIFEST_STORAGE,
        )
        builds.append(page_cache.build_fingerprint.__wrapped__())

    assert builds[0] == builds[1]


def test_a_file_the_build_cannot_read_counts_by_its_name_and_the_site_starts(tmp_path, monkeypatch):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "briefing.html").write_text("{{ briefing.title }}")
    readable = page_cache.files_fingerprint([tmp_path / "templates"])
    read_bytes = Path.read_bytes

    def refused(path):
        if path.name == "briefing.html":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refused)

    unreadable = page_cache.files_fingerprint([tmp_path / "templates", tmp_path / "missing.txt"])
    assert unreadable and unreadable != readable
