"""The one-stop forms of TT 01/2018/TT-VPCP printed from a dossier's page (Mẫu 01–04).

Each is an A4 page filled from the dossier: what the record knows is printed, what only the officer at
the counter knows (a reason, the documents to add) is left as dotted lines to write by hand.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from eiso.core.access import AgencyRequest, agency_required, get_for_agency_or_404
from eiso.core.charts import inline_svg
from eiso.core.clock import today
from eiso.dossiers.models import Dossier

FORMS: dict[str, tuple[str, Any]] = {
    "tiep-nhan": ("01", _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")),
    "bo-sung": ("02", _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")),
    "tu-choi": ("03", _("Phiếu từ chối tiếp nhận giải quyết hồ sơ")),
    "xin-loi": ("04", _("Phiếu xin lỗi và hẹn lại ngày trả kết quả")),
}


def survey_link(request: AgencyRequest, dossier: Dossier) -> str:
    """The public satisfaction survey of the dossier's agency, with the dossier code filled in."""
    url = reverse("portal:survey_form", kwargs={"agency_code": dossier.agency.code})
    return request.build_absolute_uri(f"{url}?{urlencode({'ma': dossier.code})}")


def qr_svg(url: str) -> str:
    import qrcode.image.svg  # imported on the first QR code, not at start-up

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return inline_svg(image.to_string(encoding="unicode").encode())


@agency_required
def dossier_print(request: AgencyRequest, pk: int, form: str) -> HttpResponse:
    if form not in FORMS:
        raise Http404(_("Không tìm thấy mẫu phiếu."))
    dossier = get_for_agency_or_404(
        Dossier.objects.select_related("agency", "procedure", "division"), request.agency, pk=pk
    )
    number, title = FORMS[form]
    context: dict[str, Any] = {
        "dossier": dossier,
        "agency": dossier.agency,
        "form": form,
        "number": number,
        "title": title,
        "today": today(),
        "components": dossier.procedure.components.order_by("order", "pk"),
    }
    if form == "tiep-nhan":
        link = survey_link(request, dossier)
        context.update(survey_url=link, survey_qr=qr_svg(link))
    return render(request, f"dossiers/print/{form}.html", context)
