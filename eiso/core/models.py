"""Organisation: agencies, divisions, people and their roles, the ISO steering committee, the QMS profile."""

from __future__ import annotations

from functools import cached_property
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eiso.core.choices import Role, Salutation


class TimeStampedModel(models.Model):
    """Base of every domain model: creation and last-change times."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    # Path from the model to its Agency, used by the one scoping helper (eiso.core.access).
    agency_path: ClassVar[str] = "agency"

    class Meta:
        abstract = True


class Agency(TimeStampedModel):
    """A state agency running a QMS (e.g. a provincial Department), or a body above it."""

    code = models.CharField(_("mã đơn vị"), max_length=32, unique=True)
    name = models.CharField(_("tên cơ quan"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    governing_body = models.CharField(
        _("cơ quan chủ quản"),
        max_length=255,
        blank=True,
        help_text=_("Dòng trên của tiêu đề văn bản, ví dụ: UBND TỈNH KHÁNH HÒA."),
    )
    province = models.CharField(_("tỉnh/thành phố"), max_length=64)
    place_name = models.CharField(
        _("địa danh"), max_length=64, blank=True, help_text=_("Dùng trong dòng địa danh, ngày tháng.")
    )
    symbol = models.CharField(
        _("ký hiệu văn bản"), max_length=32, blank=True, help_text=_("Ví dụ: STTTT trong 12/BB-STTTT.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    logo = models.FileField(_("biểu trưng"), upload_to="logos/", blank=True)
    is_supervisor = models.BooleanField(
        _("cơ quan giám sát ISO cấp tỉnh"),
        default=False,
        help_text=_("Sở KH&CN: giám sát việc áp dụng HTQLCL của các cơ quan trong tỉnh."),
    )
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "pk"

    class Meta:
        ordering = ["province", "name"]
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")

    def __str__(self) -> str:
        return self.name


class Division(TimeStampedModel):
    """A division (phòng) of an agency: the Office, the Inspectorate, a specialised division."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="divisions"
    )
    code = models.CharField(_("mã phòng"), max_length=32)
    name = models.CharField(_("tên phòng"), max_length=255)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "order", "name"]
        verbose_name = _("phòng")
        verbose_name_plural = _("phòng")
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="division_code_unique_per_agency")
        ]

    def __str__(self) -> str:
        return self.name


class Person(TimeStampedModel):
    """A member of staff of an agency, linked to the login account they use."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="person",
        null=True,
        blank=True,
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="people"
    )
    full_name = models.CharField(_("họ và tên"), max_length=128)
    # Nullable so that SQLite adds the column in place instead of rebuilding a table its triggers name.
    salutation = models.CharField(
        _("danh xưng"),
        max_length=8,
        choices=Salutation.choices,
        null=True,
        blank=True,
        help_text=_("Dùng khi văn bản nêu tên cán bộ (ví dụ: ông Phạm Duy Lộc, Giám đốc Sở)."),
    )
    title = models.CharField(_("chức vụ"), max_length=128, blank=True)
    division = models.ForeignKey(
        Division,
        verbose_name=_("phòng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang công tác"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "full_name"]
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")

    def __str__(self) -> str:
        return self.full_name

    @property
    def named(self) -> str:
        """The name as a state document writes it: with the person's salutation when recorded."""
        return f"{self.salutation} {self.full_name}" if self.salutation else self.full_name

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(self.role_grants.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


class RoleGrant(TimeStampedModel):
    """One role a person holds in their agency; a person may hold several."""

    person = models.ForeignKey(
        Person, verbose_name=_("cán bộ"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "person__agency"

    class Meta:
        ordering = ["person", "role"]
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        constraints = [models.UniqueConstraint(fields=["person", "role"], name="role_grant_unique")]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"


class SteeringCommittee(TimeStampedModel):
    """The ISO steering committee (Ban Chỉ đạo ISO) as established by the agency head's decision."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="steering_committees"
    )
    decision_number = models.CharField(_("số quyết định thành lập"), max_length=64)
    decision_date = models.DateField(_("ngày quyết định"))
    head = models.ForeignKey(Person, verbose_name=_("trưởng ban"), on_delete=models.PROTECT, related_name="+")
    secretary = models.ForeignKey(
        Person, verbose_name=_("thư ký"), on_delete=models.PROTECT, related_name="+"
    )
    members = models.ManyToManyField(Person, verbose_name=_("thành viên"), related_name="+", blank=True)
    is_current = models.BooleanField(_("đang hiệu lực"), default=True)
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["agency", "-decision_date"]
        verbose_name = _("Ban Chỉ đạo ISO")
        verbose_name_plural = _("Ban Chỉ đạo ISO")
        constraints = [
            models.UniqueConstraint(
                fields=["agency"],
                condition=models.Q(is_current=True),
                name="one_current_steering_committee",
            )
        ]

    def __str__(self) -> str:
        return _("Ban Chỉ đạo ISO theo QĐ {number}").format(number=self.decision_number)


class QmsProfile(TimeStampedModel):
    """The agency's QMS: scope statement, announcement of conformity and the head's confirmation."""

    agency = models.OneToOneField(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="qms_profile"
    )
    standard = models.CharField(_("tiêu chuẩn áp dụng"), max_length=64, default="TCVN ISO 9001:2015")
    scope = models.TextField(
        _("phạm vi áp dụng"),
        blank=True,
        help_text=_("Các thủ tục hành chính thuộc phạm vi được đánh dấu trong danh mục TTHC."),
    )
    exclusions = models.TextField(_("điều khoản không áp dụng và lý do"), blank=True)
    announced_on = models.DateField(_("ngày công bố phù hợp"), null=True, blank=True)
    announcement_number = models.CharField(_("số quyết định công bố"), max_length=64, blank=True)
    effectiveness_confirmed_on = models.DateField(
        _("ngày người đứng đầu xác nhận hiệu lực"), null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hồ sơ HTQLCL")
        verbose_name_plural = _("hồ sơ HTQLCL")

    def __str__(self) -> str:
        return _("HTQLCL của {agency}").format(agency=self.agency)


class QualityPolicy(TimeStampedModel):
    """One version of the quality policy (chính sách chất lượng) text, with its approval."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="quality_policies"
    )
    version = models.PositiveSmallIntegerField(_("phiên bản"))
    text = models.TextField(_("nội dung"))
    approved_on = models.DateField(_("ngày phê duyệt"))
    approved_by = models.ForeignKey(
        Person, verbose_name=_("người phê duyệt"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "-version"]
        verbose_name = _("chính sách chất lượng")
        verbose_name_plural = _("chính sách chất lượng")
        constraints = [
            models.UniqueConstraint(fields=["agency", "version"], name="quality_policy_version_unique")
        ]

    def __str__(self) -> str:
        return _("Chính sách chất lượng, phiên bản {version}").format(version=self.version)


class DomainEvent(models.Model):
    """Who did what to which record, when: written by services in the same transaction as the change."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        Person, verbose_name=_("người thực hiện"), on_delete=models.PROTECT, null=True, blank=True
    )
    verb = models.CharField(_("hành động"), max_length=64)
    target_type = models.CharField(_("loại đối tượng"), max_length=64)
    target_id = models.PositiveBigIntegerField(_("mã đối tượng"))
    data = models.JSONField(_("chi tiết"), default=dict, blank=True)
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    agency_path: ClassVar[str] = "agency"

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")
        indexes = [models.Index(fields=["target_type", "target_id"], name="event_target_idx")]

    def __str__(self) -> str:
        return f"{self.verb} {self.target_type}#{self.target_id}"


class Notification(models.Model):
    """An in-app message, also e-mailed, about something a person must do.

    `key` names the due event, which makes reminders idempotent.
    """

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE)
    recipient = models.ForeignKey(
        Person, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="notifications"
    )
    key = models.CharField(_("khóa chống trùng"), max_length=200)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=255, blank=True)
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True)

    agency_path: ClassVar[str] = "agency"

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notification_unique_key")]

    def __str__(self) -> str:
        return self.title
