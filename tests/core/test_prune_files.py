"""Old leftover uploads are pruned; recent ones stay."""

import os
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from kettle.core.tasks import prune_old_files


def test_files_older_than_the_limit_are_removed_and_newer_ones_kept(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    old = default_storage.save("pending/old.jpg", ContentFile(b"x"))
    new = default_storage.save("pending/new.jpg", ContentFile(b"y"))
    two_days_ago = time.time() - 2 * 86400
    os.utime(tmp_path / old, (two_days_ago, two_days_ago))

    result = prune_old_files.enqueue(folder="pending", max_age_seconds=86400)

    assert result.return_value == 1
    assert not default_storage.exists(old)
    assert default_storage.exists(new)


def test_pruning_a_folder_that_does_not_exist_does_nothing(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert prune_old_files.enqueue(folder="nowhere", max_age_seconds=1).return_value == 0
