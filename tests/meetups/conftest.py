import pytest

from tests.factories import make_member, make_venue


@pytest.fixture
def hana(db):
    """A host with a public profile in Ipswich, whose public meetups logged-out visitors may see."""
    return make_member("hana", place="Ipswich", is_public=True, display_name="Hana")


@pytest.fixture
def host(db):
    return make_member("hollie", place="Ipswich")


@pytest.fixture
def venue(host):
    return make_venue(host)


@pytest.fixture
def vic(db):
    """A member in Ipswich with no link to Hana."""
    return make_member("vic", place="Ipswich")


@pytest.fixture
def library(hana):
    return make_venue(hana, "Ipswich Library", address="Northgate Street")
