"""The local CA and SoftHSM2 token of the signatures tests (session fixture `kit`), for signed minutes."""

from eiso.signatures.tests.conftest import kit  # noqa: F401 - a fixture, used by name
