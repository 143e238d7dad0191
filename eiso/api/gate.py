"""What every request under /api/v1/ goes through before and after its operation: the language of
`Accept-Language` (Vietnamese by default), the documented body limit (413), JSON bodies only (415), and
problem details instead of any HTML or plain-text error (404 for unknown paths, 405)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.csrf import csrf_exempt

from eiso.api.problems import MEDIA_TYPE, problem_response

MAX_BODY_BYTES = getattr(settings, "EISO_API_MAX_BODY_BYTES", 2 * 1024 * 1024)
BODY_METHODS = {"POST", "PUT", "PATCH"}


def _language(request: HttpRequest) -> str:
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for tag, _quality in parse_accept_lang_header(header):
        try:
            return translation.get_supported_language_variant(tag)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def _has_nul(request: HttpRequest) -> bool:
    """NUL characters cannot be stored in PostgreSQL text; refuse them before any query sees them."""
    if "\x00" in request.path or any("\x00" in value for value in request.GET.values()):
        return True
    return request.method in BODY_METHODS and b"\\u0000" in request.body


def _refusal(request: HttpRequest) -> HttpResponse | None:
    if request.method not in BODY_METHODS:
        return problem_response(400, _("Yêu cầu chứa ký tự NUL.")) if _has_nul(request) else None
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return problem_response(400, _("Tiêu đề Content-Length không hợp lệ."))
    if length > MAX_BODY_BYTES:
        return problem_response(
            413, _("Nội dung yêu cầu vượt quá {n} byte.").format(n=MAX_BODY_BYTES), max_bytes=MAX_BODY_BYTES
        )
    content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if length and content_type != "application/json":
        return problem_response(415, _("Nội dung yêu cầu phải là application/json."))
    if _has_nul(request):
        return problem_response(400, _("Yêu cầu chứa ký tự NUL."))
    return None


def guarded(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @csrf_exempt  # session writes are checked for CSRF by the API's session authentication
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with translation.override(_language(request)):
            try:
                response = _refusal(request) or view(request, *args, **kwargs)
            except Http404:
                response = problem_response(404, _("Không có địa chỉ API này."))
            if response.status_code == 405 and response.get("Content-Type", "") != MEDIA_TYPE:
                allowed = response.get("Allow", "")
                response = problem_response(
                    405,
                    _("Phương thức {method} không được hỗ trợ.").format(method=request.method),
                    headers={"Allow": allowed} if allowed else None,
                )
            response.setdefault("Cache-Control", "no-store")
            return response

    return wrapper


@guarded
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return problem_response(404, _("Không có địa chỉ API này."))
