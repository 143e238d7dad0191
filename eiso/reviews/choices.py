from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewState(models.TextChoices):
    PLANNED = "planned", _("Đã lập kế hoạch")
    INPUTS_COLLECTED = "inputs_collected", _("Đã tổng hợp đầu vào")
    HELD = "held", _("Đã họp")
    MINUTES_ISSUED = "minutes_issued", _("Đã ban hành biên bản")
    CLOSED = "closed", _("Đã kết thúc")


class Attendance(models.TextChoices):
    INVITED = "invited", _("Được mời")
    PRESENT = "present", _("Có mặt")
    ABSENT = "absent", _("Vắng mặt")


class DecisionKind(models.TextChoices):
    """ISO 9001 clause 9.3.3 outputs."""

    IMPROVEMENT = "improvement", _("Cơ hội cải tiến (9.3.3a)")
    QMS_CHANGE = "qms_change", _("Thay đổi HTQLCL (9.3.3b)")
    RESOURCE_NEED = "resource_need", _("Nhu cầu nguồn lực (9.3.3c)")


class ActionState(models.TextChoices):
    OPEN = "open", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")


class ChangeKind(models.TextChoices):
    LAW = "law", _("Văn bản pháp luật mới/sửa đổi")
    ORGANISATION = "organisation", _("Thay đổi tổ chức")
    SCOPE = "scope", _("Thay đổi phạm vi")
    OTHER = "other", _("Thay đổi khác")


class RecordKind(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("Quyết định công bố HTQLCL phù hợp TCVN ISO 9001")
    EFFECTIVENESS = "effectiveness", _("Xác nhận hiệu lực HTQLCL của người đứng đầu")


class ProviderKind(models.TextChoices):
    """External providers of a state agency's one-stop service (ISO 9001 8.4)."""

    POSTAL = "postal", _("Dịch vụ bưu chính công ích")
    SOFTWARE = "software", _("Phần mềm, hạ tầng công nghệ thông tin")
    OTHER = "other", _("Khác")


class ProviderResult(models.TextChoices):
    MEETS = "meets", _("Đạt yêu cầu")
    PARTLY = "partly", _("Đạt một phần")
    FAILS = "fails", _("Không đạt yêu cầu")
