"""One error shape for everything under /api/: RFC 9457 problem details, in the language of the request.

`{"type", "title", "status", "detail", "errors": [{"field", "detail", "code"}]}` with the media type
`application/problem+json`. The `type` is a stable URI per kind of problem (documented in docs/api.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger(__name__)
MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://eiso.gov.vn/problems/"

TITLES = {
    400: gettext_lazy("Yêu cầu không hợp lệ"),
    401: gettext_lazy("Chưa xác thực"),
    403: gettext_lazy("Không có quyền"),
    404: gettext_lazy("Không tìm thấy"),
    405: gettext_lazy("Phương thức không được hỗ trợ"),
    409: gettext_lazy("Xung đột với trạng thái hiện tại"),
    413: gettext_lazy("Nội dung yêu cầu quá lớn"),
    415: gettext_lazy("Kiểu nội dung không được hỗ trợ"),
    422: gettext_lazy("Dữ liệu không hợp lệ"),
    429: gettext_lazy("Quá nhiều yêu cầu"),
    500: gettext_lazy("Lỗi máy chủ"),
}
SLUGS = {
    400: "bad-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "invalid",
    429: "rate-limited",
    500: "server-error",
}
# Service refusals that are about the record's current state rather than the input.
CONFLICT_CODES = {"illegal_transition", "not_waiting", "once", "not_open", "duplicate", "too_late"}
# Pydantic error types worded in our languages (the rest get a generic sentence).
FIELD_MESSAGES = {
    "missing": gettext_lazy("Trường này là bắt buộc."),
    "extra_forbidden": gettext_lazy("Trường này không được phép."),
    "int_parsing": gettext_lazy("Cần một số nguyên."),
    "int_type": gettext_lazy("Cần một số nguyên."),
    "string_type": gettext_lazy("Cần một chuỗi ký tự."),
    "string_too_long": gettext_lazy("Chuỗi quá dài."),
    "string_too_short": gettext_lazy("Chuỗi quá ngắn."),
    "datetime_parsing": gettext_lazy("Cần thời điểm theo ISO 8601, ví dụ 2026-03-02T09:15:00+07:00."),
    "datetime_type": gettext_lazy("Cần thời điểm theo ISO 8601, ví dụ 2026-03-02T09:15:00+07:00."),
    "datetime_from_date_parsing": gettext_lazy(
        "Cần thời điểm theo ISO 8601, ví dụ 2026-03-02T09:15:00+07:00."
    ),
    "date_parsing": gettext_lazy("Cần ngày theo ISO 8601, ví dụ 2026-03-02."),
    "date_from_datetime_parsing": gettext_lazy("Cần ngày theo ISO 8601, ví dụ 2026-03-02."),
    "date_type": gettext_lazy("Cần ngày theo ISO 8601, ví dụ 2026-03-02."),
    "literal_error": gettext_lazy("Giá trị không nằm trong danh sách cho phép."),
    "enum": gettext_lazy("Giá trị không nằm trong danh sách cho phép."),
    "less_than_equal": gettext_lazy("Giá trị quá lớn."),
    "greater_than_equal": gettext_lazy("Giá trị quá nhỏ."),
    "too_long": gettext_lazy("Quá nhiều phần tử."),
    "too_short": gettext_lazy("Quá ít phần tử."),
    "json_invalid": gettext_lazy("Nội dung yêu cầu không phải JSON hợp lệ."),
    "model_attributes_type": gettext_lazy("Cần một đối tượng JSON."),
    "dict_type": gettext_lazy("Cần một đối tượng JSON."),
    "list_type": gettext_lazy("Cần một danh sách."),
    "bool_parsing": gettext_lazy("Cần true hoặc false."),
    "bool_type": gettext_lazy("Cần true hoặc false."),
    "value_error": gettext_lazy("Giá trị không hợp lệ."),
}


class Problem(Exception):
    """Raise anywhere in an API operation to answer with this problem."""

    def __init__(
        self,
        status: int,
        detail: str = "",
        *,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}
        self.extra = extra


def problem_response(
    status: int,
    detail: str = "",
    *,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JsonResponse:
    body: dict[str, Any] = {
        "type": TYPE_BASE + SLUGS.get(status, "error"),
        "title": str(TITLES.get(status, TITLES[400])),
        "status": status,
        "detail": detail or str(TITLES.get(status, "")),
    }
    if errors is not None:
        body["errors"] = errors
    body.update(extra)
    response = JsonResponse(
        body, status=status, content_type=MEDIA_TYPE, json_dumps_params={"ensure_ascii": False}
    )
    for name, value in (headers or {}).items():
        response[name] = value
    response["Content-Language"] = translation.get_language() or "vi"
    return response


def errors_of_django(exc: DjangoValidationError, prefix: str = "") -> list[dict[str, Any]]:
    if hasattr(exc, "error_dict"):
        return [
            {"field": prefix + field, "detail": message, "code": "invalid"}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [
        {
            "field": prefix.rstrip("."),
            "detail": error.message % (error.params or {}),
            "code": error.code or "invalid",
        }
        for error in exc.error_list
    ]


def status_of_django(exc: DjangoValidationError) -> int:
    codes = {getattr(error, "code", None) for error in getattr(exc, "error_list", [])}
    return 409 if codes & CONFLICT_CODES else 422


def errors_of_pydantic(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    errors = []
    for error in raw:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path", "header", "cookie"):
            loc = loc[1:]
        if loc and loc[0] in ("payload", "filters"):
            loc = loc[1:]
        kind = str(error.get("type", "value_error"))
        message = FIELD_MESSAGES.get(kind)
        errors.append(
            {
                "field": ".".join(loc),
                "detail": str(message) if message else _("Giá trị không hợp lệ."),
                "code": kind,
            }
        )
    return errors


def install(api: NinjaAPI) -> None:
    """Map every exception an operation may raise to a problem response."""

    def handler(func: Callable[[Any], JsonResponse]) -> Callable[[HttpRequest, Any], HttpResponse]:
        return lambda request, exc: func(exc)

    api.add_exception_handler(
        Problem,
        handler(
            lambda e: problem_response(e.status, e.detail, errors=e.errors, headers=e.headers, **e.extra)
        ),
    )
    api.add_exception_handler(
        NinjaValidationError,
        handler(
            lambda e: problem_response(
                422, _("Dữ liệu gửi lên không hợp lệ."), errors=errors_of_pydantic(e.errors)
            )
        ),
    )
    api.add_exception_handler(
        DjangoValidationError,
        handler(
            lambda e: problem_response(status_of_django(e), " ".join(e.messages), errors=errors_of_django(e))
        ),
    )
    api.add_exception_handler(
        AuthenticationError,
        handler(
            lambda e: problem_response(
                401,
                _("Cần khóa API (Authorization: Bearer …) hoặc đăng nhập."),
                headers={"WWW-Authenticate": 'Bearer realm="eiso"'},
            )
        ),
    )
    api.add_exception_handler(
        Throttled,
        handler(lambda e: problem_response(429, headers={"Retry-After": str(int(e.wait or 60))})),
    )
    api.add_exception_handler(HttpError, handler(_http_error))
    api.add_exception_handler(Http404, handler(lambda e: problem_response(404, _("Không tìm thấy bản ghi."))))
    api.add_exception_handler(
        PermissionDenied,
        handler(lambda e: problem_response(403, str(e) or _("Bạn không có quyền thực hiện thao tác này."))),
    )
    api.add_exception_handler(Exception, handler(_server_error))


def _http_error(exc: HttpError) -> JsonResponse:
    if exc.status_code == 403 and "CSRF" in str(exc):
        return problem_response(
            403, _("Thiếu hoặc sai mã CSRF: yêu cầu ghi bằng phiên đăng nhập cần mã CSRF.")
        )
    if exc.status_code == 400:
        return problem_response(400, _("Yêu cầu không đọc được."))
    return problem_response(exc.status_code)


def _server_error(exc: Exception) -> JsonResponse:
    logger.exception("API error", exc_info=exc)
    return problem_response(500, _("Đã có lỗi phía máy chủ; yêu cầu chưa được thực hiện."))
