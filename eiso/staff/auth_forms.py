from collections.abc import Iterator
from typing import Any

from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model

from eiso.core.forms import BootstrapFormMixin


class PasswordResetForm(BootstrapFormMixin, auth_forms.PasswordResetForm):
    def get_users(self, email: str) -> Iterator[Any]:
        """Active accounts with this address, including a new one whose invitation was lost."""
        return iter(get_user_model()._default_manager.filter(email__iexact=email, is_active=True))


class SetPasswordForm(BootstrapFormMixin, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    pass
