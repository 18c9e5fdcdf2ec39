"""Mistakes in the demo's data files: each is named by file and entry, and nothing is written."""

import textwrap
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from solidarity.delegations.models import Delegation
from solidarity.demo.loader import DemoDataError, load_demo
from solidarity.demo.loader import files as data_files
from solidarity.partners.models import Partner
from solidarity.units.models import Unit

pytestmark = pytest.mark.django_db

FILES = (
    "units",
    "users",
    "partners",
    "contacts",
    "staff",
    "plans",
    "agreements",
    "delegations",
    "meetings",
    "support",
    "migrants",
    "funds",
    "sponsorship",
    "period_reports",
)
UNITS = """
units:
  - code: VGCL
    name: Tổng Liên đoàn Lao động Việt Nam
    kind: confederation
  - code: NA
    parent: VGCL
    name: Liên đoàn Lao động tỉnh Nghệ An
    kind: provincial_federation
"""
USERS = """
superusers:
  - username: admin
users:
  - {username: tld.lanhdao, unit: VGCL, role: leader, full_name: Trần Thị Thu Hà}
  - {username: nghean.canbo, unit: NA, role: officer, full_name: Lương Văn Lâm}
"""
PARTNERS = """
partners:
  - name: Liên hiệp Công đoàn tỉnh Xiêng Khoảng
    short_name: LHCĐ Xiêng Khoảng
    kind: regional_union
    country: LA
    units:
      - unit: NA
"""
DELEGATION = """
delegations:
  - ref: na-out-2023
    owner: NA
    direction: outgoing
    title: Đoàn Liên đoàn Lao động tỉnh Nghệ An sang Xiêng Khoảng
    start_on: 2023-04-10
    end_on: 2023-04-14
    out_of_plan_reason: Theo lời mời của bạn.
    partners: [LHCĐ Xiêng Khoảng]
    countries: [LA]
    purpose: Đánh giá kết quả hợp tác.
    entered: 2023-03-01 08:20
    members:
      - {name: Kha Văn Tám, unit: NA, title: Chủ tịch, role: head}
    costs:
      - {kind: estimated, source: union_budget, amount_vnd: 85_000_000}
"""
WORKFLOW = "    workflow:\n      - {{action: submit, by: nghean.canbo, at: {at}}}\n"


def data(tmp_path, **files):
    """A data directory with the base facts, ``files`` replacing or adding to them."""
    content = {"units": UNITS, "users": USERS, "partners": PARTNERS, **files}
    for name in FILES:
        (tmp_path / f"{name}.yaml").write_text(textwrap.dedent(content.get(name, "")), encoding="utf-8")
    return tmp_path


def refusal(tmp_path, **files) -> str:
    with pytest.raises(DemoDataError) as error:
        load_demo(password="demo-test-password", data_dir=data(tmp_path, **files))
    return str(error.value)


def test_the_small_data_set_loads(tmp_path):
    created = load_demo(password="demo-test-password", data_dir=data(tmp_path))

    assert created == {"units": 2, "users": 3, "memberships": 2, "partners": 1, "partner links": 1}


def test_a_date_written_day_first_is_named_by_file_and_entry_and_nothing_is_written(tmp_path):
    units = UNITS + "    valid_from: 01/07/2025\n"

    message = refusal(tmp_path, units=units)

    assert "units.yaml, units entry 2 (NA): 'valid_from: 01/07/2025' is not a date" in message
    assert "2024-07-29" in message
    assert not Unit.objects.exists()


def test_a_unit_code_that_does_not_exist_is_named(tmp_path):
    contacts = """
    contacts:
      - owner: NA
        full_name: Phu Von Si Khăm On
        partner: LHCĐ Xiêng Khoảng
      - owner: XK
        full_name: Kha Văn Tám
    """

    message = refusal(tmp_path, contacts=contacts)

    assert message.endswith(
        "contacts.yaml, contacts entry 2 (Kha Văn Tám): 'owner: XK': no unit has this code (see units.yaml)."
    )
    assert not Partner.objects.exists()


def test_a_misspelt_field_is_refused_rather_than_ignored(tmp_path):
    message = refusal(tmp_path, delegations=DELEGATION.replace("purpose:", "purpse:"))

    assert "delegations.yaml, delegations entry 1 (na-out-2023): unknown field(s) purpse" in message


def test_a_proposal_the_services_refuse_is_named_with_their_reason(tmp_path):
    """GIVEN a delegation without a programme WHEN its file says it was submitted THEN the service refuses."""
    delegations = DELEGATION + WORKFLOW.format(at="2023-03-06 09:15")

    message = refusal(tmp_path, delegations=delegations)

    assert "delegations.yaml, delegations entry 1 (na-out-2023), workflow 1 (submit): " in message
    assert "The proposal is not complete" in message and "the programme" in message
    assert not Delegation.objects.exists()


def test_a_step_taken_by_someone_who_may_not_take_it_is_refused(tmp_path):
    delegations = DELEGATION + textwrap.indent(
        textwrap.dedent("""\
            programme:
              - {day: 2023-04-10, place: Phônxavăn, activity: Hội đàm.}
            workflow:
              - {action: submit, by: nghean.canbo, at: 2023-03-06 09:15}
              - {action: approve, by: nghean.canbo, at: 2023-03-10 14:30}
        """),
        "    ",
    )

    message = refusal(tmp_path, delegations=delegations)

    assert message.endswith(
        "delegations entry 1 (na-out-2023), workflow 2 (approve): "
        "You submitted this yourself; another leader must decide on it."
    )


def test_steps_out_of_order_and_moments_in_the_future_are_refused(tmp_path):
    late = DELEGATION.replace("entered: 2023-03-01 08:20", "entered: 2099-03-01 08:20")
    backwards = DELEGATION + WORKFLOW.format(at="2023-02-06 09:15")

    assert "(na-out-2023): 'entered' is in the future." in refusal(tmp_path, delegations=late)
    assert "workflow 1 (submit): 'at' (2023-02-06 09:15) comes before the step it follows" in refusal(
        tmp_path, delegations=backwards
    )


def test_yes_no_on_and_off_stay_words_so_norway_keeps_its_country_code(tmp_path):
    partners = PARTNERS + textwrap.indent(
        textwrap.dedent("""\
            - name: Liên đoàn Công đoàn Na Uy
              short_name: LO Norge
              kind: national_centre
              country: NO
              units:
                - unit: NA
        """),
        "  ",
    )

    load_demo(password="demo-test-password", data_dir=data(tmp_path, partners=partners))

    assert Partner.objects.get(short_name="LO Norge").country == "NO"


def test_the_command_names_the_mistake_without_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setattr(data_files, "DATA_DIR", data(tmp_path, units=UNITS.replace("confederation", "union")))

    with pytest.raises(CommandError) as error:
        call_command("load_demo", stdout=StringIO())

    assert str(error.value) == (
        f"{tmp_path}/units.yaml, units entry 1 (VGCL): 'kind: union' is not one of: "
        "confederation, provincial_federation, sectoral_union, corporation_union, district_federation, "
        "commune_union, industrial_zone_union, provincial_sector_union, grassroots_union, other.\n"
        "Nothing was loaded."
    )
