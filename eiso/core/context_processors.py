from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from eiso.core import clock, registry
from eiso.core.access import acting_request, visible_agencies
from eiso.core.inbox import inbox_count


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs: the acting agency, the navigation of modules that exist, and the
    fixed day the application lives on when one is configured (shown as a banner on every page)."""
    fixed_today = clock.fixed_today()
    acting = acting_request(request)
    if acting is None:
        return {"fixed_today": fixed_today}
    person = acting.person
    nav = []
    waiting = inbox_count(person)
    for item in registry.nav_items():
        if item.roles and not person.has_role(*item.roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        badge = waiting if item.url_name == "core:inbox" else 0
        active = _is_active(request, url)
        nav.append({"url": url, "label": item.label, "icon": item.icon, "active": active, "badge": badge})
    unread = person.notifications.filter(read_at__isnull=True).count()
    return {
        "fixed_today": fixed_today,
        "nav": nav,
        "agency": acting.agency,
        "unread_notifications": unread,
        "inbox_waiting": waiting,
        "visible_agencies": visible_agencies(person),
    }


def _is_active(request: HttpRequest, url: str) -> bool:
    return request.path == url if url == "/" else request.path.startswith(url)
