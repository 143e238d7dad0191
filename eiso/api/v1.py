"""The API, version 1: django-ninja generates the OpenAPI 3.1 schema from the typed operations below."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Router, Schema

from eiso.api import dossiers, problems, reads
from eiso.api.auth import KeyAuth, SessionAuth, caller_of

DESCRIPTION = """API JSON của eISO cho hệ thống một cửa tỉnh, cổng dịch vụ công và các hệ thống khác.

Xác thực bằng khóa API của một hệ thống (`Authorization: Bearer eiso_…`), tạo ở trang **Khóa API**,
hoặc bằng phiên đăng nhập (các yêu cầu ghi cần mã CSRF). Mọi lỗi trả về dạng RFC 9457
(`application/problem+json`) bằng ngôn ngữ của tiêu đề `Accept-Language` (mặc định tiếng Việt).
Hướng dẫn kết nối: docs/api.md."""
ERROR_STATUSES = ["400", "401", "403", "404", "405", "413", "415", "422", "429"]
WRITE_STATUSES = ["409"]


class EisoApi(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Every operation documents the problem responses it may give."""
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = _problem_schema()
        for methods in schema.get("paths", {}).values():
            for method, operation in methods.items():
                statuses = ERROR_STATUSES + (WRITE_STATUSES if method in ("put", "post") else [])
                responses = operation.setdefault("responses", {})
                for status in statuses:
                    responses.setdefault(status, _problem_response(status))
        return schema


def _problem_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "title": "Problem",
        "description": "RFC 9457 problem details",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "field": {"type": "string"},
                        "detail": {"type": "string"},
                        "code": {"type": "string"},
                        "index": {"type": "integer"},
                        "dossier": {"type": "string"},
                    },
                },
            },
        },
    }


def _problem_response(status: str) -> dict[str, Any]:
    description = str(problems.TITLES[int(status)])
    return {
        "description": description,
        "content": {problems.MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


api = EisoApi(
    title="eISO API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api:api-v1",
    auth=[KeyAuth(), SessionAuth()],
    docs_url=None,
    openapi_url="/openapi.json",
)
problems.install(api)

me_router = Router(tags=["identity"])


class Me(Schema):
    name: str
    kind: str
    agency: dict[str, str]
    scopes: list[str]
    visible_agencies: list[str]


@me_router.get("/me", response=Me, summary="Ai đang gọi API")
def me(request: HttpRequest) -> dict[str, Any]:
    caller = caller_of(request)
    return {
        "name": caller.client.name if caller.client else caller.person.full_name,
        "kind": "client" if caller.client else "person",
        "agency": {"code": caller.agency.code, "name": caller.agency.name},
        "scopes": sorted(caller.scopes),
        "visible_agencies": list(caller.visible().order_by("code").values_list("code", flat=True)),
    }


@api.get("/", auth=None, include_in_schema=False)
def index(request: HttpRequest) -> dict[str, str]:
    """The API's front door: where its description and documentation are."""
    return {"name": "eISO API", "version": "1", "openapi": "/api/v1/openapi.json", "docs": "/api/v1/docs/"}


api.add_router("", me_router)
api.add_router("", dossiers.router)
api.add_router("", reads.router)
