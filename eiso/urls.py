from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from eiso.core.forms import LoginForm
from eiso.jobs.health import healthz

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("eiso.staff.auth_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("", include("eiso.core.urls")),
    path("chu-ky-so/", include("eiso.signatures.urls")),
    path("nhan-su/", include("eiso.staff.urls")),
    path("lich-lam-viec/", include("eiso.workdays.urls")),
    path("thu-tuc/", include("eiso.procedures.urls")),
    path("ho-so/", include("eiso.dossiers.urls")),
    path("khao-sat/", include("eiso.surveys.urls")),
    path("tai-lieu/", include("eiso.documents.urls")),
    path("danh-gia-noi-bo/", include("eiso.audits.urls")),
    path("khac-phuc/", include("eiso.improvements.urls")),
    path("rui-ro/", include("eiso.risks.urls")),
    path("muc-tieu/", include("eiso.objectives.urls")),
    path("xem-xet-lanh-dao/", include("eiso.reviews.urls")),
    path("bao-cao/", include("eiso.reports.urls")),
    path("cong-khai/", include("eiso.portal.urls")),
    path("api/", include("eiso.api.urls")),
    path("hop-thu-di/", include("eiso.outbox.urls")),
    path("viec-nen/", include("eiso.jobs.urls")),
    path("healthz", healthz, name="healthz"),
]

handler400 = "eiso.core.errors.bad_request"
handler403 = "eiso.core.errors.permission_denied"
handler404 = "eiso.core.errors.page_not_found"
handler500 = "eiso.core.errors.server_error"
