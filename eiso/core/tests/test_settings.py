import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from eiso.env import ConfigurationError, env_bool, env_int, secret_key


def test_boolean_settings_fail_loudly_on_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EISO_FLAG", "maybe")
    with pytest.raises(ConfigurationError):
        env_bool("EISO_FLAG")


def test_integer_settings_fail_loudly_on_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EISO_NUMBER", "ten")
    with pytest.raises(ConfigurationError):
        env_int("EISO_NUMBER", 1)


def test_secret_key_is_generated_once_and_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = secret_key(tmp_path, debug=False)
    assert len(first) >= 50
    assert secret_key(tmp_path, debug=False) == first


def test_production_refuses_to_start_without_a_secret_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("EISO_PRODUCTION", "true")
    with pytest.raises(ConfigurationError):
        secret_key(tmp_path, debug=False)


def test_production_configuration_passes_the_deploy_check(tmp_path: Path) -> None:
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "eiso.settings",
        "EISO_PRODUCTION": "true",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "eiso.example.gov.vn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "EISO_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "eiso", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
