"""Account pages in the app's layout (not the admin's): password change, forgotten password, and the
set-password link e-mailed to a new account."""

from django.contrib.auth import views as auth_views
from django.urls import path

from eiso.staff.auth_forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm

urlpatterns = [
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(
            form_class=PasswordChangeForm, template_name="staff/password_change_form.html"
        ),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(template_name="staff/password_done.html"),
        name="password_change_done",
    ),
    path(
        "quen-mat-khau/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            template_name="staff/password_reset_form.html",
            email_template_name="staff/email/password_reset.txt",
            subject_template_name="staff/email/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="staff/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "dat-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=SetPasswordForm, template_name="staff/password_set_form.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "dat-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(template_name="staff/password_done.html"),
        name="password_reset_complete",
    ),
]
