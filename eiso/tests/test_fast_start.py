"""Fast start (issue 15 §3): loading the settings, the apps and the URLs (what every `eiso` command and every
web worker does before any work) imports none of the heavy libraries; each is imported by the code that uses
it, the first time it is used. Checked in a fresh interpreter, so that nothing this test process already
imported hides a regression."""

from __future__ import annotations

import json
import os
import subprocess
import sys

HEAVY = (
    "pyhanko",  # signing (eiso.signatures.pdfsign), with aiohttp and fontTools behind it
    "aiohttp",
    "matplotlib",  # charts (eiso.core.charts)
    "weasyprint",  # PDF (eiso.core.layout.render_pdf)
    "openpyxl",  # XLSX exports and imports, with numpy behind it
    "numpy",
    "docx",  # DOCX (eiso.core.layout_docx)
    "celery.app.base",  # the Celery application (eiso.celery), imported by the task modules
    "kombu",
    "qrcode",  # receipts and survey posters
    "holidays",  # the working calendar, when first built
)

PROBE = """
import json, sys
import django
import eiso.settings
django.setup()
import eiso.urls
from django.urls import get_resolver
get_resolver().url_patterns  # every included URLconf, as the URL checks load them
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in {tops} or name in {names})))
"""


def test_loading_the_apps_and_the_urls_imports_no_heavy_library() -> None:
    tops = {name.split(".")[0] for name in HEAVY if "." not in name}
    names = {name for name in HEAVY if "." in name}
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "eiso.settings"
    result = subprocess.run(  # noqa: S603 - this interpreter on our own probe
        [sys.executable, "-c", PROBE.format(tops=sorted(tops), names=sorted(names))],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    imported = json.loads(result.stdout.strip().splitlines()[-1])
    assert imported == []


def test_the_celery_application_is_still_found_by_celery_a_eiso_and_binds_the_tasks() -> None:
    """`celery -A eiso` finds `eiso.celery.app` although `eiso` no longer imports it, and a task module
    imported on its own binds its shared tasks to that application (its eager setting in the embedded
    default), not to Celery's default application; a worker still discovers every app's tasks."""
    probe = (
        "import json, django; django.setup()\n"
        "from celery.app.utils import find_app\n"
        "app = find_app('eiso')\n"
        "from eiso.outbox.tasks import send_outbox\n"
        "app.loader.import_default_modules()  # what a worker does at start: autodiscovers the task modules\n"
        "from celery import current_app\n"
        "print(json.dumps([app.main, current_app.main, send_outbox.app.main,"
        " 'eiso.outbox.tasks.send_outbox' in app.tasks, 'eiso.jobs.tasks.run_job' in app.tasks]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "eiso.settings"
    result = subprocess.run(  # noqa: S603 - this interpreter on our own probe
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == ["eiso", "eiso", "eiso", True, True]
