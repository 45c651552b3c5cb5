"""Shared fixtures."""
import shutil

import pytest

from parley import config


@pytest.fixture
def lexicons(tmp_path, monkeypatch):
    """Return a private copy of lib/parley/lexicons that the package reads instead, for tests that edit it."""
    folder = tmp_path / "lexicons"
    shutil.copytree(config.LEXICONS, folder)
    monkeypatch.setattr(config, "LEXICONS", folder)
    return folder
