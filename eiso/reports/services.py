"""Writes of the reports module: issuing the yearly self-report (TT 26/2014/TT-BKHCN, Art. 36)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from eiso.core.choices import QMS_MANAGERS, Role
from eiso.core.immutability import require_number
from eiso.core.layout import Signature, StateDocument, render_pdf
from eiso.core.models import Person
from eiso.core.permissions import holds, require
from eiso.core.services import event_record
from eiso.reports.models import SelfReport
from eiso.reviews import paperwork
from eiso.reviews.choices import ReviewState
from eiso.reviews.models import ManagementReview
from eiso.signatures.services import (
    require_signer_acting,
    signed_issue_pdf,
    signing_configured,
)

# The review's document key (eiso.reviews.paperwork.DOCUMENTS): the signed file is kept on the review
# under it, so that the review page's own download of the self-report serves the signed file too.
KIND = "bao-cao"
ISSUABLE = (ReviewState.MINUTES_ISSUED, ReviewState.CLOSED)
DIRECTOR_TITLE = "GIÁM ĐỐC"


def self_report_signer(review: ManagementReview) -> Person | None:
    """The Director who signs: the review's chair when they are the Director, else the agency's Director."""
    if review.chair.has_role(Role.DIRECTOR):
        return review.chair
    return (
        Person.objects.filter(agency=review.agency, role_grants__role=Role.DIRECTOR, is_active=True)
        .order_by("full_name", "pk")
        .first()
    )


def self_report_document(review: ManagementReview, report: SelfReport | None = None) -> StateDocument:
    """The self-report as compiled from the records; once issued, with its number, date and signer."""
    document = paperwork.self_report_document(review)
    if report is None:
        return document
    return dataclasses.replace(
        document,
        number=report.number.split("/")[0],
        issued_on=report.issued_on,
        signatures=[Signature(position=DIRECTOR_TITLE, name=report.signed_by.full_name)],
    )


def file_name(review: ManagementReview) -> str:
    return f"{paperwork.FILENAMES[KIND]}-{review.year}.pdf"


@transaction.atomic
def self_report_issue(
    *,
    review: ManagementReview,
    actor: Person,
    number: str,
    issued_on: dt.date,
    token_pin: str | None = None,
) -> SelfReport:
    """Issue the year's self-report, signed by the Director.

    Issuing = signing: when the agency has a signing key the report is issued only with its signed PDF (the
    Director's token first when one is registered, `token_pin` being the PIN the Director typed on the page,
    then the agency); its SHA-256 is kept with the record, frozen by the database. A refused signature
    issues nothing. Without a key it is issued unsigned and the page says so.
    """
    agency = review.agency
    require(holds(actor, QMS_MANAGERS) and actor.agency_id == agency.pk)
    if review.state not in ISSUABLE:
        raise ValidationError(
            _("Báo cáo năm được ban hành sau khi đã ban hành biên bản họp xem xét của lãnh đạo."),
            code="not_ready",
        )
    if SelfReport.objects.filter(review=review).exists():
        message = _("Báo cáo năm {year} đã được ban hành.").format(year=review.year)
        raise ValidationError(message, code="issued")
    signer = self_report_signer(review)
    if signer is None:
        raise ValidationError(_("Cơ quan chưa có tài khoản Giám đốc để ký báo cáo."), code="no_signer")
    require_signer_acting(
        agency=agency,
        signer=signer,
        actor=actor,
        message=_("{name} ký báo cáo bằng token của mình: {name} đăng nhập để ban hành."),
    )
    report = SelfReport(
        agency=agency, review=review, number=require_number(number), issued_on=issued_on, signed_by=signer
    )
    if signing_configured(agency):
        signed = signed_issue_pdf(
            agency=agency,
            target=review,
            kind=KIND,
            file_name=file_name(review),
            pdf=render_pdf(self_report_document(review, report)),
            signer=signer,
            signer_name=signer.full_name,
            actor=actor,
            person_pin=token_pin,
        )
        report.sha256 = signed.sha256 if signed is not None else None
    report.save()
    event_record(
        agency=agency,
        actor=actor,
        verb="reports.self_report_issued",
        target=report,
        data={"number": report.number, "signed": report.sha256 is not None},
    )
    return report
