from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """What a key may do. Reading covers every read endpoint of the client's visible agencies."""

    READ = "read", _("Đọc dữ liệu")
    DOSSIERS_WRITE = "dossiers:write", _("Ghi hồ sơ (tiếp nhận, cập nhật, sự kiện)")
