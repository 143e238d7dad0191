"""Paths never follow the directory a process starts in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eiso.env import ConfigurationError, eiso_home_default, env_path

CHECKOUT = Path(__file__).resolve().parents[3]


def settings_seen_from(directory: Path, **env: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("EISO_", "DJANGO_"))}
    environment.update(env, DJANGO_SETTINGS_MODULE="eiso.settings", SECRET_KEY="x" * 60)
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps({k: str(getattr(s, k)) for k in "
        "['BASE_DIR', 'VAR_DIR', 'MEDIA_ROOT', 'STATIC_ROOT', 'NODE_MODULES']}))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=directory,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(result.stdout))


def test_every_path_is_the_same_whatever_directory_the_process_starts_in(tmp_path: Path) -> None:
    from_checkout = settings_seen_from(CHECKOUT, EISO_VAR_DIR=str(tmp_path / "var"))
    from_elsewhere = settings_seen_from(tmp_path, EISO_VAR_DIR=str(tmp_path / "var"))
    assert from_checkout == from_elsewhere
    assert from_elsewhere["NODE_MODULES"] == str(CHECKOUT / "node_modules")
    assert all(Path(value).is_absolute() for value in from_elsewhere.values())


def test_a_relative_path_setting_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EISO_VAR_DIR", "var")
    with pytest.raises(ConfigurationError):
        env_path("EISO_VAR_DIR", Path("/srv/eiso/var"))


def test_an_installed_package_without_a_checkout_asks_for_eiso_home(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError):
        eiso_home_default(tmp_path / "site-packages" / "eiso")
