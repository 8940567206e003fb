import pytest

from tests.factories import make_member


@pytest.fixture
def hana(db):
    """A host with a public profile in Ipswich, whose public meetups logged-out visitors may see."""
    return make_member("hana", place="Ipswich", is_public=True, display_name="Hana")
