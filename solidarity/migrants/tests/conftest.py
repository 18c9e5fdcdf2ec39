import datetime

import pytest

from solidarity.accounts.choices import Role
from solidarity.accounts.models import Membership
from solidarity.accounts.testing import make_user
from solidarity.migrants import services

D = datetime.date


@pytest.fixture
def granted(tree):
    """An officer of Nghệ An holding the personal-data grant (na_officer does not)."""
    user = make_user("na_personal", (tree.nghe_an, Role.OFFICER), full_name="Cán bộ dữ liệu cá nhân")
    Membership.objects.filter(user=user).update(personal_data=True)
    return user


@pytest.fixture
def cases(tree, people, granted):
    """Two Nghệ An cases (one in Kỳ Sơn below it, closed) and one of Hà Nội, its sibling."""
    hn = make_user("hn_personal", (tree.ha_noi, Role.OFFICER))
    Membership.objects.filter(user=hn).update(personal_data=True)
    na = services.migrantcase_create(
        by=granted,
        owner_unit=tree.nghe_an,
        country="LA",
        sector="construction",
        situation="unpaid_wages",
        opened_on=D(2025, 3, 2),
        support_given="Liên hệ LHCĐ tỉnh Xiêng Khoảng đòi lương",
        full_name="Lô Văn Khăm",
        birth_year=1994,
        sex="male",
        home_commune="Mường Lống",
        home_province="Nghệ An",
        workplace_abroad="Phôn Xạ Vẳn, Xiêng Khoảng",
        employer="Công ty XD Lào-Việt",
        phone="0912345678",
        situation_details="Bị nợ lương ba tháng",
        id_number="040094001234",
        passport_number="C1234567",
        health_notes="Đau lưng",
    )
    ky_son = services.migrantcase_create(
        by=granted,
        owner_unit=tree.ky_son,
        country="LA",
        sector="agriculture",
        situation="accident",
        opened_on=D(2025, 1, 10),
        status="closed",
        closed_on=D(2025, 4, 20),
        full_name="Vi Thị Hoa",
        birth_year=2000,
        sex="female",
    )
    ha_noi = services.migrantcase_create(
        by=hn,
        owner_unit=tree.ha_noi,
        country="TH",
        sector="services",
        situation="lost_papers",
        opened_on=D(2025, 2, 1),
        full_name="Trần Văn Nam",
    )
    return {"na": na, "ky_son": ky_son, "ha_noi": ha_noi}
