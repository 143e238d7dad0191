"""The figures of each review input section as sentences: shown on the review page (in the reader's
language) and written into the state documents (built under the Vietnamese locale)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _


def d(value: Any) -> str:
    """dd/mm/yyyy from a date or an ISO string."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return f"{value:%d/%m/%Y}"


def number(value: Any) -> str:
    figure = float(value)
    return f"{figure:.0f}" if figure == int(figure) else f"{figure:.1f}".replace(".", ",")


def pct(value: Any, *, fraction: bool = False) -> str:
    """A percentage: `value` is already in percent, or a fraction of 1 when `fraction`."""
    if value is None:
        return "—"
    return number(float(value) * (100 if fraction else 1)) + "%"


def vnd(amount: int | None) -> str:
    if amount is None:
        return ""
    return _("{amount} đồng").format(amount=f"{amount:,}".replace(",", "."))


def _labels() -> dict[str, dict[str, str]]:
    return {
        "state": {"open": _("Đang thực hiện"), "done": _("Đã hoàn thành"), "cancelled": _("Đã hủy")},
        "objective": {
            "met": _("Đạt"),
            "not_met": _("Chưa đạt"),
            "at_risk": _("Có nguy cơ không đạt"),
            "no_data": "",
        },
        "finding": {
            "strength": _("Điểm mạnh"),
            "observation": _("Điểm lưu ý"),
            "nonconformity": _("Điểm không phù hợp"),
        },
    }


def no_data() -> str:
    return _("Chưa có số liệu (phân hệ chưa được triển khai).")


def section_text(key: str, data: dict[str, Any]) -> list[str]:  # noqa: C901, PLR0911, PLR0912
    """The secretary's report lines for one input section, with its figures."""
    g = data.get
    if not g("available"):
        return [no_data()] if key not in ("resources", "improvement") else []
    labels = _labels()
    if key == "changes":
        if not g("items"):
            return [_("Không có thay đổi đáng kể trong kỳ.")]
        lines = []
        for c in g("items") or []:
            line = c["title"] + (f" ({c['reference']})" if c.get("reference") else "")
            line += _(", hiệu lực từ {date}").format(date=d(c["effective_on"]))
            if c.get("effect_on_documents"):
                line += _("; ảnh hưởng: {effect}").format(effect=c["effect_on_documents"])
            if c.get("documents_updated_on"):
                line += _("; đã cập nhật tài liệu ngày {date}").format(date=d(c["documents_updated_on"]))
            lines.append(line)
        return lines
    if key == "previous_actions":
        if not g("total"):
            return [_("Không có kết luận nào từ cuộc họp xem xét lần trước.")]
        lines = [
            _(
                "Tổng số {total} nội dung: {done} đã hoàn thành, {open} đang thực hiện, {cancelled} đã hủy."
            ).format(total=g("total"), done=g("done", 0), open=g("open", 0), cancelled=g("cancelled", 0))
        ]
        for a in g("items") or []:
            line = f"{a['text']} ({a['year']}): {labels['state'].get(a['state'], a['state'])}"
            lines.append(line + (f" — {a['result_note']}" if a.get("result_note") else ""))
        return lines
    if key == "objectives":
        items = g("items") or []
        if not items:
            return [_("Chưa ban hành mục tiêu chất lượng cho năm.")]
        lines = [_("Đạt {met}/{total} chỉ tiêu.").format(met=g("met", 0), total=g("total", 0))]
        for item in items:
            value = item.get("value")
            result = f"{number(value)}{item.get('unit') or ''}" if value is not None else _("chưa có số liệu")
            if item.get("display"):
                result += f" ({item['display']})"
            status = labels["objective"].get(item.get("status", ""), "")
            line = _("{name}: chỉ tiêu {target}, kết quả {result}").format(
                name=item.get("objective") or item.get("name"), target=item.get("target"), result=result
            )
            lines.append(line + (f" — {status}" if status else ""))
        return lines
    if key == "satisfaction":
        return [
            _(
                "Mức độ hài lòng của tổ chức, công dân đạt {rate} ({satisfied}/{responses} phiếu hài lòng)."
            ).format(rate=pct(g("rate")), satisfied=g("satisfied", 0), responses=g("responses", 0))
        ]
    if key == "dossiers":
        lines = [
            _(
                "Tiếp nhận {total} hồ sơ (trực tuyến {online}, trực tiếp {direct}, "
                "kỳ trước chuyển sang {carried})."
            ).format(
                total=g("received_total", 0),
                online=g("received_online", 0),
                direct=g("received_direct", 0),
                carried=g("carried_over", 0),
            ),
            _(
                "Đã giải quyết {total} hồ sơ: sớm hạn {early}, đúng hạn {on_time}, quá hạn {late}; "
                "tỷ lệ đúng hạn {rate}."
            ).format(
                total=g("resolved_total", 0),
                early=g("resolved_early", 0),
                on_time=g("resolved_on_time", 0),
                late=g("resolved_late", 0),
                rate=pct(g("on_time_rate"), fraction=True),
            ),
            _("Đang giải quyết {total} hồ sơ (trong hạn {in_time}, quá hạn {overdue}).").format(
                total=g("pending_total", 0), in_time=g("pending_in_time", 0), overdue=g("pending_overdue", 0)
            ),
        ]
        for late in g("late") or []:
            lines.append(
                _("Hồ sơ trễ hạn {code}: {cause}").format(
                    code=late.get("code", ""), cause=late.get("cause") or _("chưa rõ nguyên nhân")
                )
            )
        return lines
    if key == "procedures":
        return [
            _(
                "Đã công bố và niêm yết công khai {published}/{in_scope} TTHC chuẩn hóa và "
                "{processes_published}/{processes_total} quy trình giải quyết TTHC."
            ).format(
                published=g("published", 0),
                in_scope=g("in_scope", 0),
                processes_published=g("processes_published", 0),
                processes_total=g("processes_total", 0),
            )
        ]
    if key == "internal_audit":
        findings = g("findings") or {}
        lines = [
            _(
                "{audits} cuộc đánh giá nội bộ; đã đánh giá {divisions}/{divisions_total} phòng, "
                "{procedures}/"
                "{procedures_total} TTHC."
            ).format(
                audits=g("audits_held", 0),
                divisions=g("divisions_audited", 0),
                divisions_total=g("divisions_total", 0),
                procedures=g("procedures_covered", 0),
                procedures_total=g("procedures_total", 0),
            ),
            _(
                "Phát hiện: {strengths} điểm mạnh, {observations} điểm lưu ý, {ncs} điểm không phù hợp."
            ).format(
                strengths=findings.get("strength", 0),
                observations=findings.get("observation", 0),
                ncs=findings.get("nonconformity", 0),
            ),
        ]
        lines += [
            _("{title}, ngày {date}.").format(title=a["title"], date=d(a["starts_on"]))
            for a in g("audits") or []
        ]
        texts = sorted(g("finding_texts") or [], key=lambda f: f.get("kind") != "strength")
        lines += [
            f"{labels['finding'].get(f['kind'], f['kind'])} ({f['division']}): {f['description']}."
            for f in texts
        ]
        return lines
    if key == "nonconformities":
        return [
            _("Phát sinh {opened} điểm không phù hợp; {requested} yêu cầu hành động khắc phục.").format(
                opened=g("opened", 0), requested=g("requested", 0)
            ),
            _(
                "Đã đóng {closed} (đúng hạn {on_time}); kiểm tra có hiệu lực {effective}, "
                "chưa hiệu lực {not_effective}."
            ).format(
                closed=g("closed", 0),
                on_time=g("closed_on_time", 0),
                effective=g("verified_effective", 0),
                not_effective=g("verified_not_effective", 0),
            ),
            _("Còn mở {open}, trong đó quá hạn {overdue}.").format(
                open=g("open", 0), overdue=g("overdue", 0)
            ),
        ]
    if key == "risks":
        actions = g("actions") or {}
        effectiveness = g("effectiveness") or {}
        return [
            _(
                "Rủi ro đang theo dõi: {risks} (cao {high}, trung bình {medium}, thấp {low}); "
                "cơ hội: {opportunities}."
            ).format(
                risks=g("risks", 0),
                high=g("high", 0),
                medium=g("medium", 0),
                low=g("low", 0),
                opportunities=g("opportunities", 0),
            ),
            _("Hành động xử lý: {total}, đã hoàn thành {done}, quá hạn {overdue}.").format(
                total=actions.get("total", 0), done=actions.get("done", 0), overdue=actions.get("overdue", 0)
            ),
            _("Hiệu lực: có hiệu lực {effective}, một phần {partly}, chưa hiệu lực {not_effective}.").format(
                effective=effectiveness.get("effective", 0),
                partly=effectiveness.get("partly", 0),
                not_effective=effectiveness.get("not_effective", 0),
            ),
        ]
    if key == "resources":
        return [f"{b['text']}: {vnd(b['amount_vnd'])}" for b in g("budget_lines") or []]
    if key == "documents":
        evaluations = g("evaluations") or {}
        return [
            _(
                "Tài liệu nội bộ đang hiệu lực: {in_force}; ban hành mới trong năm {issued}, "
                "sửa đổi {revised}; "
                "quá hạn xem xét định kỳ {overdue}."
            ).format(
                in_force=g("in_force", 0),
                issued=g("issued", 0),
                revised=g("revised", 0),
                overdue=g("overdue_reviews", 0),
            ),
            _(
                "Thay đổi văn bản pháp luật chưa cập nhật vào tài liệu: {pending} "
                "(quá hạn 3 tháng: {overdue})."
            ).format(pending=g("legal_changes_pending", 0), overdue=g("legal_changes_overdue", 0)),
            _(
                "Đánh giá hiệu lực tài liệu: {total} lượt; áp dụng đúng như văn bản {applied}, cần sửa đổi "
                "{needs_change}, không còn phù hợp {obsolete}."
            ).format(
                total=g("evaluations_total", 0),
                applied=evaluations.get("applied_as_written", 0),
                needs_change=evaluations.get("needs_change", 0),
                obsolete=evaluations.get("obsolete", 0),
            ),
        ]
    return []
