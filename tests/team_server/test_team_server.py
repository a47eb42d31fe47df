"""A team server: stateless app servers behind one PostgreSQL (and, where configured, one
Redis cache) behave as one site.

Two gunicorn instances on different ports, both on the test database: a briefing published
through one is on the other's public page at once, and withdrawn through the other it is
gone from the first at once.
"""

import subprocess
import sys

import factory
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from briefings.models import Briefing, PublicationStatus

from ..factories import PASSWORD, BriefingFactory, UserFactory
from .servers import ROOT, Browser, redis_server, server_env, team_servers


@pytest.fixture
def reviewed_briefing():
    # The app servers check passwords with the project's own hashers, not the suite's fast
    # one: this password is hashed as a team server would hash it.
    hasher = PBKDF2PasswordHasher()
    hashed = factory.Transformer.Force(hasher.encode(PASSWORD, hasher.salt()))
    UserFactory(username="editor", role="superuser", password=hashed)
    return BriefingFactory(title="Russia and the coup", status=PublicationStatus.IN_REVIEW)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_briefing_published_on_one_server_is_public_on_the_other_at_once(reviewed_briefing):
    with team_servers() as (first, second, _redis):
        editor, reader = Browser(first), Browser(second)
        assert reader.get(reviewed_briefing.get_absolute_url())[0] == 404
        editor.log_in("editor")

        editor.run_action("publish", reviewed_briefing)

        status, page = reader.get(reviewed_briefing.get_absolute_url())
        assert status == 200
        assert BeautifulSoup(page, "html.parser").h1.get_text(strip=True) == "Russia and the coup"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_briefing_withdrawn_on_one_server_is_gone_from_the_other_at_once(reviewed_briefing):
    with team_servers() as (first, second, _redis):
        editor, reader = Browser(second), Browser(first)
        editor.log_in("editor")
        editor.run_action("publish", reviewed_briefing)
        assert reader.get(reviewed_briefing.get_absolute_url())[0] == 200

        editor.run_action("withdraw", reviewed_briefing)

        assert reader.get(reviewed_briefing.get_absolute_url())[0] == 404
        assert Briefing.objects.get(pk=reviewed_briefing.pk).status == PublicationStatus.WITHDRAWN


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_session_started_on_one_server_is_valid_on_the_other(reviewed_briefing):
    with team_servers() as (first, second, _redis):
        browser = Browser(first)
        browser.log_in("editor")

        browser.base = second
        status, page = browser.get("/admin/")

        assert status == 200 and "log out" in page.lower()


def test_servers_given_redis_share_one_cache():
    """With REDIS_URL set, what one process caches another reads (Django's built-in Redis
    cache): settings switch to it from the environment alone."""
    with redis_server() as redis_url:
        if redis_url is None:
            pytest.skip("redis-server is not installed here")
        env = server_env(database=False, REDIS_URL=redis_url)
        write = "from django.core.cache import cache; cache.set('shared', 'from the first', 60)"
        read = (
            "from django.core.cache import cache; from django.conf import settings; "
            "print(settings.CACHES['default']['BACKEND'], cache.get('shared'))"
        )
        for code in (write, read):
            result = subprocess.run(
                [sys.executable, "-c", f"import django; django.setup(); {code}"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
                check=True,
            )

    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache from the first"


def test_an_empty_database_url_means_the_sqlite_file_of_a_laptop():
    """A service file's `DATABASE_URL=` is no address: the settings load as with none set."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])",
        ],
        cwd=ROOT,
        env=server_env(database=False, DATABASE_URL=""),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert result.stdout.split() == ["project.sqlite", str(ROOT / "db.sqlite3")]
