from django.urls import path

from eiso.procedures import views

app_name = "procedures"

urlpatterns = [
    path("", views.procedure_list, name="list"),
    path("them/", views.procedure_create, name="create"),
    path("nhap-tep/", views.procedure_import, name="import"),
    path("<int:pk>/", views.procedure_detail, name="detail"),
    path("<int:pk>/sua/", views.procedure_edit, name="edit"),
    path("<int:pk>/cong-khai/", views.procedure_publish, name="publish"),
    path("quy-trinh/", views.process_list, name="processes"),
    path("quy-trinh/<int:pk>/", views.process_detail, name="process_detail"),
]
