from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "eiso.jobs"
    label = "jobs"
    verbose_name = _("Việc chạy nền")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Each app's jobs.py registers the kinds of background job it runs.
        autodiscover_modules("jobs")
