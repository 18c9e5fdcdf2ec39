"""Fund entries carry their files (checked by their content; a reversal its own), and the entries'
list exports what it shows, in the user's scope."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from solidarity.core.models import Attachment
from solidarity.funds import services
from solidarity.funds.models import FundEntry
from solidarity.records.attachments import attachments_of

from .conftest import add_income

pytestmark = pytest.mark.django_db

D = datetime.date


def pdf(name="phieu-thu.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%receipt\n%%EOF\n", content_type="application/pdf")


def page(name="phieu-thu.pdf"):
    return SimpleUploadedFile(name, b"<html><script>alert(1)</script></html>", content_type="application/pdf")


def test_an_income_entry_is_recorded_with_its_receipt_and_its_reversal_with_its_own(client, people, fund):
    client.force_login(people.na_officer)
    url = reverse("funds:entry_create", args=[fund.pk])
    data = {"direction": "income", "entry_on": "10/03/2025", "amount_vnd": "5.000.000", "source": "members"}
    response = client.post(url, {**data, "file": pdf()})
    assert response.status_code == 302
    entry = FundEntry.objects.get()
    assert [a.filename for a in attachments_of(entry)] == ["phieu-thu.pdf"]

    reverse_url = reverse("funds:entry_reverse", args=[fund.pk, entry.pk])
    response = client.post(
        reverse_url, {"entry_on": "12/03/2025", "note": "Nhập nhầm", "file": pdf("bien-ban-huy.pdf")}
    )
    assert response.status_code == 302
    reversal = entry.reversal
    assert [a.filename for a in attachments_of(reversal)] == ["bien-ban-huy.pdf"]
    assert [a.filename for a in attachments_of(entry)] == ["phieu-thu.pdf"]

    ledger = client.get(fund.get_absolute_url()).content.decode()
    assert ledger.count('data-testid="entry-file"') == 2
    download = client.get(attachments_of(reversal).get().get_absolute_url())
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_a_file_that_is_not_what_it_claims_refuses_the_entry_and_nothing_is_written(client, people, fund):
    client.force_login(people.na_officer)
    url = reverse("funds:entry_create", args=[fund.pk])
    data = {"direction": "income", "entry_on": "10/03/2025", "amount_vnd": "5000000", "source": "members"}
    response = client.post(url, {**data, "file": page()})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not FundEntry.objects.exists() and not Attachment.objects.exists()
    fund.refresh_from_db()
    assert fund.balance_vnd == 0


def test_a_sibling_cannot_download_an_entry_s_file(client, people, fund):
    entry = services.entry_add(
        fund=fund,
        by=people.na_officer,
        direction="income",
        entry_on=D(2025, 3, 10),
        amount_vnd=1_000_000,
        source="members",
        upload=pdf(),
    )
    attachment = attachments_of(entry).get()
    client.force_login(people.hn_officer)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    client.force_login(people.na_viewer)
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_an_entry_s_files_are_not_changed_through_the_records_file_pages(client, people, fund):
    """The generic upload serves the unit's records; a ledger line gets its files with it, once."""
    from django.contrib.contenttypes.models import ContentType

    entry = add_income(fund, people.na_officer, 1_000_000)
    client.force_login(people.na_officer)
    content_type = ContentType.objects.get_for_model(FundEntry)
    url = reverse("attachment_upload", args=[content_type.pk, entry.pk])
    assert client.post(url, {"file": pdf()}).status_code == 404
    assert not Attachment.objects.exists()


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(content[1:])))


def test_the_entries_export_lists_what_the_filters_select_and_nothing_of_a_sibling(
    client, people, tree, fund
):
    kept = add_income(fund, people.na_officer, 5_000_000, D(2025, 3, 10), source="enterprises")
    services.entry_reverse(entry=kept, by=people.na_officer, reason="Nhập nhầm", on=D(2025, 3, 11))
    hanoi = services.fund_create(by=people.hn_officer, owner_unit=tree.ha_noi, name="Quỹ Hà Nội")
    add_income(hanoi, people.hn_officer, 9_000_000)
    client.force_login(people.na_officer)
    header, *rows = _csv(client.get(reverse("funds:entries") + "?direction=income&format=csv"))
    assert "Reversal of (ID)" in header and "Amount in VND" in header
    cells = [dict(zip(header, row, strict=True)) for row in rows]
    assert {row["Fund"] for row in cells} == {fund.name}
    assert sorted(row["Reversal of (ID)"] for row in cells) == ["", str(kept.pk)]
    assert {row["Amount in VND"] for row in cells} == {"5000000"}
    assert {row["Source or purpose"] for row in cells} == {"Enterprises"}
    assert {row["Unit (code)"] for row in cells} == {tree.nghe_an.code}


def test_the_entries_list_and_the_funds_list_show_their_export_buttons(client, people, fund):
    add_income(fund, people.na_officer, 5_000_000)
    client.force_login(people.na_viewer)
    for name in ("funds:entries", "funds:list"):
        html = client.get(reverse(name)).content.decode()
        assert "format=xlsx" in html and "format=csv" in html, name
