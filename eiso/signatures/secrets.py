"""The agency PKCS#12 PIN at rest: Fernet-encrypted with a key derived from SECRET_KEY (HKDF-SHA256).

Rotating SECRET_KEY makes the stored PIN unreadable; the administrator then uploads the PKCS#12 again.
The PIN is never logged and never shown back.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_INFO = b"eiso.signatures.p12-pin"


def _fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        settings.SECRET_KEY.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def seal_pin(pin: str) -> bytes:
    return _fernet().encrypt(pin.encode())


def open_pin(token: bytes) -> str:
    """The PIN in clear for the signing call only; a changed SECRET_KEY gives a ValueError."""
    try:
        return _fernet().decrypt(bytes(token)).decode()
    except InvalidToken as exc:
        raise ValueError("the stored PIN cannot be decrypted with this SECRET_KEY") from exc
