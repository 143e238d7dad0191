"""Every page carries a Content-Security-Policy that allows scripts from the site only, and no template
relies on an inline script or event handler that the policy would block."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from eiso.core.testing import Personas, client_for

TEMPLATES = sorted(Path(__file__).resolve().parents[2].glob("*/templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def policy(response: object) -> dict[str, str]:
    header = response["Content-Security-Policy"]  # type: ignore[index]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["login", "portal:home", "portal:dossier_lookup"])
def test_public_pages_allow_scripts_from_the_site_only(name: str) -> None:
    directives = policy(Client().get(reverse(name)))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


def test_staff_pages_and_errors_carry_the_policy_too(personas: Personas) -> None:
    client = client_for(personas.secretary)
    assert "script-src 'self'" in client.get(reverse("core:dashboard"))["Content-Security-Policy"]
    assert "script-src 'self'" in client.get("/khong-co-trang-nay/")["Content-Security-Policy"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: "/".join(path.parts[-3:]))
def test_no_template_has_an_inline_script_or_handler(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text), "move the script into a static file"
    assert not INLINE_HANDLER.search(text), "use a data attribute handled in core/behaviours.js"
