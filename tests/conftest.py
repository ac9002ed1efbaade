"""Shared test setup: fast hashing, the shipped fixture, and people with each role."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from relations.groups import ensure_groups
from tests.relations.factories import HomeCountryFactory, ProfileFactory
from tests.trade.factories import HSChapterFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
    # Public pages check the publication generation on every request (tests publish and read
    # back within milliseconds); tests of the interval itself set it.
    settings.PUBLICATION_CHECK_SECONDS = 0


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
