from collections.abc import Iterator

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def vietnamese_by_default() -> Iterator[None]:
    """Each test starts in Vietnamese and leaves the thread in it (a request in English would leak)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
