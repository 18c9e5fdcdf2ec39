"""From an article to draft records: the extractor's proposals, the officer's review, the records.

1. :func:`article_create` keeps the article (its text normalised the way the
   extractor reads it, so every evidence span points into it), runs the
   extractor and stores its proposals as review rows: one row per value, with
   the sentence it came from and the span to highlight, kept by default.
2. The review page edits the rows (:func:`article_review_save`): a value
   corrected, a row or a whole proposal dropped, an unknown organisation
   ticked to become a new partner. Nothing but the article changes.
3. :func:`article_confirm` creates the accepted proposals' records through
   the record apps' services, as drafts of the article's unit, with the
   article attached to each as a Word file, the planned items as follow-up
   commitments, and the ticked organisations as partners: all in one
   transaction, so a refusal anywhere leaves nothing written.
"""

from __future__ import annotations

import datetime
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import may_edit
from solidarity.agreements import services as agreements
from solidarity.core.choices import FundingSource
from solidarity.core.text import fold
from solidarity.delegations import services as delegations
from solidarity.meetings import services as meetings
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.partners.services import partner_create
from solidarity.records.attachments import attachment_add
from solidarity.records.base import require_edit
from solidarity.support import services as support
from solidarity.units.models import Unit

from .choices import ArticleState
from .extract import Gazetteer, Proposal, extract_article, normalise
from .models import Article

MEETING_KINDS = ("seminar", "workshop", "conference", "forum", "working_session", "training")
# The kinds an officer may choose for a proposal, and what they become.
KINDS = (*MEETING_KINDS, "delegation_incoming", "delegation_outgoing", "support", "agreement")
LIST_FIELDS = ("organisations", "people", "countries", "money_vnd", "statistics", "planned")
TITLE_MAX = 300


def kind_labels() -> dict[str, str]:
    return {
        "seminar": _("Seminar"),
        "workshop": _("Workshop"),
        "conference": _("Conference"),
        "forum": _("Forum"),
        "working_session": _("Working session"),
        "training": _("Training"),
        "delegation_incoming": _("Incoming delegation"),
        "delegation_outgoing": _("Outgoing delegation"),
        "support": _("Support"),
        "agreement": _("Agreement"),
        "summary": _("Summary figures (no record)"),
    }


# -- proposals as review rows ----------------------------------------------------------------------


def _ev(evidence) -> dict | None:
    return evidence.as_dict() if evidence is not None else None


def _row(field: str, value, evidence=None, **extra) -> dict:
    return {
        "field": field,
        "value": "" if value is None else str(value),
        "keep": True,
        "ev": _ev(evidence),
        **extra,
    }


def headline_of(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first[:TITLE_MAX]


def proposal_rows(proposal: Proposal, *, headline: str) -> dict:
    """One proposal as the review stores it: its kind, accepted, and its rows."""
    kind = proposal.kind.value if proposal.kind else "summary"
    rows = [_row("title", headline)]
    if proposal.event_date:
        day = proposal.event_date.value.strftime("%d/%m/%Y")
        rows.append(_row("event_date", day, proposal.event_date.evidence))
    if proposal.place:
        rows.append(_row("place", proposal.place.value, proposal.place.evidence))
    for organisation in proposal.organisations:
        rows.append(
            _row(
                "organisations",
                organisation.name,
                organisation.evidence,
                as_written=organisation.as_written,
                unit_id=organisation.unit_id,
                partner_id=organisation.partner_id,
                country=organisation.country,
                create=False,
                # Our own units are who did it, not partners: shown, not linked.
                keep=not organisation.unit_id,
            )
        )
    for person in proposal.people:
        rows.append(
            _row("people", f"{person.name}, {person.title}" if person.title else person.name, person.evidence)
        )
    for country in proposal.countries:
        rows.append(_row("countries", country.value, country.evidence))
    for money in proposal.money_vnd:
        rows.append(_row("money_vnd", money.value, money.evidence))
    for statistic in proposal.statistics:
        period = f" ({statistic.period})" if statistic.period else ""
        rows.append(_row("statistics", f"{statistic.name}: {statistic.count}{period}", statistic.evidence))
    for plan in proposal.planned:
        rows.append(_row("planned", plan.what, plan.evidence, year=plan.year))
    for row in rows:
        row["keep"] = row.get("keep", True)
    return {
        "kind": kind,
        "accepted": kind in KINDS,
        "kind_ev": _ev(proposal.kind.evidence if proposal.kind else None),
        "rows": rows,
    }


def highlighted(text: str, ev: dict | None) -> tuple[str, str, str] | None:
    """The sentence of ``ev`` cut around its span: (before, marked, after), for <mark> in the template."""
    if not ev:
        return None
    start, end = ev["sentence_start"], ev["sentence_end"]
    sentence = text[start:end] if 0 <= start <= end <= len(text) else ev.get("sentence", "")
    a, b = max(ev["start"] - start, 0), max(ev["end"] - start, 0)
    return sentence[:a], sentence[a:b], sentence[b:]


# -- the article and its review --------------------------------------------------------------------


def _require_officer(by, unit: Unit) -> None:
    if not may_edit(by, unit):
        raise PermissionDenied(_("You cannot record articles for %(unit)s.") % {"unit": unit})


@transaction.atomic
def article_create(
    *, by, owner_unit: Unit, text: str, source_url: str = "", published_on: datetime.date | None = None
) -> Article:
    """Keep the article and what the extractor proposes from it, for review."""
    _require_officer(by, owner_unit)
    text = normalise(text or "").strip()
    if not text:
        raise ValidationError({"text": _("Paste the text of the article or upload its file.")})
    headline = headline_of(text)
    proposals = extract_article(text, article_date=published_on, gazetteer=Gazetteer.from_db())
    article = Article(
        owner_unit=owner_unit,
        created_by=by,
        title=headline,
        text=text,
        source_url=source_url,
        published_on=published_on,
        proposals=[proposal_rows(proposal, headline=headline) for proposal in proposals],
    )
    article.full_clean(exclude=["created_by", "archived_by"])
    article.save()
    return article


def _require_open(article: Article, by) -> Article:
    require_edit(user=by, record=article)
    current = Article.objects.select_for_update().get(pk=article.pk)
    if current.state != ArticleState.REVIEW:
        raise ValidationError(_("The records of this article have already been created."))
    if current.is_archived:
        raise ValidationError(_("This record is archived; restore it before changing it."))
    return current


def apply_edits(proposals: list[dict], data) -> list[dict]:
    """The review form's answers (``data``, a QueryDict) on the stored proposals; a new list."""
    edited = []
    for p, proposal in enumerate(proposals):
        proposal = {**proposal, "rows": [dict(row) for row in proposal["rows"]]}
        proposal["accepted"] = data.get(f"p{p}-accept") == "1"
        kind = data.get(f"p{p}-kind")
        if kind in KINDS:
            proposal["kind"] = kind
        for r, row in enumerate(proposal["rows"]):
            if f"p{p}-r{r}-value" in data:
                # No control characters: PostgreSQL refuses a NUL in JSON, and no value needs one.
                value = "".join(c for c in data.get(f"p{p}-r{r}-value", "") if c >= " " or c in "\t\n")
                row["value"] = " ".join(value.split())[:1000]
            row["keep"] = data.get(f"p{p}-r{r}-keep") == "1"
            if row["field"] == "organisations":
                row["create"] = data.get(f"p{p}-r{r}-create") == "1"
            if row["field"] == "planned" and f"p{p}-r{r}-year" in data:
                row["year"] = _year(data.get(f"p{p}-r{r}-year"))
        edited.append(proposal)
    return edited


def _year(value) -> int | None:
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return year if 1900 <= year <= 2200 else None


@transaction.atomic
def article_review_save(*, article: Article, by, data) -> Article:
    """Keep the officer's edits, to resume the review later; no record is written."""
    current = _require_open(article, by)
    current.proposals = apply_edits(current.proposals, data)
    current.version += 1
    current.save(update_fields=["proposals", "version", "updated_at"])
    return current


def _kept(proposal: dict, field: str) -> list[dict]:
    return [row for row in proposal["rows"] if row["field"] == field and row["keep"] and row["value"].strip()]


def _one(proposal: dict, field: str) -> str:
    rows = _kept(proposal, field)
    return rows[0]["value"].strip() if rows else ""


def _date(proposal: dict, number: int) -> datetime.date:
    value = _one(proposal, "event_date")
    if not value:
        raise ValidationError(_("Proposal %(n)s: give the date of the event.") % {"n": number})
    for parse in (lambda v: datetime.datetime.strptime(v, "%d/%m/%Y").date(), datetime.date.fromisoformat):
        try:
            return parse(value)
        except ValueError:
            continue
    raise ValidationError(
        _("Proposal %(n)s: “%(value)s” is not a date; write it as 29/07/2025.")
        % {"n": number, "value": value}
    )


def _money(value: str, number: int) -> int:
    digits = value.replace(".", "").replace(",", "").replace(" ", "").replace("đồng", "").replace("đ", "")
    if not digits.isdigit():
        raise ValidationError(
            _("Proposal %(n)s: “%(value)s” is not an amount in đồng; write it in digits, e.g. 30000000.")
            % {"n": number, "value": value}
        )
    return int(digits)


def _partner_kind(name: str) -> str:
    folded = fold(name)
    if folded.startswith(("tong lien doan", "tong cong hoi", "tong lien hiep")):
        return PartnerKind.NATIONAL_CENTRE
    if folded.startswith(("lien hiep cong doan", "lhcd", "lien doan lao dong", "cong doan tinh")):
        return PartnerKind.REGIONAL_UNION
    if folded.startswith("cong doan"):
        return PartnerKind.SECTORAL_UNION
    if folded.startswith("dai su quan"):
        return PartnerKind.EMBASSY
    return PartnerKind.OTHER


def _partners(proposal: dict, *, by, unit: Unit, made: dict) -> list[Partner]:
    """The proposal's partners: those matched in the directory, and the unknown ones the officer ticked."""
    found: list[Partner] = []
    countries = [row["value"] for row in _kept(proposal, "countries")]
    for row in _kept(proposal, "organisations"):
        if row.get("unit_id"):
            continue
        partner = None
        if row.get("partner_id"):
            partner = Partner.objects.filter(pk=row["partner_id"]).first()
        elif row.get("create"):
            name = row["value"].strip()
            key = fold(name)
            partner = made.get(key)
            if partner is None:
                country = row.get("country") or next((c for c in countries if c != "VN"), "")
                partner = partner_create(
                    by=by, unit=unit, name=name, kind=_partner_kind(name), country=country
                )
                made[key] = partner
        if partner is not None and partner not in found:
            found.append(partner)
    return found


def _article_file(article: Article) -> SimpleUploadedFile:
    """The article as a Word file, the form every record keeps its files in."""
    from docx import Document

    document = Document()
    document.add_heading(article.title or _("Article"), level=1)
    if article.source_url:
        document.add_paragraph(article.source_url)
    if article.published_on:
        document.add_paragraph(article.published_on.strftime("%d/%m/%Y"))
    for line in article.text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    name = f"bai-bao-{slugify(article.title)[:50] or article.pk}.docx"
    return SimpleUploadedFile(name, buffer.getvalue())


def _create_record(proposal: dict, *, number: int, by, unit: Unit, partners: list[Partner]):
    kind = proposal["kind"]
    title = _one(proposal, "title")[:TITLE_MAX]
    if not title:
        raise ValidationError(_("Proposal %(n)s: give it a title.") % {"n": number})
    day = _date(proposal, number)
    place = _one(proposal, "place")[:300]
    people = [row["value"] for row in _kept(proposal, "people")]
    countries = [row["value"] for row in _kept(proposal, "countries")]
    money = [_money(row["value"], number) for row in _kept(proposal, "money_vnd")]
    statistics = [row["value"] for row in _kept(proposal, "statistics")]
    foreign = [code for code in countries if code != "VN"]
    if kind in MEETING_KINDS:
        record = meetings.meeting_create(
            by=by,
            owner_unit=unit,
            partners=partners,
            kind=kind,
            title=title,
            hosted=True,
            is_international=bool(foreign or partners),
            start_on=day,
            place=place,
            chairs="\n".join(people)[:500],
            topics="\n".join(statistics),
        )
        for amount in money:  # handed over at the meeting: support given, linked to it
            if not partners:
                raise ValidationError(
                    _(
                        "Proposal %(n)s: the money needs a partner who received it; "
                        "keep or add one, or drop the amount."
                    )
                    % {"n": number}
                )
            support.support_create(
                by=by,
                owner_unit=unit,
                direction="given",
                partner=partners[0],
                given_on=day,
                form="cash",
                description=title,
                total_vnd=amount,
                funding_source=FundingSource.OTHER,
                meeting=record,
            )
        return record
    if kind in ("delegation_incoming", "delegation_outgoing"):
        return delegations.delegation_create(
            by=by,
            owner_unit=unit,
            partners=partners,
            direction="incoming" if kind == "delegation_incoming" else "outgoing",
            title=title,
            purpose="\n".join([*people, *statistics]),
            countries=foreign,
            cities=place,
            start_on=day,
            end_on=day,
        )
    if kind == "support":
        if not partners:
            raise ValidationError(
                _("Proposal %(n)s: support needs the partner who received it; keep or tick one.")
                % {"n": number}
            )
        if not money:
            raise ValidationError(_("Proposal %(n)s: support needs its amount in đồng.") % {"n": number})
        return support.support_create(
            by=by,
            owner_unit=unit,
            direction="given",
            partner=partners[0],
            given_on=day,
            form="cash",
            description=title,
            total_vnd=sum(money),
            funding_source=FundingSource.OTHER,
        )
    if kind == "agreement":
        return agreements.agreement_create(
            by=by,
            owner_unit=unit,
            partners=partners,
            title=title,
            agreement_type="cooperation_agreement",
            signed_on=day,
            signed_place=place[:200],
            is_international_agreement=bool(foreign or partners),
        )
    raise ValidationError(_("Proposal %(n)s: choose what record it becomes.") % {"n": number})


def _follow_ups(proposal: dict, *, record, by, number: int, default_year: int) -> list:
    plans = _kept(proposal, "planned")
    if not plans:
        return []
    created = []
    for row in plans:
        year = row.get("year") or default_year
        if record._meta.label == "meetings.Meeting":
            created.append(
                meetings.meeting_add_follow_up(meeting=record, by=by, description=row["value"], due_year=year)
            )
        elif record._meta.label == "agreements.Agreement":
            created.append(
                agreements.commitment_create(by=by, agreement=record, description=row["value"], due_year=year)
            )
        else:
            raise ValidationError(
                _(
                    "Proposal %(n)s: a planned item becomes a follow-up commitment "
                    "of a meeting or an agreement; drop it here."
                )
                % {"n": number}
            )
    return created


def article_confirm(*, article: Article, by, data=None) -> Article:
    """Create the accepted proposals' records (with ``data``'s last edits); all or nothing."""
    with transaction.atomic():
        current = _require_open(article, by)
        if data is not None:
            current.proposals = apply_edits(current.proposals, data)
        unit = current.owner_unit
        _require_officer(by, unit)
        accepted = [
            (n, p) for n, p in enumerate(current.proposals, start=1) if p["accepted"] and p["kind"] in KINDS
        ]
        if not accepted:
            raise ValidationError(_("Accept at least one proposal, or leave the article without records."))
        default_year = (current.published_on or timezone.localdate()).year + 1
        made: dict[str, Partner] = {}
        created = []
        for number, proposal in accepted:
            partners = _partners(proposal, by=by, unit=unit, made=made)
            record = _create_record(proposal, number=number, by=by, unit=unit, partners=partners)
            attachment_add(
                record=record,
                upload=_article_file(current),
                by=by,
                description=(
                    _("Source article: %(source)s") % {"source": current.source_url or current.title}
                )[:255],
            )
            follow_ups = _follow_ups(proposal, record=record, by=by, number=number, default_year=default_year)
            created.append(
                {
                    "label": record._meta.label,
                    "pk": record.pk,
                    "title": str(record),
                    "url": record.get_absolute_url(),
                    "follow_ups": len(follow_ups),
                }
            )
        current.created = created
        current.state = ArticleState.CONFIRMED
        current.version += 1
        current.save()
    return current
