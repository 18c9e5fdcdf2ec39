"""The rules that read one sentence: dates, money, countries, kinds, people, statistics, plans, place.

Each function takes the article's text (for offsets), its folded copy (same
length, see :mod:`.text`) and one :class:`~.text.Sentence`, and returns what
it found with spans in the text. None of them touch the database.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from solidarity.core.text import fold

from .text import COMPOUNDS, WORD, Sentence, is_capitalised

# ---------------------------------------------------------------- dates

_DAY_MONTH = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?(?!\d)"
_DAY_MONTH_WORDS = r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s*(?:năm|,)\s*(?P<y2>\d{4}))?"
# "từ ngày 3 đến 5/8", "từ 3 - 5/8/2024", "ngày 3 và 4/8": the first day, the month of the last.
_RANGE = re.compile(
    r"(?:từ\s+)?(?:ngày\s+)?(?P<d1>\d{1,2})\s*(?:đến(?:\s+ngày)?|-|–|và)\s*"
    r"(?:ngày\s+)?(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?(?!\d)",
    re.IGNORECASE,
)
_RANGE_WORDS = re.compile(
    r"(?:từ\s+)?(?:ngày\s+)?(?P<d1>\d{1,2})\s*(?:đến(?:\s+ngày)?|-|–|và)\s*(?:ngày\s+)?"
    r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s*(?:năm|,)\s*(?P<y>\d{4}))?",
    re.IGNORECASE,
)
_DATE = re.compile(rf"{_DAY_MONTH}|{_DAY_MONTH_WORDS}", re.IGNORECASE)
# A date is an event's when a time word stands before it; "số 12/2024" or "giai đoạn 2024" are not dates.
_DATE_CUE = re.compile(
    r"(?:ngày|sáng|chiều|tối|trưa|hôm|đêm|từ|đến|nay|\(|,)\s*(?:ngày\s*)?(?:hôm\s+nay\s*)?$", re.IGNORECASE
)
_DOCUMENT_CUE = re.compile(r"(?:số|quyết định|công văn|kế hoạch|ký hiệu)[^,.;]{0,40}$", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    value: datetime.date
    start: int
    end: int
    explicit_year: bool


def resolve_year(day: int, month: int, year: int | None, article_date: datetime.date | None) -> tuple:
    """A day and month with the year from the text, else from the article's date.

    Without a year, a date more than two months after the article's date is
    last year's (an article of 5 January about "ngày 28/12").
    """
    explicit = year is not None
    if year is None:
        reference = article_date or datetime.date.today()
        year = reference.year
        try:
            guess = datetime.date(year, month, day)
        except ValueError:
            return None, False
        if guess - reference > datetime.timedelta(days=62):
            year -= 1
    try:
        return datetime.date(year, month, day), explicit
    except ValueError:
        return None, False


def dates_in(text: str, sentence: Sentence, article_date: datetime.date | None) -> list[FoundDate]:
    """Event dates in a sentence, in order; a range gives its first day."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    chunk = sentence.text
    for pattern in (_RANGE, _RANGE_WORDS):
        for match in pattern.finditer(chunk):
            if not (re.match(r"từ|ngày", match.group(), re.IGNORECASE) or _cued(chunk, match.start())):
                continue
            year = int(match["y"]) if match["y"] else None
            value, explicit = resolve_year(int(match["d1"]), int(match["m"]), year, article_date)
            if value:
                found.append(
                    FoundDate(value, sentence.start + match.start(), sentence.start + match.end(), explicit)
                )
                taken.append((match.start(), match.end()))
    for match in _DATE.finditer(chunk):
        if any(a <= match.start() < b for a, b in taken) or not _cued(chunk, match.start()):
            continue
        day, month, year = (
            (match["d"], match["m"], match["y"])
            if match["d"]
            else (
                match["d2"],
                match["m2"],
                match["y2"],
            )
        )
        value, explicit = resolve_year(int(day), int(month), int(year) if year else None, article_date)
        if value:
            found.append(
                FoundDate(value, sentence.start + match.start(), sentence.start + match.end(), explicit)
            )
    found.sort(key=lambda item: item.start)
    return found


def _cued(chunk: str, at: int) -> bool:
    before = chunk[max(0, at - 60) : at]
    if _DOCUMENT_CUE.search(before):
        return False
    return bool(_DATE_CUE.search(before[-25:]))


_DATELINE = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")


def dateline(text: str) -> datetime.date | None:
    """The article's own date when its first lines carry one ("Thứ Hai, 29/07/2024 10:15")."""
    for line in text.strip().splitlines()[:3]:
        if len(line) > 80:
            continue
        match = _DATELINE.search(line)
        if match:
            try:
                return datetime.date(int(match[3]), int(match[2]), int(match[1]))
            except ValueError:
                return None
    return None


# ---------------------------------------------------------------- money

_MONEY = re.compile(
    r"(?P<number>\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)\s*"
    r"(?P<scale>tỷ|tỉ|triệu|nghìn|ngàn)?"
    r"(?:\s+(?P<rest>\d{1,3})\s*(?P<rest_scale>triệu|nghìn|ngàn))?"
    r"\s*(?P<currency>đồng|VNĐ|VND|vnđ|vnd|đ\b)",
    re.IGNORECASE,
)
# "30 triệu" without "đồng" is money when it is "trị giá/kinh phí/số tiền ... 30 triệu".
_MONEY_BARE = re.compile(
    r"(?:trị giá|số tiền|kinh phí|tổng số tiền|tổng kinh phí|tổng trị giá|hỗ trợ|trao tặng|ủng hộ)"
    r"[^.;]{0,25}?(?P<number>\d+(?:[.,]\d+)?)\s*(?P<scale>tỷ|tỉ|triệu)(?!\s*(?:đồng|VNĐ|VND|đ\b|USD|kíp|lượt|người))",
    re.IGNORECASE,
)
_SCALE = {"tỷ": 1_000_000_000, "tỉ": 1_000_000_000, "triệu": 1_000_000, "nghìn": 1_000, "ngàn": 1_000}


def parse_amount(number: str, scale: str | None) -> int | None:
    """ "30" "triệu" → 30000000; "1,5" "tỷ" → 1500000000; "30.000.000" None → 30000000."""
    factor = _SCALE.get((scale or "").lower(), 1)
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", number) and (factor == 1 or len(number.split(",")[-1]) == 3):
        # Thousands separators: "30.000.000" (or "2,500" with no scale).
        if factor == 1 or "." in number:
            return int(re.sub(r"[.,]", "", number)) * factor
    try:
        value = float(number.replace(",", "."))
    except ValueError:
        return None
    return round(value * factor)


@dataclass(frozen=True)
class FoundMoney:
    value: int
    start: int
    end: int


def money_in(sentence: Sentence) -> list[FoundMoney]:
    found = []
    chunk = sentence.text
    for match in _MONEY.finditer(chunk):
        amount = parse_amount(match["number"], match["scale"])
        if amount is None:
            continue
        if match["rest"]:
            amount += int(match["rest"]) * _SCALE[match["rest_scale"].lower()]
        if amount < 1000:  # "2 đồng chí" never matches, but "5 đ" noise might
            continue
        found.append(FoundMoney(amount, sentence.start + match.start(), sentence.start + match.end()))
    for match in _MONEY_BARE.finditer(chunk):
        start = sentence.start + match.start("number")
        if any(item.start <= start < item.end for item in found):
            continue
        amount = parse_amount(match["number"], match["scale"])
        if amount:
            found.append(FoundMoney(amount, start, sentence.start + match.end("scale")))
    found.sort(key=lambda item: item.start)
    return found


# ---------------------------------------------------------------- countries

# Names as the union's press writes them, with diacritics (folding would make "Lào" the "lao" of "lao động").
COUNTRIES = {
    "Lào": "LA",
    "CHDCND Lào": "LA",
    "Campuchia": "KH",
    "Cam-pu-chia": "KH",
    "Trung Quốc": "CN",
    "Hàn Quốc": "KR",
    "Nhật Bản": "JP",
    "Thái Lan": "TH",
    "Singapore": "SG",
    "Xinh-ga-po": "SG",
    "Malaysia": "MY",
    "Ma-lai-xi-a": "MY",
    "Indonesia": "ID",
    "In-đô-nê-xi-a": "ID",
    "Philippines": "PH",
    "Phi-líp-pin": "PH",
    "Myanmar": "MM",
    "Mi-an-ma": "MM",
    "Brunei": "BN",
    "Đông Timor": "TL",
    "Liên bang Nga": "RU",
    "Cuba": "CU",
    "Cu Ba": "CU",
    "Mông Cổ": "MN",
    "Triều Tiên": "KP",
    "Đài Loan": "TW",
    "Ấn Độ": "IN",
    "Ô-xtrây-li-a": "AU",
    "Australia": "AU",
    "Hoa Kỳ": "US",
    "Thụy Điển": "SE",
    "Thuỵ Điển": "SE",
    "Na Uy": "NO",
    "Đan Mạch": "DK",
    "Phần Lan": "FI",
    "Hà Lan": "NL",
    "Italia": "IT",
    "Bỉ": "BE",
    "Bê-la-rút": "BY",
    "Ca-na-đa": "CA",
    "Canada": "CA",
    "Pháp": "FR",
    "Venezuela": "VE",
    "Bra-xin": "BR",
    "Israel": "IL",
    "Ả-rập Xê-út": "SA",
    "Ba Lan": "PL",
    "Hungary": "HU",
    "Séc": "CZ",
}
# Words that are also given names ("Nguyễn Minh Đức", "Lê Thị Nga"): a country only after
# "nước", "Liên bang"... or in brackets.
COUNTRIES_GUARDED = {"Nga": "RU", "Đức": "DE", "Anh": "GB", "Mỹ": "US", "Úc": "AU", "Ý": "IT", "Áo": "AT"}
# Provinces and cities across the borders that the union works with: their country.
PLACES = {
    "Xiêng Khoảng": "LA",
    "Hủa Phăn": "LA",
    "Bò Kẹo": "LA",
    "Bô Kẹo": "LA",
    "Luông Pha Băng": "LA",
    "Luông Prabang": "LA",
    "Viêng Chăn": "LA",
    "Vientiane": "LA",
    "Chăm Pa Xắc": "LA",
    "Chăm-pa-sắc": "LA",
    "Khăm Muộn": "LA",
    "Bô Ly Khăm Xay": "LA",
    "Bolikhamxay": "LA",
    "Xay Nha Bu Ly": "LA",
    "Sa Van Na Khệt": "LA",
    "Savannakhet": "LA",
    "U Đôm Xay": "LA",
    "Phông Xa Lỳ": "LA",
    "Sê Kông": "LA",
    "Át Tạ Pư": "LA",
    "Salavan": "LA",
    "Luông Nậm Thà": "LA",
    "Phnôm Pênh": "KH",
    "Phnom Penh": "KH",
    "Xiêm Riệp": "KH",
    "Siem Reap": "KH",
    "Svay Rieng": "KH",
    "Xvây Riêng": "KH",
    "Kampong Cham": "KH",
    "Công-pông Chàm": "KH",
    "Prey Veng": "KH",
    "Rattanakiri": "KH",
    "Ratanakiri": "KH",
    "Mondulkiri": "KH",
    "Takeo": "KH",
    "Ta Keo": "KH",
    "Kampot": "KH",
    "Kandal": "KH",
    "Tbong Khmum": "KH",
    "Stung Treng": "KH",
    "Kratie": "KH",
    "Quảng Tây": "CN",
    "Vân Nam": "CN",
    "Quảng Đông": "CN",
    "Hải Nam": "CN",
    "Bắc Kinh": "CN",
    "Nam Ninh": "CN",
    "Côn Minh": "CN",
    "Seoul": "KR",
    "Xơ-un": "KR",
    "Tokyo": "JP",
    "Tô-ky-ô": "JP",
    "Osaka": "JP",
    "Bangkok": "TH",
}


def _alternation(names) -> str:
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


_COUNTRY = re.compile(rf"(?<![^\W_])(?:{_alternation(list(COUNTRIES) + list(PLACES))})(?![^\W_])")
_COUNTRY_GUARDED = re.compile(
    rf"(?:(?:nước|Liên bang|Cộng hòa Liên bang|Vương quốc|Cộng hòa|Cộng hoà)\s+|\(\s*)"
    rf"(?P<name>{_alternation(COUNTRIES_GUARDED)})(?![^\W_])"
)


@dataclass(frozen=True)
class FoundCountry:
    code: str
    start: int
    end: int


def countries_in(sentence: Sentence) -> list[FoundCountry]:
    chunk = sentence.text
    found = []
    for match in _COUNTRY.finditer(chunk):
        name = match.group()
        code = COUNTRIES.get(name) or PLACES[name]
        found.append(FoundCountry(code, sentence.start + match.start(), sentence.start + match.end()))
    for match in _COUNTRY_GUARDED.finditer(chunk):
        found.append(
            FoundCountry(
                COUNTRIES_GUARDED[match["name"]],
                sentence.start + match.start("name"),
                sentence.start + match.end("name"),
            )
        )
    found.sort(key=lambda item: item.start)
    return found


# ---------------------------------------------------------------- kinds
#
# The words of union news and the project's own kinds (see KIND_RECORDS in
# extractor.py for which record and field each one becomes).

KIND_WORDS = [
    # (kind, pattern on the text, priority: the higher wins inside one sentence)
    ("delegation_outgoing", r"đoàn ra\b", 5),
    ("delegation_incoming", r"đoàn vào\b", 5),
    ("delegation", r"(?:sang\s+)?thăm(?:,)?\s+(?:và\s+)?làm việc|sang thăm|chuyến thăm|chuyến công tác", 4),
    (
        "agreement",
        r"(?:lễ\s+)?ký(?:\s+kết)?\s+(?:bản\s+|biên bản\s+)?"
        r"(?:ghi nhớ|biên bản|thỏa thuận|thoả thuận|chương trình hợp tác|kế hoạch hợp tác)",
        3,
    ),
    ("seminar", r"t[oọ]ạ?\s*đàm|tọa đàm|toạ đàm", 3),
    ("workshop", r"hội thảo", 3),
    ("forum", r"diễn đàn", 3),
    ("conference", r"hội nghị", 2),
    ("training", r"tập huấn|lớp bồi dưỡng", 3),
    (
        "support",
        r"trao\s+(?:tặng|hỗ trợ|quà|số tiền|kinh phí)|bàn giao\s+(?:công trình|nhà|trang thiết bị)|trao\s+\d",
        3,
    ),
    ("working_session", r"buổi làm việc|làm việc với|hội đàm|tiếp xã giao|tiếp và làm việc", 1),
]
_KINDS = [(kind, re.compile(pattern, re.IGNORECASE), priority) for kind, pattern, priority in KIND_WORDS]
_WELCOME = re.compile(
    r"(?:tiếp|đón|tiếp đón|đón tiếp|chào đón)\s+(?:và\s+làm việc với\s+)?đoàn", re.IGNORECASE
)
_ABROAD = re.compile(
    r"(?:sang|tại|đến|tới)\s+(?:nước\s+|tỉnh\s+|thủ đô\s+|Thủ đô\s+)?(?:"
    + _alternation([name for name in list(COUNTRIES) + list(PLACES)])
    + r")(?![^\W_])"
)
_TO_VIETNAM = re.compile(r"(?:sang|tại|đến|tới)\s+(?:thăm\s+)?Việt Nam")
_OUR_DELEGATION = re.compile(
    r"[Đđ]oàn\s+(?:công tác|đại biểu|cán bộ)?\s*(?:của\s+)?(?:LĐLĐ|Liên đoàn Lao động|Tổng Liên đoàn|TLĐ|"
    r"CĐ\s|Công đoàn\s+(?!tỉnh\s+[^,.(]*\()[^,.(]*Việt Nam)"
)


@dataclass(frozen=True)
class FoundKind:
    kind: str
    start: int
    end: int
    priority: int


def kinds_in(sentence: Sentence) -> list[FoundKind]:
    found = []
    chunk = sentence.text
    for kind, pattern, priority in _KINDS:
        for match in pattern.finditer(chunk):
            if kind == "support" and re.search(
                r"hỗ trợ (?:lẫn nhau|nhau)", chunk[match.start() : match.end() + 12]
            ):
                continue
            found.append(
                FoundKind(kind, sentence.start + match.start(), sentence.start + match.end(), priority)
            )
    found.sort(key=lambda item: (-item.priority, item.start))
    return found


def delegation_direction(sentence_text: str) -> str | None:
    """Incoming if we welcome a delegation or it comes to Vietnam; outgoing if ours goes abroad.

    None when the sentence has no cue (the caller asks the next sentences).
    """
    if _WELCOME.search(sentence_text) or _TO_VIETNAM.search(sentence_text):
        return "delegation_incoming"
    if _ABROAD.search(sentence_text) or _OUR_DELEGATION.search(sentence_text):
        return "delegation_outgoing"
    return None


# ---------------------------------------------------------------- people

TITLE_WORDS = [
    "Phó Chủ tịch",
    "Chủ tịch",
    "Phó Trưởng ban",
    "Trưởng ban",
    "Phó Bí thư",
    "Bí thư",
    "Thứ trưởng",
    "Bộ trưởng",
    "Đại sứ",
    "Tổng Lãnh sự",
    "Lãnh sự",
    "Tham tán",
    "Phó Tổng Giám đốc",
    "Tổng Giám đốc",
    "Phó Giám đốc",
    "Giám đốc",
    "Ủy viên",
    "Uỷ viên",
    "Phó Trưởng đoàn",
    "Trưởng đoàn",
    "Tổng Thư ký",
    "Phó Tổng Thư ký",
    "Thư ký",
    "Phó Chánh Văn phòng",
    "Chánh Văn phòng",
    "Phó Trưởng phòng",
    "Trưởng phòng",
    "Phó Vụ trưởng",
    "Vụ trưởng",
    "Cục trưởng",
    "Hiệu trưởng",
    "Chủ nhiệm",
    "Phó Viện trưởng",
    "Viện trưởng",
    "Giám đốc Quốc gia",
    "Trưởng đại diện",
    "Chuyên viên",
]
_TITLE_START = re.compile(rf"(?:{_alternation(TITLE_WORDS)})(?![^\W_])", re.IGNORECASE)
_HONORIFIC = re.compile(
    r"(?<![^\W_])(?:ông|bà|đồng chí|đ/c|ngài|(?:PGS|GS)\.\s?TS\.?|TS\.|ThS\.|PGS\.|GS\.)\s*(?=[A-ZĐÀ-Ỹ])\s*",
    re.IGNORECASE,
)
# Where a title stops: a verb of the sentence, the next person, punctuation.
_TITLE_END = re.compile(
    r"\s*(?:[.;:]|\s[-–]\s(?=ông|bà|đồng chí|[a-zđà-ỹ])|\)|,(?!\s*(?:" + _alternation(TITLE_WORDS) + r"))|"
    r"\s(?:đã|đang|sẽ|cùng|cho biết|nhấn mạnh|phát biểu|chủ trì|đồng chủ trì|dẫn đầu|làm trưởng đoàn|"
    r"tham dự|tới dự|đến dự|trao|tiếp|khẳng định|cảm ơn|bày tỏ|chúc mừng|ký|thay mặt|chia sẻ|giới thiệu|"
    r"đánh giá|đề nghị|mong muốn|thông tin)(?![^\W_])|"
    r"\svà\s+(?=ông|bà|đồng chí|đ/c|ngài|các|lãnh đạo|[a-zđà-ỹ]))"
)
VIETNAMESE_SURNAMES = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đoàn", "Trương", "Lương", "Lâm", "Mai", "Trịnh", "Cao",
    "Tạ", "Hà", "Thái", "Lưu", "Vương", "Quách", "Châu", "Tô", "Kiều", "Triệu", "Chu", "Văn",
    "Đào", "Nông", "Lò", "Vi", "Hứa", "Tăng", "Khổng", "Mạc", "Từ", "Thân", "Kim", "Giáp",
    "Ngọ", "Phùng", "Khúc", "Doãn", "Lại", "Âu", "Hầu", "Khuất", "Quan", "Lục", "Bạch", "Đàm",
    "Lã", "Lữ", "Nghiêm", "Tôn", "Ninh", "Phí", "Thạch", "Tòng", "Sầm", "Diệp", "Ung", "Cù", "Cầm",
    "Kha", "Lạc", "Quản", "Tiêu", "Yên", "Giang", "Bế",
}  # fmt: skip


@dataclass(frozen=True)
class FoundPerson:
    name: str
    title: str
    start: int
    end: int


def _name_at(chunk: str, at: int) -> tuple[int, int] | None:
    """A run of 2 to 6 capitalised words from ``at``, stopping before a title word."""
    end = at
    count = 0
    for match in WORD.finditer(chunk, at):
        gap = chunk[end : match.start()]
        if count and gap.strip():
            break
        if count and "\n" in gap:
            break
        if not is_capitalised(match.group()) or _TITLE_START.match(chunk, match.start()):
            break
        end = match.end()
        count += 1
        if count == 6:
            break
    return (at, end) if count >= 2 else None


def _title_at(chunk: str, at: int) -> tuple[int, int] | None:
    if not _TITLE_START.match(chunk, at):
        return None
    stop = _TITLE_END.search(chunk, at + 2)
    end = stop.start() if stop else len(chunk)
    end = min(end, at + 160)
    title = chunk[at:end].rstrip(" ,")
    return (at, at + len(title)) if title else None


def people_in(sentence: Sentence) -> list[FoundPerson]:
    chunk = sentence.text
    found: list[FoundPerson] = []
    # "Ông Nguyễn Văn A - Chủ tịch LĐLĐ tỉnh ...", "đồng chí Bun Mi Lợi, Chủ tịch ..."
    for honorific in _HONORIFIC.finditer(chunk):
        name = _name_at(chunk, honorific.end())
        if not name:
            continue
        sep = re.compile(r"\s*(?:,|-|–|—|\()\s*|\s+").match(chunk, name[1])
        title = _title_at(chunk, sep.end()) if sep else None
        if not title:
            continue
        found.append(_person(sentence, chunk, name, title))
    # "Phó Chủ tịch LĐLĐ tỉnh Nghệ An Nguyễn Văn A": a title, then a Vietnamese name.
    for title_match in _TITLE_START.finditer(chunk):
        if not is_capitalised(title_match.group()) or any(
            p.start <= sentence.start + title_match.start() < p.end for p in found
        ):
            continue
        limit = _TITLE_END.search(chunk, title_match.end())
        stop = limit.start() if limit else len(chunk)
        for word in WORD.finditer(chunk, title_match.end(), stop):
            if word.group() in VIETNAMESE_SURNAMES and chunk[word.start() - 1 : word.start()] == " ":
                name = _name_at(chunk, word.start())
                if (
                    name
                    and name[1] - name[0] >= 8
                    and not _HONORIFIC.search(chunk[title_match.end() : word.start()])
                ):
                    title = (title_match.start(), len(chunk[: word.start()].rstrip(" ,-–")))
                    found.append(_person(sentence, chunk, name, title))
                break
    return found


def _person(sentence: Sentence, chunk: str, name: tuple[int, int], title: tuple[int, int]) -> FoundPerson:
    start = min(name[0], title[0])
    end = max(name[1], title[1])
    return FoundPerson(
        chunk[name[0] : name[1]].strip(),
        chunk[title[0] : title[1]].strip(" ,"),
        sentence.start + start,
        sentence.start + end,
    )


# ---------------------------------------------------------------- statistics

# (name, pattern): the count is group "n"; what is counted is the name.
STATISTICS = [
    ("outgoing_delegations", r"(?P<n>\d+)\s+đoàn ra"),
    (
        "outgoing_people",
        r"đoàn ra\s+(?:với|gồm)\s+(?:tổng số\s+)?(?P<n>\d+)\s+"
        r"(?:lượt\s+)?(?:cán bộ|người|đồng chí|thành viên)",
    ),
    ("incoming_delegations", r"(?P<n>\d+)\s+đoàn vào"),
    (
        "incoming_guests",
        r"đoàn vào\s+(?:với|gồm)\s+(?:tổng số\s+)?(?P<n>\d+)\s+"
        r"(?:lượt\s+)?(?:khách|người|đại biểu|thành viên)",
    ),
    ("incoming_delegations", r"(?:đón|tiếp|đón tiếp)\s+(?P<n>\d+)\s+đoàn(?!\s+ra)"),
    (
        "incoming_guests",
        r"(?:đón|tiếp|đón tiếp)\s+\d+\s+đoàn[^.;]{0,40}?(?:với|gồm)\s+(?P<n>\d+)\s+"
        r"(?:lượt\s+)?(?:khách|người|đại biểu)",
    ),
    (
        "outgoing_delegations",
        r"(?:cử|tổ chức)\s+(?P<n>\d+)\s+đoàn(?!\s+vào)(?:\s+(?:cán bộ|công tác))?\s+"
        r"(?:đi|ra nước ngoài|sang)",
    ),
    (
        "outgoing_people",
        r"(?:cử|tổ chức)\s+\d+\s+đoàn[^.;]{0,40}?(?:với|gồm)\s+(?P<n>\d+)\s+"
        r"(?:lượt\s+)?(?:cán bộ|người|đồng chí)",
    ),
    ("meetings", r"(?P<n>\d+)\s+(?:cuộc\s+)?(?:hội thảo|tọa đàm|toạ đàm|hội nghị|diễn đàn|buổi làm việc)"),
    ("agreements", r"(?:ký|ký kết)\s+(?P<n>\d+)\s+(?:biên bản|thỏa thuận|thoả thuận|văn bản)"),
    (
        "agreements",
        r"(?P<n>\d+)\s+(?:biên bản|thỏa thuận|thoả thuận)\s+(?:ghi nhớ\s+|hợp tác\s+)?(?:đã được\s+)?ký",
    ),
    (
        "trainees",
        r"(?P<n>\d+)\s+(?:lượt\s+)?(?:cán bộ|học viên)\s+(?:được\s+)?(?:đào tạo|bồi dưỡng|tập huấn)",
    ),
]
_STATISTICS = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in STATISTICS]
_PERIOD = re.compile(
    r"(?:(?:\d+|sáu|chín)\s+tháng\s+(?:đầu\s+|cuối\s+)?năm\s+\d{4}|quý\s+[IVX\d]+(?:/|\s+năm\s+)\d{4}|"
    r"nhiệm kỳ\s+\d{4}\s*[-–]\s*\d{4}|giai đoạn\s+\d{4}\s*[-–]\s*\d{4}|năm\s+\d{4}|"
    r"từ đầu năm(?:\s+\d{4})?(?:\s+đến nay)?|trong năm qua|năm qua)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundStatistic:
    name: str
    count: int
    period: str | None
    start: int
    end: int


def statistics_in(sentence: Sentence, default_period: str | None = None) -> list[FoundStatistic]:
    chunk = sentence.text
    period_match = _PERIOD.search(chunk)
    period = period_match.group() if period_match else default_period
    found: list[FoundStatistic] = []
    for name, pattern in _STATISTICS:
        for match in pattern.finditer(chunk):
            start = sentence.start + match.start("n")
            if any(s.start == start for s in found):
                continue
            found.append(FoundStatistic(name, int(match["n"]), period, start, sentence.start + match.end()))
    found.sort(key=lambda item: item.start)
    return found


def period_in(sentence: Sentence) -> str | None:
    match = _PERIOD.search(sentence.text)
    return match.group() if match else None


# ---------------------------------------------------------------- plans

_FUTURE = re.compile(
    r"(?<![^\W_])(?:sẽ|dự kiến|năm tới|năm sau|thời gian tới|sắp tới|kế hoạch năm \d{4}|"
    r"trong năm \d{4} tới)(?![^\W_])",
    re.IGNORECASE,
)
_PLAN_ACTION = re.compile(
    r"(?:thăm|sang|tổ chức|ký|hỗ trợ|trao|đón|cử|mời|phối hợp|triển khai|xây dựng|đào tạo|tập huấn|"
    r"gặp gỡ|giao lưu)",
    re.IGNORECASE,
)
_NEXT_YEAR = re.compile(r"năm tới|năm sau|sang năm", re.IGNORECASE)
_YEAR = re.compile(r"(?:năm|trong)\s+(\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class FoundPlan:
    year: int | None
    what: str
    start: int
    end: int


def plan_in(sentence: Sentence, article_year: int) -> FoundPlan | None:
    """A sentence saying what will be done ("năm tới, đoàn ... sẽ sang thăm")."""
    chunk = sentence.text
    future = _FUTURE.search(chunk)
    if not future or not _PLAN_ACTION.search(chunk, future.start()):
        return None
    if re.search(
        r"(?:cho biết|nhấn mạnh|khẳng định),?\s+(?:thời gian qua|trong năm qua)", chunk, re.IGNORECASE
    ):
        return None
    if re.match(r"trong (?:thời gian ở|chuyến|khuôn khổ chuyến)", chunk, re.IGNORECASE):
        return None  # the programme of the visit under way, not a commitment
    years = [int(y) for y in _YEAR.findall(chunk) if int(y) >= article_year]
    if years:
        year = years[0]
    elif _NEXT_YEAR.search(chunk):
        year = article_year + 1
    else:
        year = None
    return FoundPlan(year, chunk, sentence.start, sentence.end)


def is_future(sentence: Sentence) -> bool:
    return bool(_FUTURE.search(sentence.text))


# ---------------------------------------------------------------- place

_PLACE_AT = re.compile(r"(?<![^\W_])tại\s+")
_PLACE_WORDS = {
    "trụ sở", "hội trường", "khách sạn", "thành phố", "tỉnh", "thủ đô", "huyện", "thị xã", "quận",
    "xã", "phường", "khu công nghiệp", "nhà văn hóa", "nhà văn hoá", "cửa khẩu", "cửa khẩu quốc tế",
}  # fmt: skip
_PLACE_TOKEN = re.compile(r"TP\.?|[^\W_]+(?:[-'’][^\W_]+)*")


@dataclass(frozen=True)
class FoundPlace:
    place: str
    start: int
    end: int


def place_in(sentence: Sentence) -> FoundPlace | None:
    """The first "tại <Place>": capitalised words and the nouns of places, up to punctuation."""
    chunk = sentence.text
    for at in _PLACE_AT.finditer(chunk):
        if re.search(
            r"(?:đang\s+\S+(?:\s+\S+)?|học tập|sinh sống)\s+$", chunk[max(0, at.start() - 25) : at.start()]
        ):
            continue
        position = at.end()
        end = position
        capitals = 0
        previous = ""
        while True:
            gap = re.match(r" *", chunk[position:]).end()
            if position > at.end() and gap == 0 and chunk[position - 1] != ".":
                break
            token = _PLACE_TOKEN.match(chunk, position + gap)
            if not token:
                break
            two = " ".join(chunk[token.start() :].split()[:2]).lower().rstrip(",.;")
            three = " ".join(chunk[token.start() :].split()[:3]).lower().rstrip(",.;")
            if three in _PLACE_WORDS:
                position = token.start() + len(" ".join(chunk[token.start() :].split()[:3]))
            elif two in _PLACE_WORDS:
                position = token.start() + len(" ".join(chunk[token.start() :].split()[:2]))
            elif token.group().lower() in _PLACE_WORDS or token.group().startswith("TP"):
                position = token.end()
            elif is_capitalised(token.group()):
                position = token.end()
                capitals += 1
            elif capitals and (fold(previous), fold(token.group())) in COMPOUNDS:
                position = token.end()  # "Trường Đại học Công đoàn"
            else:
                break
            previous = token.group()
            end = position
        place = chunk[at.end() : end].strip()
        if capitals and len(place) >= 3:
            return FoundPlace(place, sentence.start + at.end(), sentence.start + at.end() + len(place))
    return None
