"""Error pages in the app's layout, in the user's language, with a way back."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from eiso.core.testing import Personas, client_for

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_shown_in_vietnamese_with_a_way_back() -> None:
    response = Client().get("/khong-co-trang-nay/", HTTP_REFERER="http://testserver/cong-khai/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html and 'lang="vi"' in html
    assert 'href="http://testserver/cong-khai/"' in html
    assert reverse("portal:home") in html


def test_a_missing_page_is_shown_in_english_after_switching() -> None:
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get("/khong-co-trang-nay/").content.decode()
    assert "Page not found" in html and 'lang="en"' in html


def test_a_forbidden_page_says_why_and_leads_to_the_dashboard(personas: Personas) -> None:
    response = client_for(personas.officer).get(reverse("staff:person_create"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Không có quyền truy cập" in html
    assert "Bạn không có quyền thực hiện thao tác này." in html
    assert f'href="{reverse("core:dashboard")}"' in html


def test_a_wrong_method_gets_the_405_page(personas: Personas) -> None:
    response = client_for(personas.officer).get(reverse("core:notification_read_all"))
    assert response.status_code == 405
    assert "Thao tác không được hỗ trợ" in response.content.decode()
    assert response["Allow"] == "POST"


@override_settings(DEBUG=False)
def test_a_server_error_page_renders_without_the_request_context() -> None:
    from eiso.core.errors import server_error

    html = server_error(Client().get("/").wsgi_request).content.decode()
    assert "Hệ thống gặp lỗi" in html and "eISO" in html


def test_bad_request_and_too_many_requests_pages_exist() -> None:
    from django.test import RequestFactory

    from eiso.core.errors import bad_request, render_error

    request = RequestFactory().get("/")
    assert bad_request(request).status_code == 400
    assert "Quá nhiều yêu cầu" in render_error(request, 429).content.decode()
