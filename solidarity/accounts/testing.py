"""Test personas in one place: a small hierarchy and a user per role and level.

VGCL (level 1)
├── Nghệ An (level 2)
│   ├── Kỳ Sơn district (level 3)
│   └── Vinh ward union (level 3)
│       └── a school union (level 4)
├── Hà Nội (level 2)               <- sibling of Nghệ An
└── Education union (level 2)
"""

from __future__ import annotations

from dataclasses import dataclass

from solidarity.accounts.choices import Role
from solidarity.accounts.models import Membership, User
from solidarity.units.choices import UnitKind, UnitLevel
from solidarity.units.models import Unit

PASSWORD = "Solidarity-2025!"


@dataclass
class Tree:
    vgcl: Unit
    nghe_an: Unit
    ky_son: Unit
    vinh: Unit
    school: Unit
    ha_noi: Unit
    education: Unit

    def reload(self) -> Tree:
        return Tree(**{name: Unit.objects.get(pk=unit.pk) for name, unit in vars(self).items()})


def add_root(**fields) -> Unit:
    return Unit.objects.add_root(fields)


def add_child(parent: Unit, **fields) -> Unit:
    return Unit.objects.add_child(Unit.objects.get(pk=parent.pk), fields)


def make_tree() -> Tree:
    vgcl = add_root(
        name="Tổng Liên đoàn Lao động Việt Nam",
        short_name="TLĐ",
        code="VGCL",
        level=UnitLevel.CENTRAL,
        kind=UnitKind.CONFEDERATION,
    )
    nghe_an = add_child(
        vgcl,
        name="Liên đoàn Lao động tỉnh Nghệ An",
        short_name="LĐLĐ Nghệ An",
        code="NA",
        level=UnitLevel.PROVINCE_SECTOR,
        kind=UnitKind.PROVINCIAL_FEDERATION,
    )
    ha_noi = add_child(
        vgcl,
        name="Liên đoàn Lao động thành phố Hà Nội",
        short_name="LĐLĐ Hà Nội",
        code="HN",
        level=UnitLevel.PROVINCE_SECTOR,
        kind=UnitKind.PROVINCIAL_FEDERATION,
    )
    education = add_child(
        vgcl,
        name="Công đoàn Giáo dục Việt Nam",
        short_name="CĐ Giáo dục",
        code="CDGD",
        level=UnitLevel.PROVINCE_SECTOR,
        kind=UnitKind.SECTORAL_UNION,
    )
    ky_son = add_child(
        nghe_an,
        name="Liên đoàn Lao động huyện Kỳ Sơn",
        short_name="LĐLĐ Kỳ Sơn",
        code="NA-KS",
        level=UnitLevel.INTERMEDIATE,
        kind=UnitKind.DISTRICT_FEDERATION,
    )
    vinh = add_child(
        nghe_an,
        name="Công đoàn phường Vinh Phú",
        short_name="CĐ phường Vinh Phú",
        code="NA-VP",
        level=UnitLevel.INTERMEDIATE,
        kind=UnitKind.COMMUNE_UNION,
    )
    school = add_child(
        vinh,
        name="Công đoàn Trường THCS Lê Lợi",
        short_name="CĐCS THCS Lê Lợi",
        code="NA-VP-LL",
        level=UnitLevel.GRASSROOTS,
        kind=UnitKind.GRASSROOTS_UNION,
    )
    return Tree(vgcl, nghe_an, ky_son, vinh, school, ha_noi, education).reload()


def make_user(username: str, *memberships: tuple[Unit, int], **fields) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, **fields)
    for unit, role in memberships:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


@dataclass
class People:
    vgcl_leader: User
    vgcl_admin: User
    na_viewer: User
    na_officer: User
    na_leader: User
    na_admin: User
    vinh_officer: User
    hn_officer: User
    hn_admin: User
    outsider: User
    superuser: User


def make_people(tree: Tree) -> People:
    return People(
        vgcl_leader=make_user("vgcl_leader", (tree.vgcl, Role.LEADER), full_name="Lãnh đạo TLĐ"),
        vgcl_admin=make_user("vgcl_admin", (tree.vgcl, Role.ADMIN), full_name="Quản trị TLĐ"),
        na_viewer=make_user("na_viewer", (tree.nghe_an, Role.VIEWER), full_name="Người xem Nghệ An"),
        na_officer=make_user("na_officer", (tree.nghe_an, Role.OFFICER), full_name="Cán bộ Nghệ An"),
        na_leader=make_user("na_leader", (tree.nghe_an, Role.LEADER), full_name="Lãnh đạo Nghệ An"),
        na_admin=make_user("na_admin", (tree.nghe_an, Role.ADMIN), full_name="Quản trị Nghệ An"),
        vinh_officer=make_user("vinh_officer", (tree.vinh, Role.OFFICER), full_name="Cán bộ Vinh Phú"),
        hn_officer=make_user("hn_officer", (tree.ha_noi, Role.OFFICER), full_name="Cán bộ Hà Nội"),
        hn_admin=make_user("hn_admin", (tree.ha_noi, Role.ADMIN), full_name="Quản trị Hà Nội"),
        outsider=make_user("outsider", full_name="Người ngoài"),
        superuser=User.objects.create_superuser("root", "root@example.org", PASSWORD),
    )
