"""The survey's short link and its QR code (SVG), for the staff print page and the dossier receipt."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode

from eiso.core.charts import inline_svg
from eiso.core.models import Agency


def survey_url(request: HttpRequest, agency: Agency, dossier_code: str = "") -> str:
    """Absolute link to the agency's public survey, with the dossier code filled in when given."""
    url = reverse("portal:survey_form", kwargs={"agency_code": agency.code})
    if dossier_code:
        url = f"{url}?{urlencode({'ma': dossier_code})}"
    return request.build_absolute_uri(url)


def qr_svg(url: str) -> str:
    """The QR code of `url` as inline SVG markup (scale it with CSS)."""
    import qrcode.image.svg  # imported on the first QR code, not at start-up

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return inline_svg(image.to_string(encoding="unicode").encode())
