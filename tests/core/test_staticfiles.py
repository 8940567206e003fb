"""`kettle serve` collects static files only when a source changed since the last collect."""

from __future__ import annotations

import os

import pytest

from kettle.core import staticfiles


@pytest.fixture
def sources(tmp_path, settings):
    source = tmp_path / "src"
    source.mkdir()
    (source / "kettle-test.css").write_text("body { color: teal }")
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    return source


def test_a_first_start_collects_and_a_second_skips(sources, settings):
    assert staticfiles.collect_if_changed() is True
    assert (settings.STATIC_ROOT / "kettle-test.css").read_text() == "body { color: teal }"
    assert staticfiles.collect_if_changed() is False


def test_a_changed_or_new_source_is_collected_again(sources, settings):
    staticfiles.collect_if_changed()
    css = sources / "kettle-test.css"
    css.write_text("body { color: plum }")
    os.utime(css, ns=(css.stat().st_atime_ns, css.stat().st_mtime_ns + 1_000_000_000))
    assert staticfiles.collect_if_changed() is True
    assert (settings.STATIC_ROOT / "kettle-test.css").read_text() == "body { color: plum }"
    (sources / "more.js").write_text("// new")
    assert staticfiles.collect_if_changed() is True
    assert (settings.STATIC_ROOT / "more.js").exists()


def test_a_missing_manifest_means_collecting_again(sources, settings):
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
    assert staticfiles.collect_if_changed() is True
    manifest = settings.STATIC_ROOT / staticfiles.MANIFEST
    assert manifest.exists()
    manifest.unlink()
    assert staticfiles.collect_if_changed() is True
    assert manifest.exists()
