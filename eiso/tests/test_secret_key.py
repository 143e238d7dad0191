"""The generated development secret key is kept out of the package (and so out of the repository)."""

from __future__ import annotations

from pathlib import Path

import pytest

import eiso
from eiso.env import ConfigurationError, secret_key

PACKAGE = Path(eiso.__file__).resolve().parent


def test_the_key_is_never_generated_inside_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    var_dir = PACKAGE / "reviews" / "var"
    with pytest.raises(ConfigurationError, match="outside the eiso package"):
        secret_key(var_dir, debug=False)
    assert not (var_dir / "secret_key").exists()


def test_the_key_is_generated_once_outside_the_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert secret_key(tmp_path / "var", debug=False) == secret_key(tmp_path / "var", debug=False)


def test_no_generated_key_lies_in_the_package() -> None:
    assert list(PACKAGE.glob("**/secret_key")) == []
