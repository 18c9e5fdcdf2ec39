"""The demo as loaded once: the public facts it holds and what it prints.

These tests only read, so the demo is loaded once for the module, inside a
transaction rolled back at the end; each test runs in its own savepoint on top
of it. The loader's own behaviour (a second run, the password from the
environment) is in test_demo.py, on fresh loads.
"""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory

from solidarity.accounts.models import User
from solidarity.agreements.models import Agreement
from solidarity.contacts.models import Contact
from solidarity.core.models import WorkflowEvent
from solidarity.delegations.models import Delegation
from solidarity.demo.loader import DEFAULT_PASSWORD, demo_usernames
from solidarity.meetings.models import Meeting
from solidarity.partners.models import Partner, PartnerLink
from solidarity.support.models import Support
from solidarity.units.models import Unit, UnitSuccession

pytestmark = pytest.mark.django_db

JULY_2025 = datetime.date(2025, 7, 1)


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """What ``load_demo`` printed, the demo password being the default one."""
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock(), transaction.atomic():
        patch.delenv("DEMO_PASSWORD", raising=False)
        out = StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_it_fills_every_table_it_owns():
    assert 40 <= Unit.objects.count() <= 60
    assert 12 <= Partner.objects.count() <= 18
    assert Unit.history.exists() and Partner.history.exists() and Contact.history.exists()
    assert Agreement.objects.count() >= 5 and Delegation.objects.count() >= 25
    assert Meeting.objects.count() >= 5 and Support.objects.count() >= 4
    assert WorkflowEvent.objects.exists()
    assert User.objects.filter(username="admin", is_superuser=True).exists()


def test_nghe_an_keeps_a_social_fund_with_income_by_source_a_reversal_and_a_closed_year():
    from solidarity.funds.models import Fund

    fund = Fund.objects.get(owner_unit__code="NA")
    assert fund.balance_vnd == 70_000_000 and fund.closed_through == datetime.date(2024, 12, 31)
    assert fund.closings.get().balance_vnd == 100_000_000
    assert set(fund.entries.values_list("source", flat=True)) >= {"members", "enterprises", "partners_abroad"}
    assert fund.entries.filter(reverses__isnull=False).count() == 1


def test_ky_son_ended_in_july_2025_and_its_communes_carry_its_work():
    ky_son = Unit.objects.get(code="NA-KS")

    successors = set(
        UnitSuccession.objects.filter(predecessor=ky_son).values_list("successor__name", flat=True)
    )

    assert ky_son.valid_to == JULY_2025
    assert successors == {
        "Công đoàn xã Mường Xén",
        "Công đoàn xã Na Loi",
        "Công đoàn xã Nậm Cắn",
        "Công đoàn xã Mường Típ",
    }
    assert Unit.objects.get_children(ky_son).count() == 0
    muong_xen = Unit.objects.get(code="NA-MX")
    assert Unit.objects.get(code="NA-KS-DTNT").path.startswith(muong_xen.path)


def test_ha_giang_merged_into_tuyen_quang_with_its_units():
    ha_giang, tuyen_quang = Unit.objects.get(code="HG"), Unit.objects.get(code="TQ")

    assert ha_giang.valid_to == JULY_2025
    assert UnitSuccession.objects.filter(predecessor=ha_giang, successor=tuyen_quang).exists()
    assert Unit.objects.get(code="HG-BVDK").path.startswith(tuyen_quang.path)


def test_xieng_khoang_works_with_nghe_an_and_is_found_without_diacritics():

    found = Partner.objects.search("xieng khoang")

    xieng_khoang = Partner.objects.get(name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng")
    assert xieng_khoang in found
    assert xieng_khoang.country == "LA"
    link = PartnerLink.objects.get(partner=xieng_khoang, unit__code="NA")
    assert link.since.year == 2017
    assert PartnerLink.objects.filter(partner=xieng_khoang, unit__code="NA-KS").exists()


def test_the_nghe_an_officer_sees_the_xieng_khoang_chair_and_the_ha_noi_officer_does_not():
    chair = Contact.objects.get(full_name="Phu Von Si Khăm On")

    assert chair in Contact.objects.visible_to(User.objects.get(username="nghean.canbo"))
    assert chair not in Contact.objects.visible_to(User.objects.get(username="hanoi.canbo"))


def test_every_demo_login_signs_in_with_the_demo_password():
    request = RequestFactory().post("/accounts/login/")

    for username in demo_usernames():
        user = authenticate(request, username=username, password=DEFAULT_PASSWORD)
        assert user is not None, username


def test_it_prints_the_demo_logins(demo):
    assert "nghean.canbo" in demo
    assert "LĐLĐ tỉnh Nghệ An" in demo
    assert DEFAULT_PASSWORD in demo
