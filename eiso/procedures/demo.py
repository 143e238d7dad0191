"""Demo catalogue: 46 TTHC of the Sở (36 reference rows + 10 synthetic ones) and 48 handling processes.

The 36 rows come from data/procedures-sotttt.csv (a composite of several provinces' 2016–2018 lists; see
/work/shared/data/README.md). The 10 rows of the fields "Viễn thông và Internet" and "Công nghệ thông tin"
are invented to reach the 46 procedures of the 2017 review and carry synthetic codes (SYN-…), shown as
"mã tạm", never as national codes. Everything is valid from 01/01/2016 and published in 2016.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from eiso.core.demo import DemoContext
from eiso.core.models import Division
from eiso.procedures.choices import ComponentKind, TimeLimitUnit
from eiso.procedures.models import Procedure
from eiso.procedures.services import component_set, procedure_create, procedure_update, process_save

REFERENCE_CSV = Path(__file__).parent / "data" / "procedures-sotttt.csv"
VALID_FROM = dt.date(2016, 1, 1)

SYNTHETIC = [
    ("SYN-VT-01", "Thỏa thuận vị trí xây dựng công trình hạ tầng kỹ thuật viễn thông thụ động", 7),
    ("SYN-VT-02", "Xác nhận đăng ký đại lý cung cấp dịch vụ Internet công cộng", 5),
    ("SYN-VT-03", "Chấp thuận lắp đặt tuyến cáp viễn thông trong phạm vi tỉnh", 10),
    ("SYN-VT-04", "Góp ý thiết kế cơ sở dự án hạ tầng kỹ thuật viễn thông thụ động", 10),
    ("SYN-VT-05", "Chấp thuận sử dụng chung cơ sở hạ tầng kỹ thuật viễn thông", 7),
    (
        "SYN-CNTT-01",
        "Thẩm định thiết kế cơ sở dự án ứng dụng công nghệ thông tin sử dụng ngân sách nhà nước",
        15,
    ),
    ("SYN-CNTT-02", "Thẩm định thiết kế thi công và dự toán dự án ứng dụng công nghệ thông tin", 15),
    ("SYN-CNTT-03", "Góp ý đề cương và dự toán chi tiết hoạt động ứng dụng công nghệ thông tin", 10),
    ("SYN-CNTT-04", "Thẩm định kế hoạch thuê dịch vụ công nghệ thông tin", 10),
    ("SYN-CNTT-05", "Xác nhận hồ sơ ưu đãi dự án sản xuất sản phẩm công nghệ thông tin trọng điểm", 10),
]

LEGAL_BASIS = {
    "Báo chí": "Luật Báo chí 2016; Thông tư 48/2016/TT-BTTTT.",
    "Xuất bản - In - Phát hành": "Luật Xuất bản 2012; Nghị định 195/2013/NĐ-CP; Nghị định 60/2014/NĐ-CP; "
    "Thông tư 23/2014/TT-BTTTT.",
    "Bưu chính": "Luật Bưu chính 2010; Nghị định 47/2011/NĐ-CP; Thông tư 291/2016/TT-BTC.",
    "Phát thanh truyền hình và thông tin điện tử": "Nghị định 72/2013/NĐ-CP.",
    "Viễn thông và Internet": "Luật Viễn thông 2009; Nghị định 25/2011/NĐ-CP "
    "(căn cứ minh họa cho dữ liệu mẫu).",
    "Công nghệ thông tin": "Luật Công nghệ thông tin 2006; Nghị định 102/2009/NĐ-CP "
    "(căn cứ minh họa cho dữ liệu mẫu).",
}

DIVISION_BY_FIELD = {
    "Báo chí": "TTBCXB",
    "Xuất bản - In - Phát hành": "TTBCXB",
    "Phát thanh truyền hình và thông tin điện tử": "TTBCXB",
    "Bưu chính": "BCVT",
    "Viễn thông và Internet": "BCVT",
    "Công nghệ thông tin": "CNTT",
}

ONLINE_LEVELS = (3, 4)
METHODS = "Nộp trực tiếp tại Bộ phận tiếp nhận và trả kết quả của Sở; qua dịch vụ bưu chính công ích."
METHODS_ONLINE = METHODS[:-1] + "; trực tuyến trên Cổng dịch vụ công của tỉnh."
APPLICANTS = "Tổ chức, cá nhân."
# The paper a person receives, read from the procedure's name: "Cấp giấy phép X" gives "Giấy phép X".
OUTCOMES = (
    ("Cấp lại ", "{rest} (cấp lại)"),
    ("Sửa đổi, bổ sung ", "{rest} đã sửa đổi, bổ sung"),
    ("Gia hạn ", "{rest} được gia hạn"),
    ("Cấp ", "{rest}"),
)


def _outcome(name: str) -> str:
    for prefix, pattern in OUTCOMES:
        if name.startswith(prefix):
            rest = name[len(prefix) :].split(" khi ")[0].split(" (")[0]  # the paper, not the occasion
            return pattern.format(rest=rest[:1].upper() + rest[1:]) + "."
    return "Văn bản chấp thuận hoặc văn bản trả lời của Sở Thông tin và Truyền thông."


COMPONENTS = [
    ("Đơn đề nghị theo mẫu quy định", ComponentKind.ORIGINAL, 1),
    ("Giấy tờ chứng minh tư cách pháp lý của tổ chức, cá nhân đề nghị", ComponentKind.COPY, 1),
    ("Tài liệu thuyết minh kèm theo hồ sơ", ComponentKind.ORIGINAL, 1),
]


def _catalogue() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with REFERENCE_CSV.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            rows.append(
                {
                    "code": row["code"],
                    "name": row["name"],
                    "field": row["field"],
                    "level": int(row["level"]) if row["level"] else None,
                    "time_limit_value": Decimal(row["time_limit"]),
                    "time_limit_unit": row["time_limit_unit"],
                }
            )
    for code, name, days in SYNTHETIC:
        rows.append(
            {
                "code": code,
                "name": name,
                "field": "Viễn thông và Internet" if code.startswith("SYN-VT") else "Công nghệ thông tin",
                "level": 2,
                "time_limit_value": Decimal(days),
                "time_limit_unit": TimeLimitUnit.WORKING_DAYS,
            }
        )
    return rows


def load(ctx: DemoContext) -> None:
    agency = ctx.agency
    procedures: list[Procedure] = []
    for i, row in enumerate(_catalogue()):
        fields = {
            **{k: v for k, v in row.items() if k != "code"},
            "legal_basis": LEGAL_BASIS.get(str(row["field"]), ""),
            "submission_methods": METHODS_ONLINE if row["level"] in ONLINE_LEVELS else METHODS,
            "applicants": APPLICANTS,
            "outcome": _outcome(str(row["name"])),
            "in_scope": True,
            "valid_from": VALID_FROM,
            "valid_to": None,
            "counts_from_next_day_after": None,
            "published_at_office_on": dt.date(2016, 3, 1) + dt.timedelta(days=i % 10),
            "published_online_on": dt.date(2016, 3, 15) + dt.timedelta(days=i % 10),
            "is_active": True,
        }
        procedure = Procedure.objects.filter(agency=agency, code=row["code"]).first()
        if procedure is None:
            procedure = procedure_create(agency=agency, actor=None, code=str(row["code"]), **fields)
        else:
            procedure_update(procedure=procedure, actor=None, effective_on=VALID_FROM, **fields)
        if not procedure.components.exists():
            component_set(procedure=procedure, components=COMPONENTS)
        procedures.append(procedure)
    for i, procedure in enumerate(procedures, start=1):
        process_save(
            agency=agency,
            actor=None,
            code=f"QT-{i:02d}",
            name=f"Quy trình giải quyết thủ tục: {procedure.name}",
            procedures=[procedure],
            steps=_steps(ctx.divisions, procedure),
            published_at_office_on=procedure.published_at_office_on,
            published_online_on=procedure.published_online_on,
        )
    _internal_processes(ctx)


def _steps(
    divisions: dict[str, Division], procedure: Procedure
) -> list[tuple[str, Division | None, Decimal, str]]:
    """3–5 steps whose limits add up to the procedure's limit."""
    total = procedure.time_limit_value
    unit = procedure.time_limit_unit
    office = divisions["VP"]
    expert = divisions[DIVISION_BY_FIELD.get(procedure.field, "VP")]
    half = Decimal("4") if unit == TimeLimitUnit.WORKING_HOURS else Decimal("0.5")
    receive = ("Bộ phận Một cửa tiếp nhận, kiểm tra hồ sơ và chuyển phòng chuyên môn", office, half, unit)
    give_back = ("Bộ phận Một cửa trả kết quả cho tổ chức, cá nhân", office, half, unit)
    if unit == TimeLimitUnit.WORKING_DAYS and total >= 10:
        return [
            receive,
            ("Chuyên viên phòng chuyên môn thẩm định hồ sơ", expert, total - 4, unit),
            ("Trưởng phòng chuyên môn xem xét, trình ký", expert, Decimal(1), unit),
            ("Lãnh đạo Sở xem xét, ký duyệt", None, Decimal(2), unit),
            give_back,
        ]
    if unit == TimeLimitUnit.WORKING_DAYS and total >= 3:
        sign = Decimal(1)
        return [
            receive,
            ("Phòng chuyên môn thẩm định, trình ký", expert, total - 2 * half - sign, unit),
            ("Lãnh đạo Sở xem xét, ký duyệt", None, sign, unit),
            give_back,
        ]
    if unit == TimeLimitUnit.WORKING_HOURS:
        return [
            receive,
            ("Phòng chuyên môn xem xét, trình ký", expert, total - 3 * half, unit),
            ("Lãnh đạo Sở ký văn bản trả lời", None, half, unit),
            give_back,
        ]
    quarter = total / 4
    return [
        (receive[0], office, quarter, unit),
        ("Phòng chuyên môn thẩm định, trình ký", expert, quarter, unit),
        ("Lãnh đạo Sở xem xét, ký duyệt", None, quarter, unit),
        (give_back[0], office, quarter, unit),
    ]


def _internal_processes(ctx: DemoContext) -> None:
    d = ctx.divisions
    days = TimeLimitUnit.WORKING_DAYS
    published = {"published_at_office_on": dt.date(2016, 3, 1), "published_online_on": dt.date(2016, 3, 15)}
    process_save(
        agency=ctx.agency,
        actor=None,
        code="QT-47",
        name="Quy trình tiếp nhận và trả kết quả tại Bộ phận Một cửa",
        procedures=[],
        steps=[
            ("Hướng dẫn, kiểm tra tính đầy đủ của hồ sơ", d["VP"], Decimal(0), days),
            (
                "Tiếp nhận, cập nhật hồ sơ vào phần mềm một cửa, lập giấy tiếp nhận và hẹn trả",
                d["VP"],
                Decimal(0),
                days,
            ),
            ("Chuyển hồ sơ đến phòng chuyên môn", d["VP"], Decimal("0.5"), days),
            ("Nhận kết quả, thu phí, lệ phí và trả kết quả", d["VP"], Decimal(0), days),
        ],
        **published,
    )
    process_save(
        agency=ctx.agency,
        actor=None,
        code="QT-48",
        name="Quy trình giải quyết phản ánh, kiến nghị của tổ chức, cá nhân",
        procedures=[],
        steps=[
            ("Tiếp nhận, vào sổ phản ánh, kiến nghị", d["VP"], Decimal(1), days),
            ("Phân loại, báo cáo Lãnh đạo Sở", d["VP"], Decimal(1), days),
            ("Thanh tra Sở xác minh, đề xuất xử lý", d["TTR"], Decimal(7), days),
            ("Lãnh đạo Sở ký văn bản trả lời", None, Decimal(1), days),
            ("Gửi văn bản trả lời, công khai kết quả", d["VP"], Decimal(0), days),
        ],
        **published,
    )
