from django.urls import path

from eiso.workdays import views

app_name = "workdays"

urlpatterns = [
    path("", views.year_calendar, name="calendar"),
    path("them-ngay/", views.override_add, name="override_add"),
    path("ngay/<int:pk>/xoa/", views.override_delete, name="override_delete"),
    path("gio-lam-viec/", views.office_hours, name="office_hours"),
]
