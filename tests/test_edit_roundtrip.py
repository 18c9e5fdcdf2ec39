"""Opening an edit form and saving it unchanged changes nothing, on every edit page.

For each kind of record the test fills every field (several countries and
partners, unticked boxes, multi-line text, children), opens the edit page as
its editor, collects what a browser would send back from the HTML (text boxes,
ticked boxes and radios, selected options, textareas; nothing disabled or
belonging to another form), posts it unchanged and compares the stored rows:
every field, every many-to-many, every row hanging on the record.

It caught a delegation's countries being wiped by every edit: a field whose
stored value the form does not preselect is lost the first time anyone saves.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import models
from django.urls import reverse

from solidarity.accounts.models import Membership
from solidarity.agreements import services as agreement_services
from solidarity.agreements.choices import AgreementStatus, AgreementType, CommitmentStatus
from solidarity.agreements.models import Commitment, Phase
from solidarity.contacts.models import Contact
from solidarity.delegations.choices import CostKind, Direction, MemberRole
from solidarity.delegations.models import Cost, Delegation, Member, ProgrammeItem
from solidarity.meetings.choices import MeetingKind
from solidarity.meetings.models import Meeting
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner, PartnerLink
from solidarity.records.workflow import ApprovalState
from solidarity.support.models import Support, SupportItem

pytestmark = pytest.mark.django_db

# Bookkeeping a save may move; everything a user entered must stay as it was.
BOOKKEEPING = {"updated_at", "version"}


# -- what a browser sends ------------------------------------------------------


class _FormParser(HTMLParser):
    """Collects the controls of every <form> on a page, as a browser would submit them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []  # {"attrs": ..., "controls": [...]}
        self._open_forms: list[dict] = []
        self._controls: list[dict] = []  # every control, with the form it sits in
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        owner = self._open_forms[-1] if self._open_forms else None
        if tag == "form":
            form = {"attrs": attrs}
            self.forms.append(form)
            self._open_forms.append(form)
        elif tag == "input":
            self._controls.append({"tag": "input", "attrs": attrs, "form": owner})
        elif tag == "select":
            self._select = {"tag": "select", "attrs": attrs, "form": owner, "options": []}
            self._controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = {"attrs": attrs, "text": ""}
            self._select["options"].append(self._option)
        elif tag == "textarea":
            self._textarea = {"tag": "textarea", "attrs": attrs, "form": owner, "text": ""}
            self._controls.append(self._textarea)

    def handle_endtag(self, tag):
        if tag == "form" and self._open_forms:
            self._open_forms.pop()
        elif tag == "select":
            self._select = self._option = None
        elif tag == "option":
            self._option = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["text"] += data
        elif self._option is not None:
            self._option["text"] += data

    def submission(self, form: dict) -> list[tuple[str, str]]:
        """The (name, value) pairs ``form`` submits, in document order."""
        form_id = form["attrs"].get("id")
        pairs = []
        for control in self._controls:
            attrs = control["attrs"]
            owner_id = attrs.get("form")
            belongs = owner_id == form_id if owner_id is not None else control["form"] is form
            name = attrs.get("name")
            if not belongs or not name or "disabled" in attrs:
                continue
            if control["tag"] == "input":
                kind = attrs.get("type", "text").lower()
                if kind in ("submit", "button", "image", "reset", "file"):
                    continue
                if kind in ("checkbox", "radio"):
                    if "checked" in attrs:
                        pairs.append((name, attrs.get("value", "on")))
                    continue
                pairs.append((name, attrs.get("value", "")))
            elif control["tag"] == "textarea":
                # The HTML parser drops one newline right after <textarea>;
                # browsers send line breaks as CRLF.
                text = control["text"]
                text = text[1:] if text.startswith("\n") else text
                pairs.append((name, text.replace("\r\n", "\n").replace("\n", "\r\n")))
            else:
                options = [o for o in control["options"] if "disabled" not in o["attrs"]]
                chosen = [o for o in options if "selected" in o["attrs"]]
                if not chosen and "multiple" not in control["attrs"] and options:
                    chosen = options[:1]  # a single select always sends something
                pairs.extend((name, o["attrs"].get("value", o["text"].strip())) for o in chosen)
        return pairs


def browser_submission(html: str) -> dict[str, list[str]]:
    """What pressing Save sends from the page's edit form (the POST form without an action)."""
    parser = _FormParser()
    parser.feed(html)
    edit_forms = [
        form
        for form in parser.forms
        if form["attrs"].get("method", "").lower() == "post" and not form["attrs"].get("action")
    ]
    assert len(edit_forms) == 1, "expected exactly one edit form on the page"
    data: dict[str, list[str]] = {}
    for name, value in parser.submission(edit_forms[0]):
        data.setdefault(name, []).append(value)
    return data


# -- what is stored ------------------------------------------------------------


def _row(obj: models.Model) -> dict:
    row = {}
    for field in obj._meta.concrete_fields:
        if field.name not in BOOKKEEPING:
            value = getattr(obj, field.attname)
            row[field.name] = list(value) if field.name == "countries" else value
    for field in obj._meta.many_to_many:
        row[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return row


def stored(obj: models.Model) -> dict:
    """The row, its many-to-manys and every row hanging on it (not the history)."""
    obj = type(obj)._default_manager.get(pk=obj.pk)
    snapshot = {"row": _row(obj)}
    for relation in obj._meta.related_objects:
        if not relation.one_to_many or relation.related_model.__name__.startswith("Historical"):
            continue
        children = relation.related_model._default_manager.filter(**{relation.field.name: obj})
        # Compared by content: whether an edit keeps the rows' identity is the
        # history's concern (and the support tests'), what they hold is this test's.
        rows = [{k: v for k, v in _row(child).items() if k != "id"} for child in children.order_by("pk")]
        snapshot[relation.get_accessor_name()] = rows
    return snapshot


def differences(before: dict, after: dict) -> list[tuple[str, object, object]]:
    """(where, before, after) for every stored value the save changed."""
    found = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if key == "row":
            found += [(name, old[name], new[name]) for name in old if old[name] != new[name]]
        elif old != new:
            found.append((key, old, new))
    return found


# -- one fully filled record of each kind ---------------------------------------
#
# Stored values a form might not offer any more are there on purpose: a partner
# that was deactivated and that the editing unit does not work with, a
# responsible unit outside the editor's own scope.


@pytest.fixture
def partners(tree):
    laos = Partner.objects.create(
        name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng",
        name_original="Xiengkhouang Provincial Trade Union Federation",
        short_name="LHCĐ Xiêng Khoảng",
        kind=PartnerKind.REGIONAL_UNION,
        country="LA",
        address="Phônsavẳn\nXiêng Khoảng",
        website="https://example.la",
    )
    cambodia = Partner.objects.create(
        name="Tổng Công đoàn Campuchia", kind=PartnerKind.NATIONAL_CENTRE, country="KH"
    )
    for partner in (laos, cambodia):
        PartnerLink.objects.create(
            partner=partner, unit=tree.nghe_an, since=datetime.date(2017, 5, 10), notes="Hợp tác\ntừ 2017"
        )
    former = Partner.objects.create(
        name="Công đoàn cảng Băng Cốc", kind=PartnerKind.SECTORAL_UNION, country="TH", is_active=False
    )
    return laos, cambodia, former


@pytest.fixture
def agreement(people, tree, partners):
    return agreement_services.agreement_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        partners=list(partners),
        title="Biên bản hợp tác Nghệ An – Xiêng Khoảng",
        agreement_type=AgreementType.COOPERATION_AGREEMENT,
        status=AgreementStatus.IN_FORCE,
        signed_on=datetime.date(2017, 5, 10),
        signed_place="Vinh",
        our_signatory="Kha Văn Tám",
        partner_signatory="Phu Von Si Khăm On",
        valid_from=datetime.date(2017, 5, 10),
        valid_to=datetime.date(2027, 5, 10),
        renewal_warning_on=datetime.date(2027, 1, 1),
        is_international_agreement=True,
        summary="Trao đổi đoàn\nĐào tạo cán bộ",
    )


@pytest.fixture
def phase(agreement):
    return Phase.objects.create(
        agreement=agreement, name="Giai đoạn 2022–2024", start_year=2022, end_year=2024, contents="Một\nHai"
    )


@pytest.fixture
def meeting(tree, partners, agreement):
    meeting = Meeting.objects.create(
        owner_unit=tree.nghe_an,
        kind=MeetingKind.SEMINAR,
        title="Tọa đàm hợp tác",
        hosted=False,
        is_international=True,
        start_on=datetime.date(2024, 7, 29),
        end_on=datetime.date(2024, 7, 30),
        place="Phônsavẳn",
        chairs="Kha Văn Tám\nPhu Von Si Khăm On",
        agreement=agreement,
        domestic_participants=40,
        foreign_participants=6,
        topics="An sinh\nViệc làm",
        conclusions="Tiếp tục hợp tác",
    )
    meeting.partners.set(partners)
    return meeting


@pytest.fixture
def delegation(tree, partners, agreement):
    delegation = Delegation.objects.create(
        owner_unit=tree.nghe_an,
        direction=Direction.OUTGOING,
        title="Đoàn Nghệ An thăm Lào và Campuchia",
        purpose="Trao đổi kinh nghiệm\nKý biên bản",
        countries=["LA", "KH"],
        cities="Phônsavẳn, Phnôm Pênh",
        start_on=datetime.date(2025, 3, 10),
        end_on=datetime.date(2025, 3, 15),
        agreement=agreement,
        planned_count=7,
        in_plan=False,
        out_of_plan_reason="Lời mời đột xuất",
    )
    delegation.partners.set(partners)
    Member.objects.create(
        delegation=delegation,
        full_name="Kha Văn Tám",
        unit=tree.nghe_an,
        role=MemberRole.HEAD,
        is_key_leader=True,
    )
    ProgrammeItem.objects.create(delegation=delegation, day=datetime.date(2025, 3, 11), activity="Hội đàm")
    Cost.objects.create(
        delegation=delegation, kind=CostKind.ESTIMATED, source="union_budget", amount=1000, amount_vnd=1000
    )
    return delegation


def _partner(w):
    return reverse("partners:edit", args=[w.partners[0].pk]), w.partners[0]


def _partner_link(w):
    link = PartnerLink.objects.get(partner=w.partners[0], unit=w.tree.nghe_an)
    return reverse("partners:link_edit", args=[link.pk]), link


def _contact(w):
    contact = Contact.objects.create(
        owner_unit=w.tree.nghe_an,
        full_name="Bun Pi May",
        title="Chủ tịch",
        partner=w.partners[2],
        languages="Lào, Anh",
        email="bunpimay@example.la",
        phone="+856 20 1234 5678",
        notes="Gặp năm 2017\nThích bóng đá",
    )
    return reverse("contacts:edit", args=[contact.pk]), contact


def _contact_at_unit(w):
    contact = Contact.objects.create(
        owner_unit=w.tree.nghe_an, full_name="Nguyễn Văn An", title="Phó Chủ tịch", unit=w.tree.ha_noi
    )
    return reverse("contacts:edit", args=[contact.pk]), contact


def _agreement(w):
    return reverse("agreements:edit", args=[w.agreement.pk]), w.agreement


def _phase(w):
    return reverse("agreements:phase_edit", args=[w.agreement.pk, w.phase.pk]), w.phase


def _signing_step(w):
    step = w.agreement.signing_steps.order_by("pk").first()
    step.done_on, step.note = datetime.date(2017, 4, 1), "Đã gửi công văn"
    step.save()
    return reverse("agreements:step_edit", args=[step.pk]), step


def _commitment(w):
    commitment = Commitment.objects.create(
        owner_unit=w.tree.nghe_an,
        agreement=w.agreement,
        phase=w.phase,
        description="Trao đổi đoàn\nhằng năm",
        responsible_unit=w.tree.ha_noi,
        due_on=datetime.date(2024, 12, 31),
        due_year=2024,
        status=CommitmentStatus.DONE,
        done_on=datetime.date(2024, 11, 30),
    )
    return reverse("agreements:commitment_edit", args=[commitment.pk]), commitment


def _delegation(w):
    return reverse("delegations:edit", args=[w.delegation.pk]), w.delegation


def _meeting(w):
    return reverse("meetings:edit", args=[w.meeting.pk]), w.meeting


def _approved_meeting(w):
    """Hosted and international, approved: what the leaders decided on is shown but locked."""
    meeting = w.meeting
    Meeting.objects.filter(pk=meeting.pk).update(hosted=True, state=ApprovalState.APPROVED)
    return reverse("meetings:edit", args=[meeting.pk]), meeting


def _support(w):
    support = Support.objects.create(
        owner_unit=w.tree.nghe_an,
        direction="given",
        partner=w.partners[2],
        given_on=datetime.date(2023, 4, 10),
        form="equipment",
        description="Máy tính\nvà quà",
        currency="USD",
        amount_original=Decimal("2000.50"),
        exchange_rate=Decimal("24300.2500"),
        total_vnd=48_612_650,
        funding_source="union_budget",
        meeting=w.meeting,
    )
    SupportItem.objects.create(
        support=support, description="Máy tính xách tay", quantity=3, value_vnd=45_000_000
    )
    SupportItem.objects.create(support=support, description="Quà Bun Pi May", quantity=1, value_vnd=3_612_650)
    return reverse("support:edit", args=[support.pk]), support


def _unit(w):
    return reverse("units:edit", args=[w.tree.ky_son.pk]), w.tree.ky_son


def _user(w):
    user = w.people.vinh_officer
    user.email, user.title, user.phone = "vinh@example.vn", "Chuyên viên", "0238 3844 123"
    user.save()
    return reverse("accounts:user_edit", args=[user.pk]), user


def _membership(w):
    membership = Membership.objects.get(user=w.people.vinh_officer, unit=w.tree.vinh)
    return reverse("accounts:membership_edit", args=[membership.pk]), membership


# (page, builder, who edits it: at the owning level, and from the level above)
RECORD_EDITORS = ("na_officer", "vgcl_leader")
ADMIN_EDITORS = ("na_admin", "vgcl_admin")
PAGES = [
    ("unit", _unit, ADMIN_EDITORS),
    ("partner", _partner, RECORD_EDITORS),
    ("partner_link", _partner_link, RECORD_EDITORS),
    ("contact", _contact, RECORD_EDITORS),
    ("contact_at_unit", _contact_at_unit, RECORD_EDITORS),
    ("agreement", _agreement, RECORD_EDITORS),
    ("phase", _phase, RECORD_EDITORS),
    ("signing_step", _signing_step, RECORD_EDITORS),
    ("commitment", _commitment, RECORD_EDITORS),
    ("delegation", _delegation, RECORD_EDITORS),
    ("meeting", _meeting, RECORD_EDITORS),
    ("approved_meeting", _approved_meeting, RECORD_EDITORS),
    ("support", _support, RECORD_EDITORS),
    ("user", _user, ADMIN_EDITORS),
    ("membership", _membership, ADMIN_EDITORS),
]
CASES = [
    pytest.param(build, editor, id=f"{name}-{editor}") for name, build, editors in PAGES for editor in editors
]


@dataclass
class World:
    tree: object
    people: object
    partners: tuple
    agreement: object
    phase: object
    delegation: object
    meeting: object


def _errors(response) -> str:
    """The form errors of a refused save, to say why in the failure."""
    found = []
    for name in ("form", "formset"):
        form = response.context.get(name) if response.context else None
        if form is not None:
            found.append(f"{name}: {form.errors!r} {getattr(form, 'non_form_errors', list)()!r}")
    return "; ".join(found) or response.content.decode()[:2000]


@pytest.mark.parametrize(("build", "editor"), CASES)
def test_saving_an_edit_form_unchanged_changes_nothing(
    build, editor, client, tree, people, partners, agreement, phase, delegation, meeting
):
    """
    GIVEN a record with every field filled in
    WHEN its editor opens the edit page and presses Save without touching anything
    THEN the save goes through and every stored value, link and row on it is as before
    """
    url, record = build(World(tree, people, partners, agreement, phase, delegation, meeting))
    before = stored(record)
    client.force_login(getattr(people, editor))

    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, browser_submission(page.content.decode()))

    assert response.status_code == 302, _errors(response)
    assert differences(before, stored(record)) == []
