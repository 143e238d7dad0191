"""Demo: the risk register of the main processes (one-stop intake, complaints, licensing), the default 1–5
scale, treatment actions and the effectiveness of those already reviewed. Re-runnable."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from eiso.core.demo import DemoContext
from eiso.procedures.models import HandlingProcess
from eiso.risks.choices import Effectiveness, RiskKind
from eiso.risks.models import Risk, RiskAction, RiskScale

# code, kind, process code, division, description, consequence, likelihood, impact, owner
RISKS = [
    (
        "R01",
        RiskKind.RISK,
        "QT-47",
        "VP",
        "Hồ sơ tiếp nhận tại Bộ phận Một cửa bị chuyển chậm đến phòng chuyên môn",
        "Hồ sơ giải quyết trễ hạn, công dân không hài lòng",
        3,
        4,
        "chanhvanphong",
    ),
    (
        "R02",
        RiskKind.RISK,
        "QT-47",
        "VP",
        "Cán bộ một cửa nghỉ đột xuất, không có người thay thế đã được hướng dẫn",
        "Ngừng tiếp nhận hồ sơ trong ngày",
        2,
        3,
        "chanhvanphong",
    ),
    (
        "R03",
        RiskKind.RISK,
        "QT-48",
        "TTR",
        "Phản ánh, kiến nghị gửi qua thư điện tử không được ghi nhận vào sổ theo dõi",
        "Không trả lời phản ánh đúng thời hạn",
        3,
        3,
        "chanhthanhtra",
    ),
    (
        "R04",
        RiskKind.RISK,
        "QT-01",
        "TTBCXB",
        "Văn bản pháp luật về xuất bản thay đổi nhưng quy trình nội bộ chưa cập nhật",
        "Giải quyết hồ sơ theo căn cứ pháp lý đã hết hiệu lực",
        2,
        5,
        "truongphong",
    ),
    (
        "R05",
        RiskKind.RISK,
        "",
        "CNTT",
        "Hệ thống một cửa điện tử gián đoạn do sự cố máy chủ",
        "Không tiếp nhận, tra cứu hồ sơ trực tuyến",
        2,
        4,
        "truongphongcntt",
    ),
    (
        "O01",
        RiskKind.OPPORTUNITY,
        "QT-47",
        "CNTT",
        "Đưa thêm TTHC lên dịch vụ công trực tuyến mức độ 3, 4",
        "Giảm thời gian đi lại của công dân, giảm tải Bộ phận Một cửa",
        4,
        3,
        "truongphongcntt",
    ),
]

# risk code, description, owner, deadline, done on
ACTIONS = [
    (
        "R01",
        "Chuyển hồ sơ đến phòng chuyên môn hai lần mỗi ngày, có sổ giao nhận",
        "thuky",
        dt.date(2017, 4, 30),
        dt.date(2017, 4, 20),
    ),
    (
        "R01",
        "Cảnh báo hồ sơ sắp đến hạn trên phần mềm một cửa",
        "truongphongcntt",
        dt.date(2017, 9, 30),
        None,
    ),
    (
        "R02",
        "Hướng dẫn hai cán bộ dự phòng cho Bộ phận Một cửa",
        "chanhvanphong",
        dt.date(2017, 6, 30),
        dt.date(2017, 6, 15),
    ),
    (
        "R03",
        "Lập sổ theo dõi phản ánh, kiến nghị chung cho mọi kênh tiếp nhận",
        "chanhthanhtra",
        dt.date(2017, 8, 31),
        dt.date(2017, 8, 20),
    ),
    (
        "R04",
        "Rà soát văn bản pháp luật hằng quý và cập nhật quy trình",
        "truongphong",
        dt.date(2017, 12, 31),
        None,
    ),
    (
        "R05",
        "Sao lưu dữ liệu hằng ngày và có máy chủ dự phòng",
        "truongphongcntt",
        dt.date(2017, 10, 31),
        None,
    ),
    ("O01", "Đăng ký 10 TTHC mức độ 3 với UBND tỉnh", "truongphongcntt", dt.date(2017, 12, 31), None),
]

REVIEWS = {
    "R01": (Effectiveness.PARTLY, "Giảm hồ sơ chuyển chậm nhưng vẫn còn 2 trường hợp trong quý III/2017."),
    "R02": (Effectiveness.EFFECTIVE, "Không còn ngày ngừng tiếp nhận hồ sơ."),
    "R03": (Effectiveness.EFFECTIVE, "Mọi phản ánh quý III/2017 đều được ghi nhận và trả lời đúng hạn."),
}


@transaction.atomic
def load(ctx: DemoContext) -> None:
    RiskScale.objects.get_or_create(agency=ctx.agency)
    processes = {p.code: p for p in HandlingProcess.objects.filter(agency=ctx.agency)}
    risks = {}
    for code, kind, process, division, description, consequence, likelihood, impact, owner in RISKS:
        review = REVIEWS.get(code)
        risks[code], _ = Risk.objects.update_or_create(
            agency=ctx.agency,
            code=code,
            defaults={
                "kind": kind,
                "process": processes.get(process),
                "area": "" if process in processes else "Hạ tầng công nghệ thông tin",
                "division": ctx.divisions[division],
                "description": description,
                "consequence": consequence,
                "likelihood": likelihood,
                "impact": impact,
                "score": likelihood * impact,
                "owner": ctx.people[owner],
                "identified_on": dt.date(2017, 3, 1),
                "review_on": dt.date(2018, 3, 1),
                "effectiveness": review[0] if review else "",
                "effectiveness_note": review[1] if review else "",
                "reviewed_on": dt.date(2017, 10, 15) if review else None,
            },
        )
    for code, description, owner, deadline, done_on in ACTIONS:
        RiskAction.objects.update_or_create(
            risk=risks[code],
            description=description,
            defaults={"owner": ctx.people[owner], "deadline": deadline, "done_on": done_on},
        )
