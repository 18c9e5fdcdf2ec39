"""A news draft from a record, in the register of union news: deterministic templates, no network.

The draft is always written in Vietnamese, whatever the reader's UI language:
it is the text the unit publishes on its website. Each kind of record has a
small template of sentences (headline, lead, who met whom, what was discussed
and agreed, the figures, next steps, photo captions) filled from the record's
fields; a sentence whose field is empty is left out rather than written with
a blank.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.utils import translation

from solidarity.agreements.models import Agreement
from solidarity.delegations.models import Delegation
from solidarity.meetings.models import Meeting
from solidarity.records.attachments import attachments_of
from solidarity.support.models import Support

# What each kind of meeting is called in a sentence.
MEETING_WORDS = {
    "seminar": "tọa đàm",
    "workshop": "hội thảo",
    "conference": "hội nghị",
    "forum": "diễn đàn",
    "working_session": "buổi làm việc",
    "training": "lớp tập huấn",
    "other": "hoạt động",
}
AGREEMENT_WORDS = {
    "memorandum": "Biên bản ghi nhớ hợp tác",
    "cooperation_agreement": "Biên bản thỏa thuận hợp tác",
    "programme": "Chương trình hợp tác",
    "other": "văn bản hợp tác",
}
SUPPORT_FORMS = {"cash": "tiền mặt", "equipment": "trang thiết bị", "gifts": "quà tặng", "other": "hiện vật"}
IMAGE_KINDS = ("png", "jpeg")


@dataclass
class Draft:
    headline: str
    lead: str
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(part for part in self.paragraphs if part)


def money(amount: int | None) -> str:
    """Whole đồng the way newspapers write them: 30.000.000 đồng."""
    return f"{int(amount or 0):,}".replace(",", ".") + " đồng"


def day_text(day: datetime.date | None) -> str:
    return f"ngày {day.day}/{day.month}/{day.year}" if day else ""


def period_text(start: datetime.date | None, end: datetime.date | None) -> str:
    if not start:
        return ""
    if not end or end == start:
        return day_text(start)
    if (start.month, start.year) == (end.month, end.year):
        return f"từ ngày {start.day} đến ngày {end.day}/{end.month}/{end.year}"
    return f"từ {day_text(start)} đến {day_text(end)}"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def sentence(text: str) -> str:
    """``text`` as a sentence: a capital first, a full stop last (none after a colon that opens a list)."""
    text = " ".join(text.split())
    if not text:
        return ""
    return capital(text) if text[-1] in ".!?…:" else capital(text) + "."


def names(items: list[str]) -> str:
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def partner_text(partner) -> str:
    country = partner.country.name if partner.country else ""
    return f"{partner.name} ({country})" if country and partner.country.code != "VN" else partner.name


def lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


def listed(intro: str, text: str) -> str:
    """A paragraph and its points: one line reads as a sentence, several as a list."""
    points = lines(text)
    if not points:
        return ""
    if len(points) == 1:
        return sentence(f"{intro} {points[0][:1].lower()}{points[0][1:]}")
    return intro + ":\n" + "\n".join(f"- {sentence(point)}" for point in points)


def captions_for(record, subject: str, unit_name: str) -> list[str]:
    """One caption per image attached to the record: its description, else the scene."""
    images = [a for a in attachments_of(record) if a.content_kind in IMAGE_KINDS]
    captions = []
    for number, image in enumerate(images, start=1):
        what = image.description.strip() or f"Quang cảnh {subject}"
        captions.append(f"Ảnh {number}: {sentence(what)} (Ảnh: {unit_name})")
    return captions


AGREED = re.compile(
    r"^(?:thời gian tới,?\s*)?(?:hai bên|các bên)?\s*(?:đã\s*)?(?:thống nhất|nhất trí)\s*[,:]?\s*", re.I
)


def follow_ups(commitments) -> str:
    """The next steps: each commitment's words (without its own "hai bên thống nhất"), with its year."""
    points = []
    for commitment in commitments:
        what = AGREED.sub("", commitment.description.strip()).rstrip(" .;")
        when = f" (năm {commitment.due_year})" if commitment.due_year else ""
        if what:
            points.append(f"{what}{when}")
    return listed("Thời gian tới, hai bên thống nhất", "\n".join(points))


def meeting_draft(meeting: Meeting) -> Draft:
    unit = meeting.owner_unit
    word = MEETING_WORDS.get(meeting.kind, "hoạt động")
    partners = [partner_text(p) for p in meeting.partners.order_by("name")]
    with_whom = f" với {names(partners)}" if partners else ""
    if meeting.hosted:
        headline = f"{unit.display_name} tổ chức {word}{with_whom}"
        action = f"{unit.name} phối hợp với {names(partners)} tổ chức" if partners else f"{unit.name} tổ chức"
    else:
        headline = f"{unit.display_name} tham dự {word} {meeting.title}"
        action = f"{unit.name} tham dự"
    where = f", tại {meeting.place}" if meeting.place else ""
    if meeting.country and meeting.country.code != "VN":
        where += f" ({meeting.country.name})"
    lead = sentence(f"{day_text(meeting.start_on)}{where}, {action} {word} “{meeting.title}”")
    if meeting.chairs.strip():
        chairs = names(lines(meeting.chairs))
        lead += " " + sentence(
            f"Đồng chủ trì {word} có {chairs}"
            if len(lines(meeting.chairs)) > 1
            else f"Chủ trì {word} là {chairs}"
        )
    paragraphs = []
    if meeting.domestic_participants or meeting.foreign_participants:
        who = []
        if meeting.domestic_participants:
            who.append(f"{meeting.domestic_participants} đại biểu trong nước")
        if meeting.foreign_participants:
            who.append(f"{meeting.foreign_participants} đại biểu quốc tế")
        paragraphs.append(sentence(f"Tham dự {word} có {names(who)}"))
    paragraphs.append(listed(f"Tại {word}, các đại biểu đã trao đổi về", meeting.topics))
    paragraphs.append(listed(f"{capital(word)} đã thống nhất", meeting.conclusions))
    gifts = list(
        meeting.support.filter(archived_at__isnull=True).select_related("partner").order_by("given_on", "pk")
    )
    for gift in gifts:
        paragraphs.append(support_sentence(gift, occasion=True))
    paragraphs.append(
        follow_ups(meeting.commitments.filter(archived_at__isnull=True).order_by("due_year", "pk"))
    )
    if partners:
        paragraphs.append(
            sentence(
                f"{capital(word)} là dịp để {unit.display_name} và {names(partners)} tăng cường hiểu biết, "
                "chia sẻ kinh nghiệm và thắt chặt quan hệ hữu nghị, hợp tác giữa công nhân, người lao động "
                "và tổ chức công đoàn hai bên"
            )
        )
    return Draft(
        headline=capital(headline),
        lead=lead,
        paragraphs=[p for p in paragraphs if p],
        captions=captions_for(meeting, word, unit.display_name),
    )


def support_sentence(support: Support, *, occasion: bool = False, when: str = "") -> str:
    unit = support.owner_unit
    what = SUPPORT_FORMS.get(support.form, "")
    when = "Nhân dịp này, " if occasion else when
    verb = "đã trao tặng" if support.direction == "given" else "đã tiếp nhận từ"
    text = f"{when}{unit.display_name} {verb} {partner_text(support.partner)} {money(support.total_vnd)}"
    if what:
        text += f" bằng {what}"
    return sentence(text)


def support_draft(support: Support) -> Draft:
    unit = support.owner_unit
    partner = partner_text(support.partner)
    if support.direction == "given":
        headline = f"{unit.display_name} hỗ trợ {money(support.total_vnd)} cho {partner}"
    else:
        headline = f"{unit.display_name} tiếp nhận hỗ trợ của {partner}"
    lead = support_sentence(support, when=f"{capital(day_text(support.given_on))}, ")
    paragraphs = []
    items = list(support.items.all())
    if items:
        paragraphs.append(listed("Hỗ trợ gồm", "\n".join(str(item) for item in items)))
    if support.description.strip():
        paragraphs.append(sentence(support.description))
    paragraphs.append(
        sentence(
            "Hoạt động thể hiện tình đoàn kết, hữu nghị và sự chia sẻ giữa tổ chức công đoàn "
            "và người lao động hai bên"
        )
    )
    return Draft(
        headline=capital(headline),
        lead=lead,
        paragraphs=[p for p in paragraphs if p],
        captions=captions_for(support, "buổi trao hỗ trợ", unit.display_name),
    )


def delegation_draft(delegation: Delegation) -> Draft:
    unit = delegation.owner_unit
    partners = [partner_text(p) for p in delegation.partners.order_by("name")]
    countries = names([country.name for country in delegation.countries])
    when = period_text(delegation.start_on, delegation.end_on)
    members = delegation.members.count()
    if delegation.direction == "outgoing":
        place = countries or names(partners)
        headline = (
            f"Đoàn công tác {unit.display_name} thăm và làm việc tại {place}" if place else delegation.title
        )
        size = f" gồm {members} đồng chí" if members else ""
        lead = sentence(
            f"{capital(when)}, đoàn công tác của {unit.name}{size} "
            f"đã sang thăm và làm việc tại {place or delegation.cities}"
        )
        if partners:
            lead += " " + sentence(f"Đoàn đã làm việc với {names(partners)}")
    else:
        guests = names(partners) or "đoàn khách quốc tế"
        headline = f"{unit.display_name} đón đoàn {guests} sang thăm và làm việc"
        size = f" gồm {members} thành viên" if members else ""
        lead = sentence(f"{capital(when)}, {unit.name} đã đón đoàn {guests}{size} sang thăm và làm việc")
    paragraphs = [listed("Mục đích chuyến thăm", delegation.purpose)]
    programme = [
        f"{day_text(item.day)}: {item.activity.strip()}"
        for item in delegation.programme.order_by("day", "pk")
    ]
    if programme:
        paragraphs.append(listed("Chương trình làm việc của đoàn", "\n".join(programme)))
    if delegation.report_text.strip():
        paragraphs.append(listed("Kết quả chuyến công tác", delegation.report_text))
    gifts = list(delegation.support.filter(archived_at__isnull=True).select_related("partner", "owner_unit"))
    for gift in gifts:
        paragraphs.append(support_sentence(gift, occasion=True))
    return Draft(
        headline=capital(headline),
        lead=lead,
        paragraphs=[p for p in paragraphs if p],
        captions=captions_for(delegation, "buổi làm việc", unit.display_name),
    )


def agreement_draft(agreement: Agreement) -> Draft:
    unit = agreement.owner_unit
    partners = [partner_text(p) for p in agreement.partners.order_by("name")]
    word = AGREEMENT_WORDS.get(agreement.agreement_type, "văn bản hợp tác")
    word = word[:1].lower() + word[1:]
    headline = f"{unit.display_name} và {names(partners)} ký {word}"
    where = f", tại {agreement.signed_place}" if agreement.signed_place else ""
    lead = sentence(
        f"{day_text(agreement.signed_on)}{where}, {unit.name} và {names(partners)} "
        f"đã ký {word} “{agreement.title}”"
    )
    paragraphs = []
    signatories = [s for s in (agreement.our_signatory, agreement.partner_signatory) if s.strip()]
    if signatories:
        paragraphs.append(sentence(f"Ký kết văn bản có {names(signatories)}"))
    if agreement.valid_from and agreement.valid_to:
        paragraphs.append(
            sentence(f"Văn bản có hiệu lực {period_text(agreement.valid_from, agreement.valid_to)}")
        )
    paragraphs.append(listed("Theo văn bản, hai bên thống nhất", agreement.summary))
    paragraphs.append(
        follow_ups(agreement.commitments.filter(archived_at__isnull=True).order_by("due_year", "pk"))
    )
    return Draft(
        headline=capital(headline),
        lead=lead,
        paragraphs=[p for p in paragraphs if p],
        captions=captions_for(agreement, "lễ ký kết", unit.display_name),
    )


COMPOSERS = {
    Meeting: meeting_draft,
    Delegation: delegation_draft,
    Support: support_draft,
    Agreement: agreement_draft,
}


def draft_for(record) -> Draft:
    """The news draft of ``record`` (a meeting, delegation, support or agreement), in Vietnamese."""
    with translation.override("vi"):  # country names too, whatever the officer's UI language
        return COMPOSERS[type(record)](record)
