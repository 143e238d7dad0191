"""The Django admin is for platform operators only, and every one of its pages renders for them."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from eiso.core.demo import load
from eiso.core.models import Division
from eiso.core.testing import Personas, client_for


def _operator_client() -> Client:
    user = get_user_model().objects.create_superuser("operator", "op@example.gov.vn", "x-op-pass-123")
    client = Client()
    client.force_login(user)
    return client


def _admin_url(model: type[Model], view: str, *args: Any) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.django_db
def test_agency_staff_flagged_is_staff_with_every_permission_is_refused_by_every_admin_page(
    personas: Personas,
) -> None:
    from django.contrib.auth.models import Permission

    user = personas.secretary.user
    assert user is not None
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.set(Permission.objects.all())
    client = client_for(personas.secretary)
    other = Division.objects.filter(agency=personas.other_agency).first()
    assert other is not None
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        urls += [_admin_url(model, "changelist"), _admin_url(model, "add")]
    urls += [_admin_url(Division, view, other.pk) for view in ("change", "history", "delete")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url
    assert client.post(_admin_url(Division, "change", other.pk), {"name": "Bị chiếm"}).status_code == 302
    other.refresh_from_db()
    assert other.name == "Văn phòng"


@pytest.mark.django_db
def test_demo_accounts_are_not_staff(db: None) -> None:
    load()
    assert not get_user_model().objects.filter(is_staff=True, is_superuser=False).exists()


@pytest.mark.django_db
def test_every_admin_changelist_add_and_change_page_renders_for_an_operator(personas: Personas) -> None:
    client = _operator_client()
    failures = []
    for model in admin.site._registry:
        urls = [_admin_url(model, "changelist"), _admin_url(model, "add")]
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls += [_admin_url(model, "change", first.pk), _admin_url(model, "history", first.pk)]
        for url in urls:
            status = client.get(url).status_code
            ours = model.__module__.startswith("eiso.")
            if status >= 500 or (ours and status != 200):
                failures.append(f"{url} -> {status}")
    assert not failures, failures
