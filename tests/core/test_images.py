"""The image pipeline: every upload re-encoded, stripped of metadata, capped, randomly named,
and served only ever as an image."""

from __future__ import annotations

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from kettle.core.images import reencode_image, store_image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def jpeg_with_gps(size=(64, 48), orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0132] = "2026:01:02 03:04:05"
    exif[GPS_IFD] = {1: "N", 2: (52.0, 3.0, 44.0), 3: "E", 4: (1.0, 14.0, 0.0)}
    if orientation:
        exif[ORIENTATION] = orientation
    return encode(Image.new("RGB", size, (10, 200, 30)), "JPEG", exif=exif)


def noisy_jpeg(side: int = 200) -> bytes:
    return encode(Image.effect_noise((side, side), 80).convert("RGB"), "JPEG", quality=95)


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def reencoded(data: bytes, max_side: int = 512) -> bytes:
    return reencode_image(upload(data), max_side=max_side).read()


def test_the_test_image_really_carries_gps():
    data = jpeg_with_gps()
    with Image.open(io.BytesIO(data)) as image:
        assert image.getexif().get_ifd(GPS_IFD)[1] == "N"
    assert b"Exif" in data


def test_a_jpeg_with_gps_exif_comes_out_with_no_exif_at_all():
    out = reencoded(jpeg_with_gps())
    with Image.open(io.BytesIO(out)) as image:
        assert image.format == "JPEG"
        assert len(image.getexif()) == 0
        assert image.getexif().get_ifd(GPS_IFD) == {}
        assert "exif" not in image.info and "icc_profile" not in image.info
    assert b"Exif" not in out and b"Canon" not in out and b"2026:01:02" not in out


def test_the_stored_file_has_no_exif_either(media_root):
    path = store_image(upload(jpeg_with_gps()), folder="avatars", max_side=512)
    stored = (media_root / path).read_bytes()
    assert b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert len(image.getexif()) == 0


def test_the_camera_orientation_is_kept_before_exif_is_dropped():
    with Image.open(io.BytesIO(reencoded(jpeg_with_gps(size=(60, 20), orientation=6)))) as image:
        assert image.size == (20, 60)


def test_png_text_chunks_and_icc_profiles_are_stripped():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "home is 12 Acacia Avenue")
    info.add_itxt("GPS", "52.0623,1.2365")
    data = encode(Image.new("RGBA", (40, 30), (0, 0, 255, 128)), "PNG", pnginfo=info, icc_profile=b"fake-icc")
    assert b"Acacia" in data
    out = reencoded(data)
    assert b"Acacia" not in out and b"52.0623" not in out and b"fake-icc" not in out
    with Image.open(io.BytesIO(out)) as image:
        assert image.format == "JPEG" and image.mode == "RGB"
        assert not {"Comment", "GPS", "icc_profile"} & set(image.info)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "GIF"])
def test_other_common_formats_are_accepted_and_become_jpeg(fmt):
    image = Image.new("RGB", (30, 30), (255, 0, 0))
    with Image.open(io.BytesIO(reencoded(encode(image.convert("P") if fmt == "GIF" else image, fmt)))) as out:
        assert out.format == "JPEG"


def test_large_images_are_shrunk_to_the_requested_side():
    with Image.open(io.BytesIO(reencoded(encode(Image.new("RGB", (2000, 1000)), "JPEG"), max_side=512))) as out:
        assert out.size == (512, 256)


def test_an_image_with_too_many_pixels_is_refused(settings):
    settings.IMAGE_MAX_PIXELS = 1000
    reencoded(encode(Image.new("RGB", (40, 25)), "PNG"))  # exactly at the cap is fine
    with pytest.raises(ValidationError) as error:
        reencoded(encode(Image.new("RGB", (40, 26)), "PNG"))
    assert error.value.code == "too_many_pixels"
    assert "too many pixels" in error.value.messages[0]


def test_an_image_with_too_many_bytes_is_refused(settings):
    data = noisy_jpeg()
    settings.IMAGE_MAX_BYTES = len(data) - 1
    with pytest.raises(ValidationError) as error:
        reencoded(data)
    assert error.value.code == "too_large"
    settings.IMAGE_MAX_BYTES = len(data)
    reencoded(data)


def test_the_byte_cap_holds_when_an_upload_does_not_know_or_lies_about_its_size(settings):
    data = noisy_jpeg()
    settings.IMAGE_MAX_BYTES = len(data) // 2

    class Lying(io.BytesIO):
        size = 10

    for stream in (io.BytesIO(data), Lying(data)):
        with pytest.raises(ValidationError) as error:
            reencode_image(stream, max_side=512)
        assert error.value.code == "too_large"


@pytest.mark.parametrize("data", [
    b"<html><body><script>alert(1)</script></body></html>",
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="5"/></svg>',
    b"%PDF-1.4 not an image",
    b"",
    b"\xff\xd8\xff\xe0 truncated jpeg",
    b"GIF89a<script>alert(1)</script>",
], ids=["html", "svg-script", "svg", "pdf", "empty", "truncated-jpeg", "gif-header-html"])
def test_a_file_that_is_not_an_image_is_refused_with_a_clear_message(data):
    with pytest.raises(ValidationError) as error:
        reencoded(data)
    assert error.value.messages == ["We couldn't read that file as an image. Please try a JPEG or PNG."]


def test_an_image_format_we_do_not_take_is_refused_by_name():
    with pytest.raises(ValidationError) as error:
        reencoded(encode(Image.new("RGB", (10, 10)), "BMP"))
    assert error.value.messages == ["Please upload a JPEG, PNG, WebP or GIF image."]


def test_html_smuggled_after_an_image_does_not_survive():
    out = reencoded(jpeg_with_gps() + b"<html><script>alert(1)</script></html>")
    assert b"<script" not in out and b"<html" not in out


def test_stored_names_are_random_and_never_the_uploaded_name(media_root):
    data = jpeg_with_gps()
    first = store_image(upload(data, "holiday-at-home.jpg"), folder="avatars", max_side=512)
    second = store_image(upload(data, "holiday-at-home.jpg"), folder="avatars", max_side=512)
    assert first != second
    for path in (first, second):
        assert re.fullmatch(r"avatars/[A-Za-z0-9_-]{24}\.jpg", path)
        assert "holiday" not in path
        assert (media_root / path).exists()


def test_media_serves_a_stored_image_as_jpeg_that_is_never_sniffed(client, media_root):
    path = store_image(upload(jpeg_with_gps(), "x.html"), folder="avatars", max_side=512)
    response = client.get(f"/media/{path}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_media_never_answers_as_html_even_for_html_bytes_in_a_jpg(client, media_root):
    (media_root / "avatars").mkdir()
    (media_root / "avatars" / "evil.jpg").write_bytes(b"<html><script>alert(1)</script>")
    (media_root / "avatars" / "evil.html").write_bytes(b"<html><script>alert(1)</script>")
    (media_root / "avatars" / "evil.svg").write_bytes(b"<svg onload=alert(1)></svg>")
    response = client.get("/media/avatars/evil.jpg")
    assert response["Content-Type"] == "image/jpeg" and response["X-Content-Type-Options"] == "nosniff"
    assert client.get("/media/avatars/evil.html").status_code == 404
    assert client.get("/media/avatars/evil.svg").status_code == 404


@pytest.mark.parametrize("path", [
    "/media/../settings.py",
    "/media/../pyproject.toml",
    "/media/avatars/../../secret.jpg",
    "/media/..%2Fsecret.jpg",
    "/media/%2e%2e/secret.jpg",
    "/media/avatars/missing.jpg",
])
def test_media_refuses_paths_outside_the_media_folder_and_missing_files(client, media_root, path):
    (media_root.parent / "secret.jpg").write_bytes(jpeg_with_gps())
    assert client.get(path).status_code == 404


def test_media_answers_only_get(client, media_root):
    path = store_image(upload(jpeg_with_gps()), folder="avatars", max_side=512)
    assert client.post(f"/media/{path}").status_code == 405
