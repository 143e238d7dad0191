from django.urls import path

from eiso.objectives import views

app_name = "objectives"

urlpatterns = [
    path("", views.index, name="index"),
    path("tao/", views.set_create, name="set_create"),
    path("<int:pk>/", views.set_detail, name="set_detail"),
    path("<int:pk>/sao-chep/", views.set_copy, name="set_copy"),
    path("<int:pk>/ban-hanh/", views.set_issue, name="set_issue"),
    path("<int:pk>/them-muc-tieu/", views.objective_add, name="objective_add"),
    path("<int:pk>/them-chi-tieu/", views.indicator_add, name="indicator_add"),
    path("chi-tieu/<int:pk>/", views.indicator_detail, name="indicator"),
    path("chi-tieu/<int:pk>/sua/", views.indicator_edit, name="indicator_edit"),
    path("muc-tieu/<int:pk>/sua/", views.objective_edit, name="objective_edit"),
    path("chi-tieu/<int:pk>/nhap-so-lieu/", views.manual_value_add, name="manual_value_add"),
    path("so-lieu/<int:pk>/ghi-nhan/", views.manual_value_post, name="manual_value_post"),
    path("so-lieu/<int:pk>/bang-chung/", views.evidence_file, name="evidence_file"),
]
