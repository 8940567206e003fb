import pytest


@pytest.mark.django_db
def test_landing_page_invites_a_logged_out_visitor_to_join(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Join" in response.content


def test_member_home_shows_their_family(member, client_for):
    response = client_for(member).get("/")
    assert response.status_code == 200
    assert b"Your family" in response.content
