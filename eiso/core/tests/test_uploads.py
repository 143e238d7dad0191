"""The one upload validator and the import limits: bounded size, sniffed kind, zip bombs refused cheaply."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from eiso.core.imports import ColumnSpec, ImportReport, read_rows
from eiso.core.uploads import DOCUMENT, EVIDENCE, IMPORT, upload_validate

MiB = 1024 * 1024
BOMB_BYTES = 1024 * MiB  # 1 GiB once inflated
MEMORY_BOUND = 8 * MiB


def _bomb(path: Path, members: dict[str, str], big: str) -> Path:
    """A ZIP holding the OOXML members named, plus `big`: 1 GiB of zeros compressed to about 1 MiB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
        with archive.open(big, "w", force_zip64=True) as handle:
            chunk = b"\0" * MiB
            for _ in range(BOMB_BYTES // MiB):
                handle.write(chunk)
    return path


@pytest.fixture(scope="module")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    folder = tmp_path_factory.mktemp("bombs")
    types = '<?xml version="1.0"?><Types/>'
    yield {
        "docx": _bomb(folder / "report.docx", {"[Content_Types].xml": types}, "word/document.xml"),
        "xlsx": _bomb(
            folder / "dossiers.xlsx",
            {"[Content_Types].xml": types, "xl/workbook.xml": "<workbook/>"},
            "xl/worksheets/sheet1.xml",
        ),
    }


def _upload(path: Path) -> TemporaryUploadedFile:
    upload = TemporaryUploadedFile(path.name, "application/octet-stream", path.stat().st_size, None)
    assert upload.file is not None
    upload.file.write(path.read_bytes())
    upload.file.seek(0)
    return upload


def _peak(action: object) -> int:
    tracemalloc.start()
    try:
        action()  # type: ignore[operator]
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


@pytest.mark.parametrize("kind, purpose", [("docx", DOCUMENT), ("xlsx", IMPORT), ("docx", EVIDENCE)])
def test_a_zip_bomb_is_refused_within_bounded_memory(bombs: dict[str, Path], kind: str, purpose: str) -> None:
    path = bombs[kind]
    assert path.stat().st_size < 3 * MiB
    upload = _upload(path)
    upload.seek(0)

    def validate() -> None:
        with pytest.raises(ValidationError) as caught:
            upload_validate(upload, purpose_name=purpose)
        assert caught.value.code == "archive_bomb"

    assert _peak(validate) < MEMORY_BOUND


def test_an_xlsx_bomb_given_to_an_import_is_refused_within_bounded_memory(bombs: dict[str, Path]) -> None:
    report = ImportReport()

    def read() -> None:
        assert list(read_rows(bombs["xlsx"], [ColumnSpec("code", required=True)], report)) == []

    read()  # the first run also imports the reader's modules: measure a run like every later one
    assert _peak(read) < MEMORY_BOUND
    assert not report.ok and "giải nén" in report.errors[0].message


@pytest.mark.parametrize(
    "name, content",
    [
        ("evidence.html", b"<html><script>alert(1)</script></html>"),
        ("evidence.pdf", b"<!DOCTYPE html><html><body>x</body></html>"),
        ("chart.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("chart.png", b'<?xml version="1.0"?><svg onload="alert(1)"/>'),
        ("setup.exe", b"MZ\x90\x00\x03" + b"\x00" * 200),
        ("tool.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200),
        ("notes.csv", b"a,b\n1,2\n"),  # text: not an evidence kind
    ],
)
def test_the_evidence_upload_refuses_markup_scripts_and_executables(name: str, content: bytes) -> None:
    with pytest.raises(ValidationError):
        upload_validate(SimpleUploadedFile(name, content), purpose_name=EVIDENCE)


def test_a_file_over_the_purposes_limit_is_refused_before_it_is_read() -> None:
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n" + b"0" * (11 * MiB))
    with pytest.raises(ValidationError) as caught:
        upload_validate(big, purpose_name=EVIDENCE)
    assert caught.value.code == "too_large"


def test_an_extension_that_lies_about_the_content_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        upload_validate(SimpleUploadedFile("scan.docx", b"%PDF-1.7\nx"), purpose_name=DOCUMENT)
    assert caught.value.code == "extension"


def test_real_files_of_each_purpose_are_accepted() -> None:
    from docx import Document
    from openpyxl import Workbook

    docx = io.BytesIO()
    Document().save(docx)
    xlsx = io.BytesIO()
    Workbook().save(xlsx)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    assert (
        upload_validate(SimpleUploadedFile("a.docx", docx.getvalue()), purpose_name=DOCUMENT).kind == "docx"
    )
    assert upload_validate(SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%"), purpose_name=EVIDENCE).kind == "pdf"
    assert upload_validate(SimpleUploadedFile("a.xlsx", xlsx.getvalue()), purpose_name=IMPORT).kind == "xlsx"
    assert (
        upload_validate(SimpleUploadedFile("a.csv", "mã,tên\n1,Á\n".encode()), purpose_name=IMPORT).kind
        == "csv"
    )
    assert upload_validate(SimpleUploadedFile("a.png", png), purpose_name=EVIDENCE).kind == "png"


def test_an_import_refuses_too_many_rows_with_a_clear_message(settings: object) -> None:
    settings.EISO_IMPORT_MAX_ROWS = 3  # type: ignore[attr-defined]
    report = ImportReport()
    rows = list(read_rows(io.BytesIO(b"code\n1\n2\n3\n4\n5\n"), [ColumnSpec("code")], report))
    assert len(rows) == 3
    assert "quá nhiều dòng" in report.errors[0].message


def test_an_import_refuses_an_oversized_cell_and_an_endless_line() -> None:
    report = ImportReport()
    list(read_rows(io.BytesIO(b"code,name\n1," + b"x" * 40_000 + b"\n"), [ColumnSpec("code")], report))
    assert not report.ok and "32767" in report.errors[0].message.replace(".", "").replace(",", "")
    report = ImportReport()
    endless = io.BytesIO(b"code\n" + b"y" * (40 * MiB))

    def read() -> None:
        list(read_rows(endless, [ColumnSpec("code")], report))

    assert _peak(read) < 16 * MiB
    assert not report.ok
