"""Shared test setup: fast hashing, the shipped fixture, and people with each role."""

import os
import urllib.parse

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from relations.groups import ensure_groups
from tests.relations.factories import HomeCountryFactory, ProfileFactory
from tests.trade.factories import HSChapterFactory

PASSWORD = "correct horse battery staple"


def pytest_configure(config):
    """Under pytest-xdist (`make test`) each worker process gets its own Redis database.

    Tests empty the cache between them, and Redis empties a whole database at once: two
    workers on one database would empty each other's cache mid-test. Servers that tests
    start as subprocesses inherit the worker's REDIS_URL.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    url = os.environ.get("REDIS_URL", "")
    if not (worker.startswith("gw") and url):
        return
    parts = urllib.parse.urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    database = (base + int(worker[2:])) % 16
    own = urllib.parse.urlunsplit(parts._replace(path=f"/{database}"))
    os.environ["REDIS_URL"] = own
    settings.REDIS_URL = own
    settings.CACHES["default"]["LOCATION"] = own


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
    # Public pages check the publication generation on every request (tests publish and read
    # back within milliseconds); tests of the interval itself set it.
    settings.PUBLICATION_CHECK_SECONDS = 0


@pytest.fixture(autouse=True)
def _english_until_asked():
    """Each test starts in the site's default language: a request to a French page (or a
    test that activates French) must not leave the next test speaking French."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from relations.page_cache import clock, local

    cache.clear()
    local.clear()
    clock.clear()
    yield
    cache.clear()
    local.clear()
    clock.clear()


@pytest.fixture
def canada_russia(db):
    """The shipped August 2012 Canada–Russia content, loaded as `make run` loads it."""
    call_command("loaddata", "fixtures/canada-russia.json", verbosity=0)
    from relations.models import Profile

    return Profile.objects.get(slug="russia")


@pytest.fixture
def home_country(db):
    return HomeCountryFactory()


@pytest.fixture
def testland(db):
    """A made-up partner's profile (slug "testland") and two HS chapters (generated data)."""
    HSChapterFactory(code="84", name_en="machinery", name_fr="machines")
    HSChapterFactory(code="27", name_en="mineral fuels", name_fr="combustibles minéraux")
    return ProfileFactory()


def _member_of(group_name: str, username: str) -> User:
    # Transactional tests empty the database, groups included: set them up again if so.
    if not Group.objects.filter(name=group_name).exists():
        ensure_groups()
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return _member_of("Editors", "editor")


@pytest.fixture
def publisher(db):
    return _member_of("Publishers", "publisher")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client
