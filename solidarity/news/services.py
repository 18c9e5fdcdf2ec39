"""Writes to news items: drafted from a record, edited, published, archived. Keyword-only and atomic.

The articles read into draft records have theirs in :mod:`.review`.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.agreements.models import Agreement
from solidarity.delegations.models import Delegation
from solidarity.figures.services import sync as sync_figures
from solidarity.meetings.models import Meeting
from solidarity.records.base import (
    record_archive,
    record_restore,
    refuse_owner_change,
    require_edit,
    save_versioned,
)
from solidarity.support.models import Support

from .choices import NewsState
from .compose import draft_for
from .models import NewsItem

NEWS_FIELDS = ("headline", "lead", "body", "captions", "published_on")
# The record a news item tells about: its model and the item's field for it.
RECORD_FIELDS = {Meeting: "meeting", Delegation: "delegation", Support: "support", Agreement: "agreement"}


def _validate(fields: dict) -> None:
    if "headline" in fields and not (fields["headline"] or "").strip():
        raise ValidationError({"headline": _("Give the news item a headline.")})


@transaction.atomic
def newsitem_create_from_record(*, by, record) -> NewsItem:
    """A draft news item about ``record``, written from its fields; owned by the record's unit."""
    if type(record) not in RECORD_FIELDS:
        raise ValidationError(_("A news item is written from a meeting, delegation, support or agreement."))
    require_edit(user=by, record=record)
    draft = draft_for(record)
    item = NewsItem(
        owner_unit=record.owner_unit,
        created_by=by,
        headline=draft.headline[:300],
        lead=draft.lead,
        body=draft.body,
        captions="\n".join(draft.captions),
        **{RECORD_FIELDS[type(record)]: record},
    )
    item.full_clean(exclude=["created_by", "archived_by"])
    item._change_reason = "create"
    item._history_user = by
    item.save()
    return item


def newsitem_update(*, newsitem: NewsItem, by, expected_version: int, **fields) -> NewsItem:
    """Save an edit; raises EditConflict when someone saved since ``expected_version``."""
    require_edit(user=by, record=newsitem)
    fields = dict(fields)
    refuse_owner_change(fields, newsitem)
    fields = {k: v for k, v in fields.items() if k in NEWS_FIELDS}
    _validate(fields)
    return save_versioned(record=newsitem, expected_version=expected_version, by=by, fields=fields)


@transaction.atomic
def newsitem_publish(*, newsitem: NewsItem, by, published_on: datetime.date | None = None) -> NewsItem:
    """Mark the item published (on ``published_on``, today by default): from then on it counts."""
    require_edit(user=by, record=newsitem)
    item = NewsItem.objects.select_for_update().get(pk=newsitem.pk)
    if item.is_archived:
        raise ValidationError(_("This record is archived; restore it before changing it."))
    if not item.headline.strip() or not item.body.strip():
        raise ValidationError(_("Write the headline and the body before publishing."))
    item.state = NewsState.PUBLISHED
    item.published_on = published_on or item.published_on or timezone.localdate()
    item.version += 1
    item._change_reason = "publish"
    item._history_user = by
    item.save()
    sync_figures(item)
    return item


@transaction.atomic
def newsitem_unpublish(*, newsitem: NewsItem, by) -> NewsItem:
    """Back to a draft (taken off the website): it no longer counts."""
    require_edit(user=by, record=newsitem)
    item = NewsItem.objects.select_for_update().get(pk=newsitem.pk)
    item.state = NewsState.DRAFT
    item.version += 1
    item._change_reason = "unpublish"
    item._history_user = by
    item.save()
    sync_figures(item)
    return item


def newsitem_archive(*, newsitem: NewsItem, by) -> NewsItem:
    return record_archive(record=newsitem, by=by)


def newsitem_restore(*, newsitem: NewsItem, by) -> NewsItem:
    return record_restore(record=newsitem, by=by)
