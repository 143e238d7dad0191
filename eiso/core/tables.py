"""List pages: a django-tables2 table sorted by its column headers, 50 rows a page with "1–50 of 12,345",
and the same rows, in the same order, exported as XLSX or CSV (`?export=xlsx`).

Pages include "core/table.html" rather than django-tables2's `render_table`, which would run the context
processors of the page shell a second time. The rows are counted once per page and at most up to
`COUNT_LIMIT` + 1 (`BoundedPaginator`): over five years of a province's dossiers an exact `COUNT(*)` of a
filtered list costs more than the page itself, so beyond the limit the page says "more than 10,000" and
the statistics pages give the exact figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import django_tables2 as tables
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.utils.functional import Promise, cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django_tables2 import RequestConfig

from eiso.core.exports import FORMATS, Column, export_response
from eiso.core.models import Notification

PER_PAGE = 50
COUNT_LIMIT = 10_000


class BoundedPaginator(Paginator):
    """Pages of `rows` counted with `SELECT count(*) FROM (… LIMIT COUNT_LIMIT + 1)` over `query`."""

    limit = COUNT_LIMIT

    def __init__(self, rows: Any, per_page: int, *, query: Any) -> None:
        super().__init__(rows, per_page)
        self.query = query

    @cached_property
    def counted(self) -> int:
        """The rows, counted up to one past the limit."""
        if isinstance(self.query, QuerySet):
            return self.query[: self.limit + 1].count()
        return min(len(self.query), self.limit + 1)

    @cached_property
    def count(self) -> int:
        """The rows the pages offer: all of them, or the first `limit` when there are more."""
        return min(self.counted, self.limit)

    @property
    def more(self) -> bool:
        """Whether rows beyond `limit` exist (the pages stop there)."""
        return self.counted > self.limit


class Table(tables.Table):
    """The base of every list's table (Bootstrap 5, sortable headers, a row count and export links)."""

    exportable = True

    def __init__(self, *args: Any, cell_context: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cell_context = cell_context or {}

    def cell(self, template: str, **context: Any) -> SafeString:
        """A cell drawn by a template, with `cell_context` (the page's context processors are not run again;
        a cell with a form gets `csrf_token` through `cell_context`)."""
        return SafeString(get_template(template).render({**self.cell_context, **context}))

    class Meta:
        template_name = "core/table.html"
        attrs = {"class": "table table-sm table-hover align-middle"}


def list_response(
    request: HttpRequest,
    *,
    table: Table,
    columns: Sequence[Column],
    filename: str,
    template: str,
    context: dict[str, Any] | None = None,
    partial: str = "",
    title: str | Promise = "",
) -> HttpResponse:
    """The list page, or with `?export=xlsx|csv` its filtered rows in the page's order as a download."""
    RequestConfig(request, paginate=False).configure(table)
    fmt = request.GET.get("export", "")
    if fmt in FORMATS:
        return export_response(table.data.data, columns, fmt=fmt, filename=filename, title=title)
    table.paginator = BoundedPaginator(table.rows, PER_PAGE, query=table.data.data)
    table.page = table.paginator.get_page(request.GET.get(table.prefixed_page_field))
    template = partial if partial and getattr(request, "htmx", False) else template
    return render(request, template, {**(context or {}), "table": table})


def _notification_kind(notification: Notification) -> str:
    from eiso.core.inbox import KIND_LABELS

    kind = notification.key.split(":", 1)[0]
    return str(KIND_LABELS.get(kind, _("Khác")))


class NotificationTable(Table):
    created_at = tables.DateTimeColumn(verbose_name=_("Thời điểm"), short=True)
    title = tables.Column(verbose_name=_("Thông báo"))
    due_on = tables.DateColumn(verbose_name=_("Hạn"), short=True)
    read_at = tables.Column(verbose_name=_("Đã đọc"), empty_values=())

    class Meta(Table.Meta):
        model = Notification
        fields = ("created_at", "title", "due_on", "read_at")
        empty_text = _("Không có thông báo.")
        row_attrs = {"class": lambda record: "" if record.read_at else "table-warning"}

    def render_title(self, record: Notification) -> SafeString:
        return self.cell("core/_notification_title.html", n=record)

    def render_read_at(self, record: Notification) -> SafeString:
        return self.cell("core/_notification_open.html", n=record)


NOTIFICATION_COLUMNS = [
    Column(_("Thời điểm"), "created_at", "datetime"),
    Column(_("Nhóm"), _notification_kind, width=30),
    Column(_("Tiêu đề"), "title", width=50),
    Column(_("Nội dung"), "body", width=60),
    Column(_("Hạn"), "due_on", "date"),
    Column(_("Đã đọc lúc"), "read_at", "datetime"),
    Column(_("Đường dẫn"), "url", width=30),
]
