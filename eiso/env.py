"""Typed readers of environment variables that fail loudly on bad values."""

import datetime as dt
import ipaddress
import os
import secrets
from pathlib import Path


class ConfigurationError(RuntimeError):
    """A setting read from the environment is missing or malformed."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be a boolean (true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be an integer, got {raw!r}") from exc


def env_path(name: str, default: Path) -> Path:
    """An absolute directory path; a relative value would follow the process's working directory."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default.resolve()
    path = Path(raw).expanduser()
    if not path.is_absolute():
        raise ConfigurationError(f"{name} must be an absolute path, got {raw!r}")
    return path


def env_time(name: str, default: str) -> dt.time:
    """A local time of day written HH:MM."""
    raw = os.environ.get(name, "").strip() or default
    try:
        hours, minutes = raw.split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a time HH:MM, got {raw!r}") from exc


def eiso_home_default(package_dir: Path) -> Path:
    """The checkout holding the package; an installed package has none, so EISO_HOME must be set."""
    checkout = package_dir.parent
    if (checkout / "pyproject.toml").exists():
        return checkout
    raise ConfigurationError("EISO_HOME must name eISO's directory (var/, node_modules/) when installed")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_networks(name: str) -> list[str]:
    """A comma-separated list of IP addresses or networks (CIDR), each checked."""
    entries = env_list(name, [])
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError as exc:
            raise ConfigurationError(f"{name} must list IP addresses or networks, got {entry!r}") from exc
    return entries


def secret_key(var_dir: Path, *, debug: bool) -> str:
    """Read SECRET_KEY; outside production keep a generated one in var/ so sessions survive restarts."""
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if not debug and env_bool("EISO_PRODUCTION"):
        raise ConfigurationError("SECRET_KEY is required in production (EISO_PRODUCTION=true)")
    if var_dir.resolve().is_relative_to(Path(__file__).resolve().parent):
        raise ConfigurationError(f"EISO_VAR_DIR must lie outside the eiso package, got {var_dir}")
    key_file = var_dir / "secret_key"
    if not key_file.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
