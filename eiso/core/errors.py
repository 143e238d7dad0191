"""Error pages (400, 403, 404, 405, 429, 500) in the app's layout and the user's language, with a way back.

Django calls the handlers named in the root URLconf; 405 responses (from `require_POST` and the like)
carry no page of their own, so `ErrorPageMiddleware` gives them one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

PAGES: dict[int, tuple[Any, Any]] = {
    400: (_("Yêu cầu không hợp lệ"), _("Trình duyệt đã gửi một yêu cầu mà hệ thống không hiểu được.")),
    403: (_("Không có quyền truy cập"), _("Tài khoản của anh/chị không được phép xem hoặc làm việc này.")),
    404: (_("Không tìm thấy trang"), _("Trang hoặc bản ghi này không có, hoặc đã được chuyển đi.")),
    405: (_("Thao tác không được hỗ trợ"), _("Trang này không nhận cách gửi yêu cầu vừa dùng.")),
    429: (
        _("Quá nhiều yêu cầu"),
        _("Anh/chị đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau một phút."),
    ),
    500: (
        _("Hệ thống gặp lỗi"),
        _("Đã có lỗi ngoài ý muốn; lỗi đã được ghi lại. Vui lòng thử lại sau ít phút."),
    ),
}


def _back_url(request: HttpRequest) -> str:
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        return referer
    return ""


def render_error(request: HttpRequest, status: int, reason: str = "") -> HttpResponse:
    title, explanation = PAGES[status]
    context = {
        "status": status,
        "title": title,
        "explanation": explanation,
        "reason": reason,
        "back_url": _back_url(request),
        "signed_in": getattr(getattr(request, "user", None), "is_authenticated", False),
    }
    # No RequestContext for 500: the context processors may be what failed.
    html = loader.render_to_string("core/error.html", context, request=None if status == 500 else request)
    return HttpResponse(html, status=status)


def _reason(exception: Exception | None) -> str:
    if exception is None or not exception.args:
        return ""
    message = exception.args[0]
    return message if isinstance(message, str) and not message.startswith(("<", "Resolver404")) else ""


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_error(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_error(request, 403, _reason(exception))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_error(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render_error(request, 500)


class ErrorPageMiddleware:
    """Gives a bare 405 response the app's error page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            page = render_error(request, 405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response
