"""The demo's cooperation records: the public facts are there and add up.

The demo is loaded once for the module, inside a transaction rolled back at the
end; every test runs in its own savepoint on top of it.
"""

import datetime

import pytest
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from solidarity.accounts.models import User
from solidarity.agreements.choices import AgreementStatus, CommitmentStatus, SigningStepKind
from solidarity.agreements.models import Agreement, Commitment
from solidarity.delegations.choices import Direction, MemberRole
from solidarity.delegations.models import Delegation, Member
from solidarity.demo.loader import load_demo
from solidarity.demo.loader.files import read
from solidarity.meetings.choices import MeetingKind
from solidarity.meetings.models import Meeting
from solidarity.records.workflow import Action, ApprovalState, waiting_for, workflow_events
from solidarity.support.choices import SupportDirection
from solidarity.support.models import Support, SupportItem
from solidarity.units.models import Unit

pytestmark = pytest.mark.django_db

XIENG_KHOANG = "Liên hiệp Công đoàn tỉnh Xiêng Khoảng"
RECORD_MODELS = [Agreement, Commitment, Delegation, Meeting, Support]


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """When the load began: every row it replays is dated before that."""
    with django_db_blocker.unblock(), transaction.atomic():
        started = timezone.now()
        load_demo(password="demo-test-password")
        yield started
        transaction.set_rollback(True)


def user(username: str) -> User:
    return User.objects.get(username=username)


def in_years(queryset, first: int, last: int):
    return queryset.filter(
        start_on__gte=datetime.date(first, 1, 1), start_on__lte=datetime.date(last, 12, 31)
    )


def test_the_agriculture_union_sent_6_delegations_with_17_person_trips_in_2018_2023():
    outgoing = in_years(
        Delegation.objects.filter(owner_unit__code="CDNN", direction=Direction.OUTGOING), 2018, 2023
    )

    assert outgoing.count() == 6
    assert Member.objects.filter(delegation__in=outgoing).count() == 17


def test_the_agriculture_union_received_6_delegations_with_28_guests_in_2018_2023():
    incoming = in_years(
        Delegation.objects.filter(owner_unit__code="CDNN", direction=Direction.INCOMING), 2018, 2023
    )

    assert incoming.count() == 6
    assert Member.objects.filter(delegation__in=incoming).count() == 28
    assert not Member.objects.filter(delegation__in=incoming, unit__isnull=False).exists()


def test_the_agriculture_union_hosted_3_international_conferences_in_2018_2023():
    hosted = in_years(
        Meeting.objects.filter(
            owner_unit__code="CDNN", kind=MeetingKind.CONFERENCE, hosted=True, is_international=True
        ),
        2018,
        2023,
    )

    assert hosted.count() == 3
    assert set(hosted.values_list("state", flat=True)) == {ApprovalState.CLOSED}


def test_the_education_union_sent_4_delegations_to_act_plus_1_and_visited_turkiye_and_mexico():
    delegations = in_years(Delegation.objects.filter(owner_unit__code="CDGD"), 2018, 2023)

    act = delegations.filter(direction=Direction.OUTGOING, partners__short_name="ACT")
    assert act.count() == 4
    for country in ("TR", "MX"):
        both_ways = delegations.filter(countries__contains=country).values_list("direction", flat=True)
        assert set(both_ways) == {Direction.OUTGOING, Direction.INCOMING}, country


def test_the_2017_agreement_with_xieng_khoang_is_in_force_with_its_2022_2024_phase():
    agreement = Agreement.objects.get(
        owner_unit__code="NA", partners__name=XIENG_KHOANG, signed_on__year=2017
    )

    assert agreement.status == AgreementStatus.IN_FORCE
    assert agreement.valid_to is None
    assert "Kha Văn Tám" in agreement.our_signatory
    assert "Phu Von Si Khăm On" in agreement.partner_signatory
    phase = agreement.phases.get(name="Giai đoạn 2022–2024")
    assert (phase.start_year, phase.end_year) == (2022, 2024)
    assert "Covid-19" in phase.contents and "doanh nghiệp ngoài nhà nước" in phase.contents
    assert agreement.phases.filter(end_year__lt=2022).exists()


def test_the_2017_agreement_went_through_every_signing_step_on_time():
    agreement = Agreement.objects.get(owner_unit__code="NA", signed_on__year=2017)
    steps = list(agreement.signing_steps.all())

    assert [step.kind for step in steps] == list(SigningStepKind.values)
    assert all(step.done_on and step.done_on.year == 2017 for step in steps)
    assert not any(step.is_late for step in steps)
    signed = agreement.signing_steps.get(kind=SigningStepKind.SIGNED)
    copy_sent = agreement.signing_steps.get(kind=SigningStepKind.COPY_SENT)
    assert signed.done_on == agreement.signed_on
    assert (copy_sent.done_on - signed.done_on).days <= 15


def test_the_other_agreements_include_an_expired_and_a_draft_one_with_a_late_step():
    statuses = set(Agreement.objects.values_list("status", flat=True))
    draft = Agreement.objects.get(status=AgreementStatus.DRAFT)

    assert {AgreementStatus.IN_FORCE, AgreementStatus.EXPIRED, AgreementStatus.DRAFT} <= statuses
    assert Agreement.objects.filter(owner_unit__code="CDNN", partners__short_name="IUF").exists()
    assert draft.signed_on is None
    assert any(step.is_late for step in draft.signing_steps.all())


def test_the_nghe_an_support_to_xieng_khoang_adds_up_to_50_million_dong():
    support = Support.objects.filter(
        owner_unit__code="NA", partner__name=XIENG_KHOANG, direction=SupportDirection.GIVEN
    )
    items = SupportItem.objects.filter(support__in=support)

    assert support.count() == 2
    assert support.aggregate(total=Sum("total_vnd"))["total"] == 50_000_000
    assert items.aggregate(total=Sum("value_vnd"))["total"] == 50_000_000
    assert items.get(description="Máy tính xách tay").quantity == 3
    assert items.filter(description__contains="Bun Pi May").exists()
    assert {years for years in support.values_list("given_on__year", flat=True)} == {2022, 2023}


def test_every_support_record_adds_up_and_foreign_currency_ones_keep_their_rate():
    for support in Support.objects.annotate(items_total=Sum("items__value_vnd")):
        assert support.items_total == support.total_vnd, support
        if support.currency != "VND":
            assert support.amount_original * support.exchange_rate == support.total_vnd, support
        else:
            assert support.amount_original is None and support.exchange_rate is None
    assert Support.objects.filter(direction=SupportDirection.RECEIVED, currency="USD").exists()


def test_the_29_july_2024_seminar_is_co_chaired_and_linked_to_the_agreement():
    seminar = Meeting.objects.get(owner_unit__code="NA", start_on=datetime.date(2024, 7, 29))

    assert seminar.kind == MeetingKind.SEMINAR
    assert seminar.hosted and seminar.is_international
    assert "Kha Văn Tám" in seminar.chairs and "Phu Von Si Khăm On" in seminar.chairs
    assert list(seminar.partners.values_list("name", flat=True)) == [XIENG_KHOANG]
    assert seminar.agreement.signed_on.year == 2017
    assert "Noọng Hét" in seminar.conclusions and "di cư" in seminar.conclusions


def test_the_seminar_conclusions_are_commitments_some_done_some_open_one_overdue():
    seminar = Meeting.objects.get(owner_unit__code="NA", start_on=datetime.date(2024, 7, 29))
    commitments = Commitment.objects.filter(meeting=seminar)
    statuses = dict(commitments.values_list("status").annotate(n=Count("pk")))
    texts = " ".join(commitments.values_list("description", flat=True))

    assert commitments.count() == 8
    assert set(commitments.values_list("agreement", flat=True)) == {seminar.agreement_id}
    assert not commitments.filter(phase__isnull=True).exists()
    for topic in ("chăm lo", "quỹ xã hội", "nguồn thu", "trang thiết bị", "quyền", "di cư", "ngoài nhà nước"):
        assert topic in texts, topic
    assert statuses[CommitmentStatus.DONE] >= 2 and statuses[CommitmentStatus.IN_PROGRESS] >= 2
    overdue = commitments.overdue()
    assert overdue.count() == 1 and "di cư" in overdue.get().description
    visit = commitments.get(description__contains="năm 2025")
    assert visit.status == CommitmentStatus.DONE and visit.due_year == 2025
    border = commitments.get(description__contains="Noọng Hét")
    assert border.responsible_unit.code == "NA-KS"


def test_the_2022_and_2023_delegations_were_approved_by_the_vgcl_leader_and_closed_with_a_report():
    incoming = Delegation.objects.get(
        owner_unit__code="NA", direction=Direction.INCOMING, start_on__year=2022
    )
    outgoing = Delegation.objects.get(
        owner_unit__code="NA", direction=Direction.OUTGOING, start_on__year=2023
    )

    assert incoming.members.get(full_name="Phu Von Si Khăm On").role == MemberRole.HEAD
    assert incoming.members.filter(organisation=XIENG_KHOANG).count() == incoming.members.count()
    assert "Covid-19" in incoming.purpose
    assert outgoing.members.get(full_name="Kha Văn Tám").role == MemberRole.HEAD
    for delegation in (incoming, outgoing):
        events = list(workflow_events(delegation))
        assert delegation.state == ApprovalState.CLOSED and delegation.report_text
        assert delegation.report_filed_on <= delegation.report_due_on
        assert [e.action for e in events if e.action == Action.APPROVE] == [Action.APPROVE]
        approve = next(e for e in events if e.action == Action.APPROVE)
        assert approve.by.username == "tld.lanhdao"
        assert approve.at.date() < delegation.start_on
        assert events[-1].action == Action.CLOSE
    assert outgoing.agreement.signed_on.year == 2017


def test_the_2025_nghe_an_visit_to_xieng_khoang_was_carried_out():
    visit = Delegation.objects.get(owner_unit__code="NA", direction=Direction.OUTGOING, start_on__year=2025)

    assert [country.code for country in visit.countries] == ["LA"]
    assert visit.state in (ApprovalState.CARRIED_OUT, ApprovalState.REPORTED, ApprovalState.CLOSED)
    assert visit.members.filter(full_name="Kha Văn Tám").exists()


def test_every_workflow_record_has_events_that_lead_to_its_state():
    records = list(Delegation.objects.exclude(state=ApprovalState.DRAFT)) + list(
        Meeting.objects.filter(hosted=True, is_international=True).exclude(state=ApprovalState.DRAFT)
    )

    assert records
    for record in records:
        events = list(workflow_events(record))
        assert events[0].from_state == ApprovalState.DRAFT, record
        assert all(a.to_state == b.from_state for a, b in zip(events, events[1:], strict=False)), record
        assert all(a.at < b.at for a, b in zip(events, events[1:], strict=False)), record
        assert events[-1].to_state == record.state, record
        assert record.created_at <= events[0].at


def test_the_leaders_have_something_waiting_and_one_report_is_overdue():
    vgcl_queue = waiting_for(user=user("tld.lanhdao"), queryset=Delegation.objects.all())
    nghe_an_queue = waiting_for(user=user("nghean.lanhdao"), queryset=Delegation.objects.all())
    overdue = Delegation.objects.report_overdue()

    assert vgcl_queue.filter(owner_unit__code="CDNN").exists()
    assert nghe_an_queue.filter(owner_unit__code="NA-MX").exists()
    assert overdue.count() == 1
    assert overdue.get().is_report_overdue and not overdue.get().report_text


def test_the_forum_no_9_of_30_november_2023_is_on_record():
    forum = Meeting.objects.get(start_on=datetime.date(2023, 11, 30))

    assert forum.owner_unit.code == "VGCL"
    assert forum.kind == MeetingKind.FORUM
    assert "số 9" in forum.title and "Đại hội XIII" in forum.title
    assert "Bộ Công Thương" in forum.place


def test_a_ha_noi_officer_sees_none_of_nghe_an_s_records_and_the_nghe_an_officer_sees_them():
    ha_noi, nghe_an = user("hanoi.canbo"), user("nghean.canbo")

    for model in RECORD_MODELS:
        own = model.objects.filter(owner_unit__path__startswith=Unit.objects.get(code="NA").path)
        assert own.exists(), model
        assert not model.objects.visible_to(ha_noi).filter(pk__in=own).exists(), model
        assert model.objects.visible_to(nghe_an).filter(pk__in=own).count() == own.count(), model
    assert Delegation.objects.visible_to(ha_noi).filter(owner_unit__code="HN").exists()


def test_every_record_s_history_begins_when_it_was_created_and_every_row_is_a_demo_user_s_on_its_day(demo):
    """Loaded through the services, a record's history is what the screens would have written.

    Its first row is its creation, dated when it was created; each later row is
    a step (submitted, approved... marked done), dated on the day the data
    gives, never at the time of the load, and by a demo user.
    """
    for model in RECORD_MODELS:
        records = {record.pk: record for record in model.objects.all()}
        rows = list(model.history.order_by("history_date", "history_id"))
        first = {}
        for row in rows:
            first.setdefault(row.id, row)
            assert row.history_user_id is not None and row.history_date < demo, (model, row.id)
            assert row.history_date <= records[row.id].updated_at, (model, row.id)

        assert first.keys() == records.keys(), model
        for pk, record in records.items():
            assert first[pk].history_type == "+", (model, pk)
            assert first[pk].history_date == record.created_at, (model, pk)
        assert not model.objects.filter(created_by__isnull=True).exists(), model


def test_the_data_files_name_nothing_twice():
    refs = [
        entry["ref"]
        for name in ("agreements", "delegations", "meetings")
        for entry in read(f"{name}.yaml")[name]
        if "ref" in entry
    ]
    assert len(refs) == len(set(refs))
    for entry in read("delegations.yaml")["delegations"]:
        names = [member["name"] for member in entry.get("members", [])]
        assert len(names) == len(set(names)), entry["ref"]
    assert Support.objects.count() == len(read("support.yaml")["support"])


def test_a_second_load_creates_nothing():
    assert load_demo(password="demo-test-password") == {}


def test_every_demo_proposal_waiting_for_the_leaders_is_complete():
    """The submission rule holds for the demo's queues: what waits for a decision is complete."""
    from solidarity.delegations.services import missing_for_submission as delegation_gaps
    from solidarity.meetings.services import missing_for_submission as meeting_gaps

    waiting = [
        *[(d.title, delegation_gaps(d)) for d in Delegation.objects.filter(state=ApprovalState.SUBMITTED)],
        *[(m.title, meeting_gaps(m)) for m in Meeting.objects.filter(state=ApprovalState.SUBMITTED)],
    ]
    assert len(waiting) >= 2
    assert [(title, missing) for title, missing in waiting if missing] == []


def _tallied(code: str, indicator: str, key: str = "") -> int:
    """The figure as the report reads it: the unit's 2018-2023 through figures.selectors.read."""
    from solidarity.figures.selectors import read
    from solidarity.units.models import Unit

    unit = Unit.objects.get(code=code)
    dimension = key.split(":", 1)[0] if key else ""
    rows = read(
        units=[unit.pk],
        start=datetime.date(2018, 1, 1),
        end=datetime.date(2023, 12, 31),
        indicators=[indicator],
        dimension=dimension,
    )
    return rows.get((unit.pk, indicator, key, None), 0)


def test_the_figures_give_the_seeds_numbers_for_2018_2023():
    """What the report reads: the agriculture union's 6 + 17, 6 + 28 and 3 conferences, and the
    whole system's 14 outgoing delegations with 46 person-trips."""
    from solidarity.figures.rebuild import check

    assert (_tallied("CDNN", "delegations_out"), _tallied("CDNN", "person_trips_out")) == (6, 17)
    assert (_tallied("CDNN", "delegations_in"), _tallied("CDNN", "guests_in")) == (6, 28)
    assert _tallied("CDNN", "meetings_hosted") == 3
    assert (_tallied("VGCL", "delegations_out"), _tallied("VGCL", "person_trips_out")) == (14, 46)
    assert (_tallied("VGCL", "delegations_in"), _tallied("VGCL", "guests_in")) == (9, 40)
    assert _tallied("VGCL", "meetings_attended", "country:PH") == 1  # ACT+1 in Manila
    assert check()[0] == 0


def test_the_national_leader_reads_the_seeds_in_the_2018_2023_report():
    """The issue's walk: the VGCL leader's report for 2018-2023 shows the agriculture union's
    6 outgoing delegations with 17 person-trips among the child units, and the system's totals."""
    from solidarity.accounts.models import User
    from solidarity.reports import periods
    from solidarity.reports.selectors import build_report
    from solidarity.units.models import Unit

    leader = User.objects.get(username="tld.lanhdao")
    vgcl = Unit.objects.get(code="VGCL")
    report = build_report(user=leader, unit=vgcl, period=periods.years(2018, 2023))
    assert (report.figure("delegations_out").value, report.figure("person_trips_out").value) == (14, 46)
    agriculture = Unit.objects.get(code="CDNN")
    row = next(r for r in report.breakdown("unit").rows if r.key == f"unit:{agriculture.pk}")
    assert (row.values["delegations_out"], row.values["person_trips_out"]) == (6, 17)
    assert (row.values["delegations_in"], row.values["guests_in"]) == (6, 28)
    assert row.values["meetings_hosted"] == 3
    assert report.breakdown("country").rows  # by country too


def test_nghe_an_plans_its_years_and_the_2025_visit_carries_out_its_plan_item():
    from solidarity.plans.selectors import current_plan, plan_vs_actual

    nghe_an = Unit.objects.get(code="NA")
    for year in (2024, 2025):
        plan = current_plan(unit=nghe_an, year=year)
        assert plan is not None and plan.approved_at is not None
        assert workflow_events(plan).get(action=Action.APPROVE).by.username == "tld.lanhdao"
    visit = Delegation.objects.get(owner_unit=nghe_an, start_on=datetime.date(2025, 6, 16))
    assert visit.plan_item.plan == current_plan(unit=nghe_an, year=2025) and visit.in_plan
    report = plan_vs_actual(unit=nghe_an, year=2025, today=datetime.date(2025, 7, 1))
    assert [item.title for item, outcome in report.items if outcome == "done"] == [visit.plan_item.title]
    assert all(d.in_plan is False for d in Delegation.objects.exclude(pk=visit.pk))
