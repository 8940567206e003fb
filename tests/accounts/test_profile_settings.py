"""The profile settings page: about you, area and interests, photo."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kettle.accounts import actions
from kettle.accounts.models import Member
from tests.factories import suffolk_place

SETTINGS = "/settings/"


class BrowserForms(HTMLParser):
    """The fields a browser would submit for each form on a page, as rendered."""

    def __init__(self, html: str):
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({})
        elif not self.forms or "name" not in a and tag != "option":
            return
        elif tag == "input" and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") not in ("radio", "checkbox") or "checked" in a:
                self.forms[-1][a["name"]] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = a["name"]
            self.forms[-1][a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.forms[-1][self._select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1][self._textarea] += data

    def form(self, which: str) -> dict[str, str]:
        return next(f for f in self.forms if f.get("form") == which)


def page_form(client, which: str) -> dict[str, str]:
    data = BrowserForms(client.get(SETTINGS).content.decode()).form(which)
    data.pop("csrfmiddlewaretoken", None)
    return data


def fresh(member):
    return Member.objects.with_profile().get(id=member.id)


def test_the_about_form_saves(member, client_for):
    client = client_for(member)
    data = page_form(client, "about")
    data.update({"about-display_name": "  Amara   O ", "about-role": "mum", "about-pronouns": "she/her",
                 "about-bio": "Up at 3am again."})
    response = client.post(SETTINGS, data)
    assert response.status_code == 302
    profile = fresh(member).profile
    assert (profile.display_name, profile.role, profile.pronouns, profile.bio) == (
        "Amara O", "mum", "she/her", "Up at 3am again.")
    page = client.get("/@amara").content.decode()
    assert "Amara O" in page and "Mum" in page


@pytest.mark.parametrize("field, value, message", [
    ("about-display_name", "", "Please fill this in"),
    ("about-display_name", "x" * 61, "keep this to 60 characters"),
    ("about-role", "astronaut", "Please choose one of the options"),
    ("about-bio", "b" * 2001, "keep this to 2000 characters"),
])
def test_the_about_form_refuses_bad_answers_and_changes_nothing(member, client_for, field, value, message):
    client = client_for(member)
    data = {**page_form(client, "about"), field: value}
    response = client.post(SETTINGS, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert fresh(member).profile.display_name == "Amara"


def test_the_bio_is_rendered_as_markdown_and_sanitised_on_the_profile(member, client_for):
    client = client_for(member)
    bio = ("**Tired** but _happy_. [my blog](https://example.test/blog)\n\n"
           "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>")
    client.post(SETTINGS, {**page_form(client, "about"), "about-bio": bio})
    page = client.get("/@amara").content.decode()
    bio_html = page.split('<div class="bio">', 1)[1].split("</div>", 1)[0]
    assert "<strong>Tired</strong>" in bio_html and "<em>happy</em>" in bio_html
    assert '<a href="https://example.test/blog" rel="nofollow noopener noreferrer ugc">my blog</a>' in bio_html
    assert "<script" not in bio_html and "<img" not in bio_html and "href=\"javascript" not in bio_html
    assert "&lt;script&gt;" in bio_html  # shown as words, never run


def test_the_area_form_as_rendered_keeps_the_place_when_only_interests_change(member, client_for):
    client = client_for(member)
    data = page_form(client, "area")
    data["area-interests"] = "slings, baby massage"
    assert client.post(SETTINGS, data).status_code == 302
    profile = fresh(member).profile
    assert profile.place.name == "Ipswich"
    assert sorted(i.name for i in profile.interests.all()) == ["baby massage", "slings"]


def test_the_area_form_changes_the_place_picked_in_the_picker(member, client_for):
    kesgrave = suffolk_place("Kesgrave")
    client = client_for(member)
    data = page_form(client, "area")
    options = client.get("/places/search/", {"place_q": "kesg", "field": placename_field(client)})
    picked = BrowserForms(f"<form>{options.content.decode()}</form>").forms[0]
    data = {**{k: v for k, v in data.items() if k not in picked}, **picked, "place_q": "kesg"}
    assert client.post(SETTINGS, data).status_code == 302
    profile = fresh(member).profile
    assert (profile.place_id, profile.h3_cell) == (kesgrave.id, kesgrave.h3_cell)


def test_typing_a_town_without_picking_it_is_an_error_and_keeps_the_old_place(member, client_for):
    suffolk_place("Kesgrave")
    client = client_for(member)
    data = {**page_form(client, "area"), "place_q": "Kesgrave"}  # typed, but Ipswich is still ticked
    response = client.post(SETTINGS, data)
    assert response.status_code == 200
    assert "Pick your town or village from the list" in response.content.decode()
    assert fresh(member).profile.place.name == "Ipswich"


def test_an_error_in_one_profile_form_leaves_the_others_showing_saved_values(member, client_for):
    client = client_for(member)
    actions.do_update_profile(member, pronouns="she/her", role="mum")
    data = {**page_form(client, "area"), "area-interests": ", ".join(f"tag{n}" for n in range(30))}
    response = client.post(SETTINGS, data)
    page = response.content.decode()
    assert "at most 20 interests" in page
    assert 'value="she/her"' in page
    assert "Please fill this in" not in page


def placename_field(client) -> str:
    """The field name the page asks the picker to use for its radio buttons."""
    html = client.get(SETTINGS).content.decode()
    return html.split('hx-vals=\'{"field": "', 1)[1].split('"', 1)[0]


def test_finding_places_without_javascript_lists_them_and_changes_nothing(member, client_for):
    kesgrave = suffolk_place("Kesgrave")
    client = client_for(member)
    data = {**page_form(client, "area"), "place_q": "kesg", "find_places": "1"}
    response = client.post(SETTINGS, data)
    assert response.status_code == 200
    assert f'value="{kesgrave.id}"' in response.content.decode()
    assert fresh(member).profile.place.name == "Ipswich"


def test_an_unknown_place_is_refused_with_a_clear_message(member, client_for):
    response = client_for(member).post(SETTINGS, {"form": "area", "area-place_id": "424242"})
    assert response.status_code == 200
    assert "We couldn&#39;t find that place" in response.content.decode()
    assert fresh(member).profile.place.name == "Ipswich"


def test_place_changes_are_rate_limited_after_three_a_day(member, client_for):
    client = client_for(member)
    for name in ("Kesgrave", "Woodbridge", "Felixstowe"):
        response = client.post(SETTINGS, {"form": "area", "area-place_id": suffolk_place(name).id})
        assert response.status_code == 302
    response = client.post(SETTINGS, {"form": "area", "area-place_id": suffolk_place("Stowmarket").id})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 86400
    assert "changed your area a few times today" in response.content.decode()
    assert fresh(member).profile.place.name == "Felixstowe"
    # Saving the same place again is not a change, so it is never limited.
    same = client.post(SETTINGS, {"form": "area", "area-place_id": suffolk_place("Felixstowe").id})
    assert same.status_code == 302


def jpeg_bytes(size=(800, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 80)).save(out, "JPEG")
    return out.getvalue()


def test_uploading_an_avatar_stores_a_small_jpeg_and_shows_it(member, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(member)
    upload = SimpleUploadedFile("me.jpg", jpeg_bytes(), content_type="image/jpeg")
    assert client.post(SETTINGS, {"form": "avatar", "avatar-avatar": upload}).status_code == 302
    profile = fresh(member).profile
    assert profile.avatar.startswith("avatars/") and profile.avatar.endswith(".jpg")
    with Image.open(tmp_path / profile.avatar) as stored:
        assert max(stored.size) == 512 and stored.format == "JPEG"
    assert profile.avatar_url in client.get("/@amara").content.decode()
    assert client.get(profile.avatar_url)["Content-Type"] == "image/jpeg"


def test_a_new_avatar_replaces_the_old_file_and_removing_deletes_it(member, client_for, settings, tmp_path,
                                                                   django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SETTINGS, {"form": "avatar", "avatar-avatar": SimpleUploadedFile("a.jpg", jpeg_bytes())})
    first = fresh(member).profile.avatar
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SETTINGS, {"form": "avatar", "avatar-avatar": SimpleUploadedFile("b.jpg", jpeg_bytes())})
    second = fresh(member).profile.avatar
    assert second != first and not (tmp_path / first).exists() and (tmp_path / second).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/settings/avatar/remove/").status_code == 302
    assert fresh(member).profile.avatar == "" and not (tmp_path / second).exists()


def test_a_file_that_is_not_an_image_is_refused_as_an_avatar(member, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("me.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")
    response = client_for(member).post(SETTINGS, {"form": "avatar", "avatar-avatar": upload})
    assert response.status_code == 200
    assert "couldn&#39;t read that file as an image" in response.content.decode()
    assert fresh(member).profile.avatar == ""
    assert not any(tmp_path.rglob("*.*"))


def test_settings_need_a_login(db, client_for):
    response = client_for(None).get(SETTINGS)
    assert response.status_code == 302 and "/login/" in response["Location"]
