from django.urls import path

from eiso.improvements import views

app_name = "improvements"

urlpatterns = [
    path("", views.car_list, name="list"),
    path("", views.car_list, name="index"),  # the name other modules link to
    path("viec-cua-toi/", views.my_tasks, name="my_tasks"),
    path("su-khong-phu-hop/", views.nc_list, name="nc_list"),
    path("su-khong-phu-hop/tao/", views.nc_create, name="nc_create"),
    path("su-khong-phu-hop/<int:pk>/sua/", views.nc_edit, name="nc_edit"),
    path("su-khong-phu-hop/<int:pk>/huy/", views.nc_cancel, name="nc_cancel"),
    path("su-khong-phu-hop/<int:pk>/lap-phieu/", views.car_request, name="car_request"),
    path("phieu/<int:pk>/", views.car_detail, name="car_detail"),
    path("phieu/<int:pk>/phieu.<str:fmt>", views.car_download, name="car_download"),
    path("phieu/<int:pk>/phan-tich/", views.car_analyse, name="car_analyse"),
    path("phieu/<int:pk>/hanh-dong/", views.action_add, name="action_add"),
    path("phieu/<int:pk>/trinh/", views.car_submit, name="car_submit"),
    path("phieu/<int:pk>/phe-duyet/", views.car_approve, name="car_approve"),
    path("phieu/<int:pk>/xac-minh/", views.car_verify, name="car_verify"),
    path("phieu/<int:pk>/huy/", views.car_cancel, name="car_cancel"),
    path("hanh-dong/<int:pk>/hoan-thanh/", views.action_done, name="action_done"),
    path("de-xuat/", views.proposal_list, name="proposals"),
    path("de-xuat/<int:pk>/", views.proposal_decide, name="proposal_decide"),
]
