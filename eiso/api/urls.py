from django.urls import include, path, re_path

from eiso.api import gate, views
from eiso.api.v1 import api

app_name = "api"


def _guarded_patterns() -> list:
    patterns, _app, _namespace = api.urls
    for pattern in patterns:
        pattern.callback = gate.guarded(pattern.callback)  # type: ignore[arg-type]
    return patterns


urlpatterns = [
    path("v1/docs/", views.docs, name="docs"),
    path("v1/", include((_guarded_patterns(), "api-v1"), namespace="api-v1")),
    re_path(r"^v1(/.*)?$", gate.not_found),
    path("khoa/", views.key_list, name="keys"),
    path("khoa/<int:pk>/thu-hoi/", views.key_revoke, name="key_revoke"),
]
