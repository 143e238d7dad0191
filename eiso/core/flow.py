"""The one way a page runs a service: from a submitted form (`run_form`) or from a bare button (`run_action`).

`run_form` shows the page on GET; on POST it validates, calls the service inside one transaction, then
redirects with a message, or re-renders the same page with the errors on the form (status 400), so the user
sees why and loses nothing they typed. A ValidationError raised by the service lands on the form field it
names when the form has it, else above the form.

"Save and act": a form that holds text and also carries an action button (approve, submit, issue) posts the
text with the button; the view's call saves the text then acts, in the same transaction. When the act is
refused the text is not lost: the page comes back with it in the form and the reason above it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

F = TypeVar("F", bound=BaseForm)
Target = str | Callable[[Any], str]
Message = str | Callable[[Any], str]


def apply_error(form: BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(
                field if field in form.fields else None, [e for err in errors for e in err.messages]
            )
    else:
        form.add_error(None, exc.messages)
    for name in form.errors:
        if name in form.fields:
            attrs = form.fields[name].widget.attrs
            if "is-invalid" not in attrs.get("class", ""):
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
            attrs["aria-invalid"] = "true"


def pressed(request: HttpRequest, action: str) -> bool:
    """True when the form was sent with the button `<button name="act" value="{action}">`."""
    return request.POST.get("act") == action


def _url(target: Target, result: Any) -> str:
    return target(result) if callable(target) else target


def _say(request: HttpRequest, message: Message, result: Any) -> None:
    text = message(result) if callable(message) else message
    if text:
        messages.success(request, text)


def refuse(request: HttpRequest, message: str, url: str) -> HttpResponse:
    """Send the user back to `url` with why the page they asked for is not open to them (a final record)."""
    messages.error(request, message)
    return redirect(url)


def run_form(
    request: HttpRequest,
    form: F,
    call: Callable[[dict[str, Any]], Any],
    *,
    page: Callable[[F], HttpResponse],
    success_url: Target,
    success_message: Message = "",
) -> HttpResponse:
    """GET: `page(form)`. POST: run `call(form.cleaned_data)` atomically; redirect, or `page(form)` (400).

    `success_url` is a URL or a function of what `call` returned (the created record).
    """
    if request.method != "POST":
        return page(form)
    if form.is_valid():
        try:
            with transaction.atomic():
                result = call(form.cleaned_data)
        except ValidationError as exc:
            apply_error(form, exc)
        else:
            _say(request, success_message, result)
            return redirect(_url(success_url, result))
    # A refusal that names no field is repeated as a message, so it shows even where the form is small.
    for error in form.non_field_errors():
        messages.error(request, str(error))
    messages.error(request, _("Vui lòng sửa các lỗi bên dưới."))
    response = page(form)
    response.status_code = 400
    return response


def run_action(
    request: HttpRequest,
    call: Callable[[], Any],
    *,
    success_url: Target,
    success_message: Message = "",
    failure_url: str | None = None,
) -> HttpResponse:
    """A button that carries no typed text: run `call()` atomically, then redirect with a message.

    A refusal (ValidationError) is shown as an error message on `failure_url` (by default `success_url`,
    which must then be a plain URL).
    """
    try:
        with transaction.atomic():
            result = call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        if failure_url is None and callable(success_url):
            raise TypeError("run_action needs a failure_url when success_url depends on the result") from exc
        return redirect(failure_url or _url(success_url, None))
    _say(request, success_message, result)
    return redirect(_url(success_url, result))
