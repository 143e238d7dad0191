from django.urls import path

from eiso.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("lap-ke-hoach/", views.review_create, name="create"),
    path("thay-doi/", views.change_list, name="changes"),
    path("ho-so-htqlcl/", views.record_list, name="records"),
    path("nha-cung-cap/", views.provider_list, name="providers"),
    path("nha-cung-cap/them/", views.provider_add, name="provider_add"),
    path("nha-cung-cap/danh-gia/", views.provider_evaluate, name="provider_evaluate"),
    path("ho-so-htqlcl/<int:pk>/tai-ve.<str:fmt>", views.record_document, name="record_document"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/thong-tin/", views.review_details, name="details"),
    path("<int:pk>/tong-hop/", views.review_collect, name="collect"),
    path("<int:pk>/hop/", views.review_hold, name="hold"),
    path("<int:pk>/ket-luan/", views.decision_add, name="decision_add"),
    path("<int:pk>/ban-hanh-bien-ban/", views.review_issue_minutes, name="issue_minutes"),
    path("<int:pk>/ket-thuc/", views.review_close, name="close"),
    path("<int:pk>/hoach-dinh/", views.plan_next_year, name="plan_next"),
    path("<int:pk>/van-ban/<str:document>.<str:fmt>", views.review_document, name="document"),
    path("dau-vao/<int:pk>/nhan-xet/", views.input_comment, name="comment"),
    path("ket-luan/<int:pk>/", views.decision_update, name="decision_update"),
]
