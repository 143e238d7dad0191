"""The demo agency of the reference case (../shared/seed): Khánh Hòa Department of Information and
Communications, 2017. Deterministic and re-runnable: rows are found by natural keys and updated.

Every app above core adds its own part in `<app>/demo.py` with `load(ctx: DemoContext)`;
`eiso load_demo` calls them in ladder order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from eiso.core.choices import Role, Salutation
from eiso.core.models import (
    Agency,
    Division,
    Person,
    QmsProfile,
    QualityPolicy,
    SteeringCommittee,
)
from eiso.core.services import CONSOLE, role_grant

DEMO_AGENCY_CODE = "STTTT-KH"
DEMO_PASSWORD = "eiso-demo-2017"  # noqa: S105 - printed for the demo, never used in production


@dataclass
class DemoContext:
    """What later demo modules build on."""

    agency: Agency
    divisions: dict[str, Division]
    people: dict[str, Person]
    logins: list[tuple[str, str, str]] = field(default_factory=list)


DIVISIONS = [
    ("VP", "Văn phòng Sở"),
    ("TTR", "Thanh tra Sở"),
    ("BCVT", "Phòng Bưu chính, Viễn thông"),
    ("CNTT", "Phòng Công nghệ thông tin"),
    ("TTBCXB", "Phòng Thông tin - Báo chí - Xuất bản"),
]

# username, full name, title, division code, roles
PEOPLE = [
    ("giamdoc", "Phạm Duy Lộc", "Giám đốc Sở", None, [Role.DIRECTOR, Role.STEERING_MEMBER]),
    ("phogiamdoc", "Trần Văn Hải", "Phó Giám đốc Sở", None, [Role.DEPUTY_DIRECTOR, Role.STEERING_MEMBER]),
    (
        "thuky",
        "Nguyễn Thị Kim Anh",
        "Chuyên viên Văn phòng, Thư ký ISO",
        "VP",
        [Role.ISO_SECRETARY, Role.STEERING_MEMBER],
    ),
    (
        "chanhvanphong",
        "Lê Minh Tuấn",
        "Chánh Văn phòng",
        "VP",
        [Role.DIVISION_HEAD, Role.STEERING_MEMBER, Role.AUDITOR],
    ),
    (
        "truongphong",
        "Võ Thị Thu Hà",
        "Trưởng phòng Thông tin - Báo chí - Xuất bản",
        "TTBCXB",
        [Role.DIVISION_HEAD, Role.STEERING_MEMBER],
    ),
    (
        "truongphongbcvt",
        "Đặng Quốc Việt",
        "Trưởng phòng Bưu chính, Viễn thông",
        "BCVT",
        [Role.DIVISION_HEAD, Role.STEERING_MEMBER],
    ),
    (
        "truongphongcntt",
        "Huỳnh Ngọc Sơn",
        "Trưởng phòng Công nghệ thông tin",
        "CNTT",
        [Role.DIVISION_HEAD, Role.STEERING_MEMBER],
    ),
    ("chanhthanhtra", "Phan Thanh Bình", "Chánh Thanh tra Sở", "TTR", [Role.DIVISION_HEAD]),
    ("chuyenvien", "Ngô Thị Mai", "Chuyên viên", "TTBCXB", [Role.OFFICER]),
    ("chuyenvienbcvt", "Bùi Văn Nam", "Chuyên viên", "BCVT", [Role.OFFICER]),
    ("danhgia", "Trương Thị Lan", "Chuyên viên Thanh tra, chuyên gia đánh giá nội bộ", "TTR", [Role.AUDITOR]),
    (
        "danhgia2",
        "Hồ Văn Phúc",
        "Chuyên viên Công nghệ thông tin, chuyên gia đánh giá nội bộ",
        "CNTT",
        [Role.AUDITOR, Role.OFFICER],
    ),
    ("xem", "Đinh Thị Hoa", "Chuyên viên", "VP", [Role.VIEWER]),
]

# how the state documents name each official (Person.salutation)
WOMEN = {"thuky", "truongphong", "chuyenvien", "danhgia", "xem"}


def _salutation(username: str) -> str:
    return Salutation.MS if username in WOMEN else Salutation.MR


QUALITY_POLICY = (
    "Sở Thông tin và Truyền thông tỉnh Khánh Hòa cam kết giải quyết thủ tục hành chính công khai, "
    "minh bạch, đúng pháp luật và đúng hạn; lấy sự hài lòng của tổ chức, công dân làm thước đo chất lượng; "
    "duy trì và cải tiến thường xuyên Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015."
)


@transaction.atomic
def load() -> DemoContext:
    province = "Khánh Hòa"
    ubnd, _ = Agency.objects.update_or_create(
        code="UBND-KH",
        defaults={
            "name": "Ủy ban nhân dân tỉnh Khánh Hòa",
            "short_name": "UBND tỉnh",
            "province": province,
            "place_name": "Khánh Hòa",
            "symbol": "UBND",
        },
    )
    agency, _ = Agency.objects.update_or_create(
        code=DEMO_AGENCY_CODE,
        defaults={
            "name": "Sở Thông tin và Truyền thông tỉnh Khánh Hòa",
            "short_name": "Sở TT&TT Khánh Hòa",
            "governing_body": "UBND TỈNH KHÁNH HÒA",
            "province": province,
            "place_name": "Khánh Hòa",
            "symbol": "STTTT",
            "parent": ubnd,
            "address": "01 Trần Phú, thành phố Nha Trang, tỉnh Khánh Hòa",
        },
    )
    supervisor_agency, _ = Agency.objects.update_or_create(
        code="SKHCN-KH",
        defaults={
            "name": "Sở Khoa học và Công nghệ tỉnh Khánh Hòa",
            "short_name": "Sở KH&CN Khánh Hòa",
            "governing_body": "UBND TỈNH KHÁNH HÒA",
            "province": province,
            "place_name": "Khánh Hòa",
            "symbol": "SKHCN",
            "parent": ubnd,
            "is_supervisor": True,
        },
    )
    divisions = {
        code: Division.objects.update_or_create(
            agency=agency, code=code, defaults={"name": name, "order": i}
        )[0]
        for i, (code, name) in enumerate(DIVISIONS)
    }
    ctx = DemoContext(agency=agency, divisions=divisions, people={})
    for username, full_name, title, division_code, roles in PEOPLE:
        division = divisions[division_code] if division_code else None
        ctx.people[username] = _person(agency, username, full_name, title, division, roles)
        ctx.logins.append((username, full_name, ", ".join(str(Role(r).label) for r in roles)))
    _person(
        supervisor_agency,
        "skhcn",
        "Lương Văn Thành",
        "Chi cục Tiêu chuẩn Đo lường Chất lượng",
        None,
        [Role.SUPERVISOR],
    )
    ctx.logins.append(("skhcn", "Lương Văn Thành", str(Role.SUPERVISOR.label)))
    _steering_committee(ctx)
    _qms_profile(ctx)
    return ctx


def _person(
    agency: Agency, username: str, full_name: str, title: str, division: Division | None, roles: list[Role]
) -> Person:
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.set_password(DEMO_PASSWORD)
    user.is_staff = False  # the admin is for platform operators only
    user.save()
    person, _ = Person.objects.update_or_create(
        user=user,
        defaults={
            "agency": agency,
            "full_name": full_name,
            "salutation": _salutation(username),
            "title": title,
            "division": division,
            "email": f"{username}@khanhhoa.gov.vn",
        },
    )
    person.role_grants.exclude(role__in=roles).delete()
    for role in roles:
        role_grant(person=person, role=role, granted_by=CONSOLE)
    return person


def _steering_committee(ctx: DemoContext) -> None:
    p = ctx.people
    committee, _ = SteeringCommittee.objects.update_or_create(
        agency=ctx.agency,
        decision_number="45/QĐ-STTTT",
        defaults={
            "decision_date": dt.date(2016, 3, 15),
            "head": p["giamdoc"],
            "secretary": p["thuky"],
            "is_current": True,
        },
    )
    committee.members.set(
        [
            p[u]
            for u in (
                "phogiamdoc",
                "chanhvanphong",
                "truongphong",
                "truongphongbcvt",
                "truongphongcntt",
                "thuky",
            )
        ]
    )


def _qms_profile(ctx: DemoContext) -> None:
    QmsProfile.objects.update_or_create(
        agency=ctx.agency,
        defaults={
            "scope": "Toàn bộ hoạt động giải quyết thủ tục hành chính thuộc thẩm quyền của Sở Thông tin và "
            "Truyền thông đối với tổ chức, cá nhân (46 TTHC đã được UBND tỉnh công bố).",
            "exclusions": "Điều khoản 8.3 (Thiết kế và phát triển): dịch vụ hành chính công được quy định "
            "bởi pháp luật, Sở không thiết kế sản phẩm.",
            "announced_on": dt.date(2016, 6, 20),
            "announcement_number": "112/QĐ-STTTT",
            "effectiveness_confirmed_on": dt.date(2016, 6, 15),
        },
    )
    QualityPolicy.objects.update_or_create(
        agency=ctx.agency,
        version=1,
        defaults={
            "text": QUALITY_POLICY,
            "approved_on": dt.date(2016, 3, 20),
            "approved_by": ctx.people["giamdoc"],
        },
    )
