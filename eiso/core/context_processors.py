from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from eiso.core import registry
from eiso.core.access import visible_agencies


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs: the acting agency and the navigation of modules that exist."""
    if getattr(request, "agency", None) is None:
        return {}
    nav = []
    for item in registry.nav_items():
        if item.roles and not request.person.has_role(*item.roles):  # type: ignore[attr-defined]
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        nav.append({"url": url, "label": item.label, "icon": item.icon, "active": _is_active(request, url)})
    unread = request.person.notifications.filter(read_at__isnull=True).count()  # type: ignore[attr-defined]
    return {
        "nav": nav,
        "agency": request.agency,  # type: ignore[attr-defined]
        "unread_notifications": unread,
        "visible_agencies": visible_agencies(request.person),  # type: ignore[attr-defined]
    }


def _is_active(request: HttpRequest, url: str) -> bool:
    return request.path == url if url == "/" else request.path.startswith(url)
