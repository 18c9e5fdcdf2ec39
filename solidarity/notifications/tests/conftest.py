import pytest

from solidarity.accounts.choices import Role
from solidarity.accounts.testing import make_user


@pytest.fixture
def more(tree):
    """Leaders and officers around Vinh Phú (a commune union under Nghệ An): its own, its sibling
    Kỳ Sơn's, Hà Nội's (a sibling of Nghệ An)."""

    class More:
        vinh_leader = make_user("vinh_leader", (tree.vinh, Role.LEADER), full_name="Lãnh đạo Vinh Phú")
        vinh_officer2 = make_user(
            "vinh_officer2", (tree.vinh, Role.OFFICER), full_name="Cán bộ Vinh Phú 2", email="vp2@example.org"
        )
        ks_leader = make_user("ks_leader", (tree.ky_son, Role.LEADER), full_name="Lãnh đạo Kỳ Sơn")
        ks_officer = make_user("ks_officer", (tree.ky_son, Role.OFFICER), full_name="Cán bộ Kỳ Sơn")
        hn_leader = make_user("hn_leader", (tree.ha_noi, Role.LEADER), full_name="Lãnh đạo Hà Nội")

    return More
