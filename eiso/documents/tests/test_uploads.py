import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.documents import services
from eiso.documents.tests.factories import docx_bytes, docx_upload, make_document, pdf_bytes

pytestmark = pytest.mark.django_db


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_a_docx_is_stored_with_its_size_and_checksum(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary)
    content = docx_bytes("QT-01")
    version = services.version_create(
        document=document, actor=personas.secretary, file=docx_upload(content=content)
    )
    assert version.file_kind == "docx" and version.file_size == len(content)
    assert version.file_sha256 == hashlib.sha256(content).hexdigest()
    with version.file.open("rb") as stored:
        assert stored.read() == content


def test_a_pdf_is_accepted(personas: Personas) -> None:
    assert services.upload_check(_upload("qt.pdf", pdf_bytes())).kind == "pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Chỉ nhận tệp DOCX hoặc PDF"),
        ("notes.txt", b"hello", "Chỉ nhận tệp DOCX hoặc PDF"),
        ("fake.docx", b"just text pretending", "không phải DOCX hay PDF"),
        ("fake.pdf", b"<html>no</html>", "không phải DOCX hay PDF"),
        ("really-a-pdf.docx", pdf_bytes(), "không khớp"),
        ("really-a-docx.pdf", docx_bytes(), "không khớp"),
        ("some.zip.docx", b"PK\x03\x04broken", "không phải DOCX hay PDF"),
    ],
)
def test_wrong_or_lying_files_are_refused_with_a_clear_message(
    name: str, content: bytes, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        services.upload_check(_upload(name, content))


def test_a_zip_that_is_not_a_word_document_is_refused() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<x/>")
    with pytest.raises(ValidationError, match="không phải DOCX"):
        services.upload_check(_upload("bang.docx", buffer.getvalue()))


@override_settings(EISO_MAX_UPLOAD_BYTES=1000)
def test_an_oversized_file_is_refused() -> None:
    with pytest.raises(ValidationError, match="Tệp quá lớn"):
        services.upload_check(_upload("big.pdf", pdf_bytes() + b"0" * 2000))


def test_the_upload_form_shows_the_refusal_and_keeps_the_draft_unchanged(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary)
    version = services.version_create(document=document, actor=personas.secretary, body="giữ nguyên")
    response = client_for(personas.secretary).post(
        reverse("documents:version_edit", args=[version.pk]),
        {"body": "mới", "file": _upload("qt.docx", pdf_bytes())},
        follow=True,
    )
    assert "không khớp với nội dung tệp" in response.content.decode()
    version.refresh_from_db()
    assert version.body == "giữ nguyên" and not version.file


def test_a_code_with_slashes_gives_a_flat_safe_file_name(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary, code="QT/../../etc 01")
    version = services.version_create(document=document, actor=personas.secretary, file=docx_upload())
    stored = str(version.file.name)
    assert stored.startswith("documents/") and stored.count("/") == 2  # documents/<year>/<name>, no traversal
