"""Every app's English catalogue is complete and compiled, and a translated page renders in each language."""

import gettext
from pathlib import Path

import polib
import pytest

EISO = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(EISO.glob("*/locale/en/LC_MESSAGES/django.po"))


def test_there_are_catalogues_to_check() -> None:
    assert any(path.parts[-5] == "core" for path in CATALOGUES)


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_english_catalogue_is_complete_and_compiled(po_path: Path) -> None:
    catalogue = polib.pofile(str(po_path))
    missing = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]
    assert not missing, f"untranslated in {po_path}: {missing[:10]}"
    with po_path.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        e.msgid
        for e in catalogue.translated_entries()
        if not e.msgid_plural and _compiled_text(compiled, e) != e.msgstr
    ]
    assert not stale, f"{po_path.with_suffix('.mo')} is stale (run make compilemessages): {stale[:5]}"


def _compiled_text(compiled: gettext.GNUTranslations, entry: polib.POEntry) -> str:
    if entry.msgctxt:
        return compiled.pgettext(entry.msgctxt, entry.msgid)
    return compiled.gettext(entry.msgid)


def _has_translatable_strings(app: Path) -> bool:
    for path in app.rglob("*"):
        if "tests" in path.parts or "migrations" in path.parts or path.suffix not in {".py", ".html"}:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        if "gettext" in text or "{% translate" in text or "{% blocktranslate" in text:
            return True
    return False


def test_every_app_with_translatable_strings_has_an_english_catalogue() -> None:
    apps = [p.parent for p in EISO.glob("*/apps.py")]
    without = [
        app.name for app in apps if _has_translatable_strings(app) and not (app / "locale/en").exists()
    ]
    assert not without, f"run `make messages` and translate: {without}"
