"""The one way a page runs a service from a submitted form: validate, call, then redirect or re-render.

A ValidationError raised by the service lands on the form (on its field when the form has it), so the
user sees why and loses nothing they typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def apply_error(form: Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(
                field if field in form.fields else None, [e for err in errors for e in err.messages]
            )
    else:
        form.add_error(None, exc.messages)


def form_action(
    request: HttpRequest,
    form: Form,
    call: Callable[[dict[str, Any]], object],
    *,
    success_message: str,
    success_url: str,
    invalid_page: Callable[[], HttpResponse],
) -> HttpResponse:
    """Run `call(form.cleaned_data)`; redirect with a message, or show `invalid_page()` (status 400)."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, success_message)
            return redirect(success_url)
    messages.error(request, _("Vui lòng sửa các lỗi bên dưới."))
    response = invalid_page()
    response.status_code = 400
    return response
