"""The shared import framework: streaming, all-or-nothing imports of CSV and XLSX files.

An import names its columns with `ColumnSpec`s (canonical English name, Vietnamese header aliases,
required, maximum length, parser). `read_rows(file, specs, report)` streams the file row by row and yields
`ParsedRow`s whose values are keyed by the canonical names and already parsed; every problem is collected in
the `ImportReport` as a `RowError(row, column, message)` translated into the active language (Vietnamese by
default). File-level problems (wrong encoding, empty file, missing required columns) are reported with row 0
or the row where they were found.

`run_import` does the whole dance: a first streaming pass validates every row (the caller adds its own
checks, e.g. unknown procedure, duplicate code), and only when the whole file is clean, and not a dry run,
a second streaming pass hands the rows to the caller's writer inside one transaction. Nothing is ever held
in memory beyond one row, so a file of a million rows imports in constant memory.

Row numbers are the line numbers a user sees in a spreadsheet: the header is row 1, the first data row 2.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
XLSX_MAGIC = b"PK\x03\x04"
PROGRESS_EVERY = 1000
MAX_STORED_ERRORS = 1000
# Bounds of any import (a file is refused with a clear message past them, before it can exhaust memory).
MAX_CELL_CHARS = 32_767  # the most a spreadsheet cell holds
MAX_COLUMNS = 256
MSG_REQUIRED = gettext_lazy("Không được để trống.")  # a required cell left empty (both CSV readers)
MAX_LINE_CHARS = 1 << 20


def max_rows() -> int:
    from django.conf import settings

    return int(getattr(settings, "EISO_IMPORT_MAX_ROWS", 1_000_000))


class _LineTooLong(Exception):
    pass


def _bounded_lines(text: IO[str]) -> Iterator[str]:
    """The lines of `text`, refusing one longer than MAX_LINE_CHARS without reading it whole."""
    while line := text.readline(MAX_LINE_CHARS + 1):
        if len(line) > MAX_LINE_CHARS:
            raise _LineTooLong
        yield line


Parser = Callable[[str], Any]


@dataclass(frozen=True)
class ColumnSpec:
    """One column of an import: canonical name, accepted header aliases, and how to check and parse a cell.

    `required`: the column must be present and every cell filled. `parser` takes the stripped, non-empty
    text of a cell and returns the value, or raises ValueError / ValidationError with a translated message.
    Empty cells give None.
    """

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    max_length: int | None = None
    parser: Parser | None = None


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Dòng {row}, cột {column}: {message}").format(
                row=self.row, column=self.column, message=self.message
            )
        if self.row:
            return _("Dòng {row}: {message}").format(row=self.row, message=self.message)
        return self.message


@dataclass(frozen=True)
class ImportProgress:
    phase: str  # "validate" or "write"
    rows: int
    fraction: float | None  # 0..1 when the size of the file is known


@dataclass
class ImportReport:
    """What an import found and did: errors by row and column, and the created/updated/unchanged counts."""

    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    written: bool = False
    max_errors: int = MAX_STORED_ERRORS

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add_error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < self.max_errors:
            self.errors.append(RowError(row, column, str(message)))

    def summary(self) -> str:
        if not self.ok:
            return _("Tệp bị từ chối: {n} lỗi, không có dữ liệu nào được ghi.").format(n=self.error_count)
        if self.dry_run:
            return _("Kiểm tra xong {rows} dòng: không có lỗi (chạy thử, chưa ghi).").format(rows=self.rows)
        return _(
            "Đã nhập {rows} dòng: {created} thêm mới, {updated} cập nhật, {unchanged} không đổi."
        ).format(rows=self.rows, created=self.created, updated=self.updated, unchanged=self.unchanged)


@dataclass
class ParsedRow:
    row: int
    values: dict[str, Any]
    ok: bool


class _CountingReader(io.RawIOBase):
    """Counts the bytes read from the underlying binary file, for a determinate progress figure."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n


def normalise_header(text: Any) -> str:
    value = unicodedata.normalize("NFC", str(text or "")).replace("\ufeff", "").strip().casefold()
    return " ".join(value.split())


def _binary(file: Any) -> IO[bytes]:
    if isinstance(file, str | bytes) or hasattr(file, "__fspath__"):
        return open(file, "rb")
    return file


def _size(binary: IO[bytes]) -> int | None:
    try:
        position = binary.tell()
        size = binary.seek(0, io.SEEK_END)
        binary.seek(position)
        return (size - position) or None
    except (OSError, AttributeError, ValueError):
        return None


def _cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S") if value.second else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _csv_rows(binary: IO[bytes], report: ImportReport) -> Iterator[tuple[int, list[str]]]:
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="strict", newline="")
    reader = csv.reader(_bounded_lines(text))
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except _LineTooLong:
        report.add_error(
            number + 1, "", _("Dòng quá dài (hơn {n} ký tự): tệp bị từ chối.").format(n=MAX_LINE_CHARS)
        )
    except UnicodeDecodeError:
        report.add_error(
            number + 1,
            "",
            _("Sai bảng mã: tệp CSV phải được lưu ở dạng UTF-8 (có hoặc không có BOM)."),
        )
    except csv.Error as exc:
        report.add_error(number + 1, "", _("Tệp CSV không đọc được: {error}").format(error=exc))
    finally:
        text.detach()


def _xlsx_rows(binary: IO[bytes], report: ImportReport) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    from eiso.core.uploads import archive_check

    try:
        archive_check(binary)
    except ValidationError as exc:
        report.add_error(0, "", " ".join(exc.messages))
        return
    try:
        workbook = load_workbook(binary, read_only=True, data_only=True)
    except Exception:
        report.add_error(0, "", _("Tệp XLSX không đọc được."))
        return
    try:
        sheet = workbook.active
        if sheet is None:
            return
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        for number, values in enumerate(rows, start=1):
            cells = [_cell_text(v) for v in values]
            while cells and cells[-1] == "":
                cells.pop()
            yield number, cells
    finally:
        workbook.close()


def read_rows(
    file: Any,
    specs: Sequence[ColumnSpec],
    report: ImportReport,
    *,
    progress: Callable[[ImportProgress], None] | None = None,
    phase: str = "validate",
) -> Iterator[ParsedRow]:
    """Stream the rows of a CSV (UTF-8, with or without BOM) or XLSX file as parsed, canonical dicts.

    `file` is a path or a binary file object (seekable for XLSX). Problems go to `report`; rows are
    yielded even when a cell is invalid (`ok=False`, the bad cell left out) so the caller can check the rest.
    """
    binary = _binary(file)
    own = binary is not file
    try:
        head = binary.read(4)
        binary.seek(binary.tell() - len(head))
        total = _size(binary)
        counter: _CountingReader | None = None
        if head.startswith(XLSX_MAGIC):
            raw_rows = _xlsx_rows(binary, report)
        else:
            counter = _CountingReader(binary)
            raw_rows = _csv_rows(io.BufferedReader(counter, 1 << 16), report)
        yield from _parse(raw_rows, specs, report, progress, phase, counter, total)
    finally:
        if own:
            binary.close()


def _parse(
    raw_rows: Iterator[tuple[int, list[str]]],
    specs: Sequence[ColumnSpec],
    report: ImportReport,
    progress: Callable[[ImportProgress], None] | None,
    phase: str,
    counter: _CountingReader | None,
    total: int | None,
) -> Iterator[ParsedRow]:
    header_row: list[str] | None = None
    positions: list[tuple[int, ColumnSpec]] = []
    plan: list[tuple[int, str, bool, int | None, Parser | None]] = []
    width = header_width = 0
    seen = 0
    validating = phase == "validate"
    row_limit = max_rows()
    for number, cells in raw_rows:
        if len(cells) > MAX_COLUMNS or (cells and max(map(len, cells)) > MAX_CELL_CHARS):
            report.add_error(
                number,
                "",
                _("Dòng vượt giới hạn ({columns} cột, {chars} ký tự mỗi ô): tệp bị từ chối.").format(
                    columns=MAX_COLUMNS, chars=MAX_CELL_CHARS
                ),
            )
            return
        if header_row is None:
            if not any(c.strip() for c in cells):
                continue
            header_row = cells
            positions = _map_header(cells, specs, number, report)
            if not report.ok and any(e.row == number for e in report.errors):
                return
            width = header_width = len(cells)
            while width and not cells[width - 1].strip():
                width -= 1
            plan = [(i, spec.name, spec.required, spec.max_length, spec.parser) for i, spec in positions]
            continue
        if not any(cells) or not "".join(cells).strip():
            continue
        seen += 1
        if seen > row_limit:
            report.add_error(
                number, "", _("Tệp có quá nhiều dòng: tối đa {n} dòng mỗi lần nhập.").format(n=row_limit)
            )
            return
        if validating:
            report.rows += 1
        ok = True
        n_cells = len(cells)
        if n_cells > width and (n_cells > header_width or "".join(cells[width:]).strip()):
            report.add_error(
                number,
                "",
                _("Dòng có {n} ô, nhiều hơn {m} cột của dòng tiêu đề.").format(n=n_cells, m=width),
            )
            ok = False
        values: dict[str, Any] = {}
        for index, name, required, max_length, parser in plan:
            text = cells[index].strip() if index < n_cells else ""
            if not text:
                if required:
                    report.add_error(number, name, str(MSG_REQUIRED))
                    ok = False
                values[name] = None
                continue
            if max_length is not None and len(text) > max_length:
                report.add_error(
                    number,
                    name,
                    _("Dài {n} ký tự, vượt quá {max} ký tự cho phép.").format(n=len(text), max=max_length),
                )
                ok = False
                continue
            if parser is None:
                values[name] = text
                continue
            try:
                values[name] = parser(text)
            except ValidationError as exc:
                report.add_error(number, name, " ".join(str(m) for m in exc.messages))
                ok = False
            except (ValueError, InvalidOperation) as exc:
                report.add_error(number, name, str(exc) or _("Giá trị không hợp lệ."))
                ok = False
        yield ParsedRow(number, values, ok)
        if progress is not None and seen % PROGRESS_EVERY == 0:
            fraction = counter.count / total if counter is not None and total else None
            progress(ImportProgress(phase, seen, min(fraction, 1.0) if fraction is not None else None))
    if header_row is None:
        if report.ok:
            report.add_error(0, "", _("Tệp rỗng: không có dòng tiêu đề và dữ liệu."))
        return
    if seen == 0 and report.ok:
        report.add_error(0, "", _("Tệp không có dòng dữ liệu nào."))
    if progress is not None:
        progress(ImportProgress(phase, seen, 1.0))


def _map_header(
    cells: list[str], specs: Sequence[ColumnSpec], number: int, report: ImportReport
) -> list[tuple[int, ColumnSpec]]:
    by_header: dict[str, ColumnSpec] = {}
    for spec in specs:
        for label in (spec.name, *spec.aliases):
            by_header[normalise_header(label)] = spec
    positions: list[tuple[int, ColumnSpec]] = []
    found: set[str] = set()
    for index, cell in enumerate(cells):
        matched = by_header.get(normalise_header(cell))
        if matched is None:
            continue
        spec = matched
        if spec.name in found:
            report.add_error(number, cell, _("Cột {column} xuất hiện hai lần.").format(column=spec.name))
            continue
        found.add(spec.name)
        positions.append((index, spec))
    for spec in specs:
        if spec.required and spec.name not in found:
            names = " / ".join((spec.name, *spec.aliases))
            report.add_error(number, spec.name, _("Thiếu cột bắt buộc ({names}).").format(names=names))
    return positions


def run_import(
    file: Any,
    specs: Sequence[ColumnSpec],
    *,
    validate_row: Callable[[ParsedRow, ImportReport], None] | None = None,
    write_rows: Callable[[Iterator[ParsedRow], ImportReport], None],
    dry_run: bool = False,
    progress: Callable[[ImportProgress], None] | None = None,
    report: ImportReport | None = None,
) -> ImportReport:
    """Validate the whole file (streaming), then, only if it is clean and not a dry run, write it.

    `validate_row(row, report)` adds the caller's checks for rows whose cells parsed; `write_rows(rows,
    report)` receives the rows again in a second pass inside one transaction and counts created / updated /
    unchanged in the report. The file must be seekable (paths, uploaded files and open files are).
    """
    report = report or ImportReport()
    report.dry_run = dry_run
    binary = _binary(file)
    own = binary is not file
    try:
        start = binary.tell()
        for row in read_rows(binary, specs, report, progress=progress, phase="validate"):
            if row.ok and validate_row is not None:
                validate_row(row, report)
        if not report.ok or dry_run:
            return report
        binary.seek(start)
        with transaction.atomic():
            write_rows(read_rows(binary, specs, report, progress=progress, phase="write"), report)
            if not report.ok:
                transaction.set_rollback(True)
                return report
        report.written = True
        return report
    finally:
        if own:
            binary.close()


class TerminalProgress:
    """A progress bar on a terminal stream (stderr) for the import commands."""

    def __init__(self, stream: Any, width: int = 30) -> None:
        self.stream = stream
        self.width = width

    def __call__(self, progress: ImportProgress) -> None:
        label = _("Kiểm tra") if progress.phase == "validate" else _("Ghi")
        if progress.fraction is None:
            self.stream.write(f"\r{label}: {progress.rows:>10,}")
        else:
            filled = int(progress.fraction * self.width)
            bar = "█" * filled + "·" * (self.width - filled)
            self.stream.write(f"\r{label}: [{bar}] {progress.fraction:>4.0%} {progress.rows:>10,}")
        if progress.fraction == 1.0:
            self.stream.write("\n")
        self.stream.flush()


# -- parsers ------------------------------------------------------------------------------------------------
def parse_int(low: int | None = None, high: int | None = None) -> Parser:
    def parser(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise ValueError(_("“{text}” không phải số nguyên.").format(text=text)) from None
        if (low is not None and value < low) or (high is not None and value > high):
            raise ValueError(
                _("Giá trị {value} nằm ngoài khoảng cho phép ({low}–{high}).").format(
                    value=value, low="" if low is None else low, high="" if high is None else high
                )
            )
        return value

    return parser


def parse_decimal(low: Decimal | None = None) -> Parser:
    def parser(text: str) -> Decimal:
        try:
            value = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValueError(_("“{text}” không phải số.").format(text=text)) from None
        if not value.is_finite() or (low is not None and value < low):
            raise ValueError(_("Giá trị {text} không hợp lệ.").format(text=text))
        return value

    return parser


def parse_choice(mapping: dict[str, Any]) -> Parser:
    """Accepts any key of `mapping` (compared case-insensitively) and returns its value."""
    normalised = {normalise_header(k): v for k, v in mapping.items()}

    def parser(text: str) -> Any:
        key = normalise_header(text)
        if key not in normalised:
            allowed = ", ".join(mapping)
            raise ValueError(
                _("“{text}” không hợp lệ; giá trị cho phép: {allowed}.").format(text=text, allowed=allowed)
            )
        return normalised[key]

    return parser


def parse_date(text: str) -> dt.date:
    """ISO 8601 (2017-03-02) or dd/mm/yyyy (02/03/2017)."""
    try:
        if "/" in text:
            day, month, year = text.split("/")
            return dt.date(int(year), int(month), int(day))
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            _("Ngày “{text}” không đúng định dạng (dd/mm/yyyy hoặc yyyy-mm-dd).").format(text=text)
        ) from None


def parse_time(text: str) -> dt.time:
    """HH:MM (or HH:MM:SS)."""
    try:
        return dt.time.fromisoformat(text if len(text) != 4 else "0" + text)
    except ValueError:
        raise ValueError(_("Giờ “{text}” không đúng định dạng HH:MM.").format(text=text)) from None


def parse_datetime(text: str) -> dt.datetime:
    """ISO 8601 or dd/mm/yyyy HH:MM, read as local time (Asia/Ho_Chi_Minh) unless an offset is given."""
    if len(text) == 16 and text[2] == "/" and text[5] == "/" and text[10] == " " and text[13] == ":":
        try:  # the common dd/mm/yyyy HH:MM, without splitting
            return dt.datetime(
                int(text[6:10]),
                int(text[3:5]),
                int(text[:2]),
                int(text[11:13]),
                int(text[14:]),
                tzinfo=LOCAL_TZ,
            )
        except ValueError:
            pass
    try:
        if "/" in text:
            date_part, _sep, time_part = text.partition(" ")
            day, month, year = date_part.split("/")
            clock = [int(p) for p in time_part.split(":")] if time_part.strip() else [0, 0]
            if len(clock) not in (2, 3):
                raise ValueError(text)
            second = clock[2] if len(clock) == 3 else 0
            value = dt.datetime(int(year), int(month), int(day), clock[0], clock[1], second, tzinfo=LOCAL_TZ)
        else:
            value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            _("Thời điểm “{text}” không đúng định dạng (dd/mm/yyyy HH:MM hoặc ISO 8601).").format(text=text)
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=LOCAL_TZ)


__all__ = [
    "ColumnSpec",
    "ImportProgress",
    "ImportReport",
    "ParsedRow",
    "RowError",
    "TerminalProgress",
    "parse_choice",
    "parse_date",
    "parse_datetime",
    "parse_decimal",
    "parse_int",
    "parse_time",
    "read_rows",
    "run_import",
]
