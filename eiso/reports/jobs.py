"""Background jobs of the reports area: the province-wide summary is made outside the request."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from eiso.core.models import Person
from eiso.jobs.models import Job
from eiso.jobs.progress import JobContext
from eiso.jobs.registry import register
from eiso.reports import selectors
from eiso.reports.exports import province_summary_xlsx

PROVINCE_SUMMARY = "reports.province_summary"


@register(PROVINCE_SUMMARY)
def province_summary(context: JobContext) -> dict[str, object]:
    """The yearly summary of every agency the supervisor who asked for it oversees, as XLSX."""
    job = context.job
    year = int(job.params["year"])
    person = Person.objects.select_related("agency").get(user=job.created_by)
    as_of = min(timezone.localdate(), dt.date(year, 12, 31))
    agencies = selectors.province_overview(person=person, year=year, as_of=as_of)
    content = province_summary_xlsx(agencies, year=year, province=person.agency.province)
    job.output_file.save(f"tong-hop-htqlcl-{year}.xlsx", ContentFile(content), save=False)
    Job.objects.filter(pk=job.pk).update(output_file=job.output_file.name)
    with translation.override(job.params.get("language", "vi")):
        return {"summary": _("Đã lập bảng tổng hợp năm {year}.").format(year=year)}
