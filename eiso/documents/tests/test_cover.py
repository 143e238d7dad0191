import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.documents.models import Document
from eiso.documents.tests.factories import issue, make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def revised(personas: Personas) -> Document:
    personas.division_head.title = "Chánh Văn phòng"
    personas.division_head.save()
    personas.director.title = "Giám đốc Sở"
    personas.director.save()
    document = make_document(personas.agency, personas.secretary, title="Kiểm soát thông tin dạng văn bản")
    issue(document, personas, dt.date(2016, 3, 1))
    issue(
        document,
        personas,
        dt.date(2017, 5, 2),
        changed_sections="Mục 5.2",
        change_summary="Bổ sung bước lưu hồ sơ",
    )
    return document


def test_the_cover_docx_has_the_state_header_grid_and_revision_table(
    personas: Personas, revised: Document
) -> None:
    response = client_for(personas.viewer).get(reverse("documents:cover", args=[revised.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        xml = archive.read("word/document.xml").decode()
    for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "QUY TRÌNH",
        "Kiểm soát thông tin dạng văn bản",
        "Mã hiệu: QT-01",
        "Soạn thảo",
        "Xem xét",
        "Phê duyệt",
        personas.secretary.full_name,
        personas.division_head.full_name,
        "Chánh Văn phòng",
        "MỤC LỤC SỬA ĐỔI TÀI LIỆU",
        "02/05/2017",
        "Mục 5.2",
        "Bổ sung bước lưu hồ sơ",
        "Times New Roman",
    ):
        assert text in xml, text
    assert "ngày 02 tháng 5 năm 2017" in xml


def test_the_cover_pdf_renders(personas: Personas, revised: Document) -> None:
    response = client_for(personas.viewer).get(reverse("documents:cover", args=[revised.pk, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
