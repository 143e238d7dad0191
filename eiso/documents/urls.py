from django.urls import path

from eiso.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("", views.document_list, name="index"),  # the name other modules link to (e.g. reviews)
    path("moi/", views.document_create, name="document_create"),
    path("mau-ma/", views.code_patterns, name="code_patterns"),
    path("can-doc/", views.reading_list, name="reading_list"),
    path("qua-han-xem-xet/", views.overdue_list, name="overdue"),
    path("thay-doi-phap-ly/", views.legal_change_list, name="legal_changes"),
    path("thay-doi-phap-ly/<int:pk>/xu-ly/", views.legal_change_resolve, name="legal_change_resolve"),
    path("danh-gia-hieu-luc/", views.evaluation_list, name="evaluations"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/sua/", views.document_edit, name="document_edit"),
    path("<int:pk>/du-thao-moi/", views.version_create, name="version_create"),
    path("<int:pk>/xem-xet-dinh-ky/", views.review_record, name="review_record"),
    path("<int:pk>/danh-gia/", views.evaluation_record, name="evaluation_record"),
    path("<int:pk>/trang-bia.<str:fmt>", views.cover_download, name="cover"),
    path("phien-ban/<int:pk>/sua/", views.version_edit, name="version_edit"),
    path("phien-ban/<int:pk>/gui-xem-xet/", views.version_submit, name="version_submit"),
    path("phien-ban/<int:pk>/xem-xet-dat/", views.version_review, name="version_review"),
    path("phien-ban/<int:pk>/tra-lai/", views.version_return, name="version_return"),
    path("phien-ban/<int:pk>/phe-duyet/", views.version_approve, name="version_approve"),
    path("phien-ban/<int:pk>/ban-hanh/", views.version_issue, name="version_issue"),
    path("phien-ban/<int:pk>/thu-hoi/", views.version_withdraw, name="version_withdraw"),
    path("phien-ban/<int:pk>/tep/", views.version_file, name="version_file"),
    path("phien-ban/<int:pk>/phan-phoi/", views.distribution_send, name="distribution_send"),
    path("xac-nhan/<int:pk>/", views.acknowledge, name="acknowledge"),
]
