"""The Vietnamese demo: a slice of the union tree, its partners, contacts and logins.

Built from the public facts in DOMAIN.md (Nghệ An and Xiêng Khoảng, the
education and agriculture unions, the July 2025 reorganisation). Loading is
idempotent: every row is found by a natural key (unit code, partner folded
name and country, username, ...) and only created when missing, never
updated, so a second run writes nothing, not even a history row. The demo is
seed data: edits people make afterwards are theirs to keep.

The cooperation records (agreements, delegations, meetings, support) are in
:mod:`solidarity.core.demo_records`, loaded last in the same transaction.
"""

from __future__ import annotations

import datetime
import os
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from solidarity.accounts.choices import Role
from solidarity.accounts.models import Membership, User
from solidarity.contacts.models import Contact
from solidarity.core.demo_records import load_records
from solidarity.core.text import fold
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner, PartnerLink
from solidarity.units import services as unit_services
from solidarity.units.choices import UnitKind, UnitLevel
from solidarity.units.models import Unit, UnitSuccession

DEFAULT_PASSWORD = "demo12345"
SUPERUSER = "admin"

# The day provinces merged and district federations gave way to commune and ward unions.
REORGANISATION = datetime.date(2025, 7, 1)

_LEVEL = {
    UnitKind.CONFEDERATION: UnitLevel.CENTRAL,
    UnitKind.PROVINCIAL_FEDERATION: UnitLevel.PROVINCE_SECTOR,
    UnitKind.SECTORAL_UNION: UnitLevel.PROVINCE_SECTOR,
    UnitKind.CORPORATION_UNION: UnitLevel.INTERMEDIATE,
    UnitKind.DISTRICT_FEDERATION: UnitLevel.INTERMEDIATE,
    UnitKind.COMMUNE_UNION: UnitLevel.INTERMEDIATE,
    UnitKind.INDUSTRIAL_ZONE_UNION: UnitLevel.INTERMEDIATE,
    UnitKind.PROVINCIAL_SECTOR_UNION: UnitLevel.INTERMEDIATE,
    UnitKind.OTHER: UnitLevel.INTERMEDIATE,
    UnitKind.GRASSROOTS_UNION: UnitLevel.GRASSROOTS,
}


@dataclass(frozen=True)
class UnitSeed:
    parent: str | None
    code: str
    name: str
    short_name: str
    kind: str
    valid_from: datetime.date | None = None


def _u(parent, code, name, short_name, kind, valid_from=None) -> UnitSeed:
    return UnitSeed(parent, code, name, short_name, kind, valid_from)


_C, _P, _S = UnitKind.CONFEDERATION, UnitKind.PROVINCIAL_FEDERATION, UnitKind.SECTORAL_UNION
_D, _W, _Z = UnitKind.DISTRICT_FEDERATION, UnitKind.COMMUNE_UNION, UnitKind.INDUSTRIAL_ZONE_UNION
_G, _O, _T = UnitKind.GRASSROOTS_UNION, UnitKind.OTHER, UnitKind.CORPORATION_UNION
_NEW = REORGANISATION

# Parents before children. Units that end in 2025 are created in force and
# ended below through the same services the screens use, so successions and
# moved children are recorded exactly as a real reorganisation would be.
UNITS: list[UnitSeed] = [
    _u(None, "VGCL", "Tổng Liên đoàn Lao động Việt Nam", "Tổng Liên đoàn", _C),
    # Level 2: provinces and central sectoral unions.
    _u("VGCL", "NA", "Liên đoàn Lao động tỉnh Nghệ An", "LĐLĐ tỉnh Nghệ An", _P),
    _u("VGCL", "HN", "Liên đoàn Lao động thành phố Hà Nội", "LĐLĐ TP. Hà Nội", _P),
    _u("VGCL", "HCM", "Liên đoàn Lao động Thành phố Hồ Chí Minh", "LĐLĐ TP. Hồ Chí Minh", _P),
    _u("VGCL", "DN", "Liên đoàn Lao động thành phố Đà Nẵng", "LĐLĐ TP. Đà Nẵng", _P),
    _u("VGCL", "HT", "Liên đoàn Lao động tỉnh Hà Tĩnh", "LĐLĐ tỉnh Hà Tĩnh", _P),
    _u("VGCL", "TQ", "Liên đoàn Lao động tỉnh Tuyên Quang", "LĐLĐ tỉnh Tuyên Quang", _P),
    _u("VGCL", "HG", "Liên đoàn Lao động tỉnh Hà Giang", "LĐLĐ tỉnh Hà Giang", _P),
    _u("VGCL", "QNAM", "Liên đoàn Lao động tỉnh Quảng Nam", "LĐLĐ tỉnh Quảng Nam", _P),
    _u("VGCL", "CDGD", "Công đoàn Giáo dục Việt Nam", "CĐ Giáo dục Việt Nam", _S),
    _u(
        "VGCL",
        "CDNN",
        "Công đoàn Nông nghiệp và Phát triển nông thôn Việt Nam",
        "CĐ NN&PTNT Việt Nam",
        _S,
    ),
    # Nghệ An: the districts that ended in 2025, and the units that followed.
    _u("NA", "NA-KS", "Liên đoàn Lao động huyện Kỳ Sơn", "LĐLĐ huyện Kỳ Sơn", _D),
    _u("NA", "NA-VINH", "Liên đoàn Lao động thành phố Vinh", "LĐLĐ TP. Vinh", _D),
    _u("NA", "NA-MX", "Công đoàn xã Mường Xén", "CĐ xã Mường Xén", _W, _NEW),
    _u("NA", "NA-NL", "Công đoàn xã Na Loi", "CĐ xã Na Loi", _W, _NEW),
    _u("NA", "NA-NC", "Công đoàn xã Nậm Cắn", "CĐ xã Nậm Cắn", _W, _NEW),
    _u("NA", "NA-MT", "Công đoàn xã Mường Típ", "CĐ xã Mường Típ", _W, _NEW),
    _u("NA", "NA-TV", "Công đoàn phường Trường Vinh", "CĐ phường Trường Vinh", _W, _NEW),
    _u("NA", "NA-THV", "Công đoàn phường Thành Vinh", "CĐ phường Thành Vinh", _W, _NEW),
    _u("NA", "NA-VP", "Công đoàn phường Vinh Phú", "CĐ phường Vinh Phú", _W, _NEW),
    _u("NA", "NA-KKT", "Công đoàn Khu kinh tế Đông Nam Nghệ An", "CĐ KKT Đông Nam", _Z),
    _u(
        "NA-KS",
        "NA-KS-DTNT",
        "Công đoàn Trường Phổ thông Dân tộc nội trú THCS Kỳ Sơn",
        "CĐCS PTDTNT Kỳ Sơn",
        _G,
    ),
    _u("NA-KS", "NA-KS-THPT", "Công đoàn Trường THPT Kỳ Sơn", "CĐCS THPT Kỳ Sơn", _G),
    _u("NA-KS", "NA-KS-YT", "Công đoàn Trung tâm Y tế huyện Kỳ Sơn", "CĐCS TTYT Kỳ Sơn", _G),
    _u("NA-VINH", "NA-VINH-PBC", "Công đoàn Trường THPT chuyên Phan Bội Châu", "CĐCS THPT chuyên PBC", _G),
    _u("NA-VINH", "NA-VINH-CN", "Công đoàn Công ty Cổ phần Cấp nước Nghệ An", "CĐCS Cấp nước Nghệ An", _G),
    _u("NA-KKT", "NA-KKT-LUX", "Công đoàn Công ty TNHH Luxshare-ICT (Nghệ An)", "CĐCS Luxshare-ICT", _G),
    _u(
        "NA-KKT",
        "NA-KKT-SAB",
        "Công đoàn Công ty Cổ phần Bia Sài Gòn – Nghệ Tĩnh",
        "CĐCS Bia Sài Gòn – Nghệ Tĩnh",
        _G,
    ),
    # Hà Nội.
    _u("HN", "HN-QHK", "Liên đoàn Lao động quận Hoàn Kiếm", "LĐLĐ quận Hoàn Kiếm", _D),
    _u("HN", "HN-PHK", "Công đoàn phường Hoàn Kiếm", "CĐ phường Hoàn Kiếm", _W, _NEW),
    _u("HN", "HN-PBD", "Công đoàn phường Ba Đình", "CĐ phường Ba Đình", _W, _NEW),
    _u("HN", "HN-KCN", "Công đoàn các Khu công nghiệp và chế xuất Hà Nội", "CĐ các KCN&CX Hà Nội", _Z),
    _u(
        "HN-QHK", "HN-QHK-MET", "Công đoàn Khách sạn Sofitel Legend Metropole Hà Nội", "CĐCS KS Metropole", _G
    ),
    _u("HN-KCN", "HN-KCN-CANON", "Công đoàn Công ty TNHH Canon Việt Nam", "CĐCS Canon Việt Nam", _G),
    # Other provinces.
    _u(
        "HCM",
        "HCM-KCX",
        "Công đoàn các Khu chế xuất và công nghiệp Thành phố Hồ Chí Minh",
        "CĐ KCX-KCN TP.HCM",
        _Z,
    ),
    _u("HCM-KCX", "HCM-KCX-FT", "Công đoàn Công ty TNHH Freetrend Industrial Việt Nam", "CĐCS Freetrend", _G),
    _u(
        "DN",
        "DN-KCN",
        "Công đoàn Khu công nghệ cao và các khu công nghiệp Đà Nẵng",
        "CĐ KCNC&KCN Đà Nẵng",
        _Z,
    ),
    _u("DN-KCN", "DN-KCN-MAB", "Công đoàn Công ty TNHH Mabuchi Motor Đà Nẵng", "CĐCS Mabuchi Motor", _G),
    _u("QNAM", "QNAM-CL", "Công đoàn Khu kinh tế mở Chu Lai", "CĐ KKT mở Chu Lai", _Z),
    _u("HT", "HT-KKT", "Công đoàn Khu kinh tế tỉnh Hà Tĩnh", "CĐ KKT Hà Tĩnh", _Z),
    _u(
        "HT-KKT",
        "HT-KKT-FHS",
        "Công đoàn Công ty TNHH Gang thép Hưng Nghiệp Formosa Hà Tĩnh",
        "CĐCS Formosa Hà Tĩnh",
        _G,
    ),
    _u("HG", "HG-BVDK", "Công đoàn Bệnh viện Đa khoa tỉnh Hà Giang", "CĐCS BVĐK Hà Giang", _G),
    # Central sectoral unions.
    _u("CDGD", "CDGD-DHV", "Công đoàn Trường Đại học Vinh", "CĐCS ĐH Vinh", _G),
    _u("CDGD", "CDGD-SPHN", "Công đoàn Trường Đại học Sư phạm Hà Nội", "CĐCS ĐHSP Hà Nội", _G),
    _u(
        "CDGD", "CDGD-SPHCM", "Công đoàn Trường Đại học Sư phạm Thành phố Hồ Chí Minh", "CĐCS ĐHSP TP.HCM", _G
    ),
    _u("CDGD", "CDGD-DHQGHN", "Công đoàn Đại học Quốc gia Hà Nội", "CĐ ĐHQG Hà Nội", _O),
    _u(
        "CDGD-DHQGHN",
        "CDGD-DHQGHN-NV",
        "Công đoàn Trường Đại học Khoa học Xã hội và Nhân văn",
        "CĐCS ĐH KHXH&NV",
        _G,
    ),
    _u("CDNN", "CDNN-DHTL", "Công đoàn Trường Đại học Thủy lợi", "CĐCS ĐH Thủy lợi", _G),
    _u("CDNN", "CDNN-VAAS", "Công đoàn Viện Khoa học Nông nghiệp Việt Nam", "CĐCS Viện KHNN Việt Nam", _G),
    _u("CDNN", "CDNN-VINAFOR", "Công đoàn Tổng công ty Lâm nghiệp Việt Nam", "CĐ Vinafor", _T),
]

# (merged units, into, note): the 2025 merger of provinces.
MERGES: list[tuple[list[str], str, str]] = [
    (["HG"], "TQ", "Hợp nhất tỉnh Hà Giang và tỉnh Tuyên Quang từ ngày 01/7/2025."),
    (["QNAM"], "DN", "Hợp nhất tỉnh Quảng Nam và thành phố Đà Nẵng từ ngày 01/7/2025."),
]

# (ended unit, successors, who takes its children, note): district federations end.
DISSOLUTIONS: list[tuple[str, list[str], str, str]] = [
    (
        "NA-KS",
        ["NA-MX", "NA-NL", "NA-NC", "NA-MT"],
        "NA-MX",
        "Kết thúc hoạt động cấp huyện; công đoàn các xã tiếp nhận nhiệm vụ, "
        "kể cả quan hệ với huyện Noọng Hét (Xiêng Khoảng, Lào).",
    ),
    (
        "NA-VINH",
        ["NA-TV", "NA-THV", "NA-VP"],
        "NA-TV",
        "Kết thúc hoạt động cấp huyện; công đoàn các phường tiếp nhận nhiệm vụ.",
    ),
    ("HN-QHK", ["HN-PHK"], "HN-PHK", "Kết thúc hoạt động cấp quận; công đoàn phường Hoàn Kiếm tiếp nhận."),
]


@dataclass(frozen=True)
class PartnerSeed:
    key: str
    name: str
    name_original: str
    short_name: str
    kind: str
    country: str
    website: str = ""


PARTNERS: list[PartnerSeed] = [
    PartnerSeed(
        "xieng_khoang",
        "Liên hiệp Công đoàn tỉnh Xiêng Khoảng",
        "Xiengkhouang Provincial Federation of Trade Unions",
        "LHCĐ Xiêng Khoảng",
        PartnerKind.REGIONAL_UNION,
        "LA",
    ),
    PartnerSeed(
        "noong_het",
        "Liên hiệp Công đoàn huyện Noọng Hét",
        "Nonghet District Federation of Trade Unions",
        "LHCĐ Noọng Hét",
        PartnerKind.REGIONAL_UNION,
        "LA",
    ),
    PartnerSeed(
        "bolikhamxay",
        "Liên hiệp Công đoàn tỉnh Bôlykhămxay",
        "Bolikhamxay Provincial Federation of Trade Unions",
        "LHCĐ Bôlykhămxay",
        PartnerKind.REGIONAL_UNION,
        "LA",
    ),
    PartnerSeed(
        "lftu",
        "Liên hiệp Công đoàn Lào",
        "Lao Federation of Trade Unions",
        "LFTU",
        PartnerKind.NATIONAL_CENTRE,
        "LA",
    ),
    PartnerSeed(
        "lao_embassy",
        "Đại sứ quán nước Cộng hòa Dân chủ Nhân dân Lào tại Việt Nam",
        "Embassy of the Lao People's Democratic Republic in Viet Nam",
        "ĐSQ Lào",
        PartnerKind.EMBASSY,
        "LA",
    ),
    PartnerSeed(
        "cctu",
        "Liên đoàn Công đoàn Campuchia",
        "Cambodian Confederation of Trade Unions",
        "CCTU",
        PartnerKind.NATIONAL_CENTRE,
        "KH",
    ),
    PartnerSeed(
        "rengo",
        "Liên đoàn Công đoàn Nhật Bản",
        "Japanese Trade Union Confederation (JTUC-Rengo)",
        "JTUC-Rengo",
        PartnerKind.NATIONAL_CENTRE,
        "JP",
        "https://www.jtuc-rengo.org/",
    ),
    PartnerSeed(
        "fktu",
        "Tổng Liên đoàn Công đoàn Hàn Quốc",
        "Federation of Korean Trade Unions",
        "FKTU",
        PartnerKind.NATIONAL_CENTRE,
        "KR",
    ),
    PartnerSeed(
        "yunnan",
        "Tổng Công hội tỉnh Vân Nam",
        "Yunnan Provincial Federation of Trade Unions",
        "Công hội Vân Nam",
        PartnerKind.REGIONAL_UNION,
        "CN",
    ),
    PartnerSeed(
        "act",
        "Hội đồng Giáo viên ASEAN",
        "ASEAN Council of Teachers",
        "ACT",
        PartnerKind.INTERNATIONAL_FEDERATION,
        "",
    ),
    PartnerSeed(
        "egitim_bir_sen",
        "Công đoàn Nhà giáo Thổ Nhĩ Kỳ",
        "Eğitimciler Birliği Sendikası",
        "Eğitim-Bir-Sen",
        PartnerKind.SECTORAL_UNION,
        "TR",
        "https://www.ebs.org.tr/",
    ),
    PartnerSeed(
        "snte",
        "Công đoàn Toàn quốc Người lao động ngành Giáo dục Mexico",
        "Sindicato Nacional de Trabajadores de la Educación",
        "SNTE",
        PartnerKind.SECTORAL_UNION,
        "MX",
        "https://www.snte.org.mx/",
    ),
    PartnerSeed(
        "iuf",
        "Liên hiệp Quốc tế Công nhân Thực phẩm, Nông nghiệp, Khách sạn, Nhà hàng và các ngành liên quan",
        "International Union of Food, Agricultural, Hotel, Restaurant, Catering, Tobacco "
        "and Allied Workers' Associations",
        "IUF",
        PartnerKind.INTERNATIONAL_FEDERATION,
        "CH",
        "https://www.iuf.org/",
    ),
    PartnerSeed(
        "ilo",
        "Văn phòng Tổ chức Lao động Quốc tế tại Việt Nam",
        "ILO Country Office for Viet Nam",
        "ILO Việt Nam",
        PartnerKind.UN_AGENCY,
        "",
        "https://www.ilo.org/hanoi",
    ),
    PartnerSeed(
        "fes",
        "Viện Friedrich Ebert – Văn phòng Việt Nam",
        "Friedrich-Ebert-Stiftung Vietnam Office",
        "FES",
        PartnerKind.NGO,
        "DE",
        "https://vietnam.fes.de/",
    ),
]

# (partner key, unit code, since, notes): the unit's own notes on the relationship.
PARTNER_LINKS: list[tuple[str, str, datetime.date | None, str]] = [
    (
        "xieng_khoang",
        "NA",
        datetime.date(2017, 1, 1),
        "Ký biên bản hợp tác năm 2017; chương trình hợp tác theo giai đoạn, định hướng giai đoạn "
        "2022–2024. Năm 2022 đoàn Xiêng Khoảng thăm Nghệ An, năm 2023 đoàn Nghệ An sang Xiêng "
        "Khoảng. Trong hai năm đã hỗ trợ phía Lào tổng cộng 50.000.000 ₫ (3 máy tính xách tay, quà "
        "Tết Bun Pi May). Tọa đàm ngày 29/7/2024 thống nhất nội dung hợp tác tiếp theo; kế hoạch "
        "đoàn Nghệ An sang Xiêng Khoảng năm 2025.",
    ),
    (
        "xieng_khoang",
        "NA-KS",
        None,
        "Huyện biên giới Kỳ Sơn giao lưu với huyện Noọng Hét theo nội dung tọa đàm ngày 29/7/2024.",
    ),
    (
        "noong_het",
        "NA-KS",
        None,
        "Huyện đối diện qua biên giới; gặp gỡ giữa hai huyện biên giới Kỳ Sơn – Noọng Hét.",
    ),
    (
        "noong_het",
        "NA-NC",
        REORGANISATION,
        "Tiếp nối quan hệ của LĐLĐ huyện Kỳ Sơn; xã Nậm Cắn có cửa khẩu quốc tế Nậm Cắn.",
    ),
    ("bolikhamxay", "HT", None, "Hợp tác giữa công đoàn hai tỉnh có chung đường biên giới."),
    ("lftu", "VGCL", None, "Quan hệ hợp tác truyền thống, trao đổi đoàn cấp cao hằng năm."),
    ("lao_embassy", "VGCL", None, "Phối hợp đón đoàn công đoàn Lào và tổ chức các hoạt động kỷ niệm."),
    ("cctu", "VGCL", None, "Trao đổi kinh nghiệm phát triển đoàn viên trong doanh nghiệp."),
    ("cctu", "HCM", None, "Thông tin về người lao động Campuchia làm việc tại Thành phố."),
    ("rengo", "VGCL", None, "Trao đổi đoàn và chương trình tập huấn cán bộ công đoàn."),
    ("fktu", "VGCL", None, "Trao đổi đoàn; hội thảo về thương lượng tập thể."),
    ("fktu", "HN", None, "Trao đổi kinh nghiệm công đoàn tại các khu công nghiệp."),
    ("yunnan", "HG", None, "Giao lưu công đoàn hai tỉnh biên giới."),
    (
        "act",
        "CDGD",
        None,
        "Giai đoạn 2018–2023 cử 4 đoàn dự Hội nghị ACT+1 ở nước ngoài.",
    ),
    ("egitim_bir_sen", "CDGD", None, "Thăm và làm việc song phương giai đoạn 2018–2023."),
    ("snte", "CDGD", None, "Thăm và làm việc song phương giai đoạn 2018–2023."),
    ("iuf", "CDNN", None, "Trao đổi thông tin, phối hợp hội thảo quốc tế về lao động nông nghiệp."),
    ("ilo", "VGCL", None, "Hợp tác kỹ thuật về quan hệ lao động, thương lượng tập thể, lao động di cư."),
    ("ilo", "CDNN", None, "Hội thảo về an toàn, vệ sinh lao động trong nông nghiệp."),
    ("fes", "VGCL", None, "Tài trợ hội thảo, tập huấn về quan hệ lao động."),
    ("lftu", "CDNN", None, "Trao đổi đoàn công đoàn ngành nông, lâm nghiệp."),
    ("cctu", "CDNN", None, "Thông tin về người lao động Việt Nam tại các đồn điền cao su ở Campuchia."),
    ("rengo", "CDNN", None, "Tìm hiểu công đoàn trong hợp tác xã nông nghiệp Nhật Bản."),
    ("yunnan", "CDNN", None, "Giao lưu công đoàn doanh nghiệp nông nghiệp vùng biên."),
    (
        "noong_het",
        "NA-MX",
        REORGANISATION,
        "Tiếp nối quan hệ của LĐLĐ huyện Kỳ Sơn; giao lưu công đoàn các xã biên giới với huyện Noọng Hét.",
    ),
]


@dataclass(frozen=True)
class ContactSeed:
    owner: str
    full_name: str
    title: str
    partner: str = ""
    unit: str = ""
    languages: str = ""
    notes: str = ""


CONTACTS: list[ContactSeed] = [
    ContactSeed(
        "NA",
        "Phu Von Si Khăm On",
        "Chủ tịch Liên hiệp Công đoàn tỉnh Xiêng Khoảng",
        partner="xieng_khoang",
        languages="tiếng Lào",
        notes="Đồng chủ trì tọa đàm ngày 29/7/2024 tại Nghệ An.",
    ),
    ContactSeed(
        "NA",
        "Kha Văn Tám",
        "Chủ tịch Liên đoàn Lao động tỉnh Nghệ An",
        unit="NA",
        notes="Đồng chủ trì tọa đàm ngày 29/7/2024 với Liên hiệp Công đoàn tỉnh Xiêng Khoảng.",
    ),
    ContactSeed(
        "NA-KS",
        "Bun Thoong Xay Nha Vông",
        "Chủ tịch Liên hiệp Công đoàn huyện Noọng Hét",
        partner="noong_het",
        languages="tiếng Lào, tiếng Việt",
    ),
    ContactSeed(
        "CDGD",
        "Siti Aminah binti Yusof",
        "Điều phối viên Ban Thư ký Hội đồng Giáo viên ASEAN",
        partner="act",
        languages="tiếng Anh, tiếng Mã Lai",
    ),
    ContactSeed(
        "CDGD",
        "Guadalupe Hernández Ruiz",
        "Phụ trách quan hệ quốc tế, SNTE",
        partner="snte",
        languages="tiếng Tây Ban Nha, tiếng Anh",
    ),
    ContactSeed(
        "VGCL",
        "Nguyễn Minh Hà",
        "Cán bộ chương trình quan hệ lao động",
        partner="ilo",
        languages="tiếng Việt, tiếng Anh",
    ),
    ContactSeed(
        "CDNN",
        "Kenji Tanaka",
        "Điều phối viên khu vực châu Á – Thái Bình Dương",
        partner="iuf",
        languages="tiếng Anh, tiếng Nhật",
    ),
    ContactSeed(
        "HN",
        "Kim Min-jun",
        "Phó Trưởng ban Quốc tế",
        partner="fktu",
        languages="tiếng Hàn, tiếng Anh",
    ),
]


@dataclass(frozen=True)
class UserSeed:
    username: str
    unit: str
    role: int
    full_name: str
    title: str


USERS: list[UserSeed] = [
    UserSeed("tld.quantri", "VGCL", Role.ADMIN, "Đỗ Minh Quân", "Chuyên viên Văn phòng, quản trị hệ thống"),
    UserSeed("tld.lanhdao", "VGCL", Role.LEADER, "Trần Thị Thu Hà", "Trưởng Ban Quốc tế"),
    UserSeed("tld.canbo", "VGCL", Role.OFFICER, "Lê Quang Huy", "Chuyên viên Ban Quốc tế"),
    UserSeed("tld.xem", "VGCL", Role.VIEWER, "Phạm Ngọc Anh", "Chuyên viên Văn phòng"),
    UserSeed("nghean.quantri", "NA", Role.ADMIN, "Hồ Sỹ Tùng", "Chuyên viên Văn phòng"),
    UserSeed("nghean.lanhdao", "NA", Role.LEADER, "Nguyễn Thị Thanh Hương", "Phó Chủ tịch"),
    UserSeed("nghean.canbo", "NA", Role.OFFICER, "Lương Văn Lâm", "Cán bộ đối ngoại kiêm nhiệm"),
    UserSeed("nghean.xem", "NA", Role.VIEWER, "Trần Hoài Nam", "Chuyên viên Ban Tài chính"),
    UserSeed("muongxen.lanhdao", "NA-MX", Role.LEADER, "Xồng Bá Dế", "Chủ tịch Công đoàn xã"),
    UserSeed("muongxen.quantri", "NA-MX", Role.ADMIN, "Moong Văn Kiên", "Phó Chủ tịch Công đoàn xã"),
    UserSeed("muongxen.canbo", "NA-MX", Role.OFFICER, "Lô Thị Mai", "Cán bộ công đoàn kiêm nhiệm"),
    UserSeed("muongxen.xem", "NA-MX", Role.VIEWER, "Vi Văn Thành", "Ủy viên Ban Chấp hành"),
    UserSeed("hanoi.quantri", "HN", Role.ADMIN, "Vũ Đức Thắng", "Chuyên viên Văn phòng"),
    UserSeed("hanoi.lanhdao", "HN", Role.LEADER, "Đặng Thu Trang", "Phó Chủ tịch"),
    UserSeed("hanoi.canbo", "HN", Role.OFFICER, "Bùi Văn Khánh", "Cán bộ đối ngoại kiêm nhiệm"),
    UserSeed("hanoi.xem", "HN", Role.VIEWER, "Nguyễn Minh Châu", "Chuyên viên Ban Tuyên giáo"),
    UserSeed("giaoduc.lanhdao", "CDGD", Role.LEADER, "Ngô Thị Lan", "Phó Chủ tịch"),
    UserSeed("giaoduc.quantri", "CDGD", Role.ADMIN, "Tạ Minh Đức", "Chuyên viên Văn phòng"),
    UserSeed("giaoduc.canbo", "CDGD", Role.OFFICER, "Đinh Quốc Bảo", "Chuyên viên Ban Quốc tế"),
    UserSeed("giaoduc.xem", "CDGD", Role.VIEWER, "Phan Thị Hạnh", "Chuyên viên Ban Tài chính"),
    UserSeed("nongnghiep.canbo", "CDNN", Role.OFFICER, "Hoàng Văn Sơn", "Cán bộ đối ngoại kiêm nhiệm"),
]


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, unit, role) for every demo login, the superuser first."""
    names = dict(Unit.objects.filter(code__in={u.unit for u in USERS}).values_list("code", "short_name"))
    return [(SUPERUSER, "toàn hệ thống", "superuser")] + [
        (u.username, names.get(u.unit, u.unit), Role(u.role).name.lower()) for u in USERS
    ]


def _units_by_code() -> dict[str, Unit]:
    return {unit.code: unit for unit in Unit.objects.filter(code__in=[seed.code for seed in UNITS])}


def _load_units(created: Counter) -> None:
    for seed in UNITS:
        if Unit.objects.filter(code=seed.code).exists():
            continue
        fields = {
            "code": seed.code,
            "name": seed.name,
            "short_name": seed.short_name,
            "kind": seed.kind,
            "level": _LEVEL[seed.kind],
            "valid_from": seed.valid_from,
        }
        if seed.parent is None:
            Unit.objects.add_root(fields)
        else:
            # Fetched fresh each time: treebeard rewrites paths in SQL.
            Unit.objects.add_child(Unit.objects.get(code=seed.parent), fields)
        created["units"] += 1


def _reorganise(created: Counter) -> None:
    """The July 2025 changes, each applied only while the unit is still in force."""
    units = _units_by_code()
    for merged, into, note in MERGES:
        pending = [units[code] for code in merged if units[code].valid_to is None]
        if pending:
            unit_services.unit_merge(units=pending, into=units[into], on=REORGANISATION, note=note)
            created["successions"] += len(pending)
    for code, successors, children_to, note in DISSOLUTIONS:
        unit = Unit.objects.get(code=code)
        if unit.valid_to is not None or UnitSuccession.objects.filter(predecessor=unit).exists():
            continue
        unit_services.unit_dissolve(
            unit=unit,
            on=REORGANISATION,
            successors=[Unit.objects.get(code=c) for c in successors],
            children_to=Unit.objects.get(code=children_to),
            note=note,
        )
        created["successions"] += len(successors)


def _load_partners(units: dict[str, Unit], created: Counter) -> dict[str, Partner]:
    partners = {}
    for seed in PARTNERS:
        partner, new = Partner.objects.get_or_create(
            name_folded=fold(seed.name),
            country=seed.country,
            defaults={
                "name": seed.name,
                "name_original": seed.name_original,
                "short_name": seed.short_name,
                "kind": seed.kind,
                "website": seed.website,
            },
        )
        partners[seed.key] = partner
        created["partners"] += new
    for key, code, since, notes in PARTNER_LINKS:
        _, new = PartnerLink.objects.get_or_create(
            partner=partners[key], unit=units[code], defaults={"since": since, "notes": notes}
        )
        created["partner links"] += new
    return partners


def _load_contacts(units: dict[str, Unit], partners: dict[str, Partner], created: Counter) -> None:
    for seed in CONTACTS:
        _, new = Contact.objects.get_or_create(
            owner_unit=units[seed.owner],
            full_name=seed.full_name,
            defaults={
                "title": seed.title,
                "partner": partners[seed.partner] if seed.partner else None,
                "unit": units[seed.unit] if seed.unit else None,
                "languages": seed.languages,
                "notes": seed.notes,
            },
        )
        created["contacts"] += new


def _load_users(units: dict[str, Unit], password: str, created: Counter) -> None:
    if not User.objects.filter(username=SUPERUSER).exists():
        User.objects.create_superuser(SUPERUSER, "", password, full_name="Quản trị hệ thống")
        created["users"] += 1
    hashed = None
    for seed in USERS:
        # The password is set only on creation: a rerun must not rehash (and so rewrite) it.
        user = User.objects.filter(username=seed.username).first()
        if user is None:
            # One hash for every demo login (they share the password anyway): Argon2 is slow on purpose.
            hashed = hashed or make_password(password)
            user = User(username=seed.username, full_name=seed.full_name, title=seed.title, password=hashed)
            user.save()
            created["users"] += 1
        _, new = Membership.objects.get_or_create(
            user=user, unit=units[seed.unit], defaults={"role": seed.role}
        )
        created["memberships"] += new


def load_demo(*, password: str | None = None) -> Counter:
    """Load the demo; returns how many rows of each kind were created (none on a rerun)."""
    created: Counter = Counter()
    with transaction.atomic():
        _load_units(created)
        _reorganise(created)
        units = _units_by_code()
        partners = _load_partners(units, created)
        _load_contacts(units, partners, created)
        _load_users(units, password or demo_password(), created)
        load_records(units=units, created=created)
    return +created  # drops the zero counts
