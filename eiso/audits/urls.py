from django.urls import path

from eiso.audits import views

app_name = "audits"

urlpatterns = [
    path("", views.audit_list, name="list"),
    path("", views.audit_list, name="index"),  # the name other modules link to
    path("tao/", views.audit_create, name="create"),
    path("<int:pk>/", views.audit_detail, name="detail"),
    path("<int:pk>/sua/", views.audit_edit, name="edit"),
    path("<int:pk>/huy/", views.audit_cancel, name="cancel"),
    path("phat-hien/", views.finding_list, name="findings"),
    path("phat-hien/<int:pk>/sua/", views.finding_edit, name="finding_edit"),
    path("phat-hien/<int:pk>/huy/", views.finding_cancel, name="finding_cancel"),
    path("<int:pk>/lich/", views.session_add, name="session_add"),
    path("<int:pk>/cau-hoi/", views.checklist_add, name="checklist_add"),
    path("<int:pk>/cau-hoi/sao-chep/", views.checklist_copy, name="checklist_copy"),
    path("cau-hoi/<int:pk>/", views.checklist_record, name="checklist_record"),
    path("<int:pk>/phat-hien/", views.finding_add, name="finding_add"),
    path("<int:pk>/bao-cao/", views.report_save, name="report_save"),
    path("<int:pk>/bao-cao/phe-duyet/", views.report_approve, name="report_approve"),
    path("<int:pk>/bao-cao.<str:fmt>", views.report_download, name="report_download"),
    path("chuong-trinh/", views.programme_list, name="programmes"),
    path("chuong-trinh/tao/", views.programme_create, name="programme_create"),
    path("chuong-trinh/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("chuong-trinh/<int:pk>/noi-dung/", views.programme_item_add, name="programme_item_add"),
    path("chuong-trinh/<int:pk>/phe-duyet/", views.programme_approve, name="programme_approve"),
]
