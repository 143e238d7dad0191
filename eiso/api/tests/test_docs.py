"""The curl examples of docs/api.md work as written, against a live server."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from eiso.api.tests.keys import key_for
from eiso.core.testing import Personas
from eiso.dossiers.models import Dossier
from eiso.dossiers.tests.factories import make_procedure

DOCS = Path(__file__).resolve().parents[3] / "docs" / "api.md"


def _examples() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_docs_have_curl_examples() -> None:
    assert len(_examples()) >= 6 and all(block.lstrip().startswith("curl") for block in _examples())


@pytest.mark.django_db(transaction=True)
def test_every_curl_example_of_the_docs_runs(live_server: Any, personas: Personas) -> None:
    make_procedure(personas.agency, code="1.001", days="10")
    env = os.environ | {"EISO_URL": live_server.url, "EISO_KEY": key_for(personas.agency)}
    for block in _examples():
        result = subprocess.run(  # noqa: S603
            ["/bin/bash", "-euo", "pipefail", "-c", block],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, (block, result.stdout, result.stderr)
        json.loads(result.stdout)
    dossier = Dossier.objects.get(agency=personas.agency, code="000.00.20.H34-260302-0001")
    assert dossier.status == 4
    assert Dossier.objects.filter(agency=personas.agency).count() == 4
