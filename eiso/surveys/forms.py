from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from eiso.core.forms import BootstrapFormMixin
from eiso.core.models import Agency
from eiso.surveys.choices import SCALE5_LABELS, TT01_LABELS, Channel, QuestionKind
from eiso.surveys.models import Questionnaire
from eiso.surveys.services import QuestionSpec


class SurveyStartForm(BootstrapFormMixin, forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Cơ quan giải quyết hồ sơ"),
        queryset=Agency.objects.filter(is_supervisor=False, parent__isnull=False),
        to_field_name="code",
        empty_label=_("— Chọn cơ quan —"),
    )
    ma = forms.CharField(
        label=_("Mã hồ sơ (nếu có)"),
        max_length=64,
        required=False,
        help_text=_("In trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả."),
    )


class SurveyForm(forms.Form):
    """The questionnaire as a form: one field per question (q_<id>), plus the optional dossier code."""

    dossier_code = forms.CharField(
        label=_("Mã hồ sơ (nếu có)"),
        max_length=64,
        required=False,
        help_text=_("Mỗi hồ sơ chỉ được đánh giá một lần."),
    )

    def __init__(self, *args: Any, questionnaire: Questionnaire, staff: bool = False, **kwargs: Any) -> None:
        self.questionnaire = questionnaire
        self.questions = list(questionnaire.questions.order_by("order", "id"))
        super().__init__(*args, **kwargs)
        for question in self.questions:
            name = f"q_{question.pk}"
            if question.kind == QuestionKind.TEXT:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    required=question.required,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            else:
                labels = SCALE5_LABELS if question.kind == QuestionKind.SCALE5 else TT01_LABELS
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    required=question.required,
                    choices=[(value, label) for value, label in labels.items()],
                    coerce=int,
                    empty_value=None,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Vui lòng chọn một mức đánh giá.")},
                )
        if staff:
            self.fields["channel"] = forms.ChoiceField(
                label=_("Kênh"),
                choices=[(Channel.PAPER, Channel.PAPER.label), (Channel.KIOSK, Channel.KIOSK.label)],
            )
            self.fields["period"] = forms.DateField(
                label=_("Ngày đánh giá"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            )
        self._style()

    def _style(self) -> None:
        """Bootstrap classes and accessible error links (the questions exist only after __init__)."""
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = css
            if self.is_bound and name in self.errors:
                widget.attrs["class"] += " is-invalid"
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"id_{name}_error"

    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"q_{question.pk}"] for question in self.questions]

    def answers(self) -> dict[int, Any]:
        return {question.pk: self.cleaned_data.get(f"q_{question.pk}") for question in self.questions}

    def apply_errors(self, error: ValidationError) -> None:
        """Show a service's ValidationError next to the fields it names."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
                if field in self.fields:
                    self.fields[field].widget.attrs["class"] = (
                        self.fields[field].widget.attrs.get("class", "") + " is-invalid"
                    )
        else:
            self.add_error(None, error.messages)


class QuestionForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(label=_("Câu hỏi"), max_length=500, required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=QuestionKind.choices, initial=QuestionKind.SCALE5)
    required = forms.BooleanField(label=_("Bắt buộc"), required=False, initial=True)
    is_overall = forms.BooleanField(label=_("Câu đánh giá chung"), required=False)


QuestionFormSet = forms.formset_factory(QuestionForm, extra=0)
SPARE_QUESTIONS = 3


class QuestionnaireForm(BootstrapFormMixin, forms.Form):
    """A new questionnaire: its title, introduction and threshold, and its questions (a row left empty is
    not a question). Starts from the questionnaire in use."""

    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    intro = forms.CharField(
        label=_("Lời giới thiệu"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    satisfied_threshold = forms.IntegerField(
        label=_("Ngưỡng hài lòng"),
        min_value=1,
        max_value=5,
        help_text=_("Phiếu được tính là hài lòng khi câu đánh giá chung đạt từ mức này trở lên."),
    )

    def __init__(self, data: Any = None, *, current: Questionnaire | None) -> None:
        initial: dict[str, Any] = {"satisfied_threshold": 4}
        rows: list[dict[str, Any]] = []
        if current is not None:
            initial = {
                "title": current.title,
                "intro": current.intro,
                "satisfied_threshold": current.satisfied_threshold,
            }
            rows = [
                {"text": q.text, "kind": q.kind, "required": q.required, "is_overall": q.is_overall}
                for q in current.questions.order_by("order", "id")
            ]
        rows += [{"kind": QuestionKind.SCALE5, "required": True}] * SPARE_QUESTIONS
        super().__init__(data, initial=initial)
        self.questions = QuestionFormSet(data, initial=rows, prefix="q")

    def is_valid(self) -> bool:
        return all([super().is_valid(), self.questions.is_valid()])

    def question_specs(self) -> list[QuestionSpec]:
        return [
            QuestionSpec(
                text=row["text"].strip(),
                kind=row["kind"],
                required=row["required"],
                is_overall=row["is_overall"],
            )
            for row in self.questions.cleaned_data
            if row.get("text", "").strip()
        ]
