"""Background jobs of the dossiers area: a large dossier file is imported outside the request."""

from __future__ import annotations

from django.utils import translation

from eiso.core.imports import ImportProgress
from eiso.dossiers.imports import dossier_import
from eiso.jobs.progress import JobContext
from eiso.jobs.registry import register

PROGRESS_STEPS = 1000


@register("dossiers.import")
def import_dossier_file(context: JobContext) -> dict[str, object]:
    job = context.job

    def report_progress(progress: ImportProgress) -> None:
        if progress.fraction is not None:
            context.progress(int(progress.fraction * PROGRESS_STEPS), PROGRESS_STEPS)

    with translation.override(job.params.get("language", "vi")), job.input_file.open("rb") as file:
        report = dossier_import(
            agency=job.agency, file=file, dry_run=bool(job.params.get("dry_run")), progress=report_progress
        )
        return {
            "ok": report.ok,
            "summary": report.summary(),
            "errors": [str(error) for error in report.errors],
            "error_count": report.error_count,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }
