"""The demo's cooperation records: agreements, delegations, meetings, support.

The Nghệ An – Xiêng Khoảng story from DOMAIN.md end to end (the 2017 record
and its phases, the 2022 and 2023 delegations, the 50,000,000 ₫ of support,
the seminar of 29 July 2024 and what it agreed, the 2025 visit), the Forum
No. 9, the education union's ACT+1 delegations and the agriculture union's
2018–2023 figures, plus enough other records that lists, queues and
timelines look like real use.

Rows are written with the models, not the services: the services check who
may do what today, while the demo records things that happened years ago.
Every row is found by a natural key and only created when missing, never
updated, so a second run writes nothing (no history rows either). Created
rows carry plausible dates: the creation time, the history entry, and one
workflow event per step (submitted and approved by the VGCL leader, carried
out, reported, closed).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from solidarity.accounts.models import User
from solidarity.agreements.choices import AgreementStatus, AgreementType, CommitmentStatus, SigningStepKind
from solidarity.agreements.models import Agreement, Commitment, Phase, SigningStep
from solidarity.core.choices import FundingSource
from solidarity.core.models import WorkflowEvent
from solidarity.delegations.choices import CostKind, Direction, MemberRole
from solidarity.delegations.models import Cost, Delegation, Member, ProgrammeItem
from solidarity.meetings.choices import MeetingKind
from solidarity.meetings.models import Meeting
from solidarity.partners.models import Partner
from solidarity.records.workflow import Action, ApprovalState
from solidarity.support.choices import SupportDirection, SupportForm
from solidarity.support.models import Support, SupportItem
from solidarity.units.models import Unit

D = datetime.date
CHANGE_REASON = "Dữ liệu mẫu"

_S = ApprovalState
_OUT, _IN = Direction.OUTGOING, Direction.INCOMING
_HEAD, _DEPUTY, _MEMBER, _INTERPRETER = (
    MemberRole.HEAD,
    MemberRole.DEPUTY,
    MemberRole.MEMBER,
    MemberRole.INTERPRETER,
)
_PLANNED, _DOING, _DONE, _CANCELLED = (
    CommitmentStatus.PLANNED,
    CommitmentStatus.IN_PROGRESS,
    CommitmentStatus.DONE,
    CommitmentStatus.CANCELLED,
)
_BUDGET, _PARTNER, _SPONSOR = FundingSource.UNION_BUDGET, FundingSource.PARTNER, FundingSource.SPONSOR

# Who entered a unit's records (an officer of the unit or of the level above).
OFFICERS = {
    "VGCL": "tld.canbo",
    "NA": "nghean.canbo",
    "NA-KS": "nghean.canbo",
    "NA-MX": "muongxen.canbo",
    "HN": "hanoi.canbo",
    "CDGD": "giaoduc.canbo",
    "CDNN": "nongnghiep.canbo",
}
# Who decides for the units below them (the approver unit's leader).
LEADERS = {"VGCL": "tld.lanhdao", "NA": "nghean.lanhdao"}


# --------------------------------------------------------------------------- seeds


@dataclass(frozen=True)
class PhaseSeed:
    name: str
    start_year: int
    end_year: int
    contents: str


@dataclass(frozen=True)
class StepSeed:
    kind: str
    due_on: datetime.date | None
    done_on: datetime.date | None
    note: str = ""


@dataclass(frozen=True)
class CommitmentSeed:
    description: str
    status: str
    responsible: str
    due_on: datetime.date | None = None
    due_year: int | None = None
    done_on: datetime.date | None = None
    phase: str = ""


@dataclass(frozen=True)
class AgreementSeed:
    key: str
    owner: str
    title: str
    agreement_type: str
    partners: tuple[str, ...]
    status: str
    signed_on: datetime.date | None = None
    signed_place: str = ""
    our_signatory: str = ""
    partner_signatory: str = ""
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    renewal_warning_on: datetime.date | None = None
    is_international_agreement: bool = True
    summary: str = ""
    entered_on: datetime.date | None = None
    phases: tuple[PhaseSeed, ...] = ()
    steps: tuple[StepSeed, ...] = ()
    commitments: tuple[CommitmentSeed, ...] = ()


@dataclass(frozen=True)
class MemberSeed:
    full_name: str
    title: str
    unit: str = ""
    organisation: str = ""
    role: str = MemberRole.MEMBER
    key_leader: bool = False


def _own(full_name, unit, title, role=_MEMBER, key_leader=False) -> MemberSeed:
    return MemberSeed(full_name, title, unit=unit, role=role, key_leader=key_leader)


def _guest(full_name, organisation, title, role=_MEMBER) -> MemberSeed:
    return MemberSeed(full_name, title, organisation=organisation, role=role)


@dataclass(frozen=True)
class CostSeed:
    kind: str
    source: str
    description: str
    amount_vnd: int
    currency: str = "VND"
    amount: Decimal | None = None


@dataclass(frozen=True)
class DelegationSeed:
    key: str
    owner: str
    direction: str
    title: str
    start_on: datetime.date
    end_on: datetime.date
    partners: tuple[str, ...]
    countries: tuple[str, ...]
    cities: str
    purpose: str
    state: str
    agreement: str = ""
    members: tuple[MemberSeed, ...] = ()
    programme: tuple[tuple[datetime.date, str, str], ...] = ()
    costs: tuple[CostSeed, ...] = ()
    report_text: str = ""
    report_filed_on: datetime.date | None = None
    planned_count: int | None = None
    submitted_on: datetime.date | None = None
    returned_comment: str = ""


@dataclass(frozen=True)
class MeetingSeed:
    key: str
    owner: str
    kind: str
    title: str
    start_on: datetime.date
    place: str
    partners: tuple[str, ...] = ()
    end_on: datetime.date | None = None
    hosted: bool = True
    international: bool = True
    chairs: str = ""
    agreement: str = ""
    domestic: int = 0
    foreign: int = 0
    topics: str = ""
    conclusions: str = ""
    report_text: str = ""
    commitments: tuple[CommitmentSeed, ...] = ()


@dataclass(frozen=True)
class SupportSeed:
    owner: str
    direction: str
    partner: str
    given_on: datetime.date
    form: str
    description: str
    funding_source: str
    items: tuple[tuple[str, int, int], ...]  # (item, quantity, value in VND)
    currency: str = "VND"
    amount_original: Decimal | None = None
    exchange_rate: Decimal | None = None
    delegation: str = ""
    meeting: str = ""


# --------------------------------------------------------------------------- agreements

NA_XK = "na_xk_2017"
PHASE_2022 = "Giai đoạn 2022–2024"
PHASE_2025 = "Giai đoạn 2025–2027"

AGREEMENTS: list[AgreementSeed] = [
    AgreementSeed(
        NA_XK,
        "NA",
        "Biên bản hợp tác giữa Liên đoàn Lao động tỉnh Nghệ An và Liên hiệp Công đoàn tỉnh Xiêng Khoảng "
        "(CHDCND Lào)",
        AgreementType.COOPERATION_AGREEMENT,
        ("xieng_khoang",),
        AgreementStatus.IN_FORCE,
        signed_on=D(2017, 8, 18),
        signed_place="Nghệ An",
        our_signatory="Kha Văn Tám, Chủ tịch Liên đoàn Lao động tỉnh Nghệ An",
        partner_signatory="Phu Von Si Khăm On, Chủ tịch Liên hiệp Công đoàn tỉnh Xiêng Khoảng",
        valid_from=D(2017, 8, 18),
        renewal_warning_on=D(2026, 11, 1),
        summary=(
            "Hai bên thống nhất hợp tác lâu dài trên cơ sở tình hữu nghị đặc biệt Việt Nam – Lào: trao đổi "
            "đoàn, chia sẻ kinh nghiệm tổ chức và hoạt động công đoàn, bồi dưỡng cán bộ, hỗ trợ lẫn nhau "
            "trong khả năng; chương trình hợp tác được cụ thể hóa theo từng giai đoạn. Biên bản có hiệu lực "
            "không thời hạn; hai bên rà soát, ký định hướng giai đoạn mới khi giai đoạn trước kết thúc."
        ),
        phases=(
            PhaseSeed(
                "Giai đoạn 2017–2021",
                2017,
                2021,
                "Trao đổi đoàn lãnh đạo hằng năm; chia sẻ kinh nghiệm tổ chức, hoạt động công đoàn; bồi "
                "dưỡng "
                "nghiệp vụ cho cán bộ công đoàn tỉnh Xiêng Khoảng; thăm hỏi, tặng quà nhân dịp Tết cổ truyền "
                "của mỗi nước. Năm 2020–2021 tạm dừng trao đổi đoàn do dịch Covid-19, giữ liên lạc trực "
                "tuyến.",
            ),
            PhaseSeed(
                PHASE_2022,
                2022,
                2024,
                "Trao đổi kinh nghiệm về tổ chức bộ máy công đoàn; thành lập công đoàn cơ sở; phát triển "
                "đoàn "
                "viên trong doanh nghiệp ngoài nhà nước; hoạt động công đoàn trong và sau dịch Covid-19; "
                "trao "
                "đổi đoàn (đón đoàn Xiêng Khoảng năm 2022, cử đoàn sang Xiêng Khoảng năm 2023); hỗ trợ trang "
                "thiết bị làm việc và quà Tết Bun Pi May.",
            ),
            PhaseSeed(
                PHASE_2025,
                2025,
                2027,
                "Theo kết luận tọa đàm ngày 29/7/2024: chăm lo đời sống đoàn viên; xây dựng quỹ xã hội, tạo "
                "nguồn thu; hỗ trợ trang thiết bị; bảo vệ quyền, lợi ích của người lao động; trao đổi thông "
                "tin về lao động di cư ở hai nước; phát triển đoàn viên trong doanh nghiệp ngoài nhà nước; "
                "gặp gỡ giữa hai huyện biên giới Kỳ Sơn và Noọng Hét; đoàn Nghệ An sang Xiêng Khoảng năm "
                "2025.",
            ),
        ),
        steps=(
            StepSeed(
                SigningStepKind.OPINIONS_REQUESTED,
                None,
                D(2017, 7, 20),
                "Công văn xin ý kiến Tổng Liên đoàn, Sở Ngoại vụ và Công an tỉnh Nghệ An.",
            ),
            StepSeed(
                SigningStepKind.OPINIONS_RECEIVED,
                D(2017, 7, 31),
                D(2017, 7, 28),
                "Các cơ quan đồng ý bằng văn bản, không có ý kiến khác.",
            ),
            StepSeed(SigningStepKind.SIGNED, D(2017, 8, 18), D(2017, 8, 18), "Ký tại trụ sở LĐLĐ tỉnh."),
            StepSeed(
                SigningStepKind.COPY_SENT, D(2017, 9, 2), D(2017, 8, 29), "Gửi kèm bản dịch tiếng Việt."
            ),
        ),
        commitments=(
            CommitmentSeed(
                "Đón đoàn Liên hiệp Công đoàn tỉnh Xiêng Khoảng sang thăm, trao đổi kinh nghiệm tổ chức bộ "
                "máy "
                "và phát triển đoàn viên.",
                _DONE,
                "NA",
                due_year=2022,
                done_on=D(2022, 11, 17),
                phase=PHASE_2022,
            ),
            CommitmentSeed(
                "Hỗ trợ Liên hiệp Công đoàn tỉnh Xiêng Khoảng 3 máy tính xách tay phục vụ công tác.",
                _DONE,
                "NA",
                due_year=2022,
                done_on=D(2022, 11, 15),
                phase=PHASE_2022,
            ),
            CommitmentSeed(
                "Cử đoàn Liên đoàn Lao động tỉnh sang thăm, làm việc tại tỉnh Xiêng Khoảng và chúc Tết Bun "
                "Pi May.",
                _DONE,
                "NA",
                due_year=2023,
                done_on=D(2023, 4, 13),
                phase=PHASE_2022,
            ),
        ),
    ),
    AgreementSeed(
        "ks_nh_2019",
        "NA-KS",
        "Biên bản ghi nhớ hợp tác giữa Liên đoàn Lao động huyện Kỳ Sơn và Liên hiệp Công đoàn huyện Noọng "
        "Hét",
        AgreementType.MEMORANDUM,
        ("noong_het",),
        AgreementStatus.IN_FORCE,
        signed_on=D(2019, 5, 15),
        signed_place="Huyện Noọng Hét, tỉnh Xiêng Khoảng",
        our_signatory="Vi Văn Sơn, Chủ tịch Liên đoàn Lao động huyện Kỳ Sơn",
        partner_signatory="Bun Thoong Xay Nha Vông, Chủ tịch Liên hiệp Công đoàn huyện Noọng Hét",
        valid_from=D(2019, 5, 15),
        is_international_agreement=False,
        summary=(
            "Giao lưu giữa công đoàn hai huyện biên giới; trao đổi thông tin về người lao động qua lại cửa "
            "khẩu Nậm Cắn; thăm hỏi nhân dịp Tết. Từ 01/7/2025 công đoàn các xã Mường Xén, Nậm Cắn tiếp nối."
        ),
    ),
    AgreementSeed(
        "cdgd_snte_2018",
        "CDGD",
        "Biên bản ghi nhớ hợp tác giữa Công đoàn Giáo dục Việt Nam và Công đoàn Toàn quốc Người lao động "
        "ngành Giáo dục Mexico (SNTE)",
        AgreementType.MEMORANDUM,
        ("snte",),
        AgreementStatus.IN_FORCE,
        signed_on=D(2018, 5, 22),
        signed_place="Hà Nội",
        our_signatory="Chủ tịch Công đoàn Giáo dục Việt Nam",
        partner_signatory="Tổng Thư ký SNTE",
        valid_from=D(2018, 5, 22),
        summary="Trao đổi đoàn, chia sẻ kinh nghiệm bảo vệ quyền lợi nhà giáo và thương lượng tập thể.",
        steps=(
            StepSeed(SigningStepKind.OPINIONS_REQUESTED, None, D(2018, 4, 23)),
            StepSeed(SigningStepKind.OPINIONS_RECEIVED, D(2018, 5, 2), D(2018, 5, 2)),
            StepSeed(SigningStepKind.SIGNED, D(2018, 5, 22), D(2018, 5, 22)),
            StepSeed(SigningStepKind.COPY_SENT, D(2018, 6, 6), D(2018, 6, 1)),
        ),
        commitments=(
            CommitmentSeed(
                "Cử đoàn Công đoàn Giáo dục Việt Nam thăm, làm việc với SNTE tại Mexico.",
                _DONE,
                "CDGD",
                due_year=2023,
                done_on=D(2023, 6, 16),
            ),
        ),
    ),
    AgreementSeed(
        "cdgd_ebs_2019",
        "CDGD",
        "Biên bản ghi nhớ hợp tác giữa Công đoàn Giáo dục Việt Nam và Công đoàn Nhà giáo Thổ Nhĩ Kỳ "
        "(Eğitim-Bir-Sen)",
        AgreementType.MEMORANDUM,
        ("egitim_bir_sen",),
        AgreementStatus.IN_FORCE,
        signed_on=D(2019, 10, 16),
        signed_place="Ankara, Thổ Nhĩ Kỳ",
        our_signatory="Chủ tịch Công đoàn Giáo dục Việt Nam",
        partner_signatory="Chủ tịch Eğitim-Bir-Sen",
        valid_from=D(2019, 10, 16),
        valid_to=D(2027, 10, 15),
        renewal_warning_on=D(2027, 4, 15),
        summary=(
            "Trao đổi đoàn, kinh nghiệm đào tạo, bồi dưỡng giáo viên và hoạt động công đoàn trong trường học."
        ),
        steps=(
            StepSeed(SigningStepKind.OPINIONS_REQUESTED, None, D(2019, 9, 16)),
            StepSeed(SigningStepKind.OPINIONS_RECEIVED, D(2019, 9, 25), D(2019, 9, 24)),
            StepSeed(SigningStepKind.SIGNED, D(2019, 10, 16), D(2019, 10, 16)),
            StepSeed(SigningStepKind.COPY_SENT, D(2019, 10, 31), D(2019, 10, 28)),
        ),
        commitments=(
            CommitmentSeed(
                "Đón đoàn Eğitim-Bir-Sen thăm Việt Nam, tham quan trường học tại Hà Nội và Nghệ An.",
                _DONE,
                "CDGD",
                due_year=2022,
                done_on=D(2022, 9, 29),
            ),
            CommitmentSeed(
                "Tổ chức hội thảo trực tuyến chung về sức khỏe tinh thần của nhà giáo.",
                _DOING,
                "CDGD",
                due_year=2027,
            ),
        ),
    ),
    AgreementSeed(
        "cdnn_iuf_2019",
        "CDNN",
        "Chương trình hợp tác giai đoạn 2019–2023 giữa Công đoàn Nông nghiệp và Phát triển nông thôn Việt "
        "Nam "
        "và IUF",
        AgreementType.PROGRAMME,
        ("iuf",),
        AgreementStatus.EXPIRED,
        signed_on=D(2018, 11, 22),
        signed_place="Hà Nội",
        our_signatory="Chủ tịch Công đoàn Nông nghiệp và Phát triển nông thôn Việt Nam",
        partner_signatory="Thư ký khu vực châu Á – Thái Bình Dương, IUF",
        valid_from=D(2019, 1, 1),
        valid_to=D(2023, 12, 31),
        summary=(
            "An toàn, vệ sinh lao động trong nông nghiệp; tập huấn cán bộ công đoàn cơ sở; hội thảo quốc tế."
        ),
        steps=(
            StepSeed(SigningStepKind.OPINIONS_REQUESTED, None, D(2018, 10, 22)),
            StepSeed(SigningStepKind.OPINIONS_RECEIVED, D(2018, 10, 31), D(2018, 10, 30)),
            StepSeed(SigningStepKind.SIGNED, D(2018, 11, 22), D(2018, 11, 22), "Ký bên lề hội nghị quốc tế."),
            StepSeed(SigningStepKind.COPY_SENT, D(2018, 12, 7), D(2018, 12, 4)),
        ),
        commitments=(
            CommitmentSeed(
                "Tập huấn an toàn, vệ sinh lao động cho cán bộ công đoàn nông trường, lâm trường.",
                _DONE,
                "CDNN",
                due_year=2019,
                done_on=D(2019, 9, 27),
            ),
            CommitmentSeed(
                "Lớp tập huấn trực tiếp năm 2020 tại Lâm Đồng.",
                _CANCELLED,
                "CDNN",
                due_year=2020,
            ),
            CommitmentSeed(
                "Khảo sát điều kiện lao động trong các doanh nghiệp chế biến nông sản.",
                _DONE,
                "CDNN",
                due_year=2022,
                done_on=D(2022, 12, 15),
            ),
        ),
    ),
    AgreementSeed(
        "vgcl_lftu_2026",
        "VGCL",
        "Chương trình hợp tác giai đoạn 2026–2030 giữa Tổng Liên đoàn Lao động Việt Nam và Liên hiệp Công "
        "đoàn Lào",
        AgreementType.PROGRAMME,
        ("lftu",),
        AgreementStatus.IN_FORCE,
        signed_on=D(2025, 12, 15),
        signed_place="Hà Nội",
        our_signatory="Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
        partner_signatory="Chủ tịch Liên hiệp Công đoàn Lào",
        valid_from=D(2026, 1, 1),
        valid_to=D(2030, 12, 31),
        renewal_warning_on=D(2030, 6, 30),
        summary=(
            "Trao đổi đoàn cấp cao; đào tạo cán bộ công đoàn Lào tại Việt Nam; hợp tác giữa các tỉnh biên "
            "giới."
        ),
        steps=(
            StepSeed(SigningStepKind.OPINIONS_REQUESTED, None, D(2025, 11, 24)),
            StepSeed(SigningStepKind.OPINIONS_RECEIVED, D(2025, 12, 3), D(2025, 12, 2)),
            StepSeed(SigningStepKind.SIGNED, D(2025, 12, 15), D(2025, 12, 15)),
            StepSeed(
                SigningStepKind.COPY_SENT,
                D(2025, 12, 30),
                D(2026, 1, 5),
                "Gửi chậm do chờ bản dịch chính thức.",
            ),
        ),
    ),
    AgreementSeed(
        "hn_fktu_draft",
        "HN",
        "Biên bản ghi nhớ hợp tác giữa Liên đoàn Lao động thành phố Hà Nội và Tổng Liên đoàn Công đoàn Hàn "
        "Quốc",
        AgreementType.MEMORANDUM,
        ("fktu",),
        AgreementStatus.DRAFT,
        signed_place="Hà Nội",
        summary="Dự thảo: trao đổi kinh nghiệm công đoàn khu công nghiệp, chăm lo người lao động Hàn Quốc và "
        "Việt Nam tại doanh nghiệp FDI.",
        entered_on=D(2026, 10, 26),
        steps=(
            StepSeed(SigningStepKind.OPINIONS_REQUESTED, None, D(2026, 11, 2), "Xin ý kiến Tổng Liên đoàn."),
            StepSeed(SigningStepKind.OPINIONS_RECEIVED, D(2026, 11, 11), None),
        ),
    ),
]


# --------------------------------------------------------------------------- delegations

_XK = "Liên hiệp Công đoàn tỉnh Xiêng Khoảng"
_NH = "Liên hiệp Công đoàn huyện Noọng Hét"
_IUF = "IUF"
_LFTU = "Liên hiệp Công đoàn Lào"
_CCTU = "Liên đoàn Công đoàn Campuchia"
_YN = "Tổng Công hội tỉnh Vân Nam"
_RENGO = "JTUC-Rengo"
_FKTU = "Tổng Liên đoàn Công đoàn Hàn Quốc"

# Our people, reused across delegations (a person counts once per delegation).
KHA_VAN_TAM = _own("Kha Văn Tám", "NA", "Chủ tịch Liên đoàn Lao động tỉnh Nghệ An", _HEAD, True)
NA_ORG = _own("Nguyễn Đình Hùng", "NA", "Trưởng Ban Tổ chức")
NA_OFFICE = _own("Trần Quốc Việt", "NA", "Chánh Văn phòng")
NA_OFFICER = _own("Lương Văn Lâm", "NA", "Cán bộ đối ngoại kiêm nhiệm")
NA_LAO = _own("Lô Thị Hương", "NA", "Phiên dịch tiếng Lào", _INTERPRETER)
KS_CHAIR = _own("Vi Văn Sơn", "NA-KS", "Chủ tịch Liên đoàn Lao động huyện Kỳ Sơn")

NN_CHAIR = _own("Lê Văn Phúc", "CDNN", "Chủ tịch Công đoàn Nông nghiệp và PTNT Việt Nam", _HEAD, True)
NN_VICE = _own("Trần Thị Hồng", "CDNN", "Phó Chủ tịch", _HEAD, True)
NN_OFFICER = _own("Hoàng Văn Sơn", "CDNN", "Cán bộ đối ngoại kiêm nhiệm")
NN_POLICY = _own("Phạm Quang Vinh", "CDNN", "Trưởng Ban Chính sách – Pháp luật")
NN_OFFICE = _own("Đỗ Thị Minh Thu", "CDNN", "Chánh Văn phòng")
NN_FOREST = _own("Vũ Hoàng Nam", "CDNN-VINAFOR", "Chủ tịch Công đoàn Tổng công ty Lâm nghiệp Việt Nam")
NN_VAAS = _own("Bùi Thị Lan", "CDNN-VAAS", "Chủ tịch Công đoàn Viện Khoa học Nông nghiệp Việt Nam")
NN_DHTL = _own("Ngô Đức Trung", "CDNN-DHTL", "Chủ tịch Công đoàn Trường Đại học Thủy lợi")
NN_ENGLISH = _own("Lê Minh Anh", "CDNN", "Phiên dịch tiếng Anh", _INTERPRETER)

GD_CHAIR = _own("Trần Văn Thịnh", "CDGD", "Chủ tịch Công đoàn Giáo dục Việt Nam", _HEAD, True)
GD_VICE = _own("Ngô Thị Lan", "CDGD", "Phó Chủ tịch", _HEAD, True)
GD_OFFICER = _own("Đinh Quốc Bảo", "CDGD", "Chuyên viên Ban Quốc tế")
GD_POLICY = _own("Vũ Minh Đức", "CDGD", "Trưởng Ban Chính sách – Pháp luật")
GD_SPHN = _own("Phạm Thu Trang", "CDGD-SPHN", "Chủ tịch Công đoàn Trường Đại học Sư phạm Hà Nội")
GD_DHV = _own("Lê Thị Hoa", "CDGD-DHV", "Chủ tịch Công đoàn Trường Đại học Vinh")
GD_ENGLISH = _own("Nguyễn Hoàng Long", "CDGD", "Phiên dịch tiếng Anh", _INTERPRETER)

HN_VICE = _own("Đặng Thu Trang", "HN", "Phó Chủ tịch Liên đoàn Lao động thành phố Hà Nội", _HEAD, True)
HN_OFFICER = _own("Bùi Văn Khánh", "HN", "Cán bộ đối ngoại kiêm nhiệm")
HN_KCN = _own("Nguyễn Văn Thành", "HN-KCN", "Chủ tịch Công đoàn các KCN&CX Hà Nội")
HN_CANON = _own("Trịnh Thị Ngọc", "HN-KCN-CANON", "Chủ tịch Công đoàn Công ty TNHH Canon Việt Nam")

_NA_IN_2022_REPORT = (
    "Đoàn 5 đồng chí do đồng chí Phu Von Si Khăm On, Chủ tịch Liên hiệp Công đoàn tỉnh Xiêng Khoảng, làm "
    "trưởng đoàn đã làm việc với Thường trực LĐLĐ tỉnh, thăm công đoàn cơ sở Công ty TNHH Luxshare-ICT và "
    "LĐLĐ huyện Kỳ Sơn. Hai bên trao đổi kinh nghiệm về tổ chức bộ máy công đoàn, thành lập công đoàn cơ sở, "
    "phát triển đoàn viên trong doanh nghiệp ngoài nhà nước và hoạt động công đoàn trong dịch Covid-19. LĐLĐ "
    "tỉnh trao tặng 3 máy tính xách tay. Đề nghị: năm 2023 cử đoàn sang Xiêng Khoảng."
)
_NA_OUT_2023_REPORT = (
    "Đoàn 5 đồng chí do đồng chí Kha Văn Tám, Chủ tịch LĐLĐ tỉnh, làm trưởng đoàn đã làm việc với Liên hiệp "
    "Công đoàn tỉnh Xiêng Khoảng, thăm Liên hiệp Công đoàn huyện Noọng Hét, chúc Tết Bun Pi May và trao quà. "
    "Hai bên đánh giá kết quả giai đoạn 2022–2024 và thống nhất tổ chức tọa đàm năm 2024 tại Nghệ An."
)

DELEGATIONS: list[DelegationSeed] = [
    # Nghệ An – Xiêng Khoảng.
    DelegationSeed(
        "ks_out_2019",
        "NA-KS",
        _OUT,
        "Đoàn Liên đoàn Lao động huyện Kỳ Sơn thăm, làm việc với Liên hiệp Công đoàn huyện Noọng Hét",
        D(2019, 5, 14),
        D(2019, 5, 16),
        ("noong_het",),
        ("LA",),
        "Noọng Hét",
        "Giao lưu công đoàn hai huyện biên giới; ký biên bản ghi nhớ hợp tác.",
        _S.CLOSED,
        agreement="ks_nh_2019",
        members=(
            _own("Vi Văn Sơn", "NA-KS", "Chủ tịch Liên đoàn Lao động huyện Kỳ Sơn", _HEAD),
            _own("Mạc Văn Tình", "NA-KS", "Phó Chủ tịch Liên đoàn Lao động huyện Kỳ Sơn"),
            _own("Lầu Bá Chồng", "NA-KS", "Cán bộ Liên đoàn Lao động huyện, phiên dịch", _INTERPRETER),
        ),
        costs=(CostSeed(CostKind.ACTUAL, _BUDGET, "Xe, quà tặng, công tác phí", 18_500_000),),
        report_text="Đã ký biên bản ghi nhớ; thống nhất gặp gỡ luân phiên hằng năm tại cửa khẩu Nậm Cắn.",
        report_filed_on=D(2019, 5, 24),
    ),
    DelegationSeed(
        "na_in_2022",
        "NA",
        _IN,
        "Đoàn Liên hiệp Công đoàn tỉnh Xiêng Khoảng thăm, làm việc tại Nghệ An",
        D(2022, 11, 14),
        D(2022, 11, 17),
        ("xieng_khoang",),
        ("LA",),
        "Vinh, Kỳ Sơn",
        "Trao đổi kinh nghiệm về tổ chức bộ máy công đoàn; thành lập công đoàn cơ sở; phát triển đoàn viên "
        "trong doanh nghiệp ngoài nhà nước; hoạt động công đoàn trong dịch Covid-19.",
        _S.CLOSED,
        agreement=NA_XK,
        members=(
            _guest("Phu Von Si Khăm On", _XK, "Chủ tịch Liên hiệp Công đoàn tỉnh Xiêng Khoảng", _HEAD),
            _guest("Khăm Xay Phôm Ma Chắc", _XK, "Phó Chủ tịch", _DEPUTY),
            _guest("Xổm Xạ Nít Vông Xa", _XK, "Trưởng ban Tổ chức"),
            _guest("Vi Lay Vông Khăm Xao", _XK, "Chánh Văn phòng"),
            _guest("Ma Ni Vông Xay Xổm Bun", _XK, "Phiên dịch", _INTERPRETER),
        ),
        programme=(
            (D(2022, 11, 14), "Trụ sở LĐLĐ tỉnh, TP. Vinh", "Đón đoàn; hội đàm với Thường trực LĐLĐ tỉnh."),
            (
                D(2022, 11, 15),
                "Khu kinh tế Đông Nam Nghệ An",
                "Thăm công đoàn cơ sở Công ty TNHH Luxshare-ICT; trao tặng 3 máy tính xách tay.",
            ),
            (D(2022, 11, 16), "Huyện Kỳ Sơn", "Làm việc với LĐLĐ huyện Kỳ Sơn và một số công đoàn cơ sở."),
            (D(2022, 11, 17), "Cửa khẩu quốc tế Nậm Cắn", "Tiễn đoàn."),
        ),
        costs=(
            CostSeed(CostKind.ESTIMATED, _BUDGET, "Đón tiếp, ăn nghỉ, xe, quà tặng", 120_000_000),
            CostSeed(CostKind.ACTUAL, _BUDGET, "Đón tiếp, ăn nghỉ, xe, quà tặng", 112_500_000),
        ),
        report_text=_NA_IN_2022_REPORT,
        report_filed_on=D(2022, 11, 28),
    ),
    DelegationSeed(
        "na_out_2023",
        "NA",
        _OUT,
        "Đoàn Liên đoàn Lao động tỉnh Nghệ An thăm, làm việc tại tỉnh Xiêng Khoảng (Lào)",
        D(2023, 4, 10),
        D(2023, 4, 14),
        ("xieng_khoang", "noong_het"),
        ("LA",),
        "Phônxavăn, Noọng Hét",
        "Đánh giá kết quả hợp tác; trao đổi kinh nghiệm phát triển đoàn viên; chúc Tết Bun Pi May, trao quà.",
        _S.CLOSED,
        agreement=NA_XK,
        members=(KHA_VAN_TAM, NA_ORG, NA_OFFICER, KS_CHAIR, NA_LAO),
        programme=(
            (D(2023, 4, 10), "Cửa khẩu Nậm Cắn – Noọng Hét", "Xuất cảnh; làm việc với LHCĐ huyện Noọng Hét."),
            (D(2023, 4, 11), "Phônxavăn", "Hội đàm với Liên hiệp Công đoàn tỉnh Xiêng Khoảng."),
            (D(2023, 4, 12), "Phônxavăn", "Chúc Tết Bun Pi May, trao quà; thăm một số công đoàn cơ sở."),
            (D(2023, 4, 13), "Phônxavăn", "Thăm Cánh đồng Chum; trao đổi kế hoạch năm 2024."),
            (D(2023, 4, 14), "Cửa khẩu Nậm Cắn", "Về nước."),
        ),
        costs=(
            CostSeed(CostKind.ESTIMATED, _BUDGET, "Xe, ăn nghỉ, công tác phí", 85_000_000),
            CostSeed(CostKind.ACTUAL, _BUDGET, "Xe, ăn nghỉ, công tác phí", 79_800_000),
        ),
        report_text=_NA_OUT_2023_REPORT,
        report_filed_on=D(2023, 4, 25),
        returned_comment="Đề nghị bổ sung dự toán kinh phí theo nguồn và chương trình làm việc chi tiết.",
    ),
    DelegationSeed(
        "na_out_2025",
        "NA",
        _OUT,
        "Đoàn Liên đoàn Lao động tỉnh Nghệ An thăm, làm việc tại tỉnh Xiêng Khoảng năm 2025",
        D(2025, 6, 16),
        D(2025, 6, 19),
        ("xieng_khoang", "noong_het"),
        ("LA",),
        "Phônxavăn, Noọng Hét",
        "Triển khai kết luận tọa đàm ngày 29/7/2024: quỹ xã hội và nguồn thu, thông tin lao động di cư, phát "
        "triển đoàn viên trong doanh nghiệp ngoài nhà nước; gặp gỡ hai huyện biên giới.",
        _S.REPORTED,
        agreement=NA_XK,
        members=(KHA_VAN_TAM, NA_OFFICE, NA_OFFICER, KS_CHAIR, NA_LAO),
        programme=(
            (D(2025, 6, 16), "Noọng Hét", "Gặp gỡ công đoàn hai huyện biên giới Kỳ Sơn – Noọng Hét."),
            (D(2025, 6, 17), "Phônxavăn", "Hội đàm; trao đổi về quỹ xã hội và nguồn thu công đoàn."),
            (D(2025, 6, 18), "Phônxavăn", "Trao đổi thông tin về người lao động di cư của hai tỉnh."),
            (D(2025, 6, 19), "Cửa khẩu Nậm Cắn", "Về nước."),
        ),
        costs=(
            CostSeed(CostKind.ESTIMATED, _BUDGET, "Xe, ăn nghỉ, công tác phí", 90_000_000),
            CostSeed(CostKind.ACTUAL, _BUDGET, "Xe, ăn nghỉ, công tác phí", 86_200_000),
        ),
        report_text=(
            "Hai bên thống nhất trao đổi danh sách người lao động di cư hai chiều mỗi 6 tháng; LHCĐ tỉnh "
            "Xiêng "
            "Khoảng đề nghị hỗ trợ thêm trang thiết bị văn phòng năm 2026."
        ),
        report_filed_on=D(2025, 6, 30),
    ),
    DelegationSeed(
        "mx_in_2027",
        "NA-MX",
        _IN,
        "Đoàn Liên hiệp Công đoàn huyện Noọng Hét giao lưu với công đoàn các xã biên giới",
        D(2027, 1, 12),
        D(2027, 1, 13),
        ("noong_het",),
        ("LA",),
        "Mường Xén, Nậm Cắn",
        "Tiếp nối quan hệ Kỳ Sơn – Noọng Hét sau sắp xếp đơn vị hành chính; thăm hỏi người lao động dịp Tết.",
        _S.SUBMITTED,
        agreement="ks_nh_2019",
        planned_count=8,
        submitted_on=D(2026, 11, 18),
        programme=(
            (D(2027, 1, 12), "Cửa khẩu Nậm Cắn", "Đón đoàn; làm việc với Công đoàn xã Mường Xén."),
            (
                D(2027, 1, 13),
                "Mường Xén, Nậm Cắn",
                "Thăm, chúc Tết người lao động hai bên biên giới; tiễn đoàn.",
            ),
        ),
        costs=(CostSeed(CostKind.ESTIMATED, _BUDGET, "Đón tiếp, quà tặng", 25_000_000),),
    ),
    # Education union: ACT+1 conferences and bilateral visits (2018–2023).
    DelegationSeed(
        "cdgd_act_2018",
        "CDGD",
        _OUT,
        "Đoàn Công đoàn Giáo dục Việt Nam dự Hội nghị ACT+1 năm 2018 tại Kuala Lumpur",
        D(2018, 11, 26),
        D(2018, 11, 30),
        ("act",),
        ("MY",),
        "Kuala Lumpur",
        "Dự Hội nghị thường niên Hội đồng Giáo viên ASEAN (ACT+1); tham luận về chính sách nhà giáo.",
        _S.CLOSED,
        members=(GD_CHAIR, GD_OFFICER, GD_ENGLISH),
        report_filed_on=D(2018, 12, 10),
        report_text="Đoàn trình bày tham luận về chế độ, chính sách đối với nhà giáo vùng khó khăn.",
    ),
    DelegationSeed(
        "cdgd_act_2019",
        "CDGD",
        _OUT,
        "Đoàn Công đoàn Giáo dục Việt Nam dự Hội nghị ACT+1 năm 2019 tại Băng Cốc",
        D(2019, 11, 18),
        D(2019, 11, 22),
        ("act",),
        ("TH",),
        "Băng Cốc",
        "Dự Hội nghị ACT+1; trao đổi về phát triển nghề nghiệp giáo viên.",
        _S.CLOSED,
        members=(GD_VICE, GD_SPHN, GD_OFFICER, GD_ENGLISH),
        report_filed_on=D(2019, 12, 3),
        report_text="Tham dự đầy đủ; đề xuất chia sẻ tài liệu hội nghị cho công đoàn các trường sư phạm.",
    ),
    DelegationSeed(
        "cdgd_act_2022",
        "CDGD",
        _OUT,
        "Đoàn Công đoàn Giáo dục Việt Nam dự Hội nghị ACT+1 năm 2022 tại Jakarta",
        D(2022, 11, 21),
        D(2022, 11, 25),
        ("act",),
        ("ID",),
        "Jakarta",
        "Dự Hội nghị ACT+1 đầu tiên sau dịch Covid-19; giáo dục trong và sau đại dịch.",
        _S.CLOSED,
        members=(GD_CHAIR, GD_POLICY, GD_ENGLISH),
        report_filed_on=D(2022, 12, 6),
        report_text="Chia sẻ kinh nghiệm dạy học trực tuyến và hỗ trợ giáo viên bị ảnh hưởng bởi dịch.",
    ),
    DelegationSeed(
        "cdgd_act_2023",
        "CDGD",
        _OUT,
        "Đoàn Công đoàn Giáo dục Việt Nam dự Hội nghị ACT+1 năm 2023 tại Manila",
        D(2023, 11, 20),
        D(2023, 11, 24),
        ("act",),
        ("PH",),
        "Manila",
        "Dự Hội nghị ACT+1; tham luận về chuyển đổi số trong giáo dục và quyền của nhà giáo.",
        _S.CLOSED,
        members=(GD_VICE, GD_DHV, GD_OFFICER, GD_ENGLISH),
        report_filed_on=D(2023, 12, 4),
        report_text=(
            "Đoàn tham luận về chuyển đổi số; đề xuất đăng cai một hội nghị chuyên đề ACT tại Việt Nam."
        ),
    ),
    DelegationSeed(
        "cdgd_in_mx_2018",
        "CDGD",
        _IN,
        "Đoàn Công đoàn Toàn quốc Người lao động ngành Giáo dục Mexico (SNTE) thăm Việt Nam",
        D(2018, 5, 21),
        D(2018, 5, 24),
        ("snte",),
        ("MX",),
        "Hà Nội",
        "Hội đàm, ký biên bản ghi nhớ hợp tác; thăm một số trường học tại Hà Nội.",
        _S.CLOSED,
        agreement="cdgd_snte_2018",
        members=(
            _guest("Guadalupe Hernández Ruiz", "SNTE", "Phụ trách quan hệ quốc tế", _HEAD),
            _guest("José Luis Ramírez Ortega", "SNTE", "Ủy viên Ban Chấp hành"),
            _guest("María Fernanda Castillo", "SNTE", "Chuyên viên quan hệ quốc tế"),
        ),
        report_filed_on=D(2018, 6, 4),
        report_text="Ký biên bản ghi nhớ ngày 22/5/2018; thống nhất trao đổi đoàn.",
    ),
    DelegationSeed(
        "cdgd_out_tr_2019",
        "CDGD",
        _OUT,
        "Đoàn Công đoàn Giáo dục Việt Nam thăm, làm việc với Eğitim-Bir-Sen tại Thổ Nhĩ Kỳ",
        D(2019, 10, 14),
        D(2019, 10, 18),
        ("egitim_bir_sen",),
        ("TR",),
        "Ankara, Istanbul",
        "Hội đàm, ký biên bản ghi nhớ hợp tác; tìm hiểu công tác bồi dưỡng giáo viên.",
        _S.CLOSED,
        agreement="cdgd_ebs_2019",
        members=(GD_CHAIR, GD_POLICY, GD_SPHN, GD_ENGLISH),
        report_filed_on=D(2019, 10, 30),
        report_text="Ký biên bản ghi nhớ ngày 16/10/2019 tại Ankara.",
    ),
    DelegationSeed(
        "cdgd_in_tr_2022",
        "CDGD",
        _IN,
        "Đoàn Công đoàn Nhà giáo Thổ Nhĩ Kỳ (Eğitim-Bir-Sen) thăm Việt Nam",
        D(2022, 9, 26),
        D(2022, 9, 29),
        ("egitim_bir_sen",),
        ("TR",),
        "Hà Nội, Vinh",
        "Trao đổi kinh nghiệm hoạt động công đoàn trong trường học; thăm Trường Đại học Vinh.",
        _S.CLOSED,
        agreement="cdgd_ebs_2019",
        members=(
            _guest("Mehmet Yılmaz", "Eğitim-Bir-Sen", "Phó Chủ tịch", _HEAD),
            _guest("Ayşe Demir", "Eğitim-Bir-Sen", "Thư ký quan hệ quốc tế"),
            _guest("Emre Kaya", "Eğitim-Bir-Sen", "Chủ tịch chi nhánh Ankara"),
            _guest("Zeynep Arslan", "Eğitim-Bir-Sen", "Chuyên viên"),
        ),
        report_filed_on=D(2022, 10, 10),
        report_text="Đón tiếp chu đáo; hai bên thống nhất tổ chức hội thảo trực tuyến chung.",
    ),
    DelegationSeed(
        "cdgd_out_mx_2023",
        "CDGD",
        _OUT,
        "Đoàn Công đoàn Giáo dục Việt Nam thăm, làm việc với SNTE tại Mexico",
        D(2023, 6, 12),
        D(2023, 6, 16),
        ("snte",),
        ("MX",),
        "Thành phố Mexico",
        "Trao đổi kinh nghiệm thương lượng tập thể ngành giáo dục.",
        _S.CLOSED,
        agreement="cdgd_snte_2018",
        members=(GD_VICE, GD_DHV, GD_OFFICER),
        report_filed_on=D(2023, 6, 28),
        report_text="Tìm hiểu mô hình thương lượng tập thể cấp ngành của SNTE.",
    ),
    # Agriculture union, 2018–2023: 6 outgoing (17 person-trips), 6 incoming (28 guests).
    DelegationSeed(
        "cdnn_out_2018",
        "CDNN",
        _OUT,
        "Đoàn Công đoàn NN&PTNT Việt Nam dự Hội nghị khu vực châu Á – Thái Bình Dương của IUF",
        D(2018, 9, 17),
        D(2018, 9, 21),
        ("iuf",),
        ("MY",),
        "Kuala Lumpur",
        "Dự hội nghị khu vực; trao đổi về lao động trong đồn điền và chế biến thực phẩm.",
        _S.CLOSED,
        members=(NN_CHAIR, NN_OFFICER, NN_ENGLISH),
        report_filed_on=D(2018, 10, 1),
        report_text="Thống nhất với IUF chuẩn bị chương trình hợp tác giai đoạn 2019–2023.",
    ),
    DelegationSeed(
        "cdnn_out_2019_la",
        "CDNN",
        _OUT,
        "Đoàn Công đoàn NN&PTNT Việt Nam thăm, làm việc tại Lào",
        D(2019, 5, 13),
        D(2019, 5, 17),
        ("lftu",),
        ("LA",),
        "Viêng Chăn",
        "Trao đổi kinh nghiệm tổ chức công đoàn trong nông trường, lâm trường.",
        _S.CLOSED,
        members=(NN_CHAIR, NN_FOREST, NN_OFFICER),
        report_filed_on=D(2019, 5, 27),
        report_text="Hai bên thống nhất trao đổi đoàn cán bộ công đoàn cơ sở.",
    ),
    DelegationSeed(
        "cdnn_out_2019_jp",
        "CDNN",
        _OUT,
        "Đoàn Công đoàn NN&PTNT Việt Nam tìm hiểu công đoàn ngành nông nghiệp tại Nhật Bản",
        D(2019, 11, 4),
        D(2019, 11, 8),
        ("rengo",),
        ("JP",),
        "Tokyo",
        "Tìm hiểu tổ chức công đoàn trong hợp tác xã nông nghiệp.",
        _S.CLOSED,
        members=(NN_CHAIR, NN_VAAS),
        report_filed_on=D(2019, 11, 19),
        report_text="Học tập mô hình công đoàn trong hợp tác xã nông nghiệp.",
    ),
    DelegationSeed(
        "cdnn_out_2022",
        "CDNN",
        _OUT,
        "Đoàn Công đoàn NN&PTNT Việt Nam thăm, làm việc tại Campuchia",
        D(2022, 10, 10),
        D(2022, 10, 14),
        ("cctu",),
        ("KH",),
        "Phnôm Pênh",
        "Trao đổi về người lao động trong các đồn điền cao su.",
        _S.CLOSED,
        members=(NN_VICE, NN_POLICY, NN_OFFICE, NN_OFFICER),
        report_filed_on=D(2022, 10, 24),
        report_text="Thống nhất trao đổi thông tin về lao động Việt Nam tại các đồn điền cao su ở Campuchia.",
    ),
    DelegationSeed(
        "cdnn_out_2023_th",
        "CDNN",
        _OUT,
        "Đoàn Công đoàn NN&PTNT Việt Nam dự hội thảo của IUF về an toàn lao động trong đồn điền",
        D(2023, 3, 20),
        D(2023, 3, 24),
        ("iuf",),
        ("TH",),
        "Băng Cốc",
        "Dự hội thảo khu vực về an toàn, vệ sinh lao động trong đồn điền.",
        _S.CLOSED,
        members=(NN_POLICY, NN_ENGLISH),
        report_filed_on=D(2023, 4, 3),
        report_text="Tài liệu hội thảo đã chuyển cho các công đoàn cơ sở trong ngành.",
    ),
    DelegationSeed(
        "cdnn_out_2023_cn",
        "CDNN",
        _OUT,
        "Đoàn Công đoàn NN&PTNT Việt Nam thăm, làm việc tại tỉnh Vân Nam (Trung Quốc)",
        D(2023, 8, 14),
        D(2023, 8, 18),
        ("yunnan",),
        ("CN",),
        "Côn Minh",
        "Tìm hiểu công đoàn trong doanh nghiệp chế biến nông sản.",
        _S.CLOSED,
        members=(NN_CHAIR, NN_DHTL, NN_OFFICER),
        report_filed_on=D(2023, 8, 28),
        report_text=(
            "Tham quan hai doanh nghiệp chế biến chè, cà phê; trao đổi kinh nghiệm thương lượng tập thể."
        ),
    ),
    DelegationSeed(
        "cdnn_in_2018_iuf",
        "CDNN",
        _IN,
        "Đoàn IUF khu vực châu Á – Thái Bình Dương làm việc tại Việt Nam",
        D(2018, 4, 9),
        D(2018, 4, 12),
        ("iuf",),
        ("CH",),
        "Hà Nội, Hòa Bình",
        "Khảo sát điều kiện lao động trong nông nghiệp; chuẩn bị hội nghị quốc tế.",
        _S.CLOSED,
        members=(
            _guest("Kenji Tanaka", _IUF, "Điều phối viên khu vực châu Á – Thái Bình Dương", _HEAD),
            _guest("Rajesh Kumar", _IUF, "Cán bộ chương trình"),
            _guest("Maria Teresa Santos", _IUF, "Cán bộ chương trình"),
            _guest("Ahmad Fauzi bin Ismail", _IUF, "Ủy viên Ban Chấp hành khu vực"),
            _guest("Somchai Rattanakorn", _IUF, "Ủy viên Ban Chấp hành khu vực"),
        ),
        report_filed_on=D(2018, 4, 20),
        report_text="Thống nhất tổ chức hội nghị quốc tế về an toàn, vệ sinh lao động tháng 11/2018.",
    ),
    DelegationSeed(
        "cdnn_in_2018_la",
        "CDNN",
        _IN,
        "Đoàn Công đoàn ngành Nông Lâm nghiệp, Liên hiệp Công đoàn Lào thăm Việt Nam",
        D(2018, 12, 3),
        D(2018, 12, 7),
        ("lftu",),
        ("LA",),
        "Hà Nội, Tuyên Quang",
        "Trao đổi kinh nghiệm công đoàn lâm trường.",
        _S.CLOSED,
        members=(
            _guest("Bua Khăm Thíp Pha Vông", _LFTU, "Chủ tịch Công đoàn ngành Nông Lâm nghiệp", _HEAD),
            _guest("Thoong Văn Xi Xu Văn", _LFTU, "Phó Chủ tịch"),
            _guest("Ăn Na Khon Phôm Vi Hản", _LFTU, "Trưởng ban Tổ chức"),
            _guest("Xỉ Xa Vặt Keo Bua Pha", _LFTU, "Chuyên viên"),
            _guest("Khăm Phăn Xay Nha Sỏn", _LFTU, "Chuyên viên"),
            _guest("Bun Mi Phăn Tha Vông", _LFTU, "Phiên dịch", _INTERPRETER),
        ),
        report_filed_on=D(2018, 12, 17),
        report_text="Đoàn thăm Công đoàn Tổng công ty Lâm nghiệp Việt Nam và một lâm trường tại Tuyên Quang.",
    ),
    DelegationSeed(
        "cdnn_in_2019",
        "CDNN",
        _IN,
        "Đoàn JTUC-Rengo tìm hiểu công đoàn ngành nông nghiệp Việt Nam",
        D(2019, 7, 15),
        D(2019, 7, 18),
        ("rengo",),
        ("JP",),
        "Hà Nội",
        "Trao đổi về người lao động Việt Nam làm việc trong ngành nông nghiệp tại Nhật Bản.",
        _S.CLOSED,
        members=(
            _guest("Sato Hiroshi", _RENGO, "Phó Trưởng ban Quốc tế", _HEAD),
            _guest("Yamamoto Keiko", _RENGO, "Chuyên viên"),
            _guest("Suzuki Takeshi", _RENGO, "Chuyên viên"),
        ),
        report_filed_on=D(2019, 7, 29),
        report_text="Trao đổi thông tin về thực tập sinh kỹ năng ngành nông nghiệp tại Nhật Bản.",
    ),
    DelegationSeed(
        "cdnn_in_2022",
        "CDNN",
        _IN,
        "Đoàn Liên đoàn Công đoàn Campuchia thăm Việt Nam",
        D(2022, 8, 22),
        D(2022, 8, 25),
        ("cctu",),
        ("KH",),
        "Hà Nội, Bình Phước",
        "Tìm hiểu hoạt động công đoàn trong các công ty cao su.",
        _S.CLOSED,
        members=(
            _guest("Sok Vanna", _CCTU, "Phó Chủ tịch", _HEAD),
            _guest("Chea Sophal", _CCTU, "Trưởng ban Đối ngoại"),
            _guest("Kim Sreymom", _CCTU, "Chuyên viên"),
            _guest("Touch Rithy", _CCTU, "Chủ tịch công đoàn đồn điền"),
            _guest("Heng Sokha", _CCTU, "Phiên dịch", _INTERPRETER),
        ),
        report_filed_on=D(2022, 9, 5),
        report_text="Đoàn thăm hai công ty cao su tại Bình Phước.",
    ),
    DelegationSeed(
        "cdnn_in_2023_cn",
        "CDNN",
        _IN,
        "Đoàn Tổng Công hội tỉnh Vân Nam thăm Công đoàn NN&PTNT Việt Nam",
        D(2023, 4, 17),
        D(2023, 4, 20),
        ("yunnan",),
        ("CN",),
        "Hà Nội, Lào Cai",
        "Trao đổi kinh nghiệm công đoàn trong doanh nghiệp nông nghiệp vùng biên.",
        _S.CLOSED,
        members=(
            _guest("Vương Hồng Ba", _YN, "Phó Chủ tịch", _HEAD),
            _guest("Trương Lệ Quyên", _YN, "Trưởng ban Liên lạc quốc tế"),
            _guest("Lưu Chí Cường", _YN, "Chuyên viên"),
            _guest("Triệu Văn Hoa", _YN, "Phiên dịch", _INTERPRETER),
        ),
        report_filed_on=D(2023, 5, 2),
        report_text="Thống nhất cử đoàn Việt Nam sang Vân Nam tháng 8/2023.",
    ),
    DelegationSeed(
        "cdnn_in_2023_iuf",
        "CDNN",
        _IN,
        "Đoàn IUF dự Hội nghị quốc tế và làm việc với Công đoàn NN&PTNT Việt Nam",
        D(2023, 9, 18),
        D(2023, 9, 21),
        ("iuf",),
        ("CH",),
        "Hà Nội",
        "Dự Hội nghị quốc tế về việc làm bền vững cho lao động nông nghiệp; tổng kết chương trình 2019–2023.",
        _S.CLOSED,
        agreement="cdnn_iuf_2019",
        members=(
            _guest("Kenji Tanaka", _IUF, "Điều phối viên khu vực châu Á – Thái Bình Dương", _HEAD),
            _guest("Anna Müller", _IUF, "Cán bộ Ban Thư ký, Genève"),
            _guest("Rajesh Kumar", _IUF, "Cán bộ chương trình"),
            _guest("Nurul Huda", _IUF, "Cán bộ chương trình"),
            _guest("Sarah Thompson", _IUF, "Chuyên gia an toàn lao động"),
        ),
        report_filed_on=D(2023, 10, 2),
        report_text="Tổng kết chương trình hợp tác 2019–2023; IUF tài trợ 5.000 USD cho hội nghị.",
    ),
    # The leaders' queues and the overdue flag.
    DelegationSeed(
        "cdnn_out_2027",
        "CDNN",
        _OUT,
        "Đoàn Công đoàn NN&PTNT Việt Nam thăm, làm việc tại Lào năm 2027",
        D(2027, 3, 8),
        D(2027, 3, 12),
        ("lftu",),
        ("LA",),
        "Viêng Chăn, Luông Pha Băng",
        "Trao đổi kinh nghiệm phát triển đoàn viên trong hợp tác xã nông nghiệp; khảo sát lao động Việt Nam "
        "tại các dự án nông nghiệp ở Lào.",
        _S.SUBMITTED,
        members=(NN_VICE, NN_FOREST, NN_OFFICER),
        programme=(
            (D(2027, 3, 8), "Viêng Chăn", "Hội đàm với Trung ương Liên hiệp Công đoàn Lào."),
            (D(2027, 3, 9), "Viêng Chăn", "Làm việc với công đoàn các hợp tác xã nông nghiệp."),
            (D(2027, 3, 10), "Luông Pha Băng", "Khảo sát lao động Việt Nam tại các dự án nông nghiệp."),
            (D(2027, 3, 11), "Luông Pha Băng", "Trao đổi kinh nghiệm phát triển đoàn viên."),
            (D(2027, 3, 12), "Viêng Chăn", "Về nước."),
        ),
        costs=(CostSeed(CostKind.ESTIMATED, _BUDGET, "Vé máy bay, ăn nghỉ, công tác phí", 96_000_000),),
        submitted_on=D(2026, 11, 16),
    ),
    DelegationSeed(
        "hn_out_2024",
        "HN",
        _OUT,
        "Đoàn Liên đoàn Lao động thành phố Hà Nội thăm, làm việc với FKTU tại Hàn Quốc",
        D(2024, 10, 14),
        D(2024, 10, 18),
        ("fktu",),
        ("KR",),
        "Seoul",
        "Trao đổi kinh nghiệm công đoàn trong khu công nghiệp và doanh nghiệp FDI.",
        _S.CLOSED,
        members=(HN_VICE, HN_KCN, HN_OFFICER),
        costs=(CostSeed(CostKind.ACTUAL, _BUDGET, "Vé máy bay, ăn nghỉ, công tác phí", 142_000_000),),
        report_filed_on=D(2024, 10, 29),
        report_text="Thống nhất soạn thảo biên bản ghi nhớ hợp tác giữa hai bên.",
    ),
    DelegationSeed(
        "hn_in_2025",
        "HN",
        _IN,
        "Đoàn Tổng Liên đoàn Công đoàn Hàn Quốc thăm Liên đoàn Lao động thành phố Hà Nội",
        D(2025, 5, 19),
        D(2025, 5, 22),
        ("fktu",),
        ("KR",),
        "Hà Nội",
        "Hội thảo về thương lượng tập thể trong doanh nghiệp FDI; thăm Công ty TNHH Canon Việt Nam.",
        _S.CLOSED,
        members=(
            _guest("Kim Min-jun", _FKTU, "Phó Trưởng ban Quốc tế", _HEAD),
            _guest("Lee Seung-ho", _FKTU, "Chuyên viên"),
            _guest("Park Ji-yeon", _FKTU, "Chuyên viên"),
            _guest("Choi Dong-hyun", _FKTU, "Chủ tịch công đoàn khu công nghiệp"),
        ),
        report_filed_on=D(2025, 6, 2),
        report_text="Hội thảo thành công; FKTU đề nghị ký biên bản ghi nhớ năm 2026.",
    ),
    DelegationSeed(
        "hn_out_2026",
        "HN",
        _OUT,
        "Đoàn Liên đoàn Lao động thành phố Hà Nội học tập kinh nghiệm công đoàn khu công nghiệp tại Hàn Quốc",
        D(2026, 9, 21),
        D(2026, 9, 25),
        ("fktu",),
        ("KR",),
        "Seoul, Incheon",
        "Học tập kinh nghiệm tổ chức công đoàn và nhà ở cho công nhân khu công nghiệp.",
        _S.CARRIED_OUT,
        members=(HN_VICE, HN_CANON, HN_OFFICER),
        costs=(CostSeed(CostKind.ESTIMATED, _BUDGET, "Vé máy bay, ăn nghỉ, công tác phí", 150_000_000),),
    ),
    DelegationSeed(
        "vgcl_out_2024",
        "VGCL",
        _OUT,
        "Đoàn Tổng Liên đoàn Lao động Việt Nam làm việc với JTUC-Rengo tại Nhật Bản",
        D(2024, 6, 10),
        D(2024, 6, 14),
        ("rengo",),
        ("JP",),
        "Tokyo, Osaka",
        "Trao đổi về bảo vệ người lao động Việt Nam tại Nhật Bản (thực tập sinh kỹ năng).",
        _S.CLOSED,
        members=(
            _own("Hoàng Minh Tuấn", "VGCL", "Phó Chủ tịch Tổng Liên đoàn", _HEAD, True),
            _own("Lê Quang Huy", "VGCL", "Chuyên viên Ban Quốc tế"),
            _own("Nguyễn Thị Mai Anh", "VGCL", "Phiên dịch tiếng Nhật", _INTERPRETER),
        ),
        report_filed_on=D(2024, 6, 25),
        report_text="Thống nhất đầu mối hỗ trợ người lao động Việt Nam gặp khó khăn tại Nhật Bản.",
    ),
]


# --------------------------------------------------------------------------- meetings

SEMINAR = "na_seminar_2024"

MEETINGS: list[MeetingSeed] = [
    MeetingSeed(
        SEMINAR,
        "NA",
        MeetingKind.SEMINAR,
        "Tọa đàm giữa Liên đoàn Lao động tỉnh Nghệ An và Liên hiệp Công đoàn tỉnh Xiêng Khoảng",
        D(2024, 7, 29),
        "Trụ sở Liên đoàn Lao động tỉnh Nghệ An, TP. Vinh",
        ("xieng_khoang",),
        chairs=(
            "Đồng chủ trì: đồng chí Kha Văn Tám, Chủ tịch Liên đoàn Lao động tỉnh Nghệ An; đồng chí Phu Von "
            "Si Khăm On, Chủ tịch Liên hiệp Công đoàn tỉnh Xiêng Khoảng"
        ),
        agreement=NA_XK,
        domestic=32,
        foreign=7,
        topics=(
            "Đánh giá kết quả hợp tác giai đoạn 2022–2024; kinh nghiệm chăm lo đoàn viên, xây dựng quỹ xã "
            "hội "
            "và nguồn thu; người lao động di cư giữa hai tỉnh; phát triển đoàn viên trong doanh nghiệp ngoài "
            "nhà nước."
        ),
        conclusions=(
            "Hai bên thống nhất nội dung hợp tác thời gian tới:\n"
            "1. Quan tâm chăm lo đời sống, việc làm cho đoàn viên, người lao động.\n"
            "2. Trao đổi kinh nghiệm xây dựng quỹ xã hội và phát triển nguồn thu công đoàn.\n"
            "3. Hỗ trợ trang thiết bị làm việc cho Liên hiệp Công đoàn tỉnh Xiêng Khoảng.\n"
            "4. Phối hợp bảo vệ quyền, lợi ích hợp pháp, chính đáng của người lao động.\n"
            "5. Trao đổi thông tin về người lao động di cư ở hai nước.\n"
            "6. Phát triển đoàn viên, thành lập công đoàn cơ sở trong doanh nghiệp ngoài nhà nước.\n"
            "7. Tổ chức gặp gỡ giữa công đoàn hai huyện biên giới Kỳ Sơn và Noọng Hét.\n"
            "8. Năm 2025, đoàn Liên đoàn Lao động tỉnh Nghệ An sang thăm, làm việc tại tỉnh Xiêng Khoảng."
        ),
        report_text="Tọa đàm đạt kết quả tốt; kết luận đã được cụ thể hóa thành 8 nội dung hợp tác.",
        commitments=(
            CommitmentSeed(
                "Quan tâm chăm lo đời sống, việc làm cho đoàn viên, người lao động.",
                _DOING,
                "NA",
                due_year=2027,
                phase=PHASE_2025,
            ),
            CommitmentSeed(
                "Trao đổi kinh nghiệm xây dựng quỹ xã hội và phát triển nguồn thu công đoàn.",
                _DOING,
                "NA",
                due_year=2027,
                phase=PHASE_2025,
            ),
            CommitmentSeed(
                "Hỗ trợ trang thiết bị làm việc cho Liên hiệp Công đoàn tỉnh Xiêng Khoảng.",
                _PLANNED,
                "NA",
                due_on=D(2027, 4, 10),
                phase=PHASE_2025,
            ),
            CommitmentSeed(
                "Phối hợp bảo vệ quyền, lợi ích hợp pháp, chính đáng của người lao động.",
                _DOING,
                "NA",
                due_year=2027,
                phase=PHASE_2025,
            ),
            CommitmentSeed(
                "Trao đổi thông tin về người lao động di cư ở hai nước (danh sách, hoàn cảnh, nhu cầu hỗ "
                "trợ).",
                _DOING,
                "NA",
                due_on=D(2025, 12, 31),
                phase=PHASE_2025,
            ),
            CommitmentSeed(
                "Phát triển đoàn viên, thành lập công đoàn cơ sở trong doanh nghiệp ngoài nhà nước.",
                _DOING,
                "NA",
                due_year=2027,
                phase=PHASE_2025,
            ),
            CommitmentSeed(
                "Tổ chức gặp gỡ giữa công đoàn hai huyện biên giới Kỳ Sơn (Nghệ An) và Noọng Hét (Xiêng "
                "Khoảng).",
                _DONE,
                "NA-KS",
                due_year=2025,
                done_on=D(2025, 3, 21),
                phase=PHASE_2025,
            ),
            CommitmentSeed(
                "Đoàn Liên đoàn Lao động tỉnh Nghệ An sang thăm, làm việc tại tỉnh Xiêng Khoảng năm 2025.",
                _DONE,
                "NA",
                due_year=2025,
                done_on=D(2025, 6, 19),
                phase=PHASE_2025,
            ),
        ),
    ),
    MeetingSeed(
        "ks_nh_2025",
        "NA-KS",
        MeetingKind.WORKING_SESSION,
        "Buổi làm việc giữa Liên đoàn Lao động huyện Kỳ Sơn và Liên hiệp Công đoàn huyện Noọng Hét",
        D(2025, 3, 21),
        "Cửa khẩu quốc tế Nậm Cắn, huyện Kỳ Sơn",
        ("noong_het",),
        chairs="Đồng chủ trì: Chủ tịch LĐLĐ huyện Kỳ Sơn; Chủ tịch LHCĐ huyện Noọng Hét",
        agreement="ks_nh_2019",
        domestic=14,
        foreign=9,
        topics="Người lao động qua lại cửa khẩu; thăm hỏi đoàn viên khó khăn hai bên biên giới.",
        conclusions="Duy trì gặp gỡ hằng năm; lập nhóm liên lạc trao đổi thông tin người lao động di cư.",
        report_text="Đã tổ chức theo kết luận tọa đàm ngày 29/7/2024.",
    ),
    MeetingSeed(
        "forum_9_2023",
        "VGCL",
        MeetingKind.FORUM,
        "Diễn đàn chuyên đề số 9 về công tác đối ngoại công đoàn trong khuôn khổ Đại hội XIII Công đoàn "
        "Việt Nam",
        D(2023, 11, 30),
        "Bộ Công Thương, Hà Nội",
        international=False,
        chairs="Lãnh đạo Tổng Liên đoàn Lao động Việt Nam",
        domestic=150,
        topics=(
            "Kết quả công tác đối ngoại công đoàn nhiệm kỳ 2018–2023; quản lý thống nhất hoạt động đối "
            "ngoại; "
            "hội nhập quốc tế và các hiệp định thương mại thế hệ mới; phương hướng nhiệm kỳ 2023–2028."
        ),
        conclusions=(
            "Đưa các đề xuất của diễn đàn vào báo cáo chính trị trình Đại hội XIII Công đoàn Việt Nam."
        ),
    ),
    MeetingSeed(
        "vgcl_migrant_2024",
        "VGCL",
        MeetingKind.WORKSHOP,
        "Hội thảo quốc tế về bảo vệ quyền của người lao động di cư",
        D(2024, 12, 10),
        "Hà Nội",
        ("ilo", "fes", "lftu", "cctu"),
        chairs="Trưởng Ban Quốc tế, Tổng Liên đoàn Lao động Việt Nam",
        domestic=60,
        foreign=12,
        topics="Người lao động di cư trong khu vực Mê Kông; vai trò của công đoàn nước đi và nước đến.",
        conclusions=(
            "Đề xuất cơ chế trao đổi thông tin về người lao động di cư giữa công đoàn các tỉnh biên giới."
        ),
        report_text="Hội thảo thành công; FES tài trợ một phần kinh phí.",
    ),
    MeetingSeed(
        "cdnn_conf_2018",
        "CDNN",
        MeetingKind.CONFERENCE,
        "Hội nghị quốc tế về an toàn, vệ sinh lao động trong nông nghiệp",
        D(2018, 11, 22),
        "Hà Nội",
        ("iuf", "ilo"),
        end_on=D(2018, 11, 23),
        chairs="Chủ tịch Công đoàn NN&PTNT Việt Nam; đại diện IUF khu vực châu Á – Thái Bình Dương",
        domestic=85,
        foreign=16,
        topics="Hóa chất bảo vệ thực vật; tai nạn lao động trong nông, lâm nghiệp; vai trò của công đoàn.",
        conclusions=(
            "Ký chương trình hợp tác 2019–2023 với IUF; xây dựng tài liệu tập huấn cho công đoàn cơ sở."
        ),
        report_text="101 đại biểu; ký chương trình hợp tác với IUF bên lề hội nghị.",
    ),
    MeetingSeed(
        "cdnn_conf_2019",
        "CDNN",
        MeetingKind.CONFERENCE,
        "Hội nghị quốc tế công đoàn ngành nông nghiệp các nước tiểu vùng sông Mê Kông",
        D(2019, 10, 24),
        "Hà Nội",
        ("iuf", "lftu", "cctu"),
        end_on=D(2019, 10, 25),
        chairs="Chủ tịch Công đoàn NN&PTNT Việt Nam",
        agreement="cdnn_iuf_2019",
        domestic=70,
        foreign=21,
        topics="Lao động di cư trong nông nghiệp; thương lượng tập thể trong đồn điền.",
        conclusions="Thành lập mạng lưới trao đổi thông tin công đoàn ngành nông nghiệp tiểu vùng Mê Kông.",
        report_text="Đại biểu của Lào, Campuchia và IUF tham dự.",
    ),
    MeetingSeed(
        "cdnn_conf_2023",
        "CDNN",
        MeetingKind.CONFERENCE,
        "Hội nghị quốc tế về việc làm bền vững cho lao động nông nghiệp trong chuyển đổi xanh",
        D(2023, 9, 19),
        "Hà Nội",
        ("iuf", "fes"),
        end_on=D(2023, 9, 20),
        chairs="Chủ tịch Công đoàn NN&PTNT Việt Nam; Điều phối viên khu vực của IUF",
        agreement="cdnn_iuf_2019",
        domestic=90,
        foreign=18,
        topics="Chuyển đổi xanh trong nông nghiệp; việc làm và kỹ năng cho người lao động nông thôn.",
        conclusions="Kiến nghị chính sách đào tạo lại lao động nông nghiệp; tổng kết chương trình 2019–2023.",
        report_text="IUF tài trợ 5.000 USD; 108 đại biểu.",
    ),
    MeetingSeed(
        "cdgd_act_2023_meeting",
        "CDGD",
        MeetingKind.CONFERENCE,
        "Hội nghị Hội đồng Giáo viên ASEAN (ACT+1) năm 2023",
        D(2023, 11, 21),
        "Manila, Philippines",
        ("act",),
        end_on=D(2023, 11, 23),
        hosted=False,
        domestic=4,
        foreign=120,
        topics="Chuyển đổi số trong giáo dục; quyền của nhà giáo.",
        conclusions="Tuyên bố chung về bảo vệ quyền của nhà giáo trong chuyển đổi số.",
    ),
    MeetingSeed(
        "hn_fktu_2025",
        "HN",
        MeetingKind.WORKSHOP,
        "Hội thảo về thương lượng tập thể trong doanh nghiệp có vốn đầu tư nước ngoài",
        D(2025, 5, 20),
        "Hà Nội",
        ("fktu",),
        chairs="Phó Chủ tịch LĐLĐ thành phố Hà Nội; Phó Trưởng ban Quốc tế FKTU",
        domestic=45,
        foreign=4,
        topics="Thương lượng tập thể; đối thoại tại nơi làm việc trong doanh nghiệp FDI.",
        conclusions="Soạn thảo biên bản ghi nhớ hợp tác giữa hai bên trong năm 2026.",
        report_text="Hội thảo bên lề chuyến thăm của đoàn FKTU.",
    ),
]


# --------------------------------------------------------------------------- support

SUPPORT: list[SupportSeed] = [
    SupportSeed(
        "NA",
        SupportDirection.GIVEN,
        "xieng_khoang",
        D(2022, 11, 15),
        SupportForm.EQUIPMENT,
        "Trao tặng Liên hiệp Công đoàn tỉnh Xiêng Khoảng 3 máy tính xách tay phục vụ công tác.",
        _BUDGET,
        (("Máy tính xách tay", 3, 36_000_000),),
        delegation="na_in_2022",
    ),
    SupportSeed(
        "NA",
        SupportDirection.GIVEN,
        "xieng_khoang",
        D(2023, 4, 12),
        SupportForm.GIFTS,
        "Quà chúc Tết Bun Pi May (Tết cổ truyền Lào) năm 2023.",
        _BUDGET,
        (
            ("Quà Tết Bun Pi May tặng Liên hiệp Công đoàn tỉnh Xiêng Khoảng", 1, 10_000_000),
            ("Suất quà tặng đoàn viên, người lao động có hoàn cảnh khó khăn", 20, 4_000_000),
        ),
        delegation="na_out_2023",
    ),
    SupportSeed(
        "CDNN",
        SupportDirection.RECEIVED,
        "iuf",
        D(2023, 9, 19),
        SupportForm.CASH,
        "IUF tài trợ kinh phí tổ chức Hội nghị quốc tế về việc làm bền vững cho lao động nông nghiệp.",
        _PARTNER,
        (("Kinh phí tổ chức hội nghị (5.000 USD)", 1, 121_500_000),),
        currency="USD",
        amount_original=Decimal("5000.00"),
        exchange_rate=Decimal("24300.0000"),
        meeting="cdnn_conf_2023",
    ),
    SupportSeed(
        "VGCL",
        SupportDirection.RECEIVED,
        "fes",
        D(2024, 12, 10),
        SupportForm.CASH,
        "FES tài trợ một phần kinh phí Hội thảo quốc tế về bảo vệ quyền của người lao động di cư.",
        _SPONSOR,
        (
            ("Thuê hội trường, phiên dịch", 1, 52_900_000),
            ("Tài liệu hội thảo", 1, 26_450_000),
        ),
        currency="EUR",
        amount_original=Decimal("3000.00"),
        exchange_rate=Decimal("26450.0000"),
        meeting="vgcl_migrant_2024",
    ),
    SupportSeed(
        "CDGD",
        SupportDirection.GIVEN,
        "snte",
        D(2018, 5, 22),
        SupportForm.GIFTS,
        "Quà lưu niệm tặng đoàn SNTE nhân dịp ký biên bản ghi nhớ.",
        _BUDGET,
        (("Tranh sơn mài", 1, 4_500_000), ("Quà lưu niệm", 8, 4_000_000)),
        delegation="cdgd_in_mx_2018",
    ),
    SupportSeed(
        "HN",
        SupportDirection.RECEIVED,
        "fktu",
        D(2025, 5, 21),
        SupportForm.GIFTS,
        "FKTU tặng quà cho công nhân có hoàn cảnh khó khăn tại Công ty TNHH Canon Việt Nam.",
        _PARTNER,
        (("Suất quà công nhân", 50, 25_000_000),),
        delegation="hn_in_2025",
    ),
]


# --------------------------------------------------------------------------- loading


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(hour, minute))
    return timezone.make_aware(moment, timezone.get_default_timezone())


def _days(day: datetime.date, n: int) -> datetime.date:
    return day + datetime.timedelta(days=n)


class _Loader:
    def __init__(self, units: dict[str, Unit], created: Counter):
        self.units = units
        self.created = created
        self.users = {
            user.username: user
            for user in User.objects.filter(username__in={*OFFICERS.values(), *LEADERS.values()})
        }
        self.partners = self._partners()
        self.agreements: dict[str, Agreement] = {}
        self.phases: dict[tuple[str, str], Phase] = {}
        self.delegations: dict[str, Delegation] = {}
        self.meetings: dict[str, Meeting] = {}
        self.content_types = ContentType.objects.get_for_models(Delegation, Meeting)

    @staticmethod
    def _partners() -> dict[str, Partner]:
        from solidarity.core.demo import PARTNERS
        from solidarity.core.text import fold

        by_key = {fold(seed.name): seed.key for seed in PARTNERS}
        found = Partner.objects.filter(name_folded__in=by_key)
        return {by_key[partner.name_folded]: partner for partner in found}

    def officer(self, owner: str) -> User:
        return self.users[OFFICERS[owner]]

    def leader(self, owner: str) -> User:
        return self.users[LEADERS[self.units[owner].approver_unit().code]]

    # -- one row, found by its natural key, created with plausible dates

    def row(self, model, label: str, *, key: dict, fields: dict, at: datetime.datetime, by=None):
        found = model._default_manager.filter(**key).first()
        if found is not None:
            return found, False
        obj = model(**key, **fields)
        obj._history_date = at
        obj._history_user = by
        obj._change_reason = CHANGE_REASON
        obj.save()
        if hasattr(obj, "created_at"):
            model._default_manager.filter(pk=obj.pk).update(created_at=at, updated_at=at)
        self.created[label] += 1
        return obj, True

    def touch(self, obj, at: datetime.datetime) -> None:
        type(obj)._default_manager.filter(pk=obj.pk).update(updated_at=at)

    # -- agreements

    def agreement(self, seed: AgreementSeed) -> None:
        owner = self.units[seed.owner]
        entered = seed.entered_on or _days(seed.signed_on, 5)
        by = self.officer(seed.owner)
        agreement, new = self.row(
            Agreement,
            "agreements",
            key={"owner_unit": owner, "title": seed.title},
            fields={
                "agreement_type": seed.agreement_type,
                "signed_on": seed.signed_on,
                "signed_place": seed.signed_place,
                "our_signatory": seed.our_signatory,
                "partner_signatory": seed.partner_signatory,
                "valid_from": seed.valid_from,
                "valid_to": seed.valid_to,
                "status": seed.status,
                "renewal_warning_on": seed.renewal_warning_on,
                "is_international_agreement": seed.is_international_agreement,
                "summary": seed.summary,
                "created_by": by,
            },
            at=_at(entered, 9, 30),
            by=by,
        )
        if new:
            agreement.partners.set([self.partners[key] for key in seed.partners])
        self.agreements[seed.key] = agreement
        for phase in seed.phases:
            self.phases[(seed.key, phase.name)], _ = self.row(
                Phase,
                "phases",
                key={"agreement": agreement, "name": phase.name},
                fields={
                    "start_year": phase.start_year,
                    "end_year": phase.end_year,
                    "contents": phase.contents,
                },
                at=_at(max(entered, D(phase.start_year - 1, 8, 1)), 10),
                by=by,
            )
        for step in seed.steps:
            self.row(
                SigningStep,
                "signing steps",
                key={"agreement": agreement, "kind": step.kind},
                fields={"due_on": step.due_on, "done_on": step.done_on, "note": step.note},
                at=_at(max(entered, step.done_on or entered), 16),
                by=by,
            )
        for commitment in seed.commitments:
            self.commitment(commitment, agreement_key=seed.key, meeting=None, at=_at(entered, 10, 15))

    def commitment(self, seed: CommitmentSeed, *, agreement_key: str, meeting, at) -> None:
        agreement = self.agreements.get(agreement_key)
        owner = meeting.owner_unit if meeting else agreement.owner_unit
        by = self.officer(owner.code)
        self.row(
            Commitment,
            "commitments",
            key={"owner_unit": owner, "description": seed.description},
            fields={
                "agreement": agreement,
                "phase": self.phases.get((agreement_key, seed.phase)),
                "meeting": meeting,
                "responsible_unit": self.units[seed.responsible],
                "due_on": seed.due_on,
                "due_year": seed.due_year,
                "status": seed.status,
                "done_on": seed.done_on,
                "created_by": by,
            },
            at=at,
            by=by,
        )

    # -- the approval workflow, as it happened

    def events(
        self, record, *, state: str, submitted_on, end_on, reported_on, returned_comment=""
    ) -> datetime.datetime:
        """The workflow events that led to ``state``, each at a plausible time; returns the last time."""
        officer = self.officer(record.owner_unit.code)
        leader = self.leader(record.owner_unit.code)
        submitted = _at(submitted_on, 9, 15)
        path = [(Action.SUBMIT, _S.DRAFT, _S.SUBMITTED, officer, submitted, "")]
        if returned_comment:
            returned = _at(_days(submitted_on, 2), 16, 40)
            submitted = _at(_days(submitted_on, 5), 10, 5)
            path += [
                (Action.RETURN, _S.SUBMITTED, _S.RETURNED, leader, returned, returned_comment),
                (Action.SUBMIT, _S.RETURNED, _S.SUBMITTED, officer, submitted, "Đã bổ sung theo ý kiến."),
            ]
        path += [
            (
                Action.APPROVE,
                _S.SUBMITTED,
                _S.APPROVED,
                leader,
                _at(_days(submitted.date(), 4), 14, 30),
                "Đồng ý.",
            ),
            (Action.CARRY_OUT, _S.APPROVED, _S.CARRIED_OUT, officer, _at(_days(end_on, 1), 8, 45), ""),
        ]
        if reported_on:
            path += [
                (Action.FILE_REPORT, _S.CARRIED_OUT, _S.REPORTED, officer, _at(reported_on, 10), ""),
                (Action.CLOSE, _S.REPORTED, _S.CLOSED, leader, _at(_days(reported_on, 3), 15, 20), ""),
            ]
        reached = max(i for i, step in enumerate(path) if step[2] == state)
        content_type = self.content_types[type(record)]
        for action, from_state, to_state, by, at, comment in path[: reached + 1]:
            if WorkflowEvent.objects.filter(
                content_type=content_type, object_id=record.pk, action=action, at=at
            ).exists():
                continue
            event = WorkflowEvent.objects.create(
                content_type=content_type,
                object_id=record.pk,
                action=action,
                from_state=from_state,
                to_state=to_state,
                by=by,
                comment=comment,
            )
            WorkflowEvent.objects.filter(pk=event.pk).update(at=at)  # ``at`` is auto_now_add
            self.created["workflow events"] += 1
        return path[reached][4]

    # -- delegations

    def delegation(self, seed: DelegationSeed) -> None:
        owner = self.units[seed.owner]
        by = self.officer(seed.owner)
        submitted_on = seed.submitted_on or _days(seed.start_on, -35)
        delegation, new = self.row(
            Delegation,
            "delegations",
            key={"owner_unit": owner, "title": seed.title, "start_on": seed.start_on},
            fields={
                "direction": seed.direction,
                "purpose": seed.purpose,
                "countries": list(seed.countries),
                "cities": seed.cities,
                "end_on": seed.end_on,
                "agreement": self.agreements.get(seed.agreement),
                "planned_count": seed.planned_count,
                "state": seed.state,
                "report_text": seed.report_text,
                "report_filed_on": seed.report_filed_on,
                "created_by": by,
            },
            at=_at(_days(submitted_on, -3), 8, 20),
            by=by,
        )
        if new:
            delegation.partners.set([self.partners[key] for key in seed.partners])
        self.delegations[seed.key] = delegation
        created_at = _at(_days(submitted_on, -3), 8, 40)
        for member in seed.members:
            self.row(
                Member,
                "delegation members",
                key={"delegation": delegation, "full_name": member.full_name},
                fields={
                    "unit": self.units[member.unit] if member.unit else None,
                    "organisation": member.organisation,
                    "title": member.title,
                    "role": member.role,
                    "is_key_leader": member.key_leader,
                },
                at=created_at,
                by=by,
            )
        for day, place, activity in seed.programme:
            self.row(
                ProgrammeItem,
                "programme items",
                key={"delegation": delegation, "day": day, "activity": activity},
                fields={"place": place},
                at=created_at,
            )
        for cost in seed.costs:
            entered = (
                created_at if cost.kind == CostKind.ESTIMATED else _at(seed.report_filed_on or seed.end_on, 9)
            )
            self.row(
                Cost,
                "costs",
                key={"delegation": delegation, "kind": cost.kind, "source": cost.source},
                fields={
                    "description": cost.description,
                    "currency": cost.currency,
                    "amount": cost.amount if cost.amount is not None else Decimal(cost.amount_vnd),
                    "amount_vnd": cost.amount_vnd,
                },
                at=entered,
                by=by,
            )
        last = None
        if seed.state != _S.DRAFT:
            last = self.events(
                delegation,
                state=seed.state,
                submitted_on=submitted_on,
                end_on=seed.end_on,
                reported_on=seed.report_filed_on,
                returned_comment=seed.returned_comment,
            )
        if new and seed.state != _S.DRAFT:
            self.touch(delegation, last)

    # -- meetings

    def meeting(self, seed: MeetingSeed) -> None:
        owner = self.units[seed.owner]
        by = self.officer(seed.owner)
        needs_approval = seed.hosted and seed.international
        submitted_on = _days(seed.start_on, -38)
        end_on = seed.end_on or seed.start_on
        meeting, new = self.row(
            Meeting,
            "meetings",
            key={"owner_unit": owner, "title": seed.title, "start_on": seed.start_on},
            fields={
                "kind": seed.kind,
                "hosted": seed.hosted,
                "is_international": seed.international,
                "end_on": seed.end_on,
                "place": seed.place,
                "chairs": seed.chairs,
                "agreement": self.agreements.get(seed.agreement),
                "domestic_participants": seed.domestic,
                "foreign_participants": seed.foreign,
                "topics": seed.topics,
                "conclusions": seed.conclusions,
                "report_text": seed.report_text,
                "created_by": by,
                **({"state": _S.CLOSED} if needs_approval else {}),
            },
            at=_at(_days(submitted_on, -2) if needs_approval else _days(end_on, 2), 9),
            by=by,
        )
        if new:
            meeting.partners.set([self.partners[key] for key in seed.partners])
        self.meetings[seed.key] = meeting
        if needs_approval:
            last = self.events(
                meeting,
                state=_S.CLOSED,
                submitted_on=submitted_on,
                end_on=end_on,
                reported_on=_days(end_on, 7),
            )
            if new:
                self.touch(meeting, last)
        for commitment in seed.commitments:
            self.commitment(
                commitment, agreement_key=seed.agreement, meeting=meeting, at=_at(_days(end_on, 3), 11)
            )

    # -- support

    def support(self, seed: SupportSeed) -> None:
        owner = self.units[seed.owner]
        by = self.officer(seed.owner)
        at = _at(_days(seed.given_on, 2), 14)
        support, _ = self.row(
            Support,
            "support records",
            key={
                "owner_unit": owner,
                "partner": self.partners[seed.partner],
                "direction": seed.direction,
                "given_on": seed.given_on,
                "form": seed.form,
            },
            fields={
                "description": seed.description,
                "currency": seed.currency,
                "amount_original": seed.amount_original,
                "exchange_rate": seed.exchange_rate,
                "total_vnd": sum(value for _, _, value in seed.items),
                "funding_source": seed.funding_source,
                "delegation": self.delegations.get(seed.delegation),
                "meeting": self.meetings.get(seed.meeting),
                "created_by": by,
            },
            at=at,
            by=by,
        )
        for description, quantity, value in seed.items:
            self.row(
                SupportItem,
                "support items",
                key={"support": support, "description": description},
                fields={"quantity": quantity, "value_vnd": value},
                at=at,
                by=by,
            )


def load_records(*, units: dict[str, Unit], created: Counter) -> None:
    """Agreements, delegations, meetings and support; call inside the demo's transaction."""
    loader = _Loader(units, created)
    for agreement in AGREEMENTS:
        loader.agreement(agreement)
    for delegation in DELEGATIONS:
        loader.delegation(delegation)
    # Meetings after delegations; the seminar's commitments need the 2025 phase.
    for meeting in MEETINGS:
        loader.meeting(meeting)
    for support in SUPPORT:
        loader.support(support)
