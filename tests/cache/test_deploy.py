"""The build every page key carries (`briefings.cache.build_fingerprint`): what a deploy
changes, and only that. That a page cached by the code before a deploy is rendered again by
the code after it is in test_invalidation.py and test_wsgi_hit.py."""

import os

import pytest

from briefings import cache as page_cache


def test_the_build_is_the_files_content_not_their_times(tmp_path):
    code = tmp_path / "briefings"
    code.mkdir()
    (code / "views.py").write_text("def page(): ...\n")
    (code / "__pycache__").mkdir()
    paths = [code, tmp_path / "requirements.txt", tmp_path / "staticfiles" / "staticfiles.json"]
    first = page_cache.files_fingerprint(base=tmp_path, paths=paths)

    os.utime(code / "views.py", (0, 0))
    (code / "__pycache__" / "views.cpython-311.pyc").write_bytes(b"compiled")
    assert page_cache.files_fingerprint(base=tmp_path, paths=paths) == first

    (tmp_path / "requirements.txt").write_text("Django==5.2.8\n")
    second = page_cache.files_fingerprint(base=tmp_path, paths=paths)
    assert second != first

    (code / "views.py").write_text("def page(): return 1\n")
    third = page_cache.files_fingerprint(base=tmp_path, paths=paths)
    assert third not in (first, second)

    (code / "views.py").rename(code / "pages.py")
    assert page_cache.files_fingerprint(base=tmp_path, paths=paths) not in (first, second, third)


@pytest.mark.parametrize(
    "changed", ["templates/briefing.html", "staticfiles/staticfiles.json", "briefings/views.py"]
)
def test_the_build_changes_with_a_template_a_stylesheets_hashed_name_or_the_code(settings, tmp_path, changed):
    settings.BASE_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    for name in ("templates/briefing.html", "staticfiles/staticfiles.json", "briefings/views.py"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("before")
    before = page_cache.build_fingerprint.__wrapped__()

    (tmp_path / changed).write_text("after")

    assert page_cache.build_fingerprint.__wrapped__() != before
