"""Serving stored and generated files: a safe Content-Type, an RFC 6266 Content-Disposition, and nosniff.

`file_response` is the one way a view hands a file to the browser; the caller has already fetched the
record through the agency-scoped lookup. The type comes from the kind sniffed from the content (never
from the name a user gave), anything else is served as an opaque download. The filename is never
interpolated into the header as such: an ASCII fallback keeps only safe characters, and the full name
goes into `filename*` percent-encoded (RFC 5987), so a document code cannot add header parameters.
`format_or_404` turns an unknown format in a download URL into a 404; `state_document_response` serves a
Decree 30 document (eiso.core.layout) as PDF or DOCX.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _

from eiso.core.layout import StateDocument, render_docx, render_pdf
from eiso.core.uploads import CONTENT_TYPES, PDF, sniff

OPAQUE = "application/octet-stream"
UNSAFE_FALLBACK = re.compile(r"[^A-Za-z0-9._-]+")


def content_disposition(filename: str, *, attachment: bool = True) -> str:
    """`attachment; filename="ascii"; filename*=UTF-8''percent-encoded` for any filename."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip() or "download"
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    fallback = UNSAFE_FALLBACK.sub("_", ascii_name).strip("._") or "download"
    disposition = "attachment" if attachment else "inline"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def file_response(file: Any, *, filename: str, attachment: bool = True) -> HttpResponse:
    """Serve an open binary file (a FieldFile, an upload, a BytesIO) with safe headers."""
    handle = file.open("rb") if hasattr(file, "open") and not hasattr(file, "read") else file
    if hasattr(handle, "seek"):
        handle.seek(0)
    try:
        kind = sniff(handle)
    except Exception:  # an unreadable archive is served as an opaque download
        kind = None
    if hasattr(handle, "seek"):
        handle.seek(0)
    content_type = CONTENT_TYPES.get(kind or "", OPAQUE)
    response = FileResponse(handle, content_type=content_type)
    secure_headers(response, filename=filename, attachment=attachment or content_type == OPAQUE)
    return response  # type: ignore[return-value]  # streamed, used where views return HttpResponse


def pdf_response(content: bytes, *, filename: str) -> HttpResponse:
    """A PDF held in memory (a signed file), downloaded as `filename` with the safe headers."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[PDF])
    secure_headers(response, filename=filename)
    return response


def secure_headers(response: Any, *, filename: str, attachment: bool = True) -> Any:
    """Content-Disposition, nosniff and a sandboxing CSP on a file response built elsewhere."""
    response["Content-Disposition"] = content_disposition(filename, attachment=attachment)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def format_or_404(fmt: str, allowed: Iterable[str]) -> str:
    """The requested format when the URL names one the view produces; 404 otherwise, never a fallback."""
    if fmt not in set(allowed):
        raise Http404(_("Không có định dạng này."))
    return fmt


DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def state_document_response(document: StateDocument, *, fmt: str, filename: str) -> HttpResponse:
    """`document` laid out as `fmt` ("pdf" or "docx", else 404), downloaded as `filename`.<fmt>."""
    fmt = format_or_404(fmt, DOCUMENT_TYPES)
    content = render_pdf(document) if fmt == "pdf" else render_docx(document)
    response = HttpResponse(content, content_type=DOCUMENT_TYPES[fmt])
    return secure_headers(response, filename=f"{filename}.{fmt}")
