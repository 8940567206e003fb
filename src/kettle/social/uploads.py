"""Photos uploaded ahead of the post they belong to: re-encoded at once into pending/, then
named by a signed token that only their uploader can redeem for a day. The compose form
keeps photos this way when it has to be shown again, and the API's POST /media hands out
the same tokens for POST /posts."""

from __future__ import annotations

from django.core import signing
from django.core.files.storage import default_storage

from kettle.core import images as image_pipeline
from kettle.core.tasks import prune_old_files_now_and_then

PENDING_FOLDER = "pending"
PENDING_MAX_AGE = 60 * 60 * 24  # kept photos last a day
IMAGE_SIDE = 2048


def _salt(member_id: int) -> str:
    return f"kettle.social.pending-image:{member_id}"


def keep_image(member, upload) -> tuple[str, str]:
    """Re-encode an upload into pending/; returns (token, storage path). Raises the image
    pipeline's ValidationError for anything that isn't a usable image."""
    path = image_pipeline.store_image(upload, folder=PENDING_FOLDER, max_side=IMAGE_SIDE)
    prune_old_files_now_and_then(PENDING_FOLDER, PENDING_MAX_AGE)  # photos of abandoned drafts
    return signing.dumps(path, salt=_salt(member.id)), path


def kept_path(member, token: str) -> str | None:
    """The storage path behind a token, if it is this member's, recent and still there."""
    if not token or member is None:
        return None
    try:
        path = signing.loads(token, salt=_salt(member.id), max_age=PENDING_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(path, str) or not path.startswith(PENDING_FOLDER + "/") or ".." in path:
        return None
    return path if default_storage.exists(path) else None


def open_kept(path: str):
    return default_storage.open(path, "rb")


def discard(path: str) -> None:
    image_pipeline.delete_image(path)
