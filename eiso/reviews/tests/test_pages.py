import datetime as dt

from django.urls import reverse

from eiso.core.models import Notification
from eiso.core.notifications import send_reminders
from eiso.core.testing import Personas, client_for
from eiso.reviews import services
from eiso.reviews.choices import ReviewState
from eiso.reviews.models import ManagementReview
from eiso.reviews.tests.helpers import held, planned, with_decisions


def test_the_secretary_runs_the_review_from_planning_to_minutes_through_the_pages(personas: Personas) -> None:
    client = client_for(personas.secretary)
    response = client.post(
        reverse("reviews:create"),
        {
            "year": 2017,
            "planned_on": "2017-08-07",
            "place": "Phòng họp",
            "chair": personas.director.pk,
            "secretary": personas.secretary.pk,
        },
    )
    review = ManagementReview.objects.get(agency=personas.agency, year=2017)
    assert response["Location"] == reverse("reviews:detail", kwargs={"pk": review.pk})
    client.post(reverse("reviews:collect", kwargs={"pk": review.pk}), {"as_of": "2017-08-01"})
    item = review.inputs.get(key="resources")
    client.post(reverse("reviews:comment", kwargs={"pk": item.pk}), {"commentary": "Nhân lực đáp ứng."})
    client.post(
        reverse("reviews:hold", kwargs={"pk": review.pk}),
        {
            "held_on": "2017-08-07",
            "present": [personas.director.pk, personas.secretary.pk],
            "started_at": "08:00",
        },
    )
    client.post(
        reverse("reviews:decision_add", kwargs={"pk": review.pk}),
        {
            "kind": "improvement",
            "text": "Đánh giá nội bộ tất cả các phòng",
            "owner_division": personas.office.pk,
        },
    )
    client.post(
        reverse("reviews:issue_minutes", kwargs={"pk": review.pk}),
        {"conclusion": "Tiếp tục phát huy.", "minutes_number": "37", "notice_number": "38"},
    )
    review.refresh_from_db()
    assert review.state == ReviewState.MINUTES_ISSUED
    assert review.inputs.get(key="resources").commentary == "Nhân lực đáp ứng."
    page = client.get(reverse("reviews:detail", kwargs={"pk": review.pk}))
    assert page.status_code == 200
    assert "Đánh giá nội bộ tất cả các phòng" in page.content.decode()
    document = client.get(
        reverse("reviews:document", kwargs={"pk": review.pk, "document": "bien-ban", "fmt": "docx"})
    )
    assert document.status_code == 200 and document["Content-Disposition"].endswith('.docx"')


def test_a_budget_above_the_cap_is_refused_on_the_page_with_a_message(personas: Personas) -> None:
    review = held(personas)
    client = client_for(personas.secretary)
    response = client.post(
        reverse("reviews:decision_add", kwargs={"pk": review.pk}),
        {
            "kind": "resource_need",
            "text": "Kinh phí",
            "amount_vnd": 20_000_000,
            "is_internal_audit_budget": "on",
        },
        follow=True,
    )
    assert "15.000.000" in response.content.decode()
    assert not review.decisions.exists()


def test_a_viewer_reads_the_review_but_cannot_change_it(personas: Personas) -> None:
    review = with_decisions(personas, held(personas))
    client = client_for(personas.viewer)
    assert client.get(reverse("reviews:detail", kwargs={"pk": review.pk})).status_code == 200
    assert client.get(reverse("reviews:list")).status_code == 200
    assert client.post(reverse("reviews:close", kwargs={"pk": review.pk})).status_code == 403
    assert client.get(reverse("reviews:changes")).status_code == 200
    assert client.get(reverse("reviews:records")).status_code == 200


def test_the_changes_register_records_a_new_law(personas: Personas) -> None:
    client = client_for(personas.secretary)
    client.post(
        reverse("reviews:changes"),
        {"kind": "law", "title": "Nghị định mới về một cửa", "effective_on": "2017-03-01"},
    )
    review = planned(personas)
    services.review_collect_inputs(review=review, as_of=dt.date(2017, 8, 1), actor=None)
    items = review.inputs.get(key="changes").data["items"]
    assert [i["title"] for i in items] == ["Nghị định mới về một cửa"]


def test_a_reminder_goes_out_when_no_review_is_planned_by_june_and_when_none_is_held_by_december(
    personas: Personas,
) -> None:
    send_reminders(today=dt.date(2017, 5, 31))
    assert not Notification.objects.filter(key__startswith="review:").exists()
    send_reminders(today=dt.date(2017, 6, 1))
    send_reminders(today=dt.date(2017, 6, 2))
    keys = set(Notification.objects.filter(recipient=personas.secretary).values_list("key", flat=True))
    assert "review:2017:unplanned" in keys
    assert Notification.objects.filter(recipient=personas.director, key="review:2017:unplanned").count() == 1
    planned(personas)
    send_reminders(today=dt.date(2017, 12, 2))
    assert Notification.objects.filter(recipient=personas.secretary, key="review:2017:overdue").exists()


def test_the_dashboard_shows_this_years_review_and_the_open_decisions(personas: Personas) -> None:
    response = client_for(personas.director).get(reverse("core:dashboard"))
    assert 'id="panel-review"' in response.content.decode()
    assert "Chưa lập kế hoạch" in response.content.decode()
