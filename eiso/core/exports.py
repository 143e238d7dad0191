"""A list page's filtered rows as CSV or XLSX, streamed from the database in chunks.

A list declares its columns once (`Column`: the Vietnamese header, how to read the value from a row,
its kind). Exports leave the agency, so headers and values are always Vietnamese whatever the reader's
language. Rows are fetched with `QuerySet.iterator(chunk_size=…)`, so memory stays bounded whatever
the number of rows: the CSV is written to the response as it is read; the XLSX (a zip that cannot be
streamed while it is built) is written by openpyxl's write-only workbook, whose rows go to a temporary
file, then served from that file. Text cells are formula-neutralised; dates and times are real date
cells shown dd/mm/yyyy in the spreadsheet and written dd/mm/yyyy in the CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any, Literal

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise

from eiso.core.downloads import secure_headers
from eiso.core.spreadsheets import neutralise

Kind = Literal["text", "date", "datetime", "number"]
FORMATS = ("xlsx", "csv")
CHUNK_SIZE = 2000
CSV_BATCH = 500  # rows per chunk written to the response
BOM = "\ufeff"  # lets Excel read the CSV as UTF-8
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
WIDTHS = {"text": 24, "date": 12, "datetime": 17, "number": 10}
SHEET_NAME_UNSAFE = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    """One exported column: `label` a lazy Vietnamese string, `value` a dotted attribute path of the row
    (or a key of a `values()` row; a bound method at the end is called, e.g. "get_status_display") or a
    function of the row."""

    label: str | Promise
    value: str | Callable[[Any], Any]
    kind: Kind = "text"
    width: int = 0

    def read(self, row: Any) -> Any:
        if callable(self.value):
            return self.value(row)
        value = row
        for part in self.value.split("."):
            value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
            if value is None:
                return None
        return value() if callable(value) else value


def _moment(value: Any, kind: Kind) -> dt.date | dt.datetime | None:
    """The value as a naive local date or datetime (spreadsheets have no time zones)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.date() if kind == "date" else local.replace(tzinfo=None, microsecond=0)
    if isinstance(value, dt.date):
        return value if kind == "date" else dt.datetime.combine(value, dt.time())  # naive: cells have no zone
    return None


def cell_value(column: Column, row: Any) -> Any:
    """The typed value of one cell: a date, a datetime, a number, neutralised text or None."""
    value = column.read(row)
    if column.kind in ("date", "datetime"):
        return _moment(value, column.kind)
    if column.kind == "number":
        return value if isinstance(value, int | float | Decimal) else None
    if value is None:
        return ""
    if isinstance(value, bool):
        value = translation.gettext("Có") if value else translation.gettext("Không")
    return neutralise(str(value))


def _csv_text(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else value


def headers(columns: Sequence[Column]) -> list[str]:
    with translation.override("vi"):
        return [str(column.label) for column in columns]


def rows(
    queryset: QuerySet[Any], columns: Sequence[Column], chunk_size: int = CHUNK_SIZE
) -> Iterator[list[Any]]:
    """The typed cells of every row, in Vietnamese, read `chunk_size` rows at a time."""
    with translation.override("vi"):
        for row in queryset.iterator(chunk_size=chunk_size):
            yield [cell_value(column, row) for column in columns]


def csv_chunks(
    queryset: QuerySet[Any], columns: Sequence[Column], chunk_size: int = CHUNK_SIZE
) -> Iterator[bytes]:
    """The CSV (UTF-8 with BOM, header first) in chunks of CSV_BATCH rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(headers(columns))
    for n, cells in enumerate(rows(queryset, columns, chunk_size), start=1):
        writer.writerow([_csv_text(v) for v in cells])
        if n % CSV_BATCH == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def xlsx_write(
    queryset: QuerySet[Any],
    columns: Sequence[Column],
    out: IO[bytes],
    *,
    title: str | Promise,
    chunk_size: int = CHUNK_SIZE,
) -> None:
    """Write the XLSX (a bold frozen header row, then the rows; the sheet named `title`, in Vietnamese)
    to the binary file `out`."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    with translation.override("vi"):
        name = ILLEGAL_CHARACTERS_RE.sub("", str(title)).translate(SHEET_NAME_UNSAFE)[:31]
    sheet = workbook.create_sheet(title=name or "Sheet1")
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width or WIDTHS[column.kind]
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def header_cell(label: str) -> Any:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = bold
        return cell

    sheet.append([header_cell(label) for label in headers(columns)])
    kinds = [column.kind for column in columns]
    for cells in rows(queryset, columns, chunk_size):
        sheet.append(list(_xlsx_cells(sheet, kinds, cells, ILLEGAL_CHARACTERS_RE)))
    workbook.save(out)


def _xlsx_cells(sheet: Any, kinds: list[Kind], cells: list[Any], illegal: Any) -> Iterable[Any]:
    from openpyxl.cell import WriteOnlyCell

    for kind, value in zip(kinds, cells, strict=True):
        if kind in ("date", "datetime") and value is not None:
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = DATE_FORMAT if kind == "date" else DATETIME_FORMAT
            yield cell
        elif isinstance(value, str):
            yield illegal.sub("", value)
        else:
            yield value


def export_response(
    queryset: QuerySet[Any], columns: Sequence[Column], *, fmt: str, filename: str, title: str | Promise = ""
) -> HttpResponse:
    """The rows of `queryset` (filtered, scoped and ordered by the caller) as a download named
    `<filename>-<today>.<fmt>`."""
    name = f"{filename}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        response: Any = StreamingHttpResponse(
            csv_chunks(queryset, columns), content_type="text/csv; charset=utf-8"
        )
    else:
        handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115  # closed by the response
        xlsx_write(queryset, columns, handle, title=title or filename)
        handle.seek(0)
        response = FileResponse(handle, content_type=XLSX_TYPE)
    secure_headers(response, filename=name)
    response["Cache-Control"] = "no-store"
    return response
