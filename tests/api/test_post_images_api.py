"""Photos through the API: upload to /media, then attach by media_id when publishing."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.helpers import assert_error, send


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (52.0, 3.0, 44.0), 3: "E", 4: (1.0, 14.0, 11.0)}  # GPSInfo
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 90)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(client, data: bytes = b"", name: str = "photo.jpg"):
    return client.post("/api/v1/media", {"file": SimpleUploadedFile(name, data or jpeg_with_gps(), "image/jpeg")})


def test_a_photo_uploaded_then_attached_is_published_clean_of_location(api, bea):
    client = api(bea)
    media = upload(client)
    assert media.status_code == 201
    response = send(client, "post", "/api/v1/posts", {
        "body": "First walk by the river", "images": [{"media_id": media.json()["media_id"], "alt_text": "A pram"}]})
    assert response.status_code == 201, response.content
    image = response.json()["images"][0]
    assert image["alt_text"] == "A pram"
    stored = default_storage.open(image["url"].removeprefix("/media/"), "rb").read()
    assert b"Exif" not in stored and not Image.open(io.BytesIO(stored)).getexif()
    assert not default_storage.exists(media.json()["url"].removeprefix("/media/"))  # the pending copy went


def test_someone_elses_media_id_is_refused_and_nothing_is_published(api, bea, cal):
    media_id = upload(api(bea)).json()["media_id"]
    response = send(api(cal), "post", "/api/v1/posts", {"body": "Mine now?", "images": [{"media_id": media_id}]})
    assert_error(response, 400, "invalid", "images.0")
    assert api(cal).get("/api/v1/people/cal/posts").json()["items"] == []


@pytest.mark.parametrize("data, name", [(b"<html><script>alert(1)</script>", "evil.jpg"), (b"\x00" * 10, "x.png")])
def test_a_file_that_is_not_an_image_is_refused_on_its_field(api, bea, data, name):
    assert_error(upload(api(bea), data, name), 400, "invalid", "file")


def test_a_blog_post_takes_a_cover_photo_by_media_id(api, bea):
    client = api(bea)
    media_id = upload(client).json()["media_id"]
    response = send(client, "post", "/api/v1/posts", {
        "kind": "blog", "title": "Our first month", "body": "It has been a lot.",
        "cover": {"media_id": media_id, "alt_text": "Tiny feet"}})
    assert response.status_code == 201, response.content
    assert response.json()["cover"]


def test_uploading_needs_a_member(api):
    response = upload(api(None))
    assert response.status_code == 401
