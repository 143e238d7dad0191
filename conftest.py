import pytest

from eiso.core.testing import Personas, build_personas, client_for


@pytest.fixture
def personas(db: None) -> Personas:
    return build_personas()


@pytest.fixture
def secretary_client(personas: Personas):  # type: ignore[no-untyped-def]
    return client_for(personas.secretary)
