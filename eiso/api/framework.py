"""The API's one entry decorator: bearer-token or session authentication, agency scoping, and JSON
errors with a translated reason (400 with field messages, 401, 403, 404, 405)."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from eiso.api.services import api_token_authenticate
from eiso.core.access import AgencyRequest

ApiView = Callable[..., Any]


def error(status: int, reason: str, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": reason, **extra}, status=status, json_dumps_params={"ensure_ascii": False})


def ok(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def json_body(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError(_("Nội dung yêu cầu không phải JSON hợp lệ.")) from exc
    if not isinstance(data, dict):
        raise ValidationError(_("Nội dung yêu cầu phải là một đối tượng JSON."))
    return data


def api_view(*methods: str, roles: tuple[str, ...] = ()) -> Callable[[ApiView], Callable[..., JsonResponse]]:
    """Authenticate (Authorization: Bearer <key>, or the browser session) and map errors to JSON."""

    def decorator(view: ApiView) -> Callable[..., JsonResponse]:
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
            if request.method not in methods:
                return error(405, _("Phương thức {method} không được hỗ trợ.").format(method=request.method))
            failure = _authenticate(request)
            if failure is not None:
                return failure
            agency_request: AgencyRequest = request  # type: ignore[assignment]
            if roles and (agency_request.read_only or not agency_request.person.has_role(*roles)):
                return error(403, _("Bạn không có quyền thực hiện thao tác này."))
            try:
                result = view(agency_request, *args, **kwargs)
            except ValidationError as exc:
                fields = exc.message_dict if hasattr(exc, "error_dict") else {}
                return error(400, " ".join(exc.messages), fields=fields)
            except PermissionDenied as exc:
                return error(403, str(exc) or _("Bạn không có quyền thực hiện thao tác này."))
            except Http404 as exc:
                return error(404, str(exc) or _("Không tìm thấy bản ghi."))
            return result if isinstance(result, JsonResponse) else ok(result)

        return wrapper

    return decorator


def _authenticate(request: HttpRequest) -> JsonResponse | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header.startswith("Bearer "):
        person = api_token_authenticate(key=header.removeprefix("Bearer ").strip())
        if person is None:
            return error(401, _("Khóa API không hợp lệ hoặc đã bị thu hồi."))
        request.person = person  # type: ignore[attr-defined]
        request.agency = person.agency  # type: ignore[attr-defined]
        request.read_only = False  # type: ignore[attr-defined]
        return None
    if getattr(request, "agency", None) is None:
        return error(401, _("Cần đăng nhập hoặc khóa API (Authorization: Bearer ...)."))
    if request.method not in ("GET", "HEAD"):
        return error(403, _("Thao tác ghi qua API cần khóa API."))
    return None
