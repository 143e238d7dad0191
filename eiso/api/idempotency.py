"""`Idempotency-Key` for the API's POST writes: a retried request (after a timeout) is answered with the
remembered response instead of being applied again. Same key with a different request: 422. Keys are kept
24 hours per client; a refused request is not remembered (nothing was written), so it may be retried."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from eiso.api.auth import Caller
from eiso.api.problems import Problem
from eiso.api.services import idempotent_remember, idempotent_result, request_fingerprint

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


class _Twin(Exception):
    """A concurrent request with the same key committed first."""


def run_once(
    request: HttpRequest, caller: Caller, write: Callable[[], tuple[int, dict[str, Any]]]
) -> tuple[int, dict[str, Any]] | JsonResponse:
    """Run `write` (returning status and JSON body) in one transaction, at most once per idempotency key."""
    key = request.headers.get(HEADER, "").strip()
    if not key or caller.client is None:
        with transaction.atomic():
            return write()
    if len(key) > MAX_KEY_LENGTH:
        raise Problem(400, _("Idempotency-Key dài quá {n} ký tự.").format(n=MAX_KEY_LENGTH))
    fingerprint = request_fingerprint(method=request.method or "", path=request.path, body=request.body)
    for _attempt in range(2):
        found = idempotent_result(client=caller.client, key=key)
        if found is not None:
            if found.fingerprint != fingerprint:
                raise Problem(422, _("Idempotency-Key này đã được dùng cho một yêu cầu khác."))
            response = JsonResponse(
                found.body, status=found.status, json_dumps_params={"ensure_ascii": False}
            )
            response["Idempotent-Replayed"] = "true"
            return response
        try:
            with transaction.atomic():
                status, body = write()
                try:
                    with transaction.atomic():
                        idempotent_remember(
                            client=caller.client, key=key, fingerprint=fingerprint, status=status, body=body
                        )
                except IntegrityError as exc:
                    raise _Twin from exc
        except _Twin:
            continue
        return status, body
    raise Problem(409, _("Một yêu cầu cùng Idempotency-Key đang được xử lý; hãy thử lại."))
