"""The cooperation records of the bench dataset, generated and bulk-loaded.

Full size (``--scale 1``): 100,000 agreements (partners, phases, signing
steps), 300,000 meetings, 400,000 delegations (1.36 M members, 780 k costs,
programme items), 210,000 commitments (from agreements and meeting
follow-ups), 200,000 support entries with 400,000 items, and the workflow
events of every delegation and hosted international meeting that left draft.

What makes it look like real use:
- Dates run from 2016 to today, plus about 75 days of planned activities
  ahead; the state follows the date (old trips are closed, a few reports are
  overdue, the next weeks' proposals wait for approval), and every state has
  the chain of workflow events that leads to it (some returned once first).
- Owners are spread over the tree like real activity: half at provinces and
  central sectoral unions (by their size), the rest at VGCL, intermediate
  units and a tenth of the grassroots unions; before 1 July 2025 at the
  district federations that ended that day, after it at the commune unions
  that replaced them.
- Partners: a record's partners are, more often than not, partners its owner
  works with (its partner links); otherwise drawn from a long-tailed
  popularity (the busiest partner is in ~1 % of the records).
- Denormalised columns are computed as ``save()`` and the services do:
  ``search_text`` (folded), ``Member.person_key``, ``Support.total_vnd`` from
  the items or amount × rate, signing-step due dates.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from _bulk import UTC, Writer, fast_fold, fast_fold_join

D = datetime.date
START = D(2016, 1, 1)
MERGE_DAY = D(2025, 7, 1)
HORIZON_DAYS = 75  # activities are proposed up to ~2.5 months ahead

# Owners: share of the records at each level (VGCL, provinces/sectors, intermediate, grassroots).
LEVEL_SHARE = {1: 0.04, 2: 0.50, 3: 0.28, 4: 0.18}
ACTIVE_GRASSROOTS = 0.10  # the share of grassroots unions that record any international activity

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Thu", "Đức", "Thanh", "Ngọc", "Hữu", "Xuân", "Kim", "Hồng"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Hà", "Hải", "Hương", "Lan", "Nam", "Phương", "Quân", "Sơn", "Tâm",
         "Thảo", "Trung", "Tuấn", "Vân", "Yến", "Khánh", "Long"]  # fmt: skip
FOREIGN = ["Somchai", "Bounmy", "Khamla", "Sokha", "Dara", "Wang Wei", "Li Na", "Kenji Sato", "Kim Min-jun",
           "Olga Ivanova", "Phonesavanh", "Vilayphone", "Chanthala", "Sophea", "Yuki Tanaka", "Park Ji-ho",
           "Zhang Min", "Ana García", "Pierre Martin", "Anna Schmidt"]  # fmt: skip
OUR_TITLES = ["Chủ tịch", "Phó Chủ tịch", "Trưởng ban Đối ngoại", "Phó Trưởng ban Tổ chức", "Chuyên viên",
              "Ủy viên Ban Thường vụ", "Trưởng ban Chính sách - Pháp luật", "Cán bộ"]  # fmt: skip
THEIR_TITLES = [
    "Chủ tịch",
    "Phó Chủ tịch",
    "Tổng Thư ký",
    "Trưởng ban Quan hệ quốc tế",
    "Cán bộ",
    "Phiên dịch",
]
TOPICS = [
    "an toàn vệ sinh lao động", "lao động di cư", "thương lượng tập thể", "phát triển đoàn viên",
    "chăm lo đời sống người lao động", "đào tạo nghề", "bình đẳng giới", "tiền lương tối thiểu",
    "quan hệ lao động", "công đoàn trong doanh nghiệp FDI", "chuyển đổi số", "phòng chống thiên tai",
    "lao động nữ", "an sinh xã hội", "việc làm bền vững", "kinh nghiệm tổ chức Tháng Công nhân",
]  # fmt: skip
OCCASIONS = ["Tết cổ truyền", "Ngày Quốc tế Lao động", "kỷ niệm ngày thành lập", "Quốc khánh", "Tết Bunpimay"]
VIETNAM_PLACES = ["Hà Nội", "Vinh", "Huế", "Đà Nẵng", "Thành phố Hồ Chí Minh", "Cần Thơ", "Hải Phòng",
                  "Quy Nhơn", "Nha Trang", "Đà Lạt", "Hạ Long", "Sa Pa"]  # fmt: skip
ACTIVITIES = [
    "Hội đàm với lãnh đạo {partner}", "Thăm cơ sở sản xuất và nhà ở công nhân",
    "Trao đổi kinh nghiệm về {topic}",
    "Dự lễ ký biên bản hợp tác", "Thăm và tặng quà công nhân", "Làm việc với chính quyền địa phương",
    "Tham quan trung tâm đào tạo nghề", "Tổng kết chuyến công tác",
]  # fmt: skip
COST_LINES = ["Vé máy bay", "Công tác phí", "Phòng nghỉ", "Quà tặng đối tác", "Chi phí đón tiếp",
              "Phiên dịch",
              "Thuê xe", "Chiêu đãi"]  # fmt: skip
ITEMS = {
    "cash": [
        "Hỗ trợ tiền mặt cho công nhân khó khăn",
        "Kinh phí tổ chức hội thảo",
        "Hỗ trợ khắc phục bão lũ",
    ],
    "equipment": ["Máy tính xách tay", "Máy chiếu", "Máy in", "Bàn ghế hội trường", "Tủ sách pháp luật"],
    "gifts": ["Quà lưu niệm", "Quà tặng gia đình công nhân", "Học bổng cho con đoàn viên", "Quà Tết"],
    "other": ["Tài liệu tập huấn", "Chi phí đào tạo", "Hỗ trợ khác"],
}
CURRENCIES = [  # code, weight, rate range to VND (4 decimals), amount range
    ("VND", 78, None, None), ("USD", 12, (23_000, 26_500), (200, 30_000)),
    ("LAK", 4, (1.05, 1.25), (5e6, 2e8)),
    ("EUR", 3, (25_000, 28_500), (200, 20_000)), ("CNY", 2, (3_300, 3_700), (2_000, 100_000)),
    ("JPY", 1, (160, 190), (50_000, 2_000_000)),
]  # fmt: skip
MEETING_KINDS = [("seminar", 25, "Tọa đàm"), ("workshop", 20, "Hội thảo"), ("conference", 10, "Hội nghị"),
                 ("forum", 5, "Diễn đàn"), ("working_session", 30, "Buổi làm việc"),
                 ("training", 8, "Tập huấn"),
                 ("other", 2, "Hoạt động")]  # fmt: skip
AGREEMENT_TYPES = [("memorandum", 35, "Biên bản ghi nhớ"),
                   ("cooperation_agreement", 40, "Thỏa thuận hợp tác"),
                   ("programme", 15, "Chương trình hợp tác"), ("other", 10, "Văn bản hợp tác")]  # fmt: skip
RETURN_COMMENTS = ["Đề nghị bổ sung chương trình làm việc chi tiết.",
                   "Dự toán kinh phí chưa rõ nguồn, đề nghị bổ sung.",
                   "Thành phần đoàn chưa phù hợp, đề nghị xem xét lại."]  # fmt: skip
REJECT_COMMENTS = [
    "Không phù hợp với kế hoạch đối ngoại năm.",
    "Đối tác chưa được thẩm định, chưa đồng ý chủ trương.",
]

# State of an approvable record by where its dates lie (weights in %).
STATES = {
    "far": {"draft": 60, "submitted": 10, "returned": 5, "approved": 25},
    "near": {"draft": 10, "submitted": 6, "returned": 3, "rejected": 2, "approved": 79},
    "now": {"approved": 30, "carried_out": 60, "reported": 10},
    "recent": {"closed": 57, "reported": 20, "carried_out": 8, "approved": 3, "rejected": 4, "draft": 5,
               "returned": 3},
    "old": {"closed": 88, "reported": 4, "carried_out": 1, "approved": 0.3, "rejected": 3.7, "draft": 2,
            "returned": 1},
}  # fmt: skip
CHAIN = {
    "draft": [],
    "submitted": ["submit"],
    "returned": ["submit", "return"],
    "rejected": ["submit", "reject"],
    "approved": ["submit", "approve"],
    "carried_out": ["submit", "approve", "carry_out"],
    "reported": ["submit", "approve", "carry_out", "file_report"],
    "closed": ["submit", "approve", "carry_out", "file_report", "close"],
}
TARGET = {"submit": "submitted", "return": "returned", "reject": "rejected", "approve": "approved",
          "carry_out": "carried_out", "file_report": "reported", "close": "closed"}  # fmt: skip
BY_APPROVER = {"return", "reject", "approve", "close"}
# Per-parent counts: (values, weights). Means: members 3.46, programme 1.65, support items 2.05.
MEMBERS = ([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15], [6, 13, 21, 21, 14, 9, 6, 3.5, 2.5, 2, 1.2, 0.8])
PROGRAMME = ([0, 1, 2, 3, 4], [20, 30, 25, 15, 10])
SUPPORT_ITEMS = ([0, 1, 2, 3, 4, 6], [25, 20, 20, 15, 10, 10])


class Weighted:
    """Draw from ``items`` with ``weights``: one bisect per draw."""

    def __init__(self, rng: random.Random, items, weights):
        self.rng, self.items = rng, list(items)
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]
        self.last = len(self.items) - 1

    def pick(self):
        return self.items[min(bisect.bisect(self.cum, self.rng.random() * self.total), self.last)]


@dataclass
class World:
    """What the record generators share: the tree, the partners, the users, the clock."""

    rng: random.Random
    today: datetime.date
    now: datetime.datetime
    units: dict[int, tuple]  # id -> (path, level, name, short_name, kind, valid_from, valid_to)
    partner_name: dict[int, str]
    partner_country: dict[int, str]
    partner_place: dict[int, str]
    partner_pick: Weighted
    links_by_unit: dict[int, list[int]]
    users: list[int]
    content_types: dict[str, int]
    level2_weight: dict[int, float]
    owners_before: Weighted = None
    owners_after: Weighted = None
    activity: Counter = field(default_factory=Counter)
    agreements_by_owner: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    delegations_by_owner: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    meetings_by_owner: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    fold_cache: dict[str, str] = field(default_factory=dict)
    queued: Counter = field(default_factory=Counter)

    def __post_init__(self):
        self.states = {key: Weighted(self.rng, table, table.values()) for key, table in STATES.items()}
        self.members = Weighted(self.rng, *MEMBERS)
        self.programme = Weighted(self.rng, *PROGRAMME)
        self.support_items = Weighted(self.rng, *SUPPORT_ITEMS)
        self.currencies = Weighted(self.rng, CURRENCIES, [c[1] for c in CURRENCIES])
        self.meeting_kinds = Weighted(self.rng, MEETING_KINDS, [k[1] for k in MEETING_KINDS])
        self.agreement_types = Weighted(self.rng, AGREEMENT_TYPES, [k[1] for k in AGREEMENT_TYPES])
        self.span = (self.today + datetime.timedelta(days=HORIZON_DAYS) - START).days
        self.past_span = (self.today - START).days
        from django.conf import settings

        self.report_days = settings.DELEGATION_REPORT_DAYS
        self._owners()

    # --- helpers -------------------------------------------------------------------------

    def _owners(self) -> None:
        """Two weighted owner populations: before 1 July 2025 (districts) and after (communes)."""
        rng = self.rng
        day_before = MERGE_DAY - datetime.timedelta(days=1)
        before: dict[int, list[tuple[int, float]]] = defaultdict(list)
        after: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for uid, (_path, level, _name, _short, _kind, valid_from, valid_to) in self.units.items():
            if level == 4:
                if valid_to is not None or rng.random() > ACTIVE_GRASSROOTS:
                    continue
                weight = rng.lognormvariate(0, 1.2)
            elif level == 3:
                weight = rng.lognormvariate(0, 0.9)
            elif level == 2:
                weight = self.level2_weight.get(uid, 1.0)
            else:
                weight = 1.0
            if (valid_from is None or valid_from <= day_before) and (
                valid_to is None or valid_to > day_before
            ):
                before[level].append((uid, weight))
            if valid_to is None and (valid_from is None or valid_from <= self.today):
                after[level].append((uid, weight))
        for name, by_level in (("owners_before", before), ("owners_after", after)):
            items, weights = [], []
            for level, rows in by_level.items():
                total = sum(weight for _uid, weight in rows)
                for uid, weight in rows:
                    items.append(uid)
                    weights.append(LEVEL_SHARE[level] * weight / total)
            setattr(self, name, Weighted(rng, items, weights))

    def owner(self, day: datetime.date) -> int:
        uid = (self.owners_before if day < MERGE_DAY else self.owners_after).pick()
        self.activity[uid] += 1
        return uid

    def day(self, *, future: bool = True) -> datetime.date:
        # Slightly more activity in later years (the movement grows), none on Sundays.
        span = self.span if future else self.past_span
        offset = int(span * (self.rng.random() ** 0.85))
        day = START + datetime.timedelta(days=offset)
        return day if day.weekday() != 6 else day - datetime.timedelta(days=1)

    def at(self, day: datetime.date) -> datetime.datetime:
        """A working-hours moment (Vietnam, UTC+7) on ``day``, never after now."""
        moment = datetime.datetime(day.year, day.month, day.day, 1 + self.rng.randrange(9),
                                   self.rng.randrange(60), self.rng.randrange(60), tzinfo=UTC)  # fmt: skip
        return min(moment, self.now)

    def fold(self, text: str) -> str:
        folded = self.fold_cache.get(text)
        if folded is None:
            folded = self.fold_cache[text] = fast_fold(text)
        return folded

    def unit_label(self, uid: int) -> str:
        _path, _level, name, short, *_ = self.units[uid]
        return short or name

    def partners_for(self, owner: int, k: int) -> list[int]:
        chosen: list[int] = []
        linked = self.links_by_unit.get(owner)
        for _ in range(k):
            pid = self.rng.choice(linked) if linked and self.rng.random() < 0.6 else self.partner_pick.pick()
            if pid not in chosen:
                chosen.append(pid)
        return chosen

    def our_person(self, owner: int, k: int) -> tuple[str, str, bool]:
        """The k-th officer of a unit (the same people travel again): name, title, key leader."""
        seed = owner * 31 + k
        name = f"{SURNAMES[seed % 13]} {MIDDLE[(seed // 13) % 12]} {GIVEN[(seed // 7) % 20]}"
        title = OUR_TITLES[min(k, len(OUR_TITLES) - 1)]
        return name, title, k < 2

    def user(self) -> int:
        return self.rng.choice(self.users)

    def approval_state(self, start: datetime.date, end: datetime.date) -> str:
        ahead = (start - self.today).days
        since = (self.today - end).days
        if ahead > 30:
            key = "far"
        elif ahead > 0:
            key = "near"
        elif since <= self.report_days:
            key = "now"
        elif since <= 365:
            key = "recent"
        else:
            key = "old"
        return self.states[key].pick()

    def events(self, state: str, start: datetime.date, end: datetime.date):
        """The workflow events leading to ``state``: [(action, from, to, at, by, comment)], report day."""
        rng = self.rng
        chain = CHAIN[state]
        if chain and state not in ("submitted", "returned") and rng.random() < 0.1:
            chain = ["submit", "return", *chain]  # returned once, then resubmitted
        rows, current, report_day = [], "draft", None
        day = min(start - datetime.timedelta(days=25 + rng.randrange(40)), self.today)
        officer, leader = self.user(), self.user()
        for action in chain:
            if action == "submit" and current == "returned":
                day += datetime.timedelta(days=2 + rng.randrange(9))
            elif action in ("return", "reject", "approve"):
                day += datetime.timedelta(days=1 + rng.randrange(10))
            elif action == "carry_out":
                day = max(day, end + datetime.timedelta(days=rng.randrange(4)))
            elif action == "file_report":
                late = rng.random() < 0.1
                day = max(
                    day,
                    end
                    + datetime.timedelta(days=(16 + rng.randrange(45)) if late else 1 + rng.randrange(14)),
                )
                report_day = min(day, self.today)
            elif action == "close":
                day += datetime.timedelta(days=1 + rng.randrange(30))
            day = min(day, self.today)
            comment = ""
            if action == "return":
                comment = rng.choice(RETURN_COMMENTS)
            elif action == "reject":
                comment = rng.choice(REJECT_COMMENTS)
            target = TARGET[action]
            rows.append((action, current, target, self.at(day), leader if action in BY_APPROVER else officer,
                         comment))  # fmt: skip
            current = target
        # Timestamps strictly increase even when clamped to today.
        for i in range(1, len(rows)):
            if rows[i][3] <= rows[i - 1][3]:
                rows[i] = (*rows[i][:3], rows[i - 1][3] + datetime.timedelta(minutes=1 + i), *rows[i][4:])
        return rows, report_day

    def stamps(self, start: datetime.date, events) -> tuple[datetime.datetime, datetime.datetime]:
        first = events[0][3] if events else self.at(min(start, self.today))
        created = min(first - datetime.timedelta(days=self.rng.randrange(1, 20)), self.now)
        updated = events[-1][3] if events else created
        return created, max(created, updated)


# --- agreements, phases, signing steps, their commitments ---------------------------------------------


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    from solidarity.agreements.services import add_working_days as app_add_working_days

    return app_add_working_days(start, n)


def make_agreements(world: World, n: int, n_commitments: int, tick) -> None:
    from solidarity.agreements.models import Agreement, Commitment, Phase, SigningStep
    from solidarity.agreements.services import COPY_DAYS, OPINION_WORKING_DAYS

    rng, today = world.rng, world.today
    agreements = Writer(Agreement, [
        "id", "owner_unit_id", "version", "created_by_id", "archived_at", "archived_by_id", "created_at",
        "updated_at", "title", "agreement_type", "signed_on", "signed_place", "our_signatory",
        "partner_signatory", "valid_from", "valid_to", "status", "renewal_warning_on",
        "is_international_agreement", "summary", "search_text",
    ])  # fmt: skip
    through = Writer(Agreement.partners.through, ["agreement_id", "partner_id"])
    phases = Writer(Phase, ["id", "agreement_id", "name", "start_year", "end_year", "contents"])
    steps = Writer(SigningStep, ["agreement_id", "kind", "due_on", "done_on", "note"])
    first_id = (Agreement.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    phase_id = (Phase.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    info = []  # (id, owner, signed_on, valid_to, status, phase ids)
    weights = []
    for aid in range(first_id, first_id + n):
        signed = rng.random() < 0.92
        day = world.day(future=False)
        owner = world.owner(day)
        world.agreements_by_owner[owner].append(aid)
        partners = world.partners_for(owner, rng.choices((1, 2, 3), (82, 14, 4))[0])
        kind, _weight, label = world.agreement_types.pick()
        lead = world.partner_name[partners[0]]
        years = 3 + rng.randrange(3)
        title = (
            f"{label} giữa {world.unit_label(owner)} và {lead} giai đoạn {day.year}–{day.year + years - 1}"
        )
        place = world.partner_place[partners[0]] if rng.random() < 0.5 else rng.choice(VIETNAM_PLACES)
        ours = f"{world.our_person(owner, 0)[0]}, Chủ tịch"
        theirs = f"{rng.choice(FOREIGN)}, Chủ tịch" if signed else ""
        valid_from = day if signed else None
        valid_to = None
        if signed and rng.random() < 0.8:
            valid_to = D(day.year + years, day.month, min(day.day, 28))
        if not signed:
            status = "draft"
        elif valid_to and valid_to <= today:
            status = "expired" if rng.random() < 0.9 else "terminated"
        else:
            status = "in_force" if rng.random() < 0.95 else "terminated"
        renewal = valid_to - datetime.timedelta(days=90) if valid_to else None
        international = rng.random() < 0.25
        created = world.at(day - datetime.timedelta(days=rng.randrange(5, 60)))
        archived = rng.random() < 0.01
        summary = (f"Hai bên thống nhất hợp tác về {rng.choice(TOPICS)} và {rng.choice(TOPICS)}; "
                   f"trao đổi đoàn hằng năm luân phiên tại {place} và Việt Nam.")  # fmt: skip
        search = fast_fold_join(title, place if signed else "", ours, theirs)
        agreements.add((
            aid, owner, 1 + (rng.random() < 0.3), world.user(), created if archived else None,
            world.user() if archived else None, created, created, title, kind, day if signed else None,
            place if signed else "", ours, theirs, valid_from, valid_to, status, renewal, international,
            summary,
            search,
        ))  # fmt: skip
        for pid in partners:
            through.add((aid, pid))
        phase_ids = []
        if kind in ("programme", "cooperation_agreement") and signed and rng.random() < 0.5:
            year = day.year
            for _ in range(1 + rng.randrange(3)):
                length = 2 + rng.randrange(2)
                phases.add((phase_id, aid, f"Giai đoạn {year}–{year + length}", year, year + length,
                            f"Trọng tâm: {rng.choice(TOPICS)}."))  # fmt: skip
                phase_ids.append(phase_id)
                phase_id += 1
                year += length + 1
        if international:
            requested = day - datetime.timedelta(days=30 + rng.randrange(30)) if signed else None
            received = (
                add_working_days(requested, OPINION_WORKING_DAYS + rng.randrange(-2, 4)) if signed else None
            )
            copy_sent = day + datetime.timedelta(days=5 + rng.randrange(20)) if signed else None
            if copy_sent and copy_sent > today:
                copy_sent = None
            # Due dates as signing_steps_recompute sets them: after the step before is done.
            steps.add((aid, "opinions_requested", None, requested, ""))
            steps.add(
                (
                    aid,
                    "opinions_received",
                    add_working_days(requested, OPINION_WORKING_DAYS) if requested else None,
                    received,
                    "",
                )
            )
            steps.add((aid, "signed", None, day if signed else None, ""))
            steps.add((aid, "copy_sent", day + datetime.timedelta(days=COPY_DAYS) if signed else None,
                       copy_sent, ""))  # fmt: skip
        info.append((aid, owner, day if signed else None, valid_to, status, phase_ids, archived))
        weights.append(rng.lognormvariate(0, 1.0) * (1.0 if signed else 0.2))
    counts = (agreements.close(), through.close(), phases.close(), steps.close())
    tick(
        f"agreements ({counts[0]:,}), partners ({counts[1]:,}), phases ({counts[2]:,}), steps ({counts[3]:,})"
    )

    commitments = commitment_writer(Commitment)
    for index in rng.choices(range(len(info)), weights=weights, k=n_commitments):
        aid, owner, signed_on, valid_to, status, phase_ids, archived = info[index]
        base = signed_on or today
        end = valid_to or base + datetime.timedelta(days=365 * 4)
        due = base + datetime.timedelta(days=30 + rng.randrange(max(31, (end - base).days)))
        due_on, due_year = (due, None) if rng.random() < 0.65 else (None, due.year)
        phase = rng.choice(phase_ids) if phase_ids and rng.random() < 0.8 else None
        add_commitment(world, commitments, owner=owner, agreement=aid, phase=phase, meeting=None,
                       due_on=due_on, due_year=due_year, created_day=base)  # fmt: skip
    tick(f"commitments of agreements ({commitments.close():,})")


def commitment_writer(model) -> Writer:
    return Writer(model, [
        "owner_unit_id", "version", "created_by_id", "archived_at", "created_at", "updated_at", "description",
        "agreement_id", "phase_id", "meeting_id", "responsible_unit_id", "due_on", "due_year", "status",
        "done_on",
    ])  # fmt: skip


VERBS = ["Phối hợp tổ chức tập huấn về", "Trao đổi đoàn cán bộ nghiên cứu", "Xây dựng tài liệu hướng dẫn về",
         "Tổ chức hội thảo chung về", "Chia sẻ thông tin định kỳ về", "Hỗ trợ công nhân về"]  # fmt: skip


def add_commitment(
    world: World, writer: Writer, *, owner, agreement, phase, meeting, due_on, due_year, created_day
):
    rng, today = world.rng, world.today
    due = due_on or D(due_year, 12, 31)
    if due < today:
        status = rng.choices(("done", "cancelled", "in_progress", "planned"), (65, 7, 12, 16))[0]
    else:
        status = rng.choices(("planned", "in_progress", "done"), (60, 38, 2))[0]
    done_on = None
    if status == "done":
        done_on = min(due - datetime.timedelta(days=rng.randrange(60)), today)
        done_on = max(done_on, min(created_day, today))
    created = world.at(min(created_day, today))
    responsible = owner if rng.random() < 0.75 else None
    description = f"{rng.choice(VERBS)} {rng.choice(TOPICS)}"
    writer.add((owner, 1 + (status != "planned"), world.user(), None, created, created, description,
                agreement,
                phase, meeting, responsible, due_on, due_year, status, done_on))  # fmt: skip


# --- meetings -----------------------------------------------------------------------------------


def make_meetings(world: World, n: int, n_follow_ups: int, tick) -> None:
    from solidarity.agreements.models import Commitment
    from solidarity.core.models import WorkflowEvent
    from solidarity.meetings.models import Meeting

    rng, today = world.rng, world.today
    meetings = Writer(Meeting, [
        "id", "owner_unit_id", "version", "created_by_id", "archived_at", "archived_by_id", "created_at",
        "updated_at", "kind", "title", "hosted", "is_international", "start_on", "end_on", "place", "country",
        "chairs", "agreement_id", "domestic_participants", "foreign_participants", "topics", "conclusions",
        "state", "report_text", "search_text",
    ])  # fmt: skip
    through = Writer(Meeting.partners.through, ["meeting_id", "partner_id"])
    events = event_writer(WorkflowEvent)
    ct = world.content_types["meeting"]
    first_id = (Meeting.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    info = []
    for mid in range(first_id, first_id + n):
        start = world.day()
        owner = world.owner(start)
        world.meetings_by_owner[owner].append(mid)
        kind, _w, label = world.meeting_kinds.pick()
        hosted = rng.random() < 0.65
        international = rng.random() < 0.85
        k = rng.choices((0, 1, 2, 3), (15, 60, 20, 5))[0]
        partners = world.partners_for(owner, k)
        topic = rng.choice(TOPICS)
        with_whom = f" với {world.partner_name[partners[0]]}" if partners else ""
        title = f"{label} về {topic}{with_whom} năm {start.year}"
        end = start + datetime.timedelta(days=rng.randrange(3)) if rng.random() < 0.5 else None
        country = ""  # held in Vietnam
        if hosted:
            place = f"Trụ sở {world.unit_label(owner)}"
        else:
            place = world.partner_place[partners[0]] if partners else rng.choice(VIETNAM_PLACES)
            if partners and international:  # attended abroad, at the partner's
                country = world.partner_country[partners[0]]
        chairs = f"{world.our_person(owner, 0)[0]}, Chủ tịch {world.unit_label(owner)}"
        if partners and rng.random() < 0.5:
            chairs += f"; {rng.choice(FOREIGN)}, {world.partner_name[partners[0]]}"
        topics = "; ".join(rng.sample(TOPICS, 1 + rng.randrange(3)))
        past = start <= today
        conclusions = (f"Hai bên thống nhất tiếp tục trao đổi về {topic}; giao các ban chuẩn bị kế hoạch năm "
                       f"{start.year + 1}.") if past and rng.random() < 0.7 else ""  # fmt: skip
        agreement = None
        own_agreements = world.agreements_by_owner.get(owner)
        if own_agreements and rng.random() < 0.12:
            agreement = rng.choice(own_agreements)
        state, chain, report = "draft", [], ""
        if hosted and international:
            state = world.approval_state(start, end or start)
            chain, _report_day = world.events(state, start, end or start)
            if state in ("reported", "closed"):
                report = f"Sự kiện đã diễn ra với {rng.randrange(20, 200)} đại biểu; kết quả: {topic}."
        created, updated = world.stamps(start, chain)
        if not chain and start > today:
            created = updated = world.at(today - datetime.timedelta(days=rng.randrange(30)))
        archived = state in ("draft", "rejected", "closed") and rng.random() < 0.01
        meetings.add((
            mid, owner, 1 + len(chain) // 2, world.user(), updated if archived else None,
            world.user() if archived else None, created, updated, kind, title, hosted, international, start,
            end,
            place, country, chairs, agreement, rng.randrange(5, 200), rng.randrange(1, 40), topics,
            conclusions, state, report, fast_fold_join(title, place, chairs, topics[:500]),
        ))  # fmt: skip
        if state == "submitted" and not archived:
            world.queued["meeting", owner] += 1
        for pid in partners:
            through.add((mid, pid))
        for row in event_rows(ct, mid, owner, chain):
            events.add(row)
        info.append((mid, owner, agreement, start, hosted))
    counts = (meetings.close(), through.close(), events.close())
    tick(f"meetings ({counts[0]:,}), partners ({counts[1]:,}), workflow events ({counts[2]:,})")

    commitments = commitment_writer(Commitment)
    weights = [3.0 if hosted else 1.0 for *_, hosted in info]
    for index in rng.choices(range(len(info)), weights=weights, k=n_follow_ups):
        mid, owner, agreement, start, _hosted = info[index]
        due_on = start + datetime.timedelta(days=30 + rng.randrange(335))
        add_commitment(world, commitments, owner=owner, agreement=agreement, phase=None, meeting=mid,
                       due_on=due_on, due_year=due_on.year, created_day=start)  # fmt: skip
    tick(f"meeting follow-up commitments ({commitments.close():,})")


def event_writer(model) -> Writer:
    return Writer(model, ["content_type_id", "object_id", "action", "from_state", "to_state", "by_id", "at",
                          "comment", "owner_unit_id", "decided_on", "waited_days"])  # fmt: skip


DECISIONS = frozenset({"approve", "return", "reject"})


def event_rows(ct: int, record_id: int, owner: int, chain):
    """The chain's event rows; a decision keeps its owner, day and whole days since the latest submission."""
    from django.utils import timezone

    submitted = None
    for action, from_state, to_state, at, by, comment in chain:
        day = timezone.localtime(at).date() if timezone.is_aware(at) else at.date()
        if action == "submit":
            submitted = day
        decision = (None, None, None)
        if action in DECISIONS:
            decision = (owner, day, max((day - (submitted or day)).days, 0))
        yield (ct, record_id, action, from_state, to_state, by, at, comment, *decision)


# --- delegations ----------------------------------------------------------------------------------


OUT_TITLES = ["Đoàn {unit} thăm và làm việc tại {place}", "Đoàn {unit} dự hội thảo về {topic} tại {place}",
              "Đoàn cán bộ {unit} trao đổi kinh nghiệm về {topic} tại {place}",
              "Đoàn {unit} thăm {partner}"]  # fmt: skip
IN_TITLES = ["Đoàn {partner} thăm và làm việc với {unit}", "Đón đoàn {partner} sang trao đổi về {topic}",
             "Đoàn {partner} thăm {unit} nhân dịp {occasion}"]  # fmt: skip


def make_delegations(world: World, n: int, tick) -> None:
    from solidarity.core.models import WorkflowEvent
    from solidarity.delegations.models import Cost, Delegation, Member, ProgrammeItem

    rng = world.rng
    delegations = Writer(Delegation, [
        "id", "owner_unit_id", "version", "created_by_id", "archived_at", "archived_by_id", "created_at",
        "updated_at", "direction", "title", "purpose", "countries", "cities", "start_on", "end_on",
        "agreement_id", "planned_count", "in_plan", "out_of_plan_reason", "state", "report_text",
        "report_filed_on", "search_text",
    ])  # fmt: skip
    through = Writer(Delegation.partners.through, ["delegation_id", "partner_id"])
    members = Writer(Member, ["delegation_id", "full_name", "unit_id", "organisation", "title", "role",
                              "is_key_leader", "person_key"])  # fmt: skip
    programme = Writer(ProgrammeItem, ["delegation_id", "day", "place", "activity"])
    costs = Writer(
        Cost, ["delegation_id", "kind", "source", "description", "currency", "amount", "amount_vnd"]
    )
    events = event_writer(WorkflowEvent)
    ct = world.content_types["delegation"]
    first_id = (Delegation.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    fold = world.fold
    for did in range(first_id, first_id + n):
        start = world.day()
        end = start + datetime.timedelta(days=2 + rng.randrange(8))
        owner = world.owner(start)
        world.delegations_by_owner[owner].append(did)
        outgoing = rng.random() < 0.55
        k = rng.choices((0, 1, 2, 3), (5, 70, 20, 5))[0]
        partners = world.partners_for(owner, k)
        lead = world.partner_name[partners[0]] if partners else "đối tác nước ngoài"
        places = sorted({world.partner_place[p] for p in partners}) or [rng.choice(VIETNAM_PLACES)]
        countries = ",".join(sorted({world.partner_country[p] for p in partners} - {""}))
        topic = rng.choice(TOPICS)
        values = {"unit": world.unit_label(owner), "partner": lead, "place": places[0], "topic": topic,
                  "occasion": rng.choice(OCCASIONS)}  # fmt: skip
        title = rng.choice(OUT_TITLES if outgoing else IN_TITLES).format(**values)
        purpose = (f"Tăng cường quan hệ hữu nghị, hợp tác giữa {values['unit']} và {lead}; "
                   "trao đổi kinh nghiệm "
                   f"về {topic} và {rng.choice(TOPICS)}; thống nhất nội dung hợp tác giai đoạn tới."
                   )  # fmt: skip
        cities = ", ".join(places) if outgoing else rng.choice(VIETNAM_PLACES)
        state = world.approval_state(start, end)
        chain, report_day = world.events(state, start, end)
        created, updated = world.stamps(start, chain)
        agreement = None
        own_agreements = world.agreements_by_owner.get(owner)
        if own_agreements and rng.random() < 0.15:
            agreement = rng.choice(own_agreements)
        n_members = world.members.pick()
        planned = None
        if n_members == 0 or (state == "draft" and rng.random() < 0.3):
            planned = 2 + rng.randrange(8)
        in_plan = rng.random() < 0.92
        report = ""
        if state in ("reported", "closed"):
            report = (f"Đoàn đã hoàn thành chương trình tại {cities}; hai bên thống nhất {topic}. "
                      f"Kiến nghị tiếp tục trao đổi đoàn năm {end.year + 1}.")  # fmt: skip
        archived = state in ("draft", "rejected", "closed") and rng.random() < 0.01
        delegations.add((
            did, owner, 1 + (len(chain) > 0) + (rng.random() < 0.3), world.user(),
            updated if archived else None, world.user() if archived else None, created, updated,
            "outgoing" if outgoing else "incoming", title,
            purpose, countries, cities, start, end, agreement, planned, in_plan,
            "" if in_plan else "Lời mời đột xuất của đối tác.", state, report, report_day,
            fast_fold_join(title, purpose[:500], cities),
        ))  # fmt: skip
        if state == "submitted" and not archived:
            world.queued["delegation", owner] += 1
        for pid in partners:
            through.add((did, pid))
        for row in event_rows(ct, did, owner, chain):
            events.add(row)
        # Members: our officers (outgoing; the same people travel again) or foreign guests (incoming).
        for i in range(n_members):
            role = "head" if i == 0 else ("deputy" if i == 1 and n_members > 3 else "member")
            if not outgoing:
                name = f"{rng.choice(FOREIGN)} {rng.randrange(1, 400)}"
                title_, key, unit, org = THEIR_TITLES[min(i, len(THEIR_TITLES) - 1)], False, None, lead
            elif i == n_members - 1 and n_members > 4:
                name = f"{rng.choice(SURNAMES)} Thu Trang"
                role, title_, key, unit, org = (
                    "interpreter",
                    "Phiên dịch",
                    False,
                    None,
                    "Trung tâm Phiên dịch",
                )
            else:
                name, title_, key = world.our_person(
                    owner, rng.randrange(2) if i == 0 else 2 + rng.randrange(14)
                )
                unit, org = (owner, "") if rng.random() < 0.85 else (None, "Sở Nội vụ")
            # person_key as Member.save(): the folded name plus the unit (or the folded organisation).
            members.add((did, name, unit, org, title_, role, key, f"{fold(name)}|{unit or fold(org)}"))
        for i in range(world.programme.pick()):
            day = start + datetime.timedelta(days=min(i, (end - start).days))
            activity = rng.choice(ACTIVITIES).format(partner=lead, topic=topic)
            programme.add((did, day, places[0] if outgoing else cities, activity))
        n_estimated = rng.choices((0, 1, 2, 3), (3, 52, 35, 10))[0]
        n_actual = 0
        if state in ("carried_out", "reported", "closed"):
            n_actual = rng.choices((0, 1, 2), (55, 35, 10))[0]
        for kind, count in (("estimated", n_estimated), ("actual", n_actual)):
            for _ in range(count):
                source = rng.choices(("union_budget", "partner", "sponsor", "other"), (70, 20, 7, 3))[0]
                if rng.random() < 0.85:
                    vnd = rng.randrange(2_000, 400_000) * 1_000
                    costs.add((did, kind, source, rng.choice(COST_LINES), "VND", Decimal(vnd), vnd))
                else:
                    usd = rng.randrange(100, 15_000)
                    costs.add((did, kind, source, rng.choice(COST_LINES), "USD", Decimal(usd), usd * 25_000))
    counts = [w.close() for w in (delegations, through, members, programme, costs, events)]
    tick("delegations ({:,}), partners ({:,}), members ({:,}), programme ({:,}), costs ({:,}), "
         "workflow events ({:,})".format(*counts))  # fmt: skip


# --- support ------------------------------------------------------------------------------------------


def make_support(world: World, n: int, tick) -> None:
    from solidarity.support.models import Support, SupportItem

    rng = world.rng
    support = Writer(Support, [
        "id", "owner_unit_id", "version", "created_by_id", "archived_at", "archived_by_id", "created_at",
        "updated_at", "direction", "partner_id", "given_on", "form", "description", "currency",
        "amount_original", "exchange_rate", "total_vnd", "funding_source", "delegation_id", "meeting_id",
    ])  # fmt: skip
    items = Writer(SupportItem, ["support_id", "description", "quantity", "value_vnd"])
    first_id = (Support.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    forms = Weighted(rng, ["cash", "equipment", "gifts", "other"], [35, 25, 35, 5])
    for sid in range(first_id, first_id + n):
        day = world.day(future=False)
        owner = world.owner(day)
        partner = world.partners_for(owner, 1)[0]
        given = rng.random() < 0.55
        form = forms.pick()
        code, _w, rate_range, amount_range = world.currencies.pick()
        n_items = world.support_items.pick()
        if code == "VND":
            values = [rng.randrange(1, 2_000) * 50_000 for _ in range(n_items)]
            total = sum(values) if values else rng.randrange(1, 4_000) * 100_000
            original = rate = None
        else:
            # As compute_total: amount × rate rounded half-up; the items then add up to exactly that.
            original = Decimal(rng.randrange(int(amount_range[0]), int(amount_range[1]))).quantize(
                Decimal("0.01")
            )
            rate = Decimal(str(round(rng.uniform(*rate_range), 4))).quantize(Decimal("0.0001"))
            total = int((original * rate).quantize(Decimal(1), ROUND_HALF_UP))
            values = split(rng, total, n_items)
        source = (
            ("union_budget" if given else "partner")
            if rng.random() < 0.7
            else rng.choice(("sponsor", "other"))
        )
        delegation = meeting = None
        roll = rng.random()
        if roll < 0.2 and world.delegations_by_owner.get(owner):
            delegation = rng.choice(world.delegations_by_owner[owner])
        elif roll < 0.3 and world.meetings_by_owner.get(owner):
            meeting = rng.choice(world.meetings_by_owner[owner])
        partner_name = world.partner_name[partner]
        description = f"{'Hỗ trợ' if given else 'Nhận hỗ trợ của'} {partner_name}: {rng.choice(ITEMS[form])}"
        created = world.at(day + datetime.timedelta(days=rng.randrange(10)))
        archived = rng.random() < 0.01
        support.add((
            sid, owner, 1 + (rng.random() < 0.2), world.user(), created if archived else None,
            world.user() if archived else None, created, created, "given" if given else "received", partner,
            day,
            form, description, code, original, rate, total, source, delegation, meeting,
        ))  # fmt: skip
        for value in values:
            items.add((sid, rng.choice(ITEMS[form]), 1 + rng.randrange(20), value))
    tick(f"support ({support.close():,}), items ({items.close():,})")


def split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``parts`` non-negative whole amounts adding up to exactly ``total``."""
    if parts == 0:
        return []
    cuts = sorted(rng.randrange(total + 1) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
