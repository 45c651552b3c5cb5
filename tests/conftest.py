"""Shared fixtures."""
import shutil

import pytest

from parley import config


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """Point the cache at a fresh folder (config reads PARLEY_CACHE at import, so patch both)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("PARLEY_CACHE", str(folder))
    monkeypatch.setattr(config, "CACHE", folder)
    return folder


@pytest.fixture
def lexicons(tmp_path, monkeypatch):
    """Return a private copy of lib/parley/lexicons that the package reads instead, for tests that edit it."""
    folder = tmp_path / "lexicons"
    shutil.copytree(config.LEXICONS, folder)
    monkeypatch.setattr(config, "LEXICONS", folder)
    return folder
