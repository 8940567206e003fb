"""The one image pipeline: every upload is size-checked, decoded, re-encoded and stored
under a random name, so no metadata (EXIF GPS above all) and no smuggled payload survives."""

from __future__ import annotations

import io
import secrets
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def _read_capped(upload) -> bytes:
    size = getattr(upload, "size", None)
    limit = settings.IMAGE_MAX_BYTES
    if size is not None and size > limit:
        raise ValidationError(f"That image is too large. Please choose one under {limit // (1024 * 1024)} MB.",
                              code="too_large")
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(f"That image is too large. Please choose one under {limit // (1024 * 1024)} MB.",
                              code="too_large")
    return data


def reencode_image(upload, *, max_side: int) -> ContentFile:
    """Decode the upload, check its pixels, and return a fresh JPEG with no metadata."""
    data = _read_capped(upload)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in ACCEPTED_FORMATS:
                raise ValidationError("Please upload a JPEG, PNG, WebP or GIF image.", code="format")
            width, height = probe.size
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError("That image has too many pixels. Please choose a smaller one.",
                                      code="too_many_pixels")
            image = Image.open(io.BytesIO(data))
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombWarning,
            Image.DecompressionBombError):
        raise ValidationError("We couldn't read that file as an image. Please try a JPEG or PNG.",
                              code="unreadable")
    image = ImageOps.exif_transpose(image)  # keep the orientation the camera meant, then drop EXIF
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.split()[-1])
        image = background
    else:
        image = image.convert("RGB")
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    clean = Image.new("RGB", image.size)  # a new image carries no info dict, ICC or EXIF
    clean.paste(image)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=85, optimize=True)
    return ContentFile(out.getvalue(), name=f"{secrets.token_urlsafe(18)}.jpg")


def store_image(upload, *, folder: str, max_side: int) -> str:
    """Re-encode and save; returns the storage path."""
    content = reencode_image(upload, max_side=max_side)
    return default_storage.save(f"{folder}/{content.name}", content)


def delete_image(path: str) -> None:
    if path:
        default_storage.delete(path)
