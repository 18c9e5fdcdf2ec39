"""Partners: matched by folded name and country, offered in the preview, never merged without a word."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from solidarity.imports.models import BatchState
from solidarity.imports.services import import_confirm, import_decide, import_upload
from solidarity.partners.models import Partner, PartnerLink
from solidarity.partners.services import partner_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _csv(*rows) -> SimpleUploadedFile:
    text = io.StringIO()
    text.write("Tên tiếng Việt,Loại,Quốc gia,Đơn vị của ta hợp tác với đối tác (mã)\n")
    for row in rows:
        text.write(",".join(row) + "\n")
    return SimpleUploadedFile("doi-tac.csv", ("\ufeff" + text.getvalue()).encode())


@pytest.fixture
def lao_federation(tree, people):
    return partner_create(
        by=people.hn_officer,
        unit=tree.ha_noi,
        name="Liên hiệp Công đoàn Lào",
        kind="national_centre",
        country="LA",
    )


def test_a_partner_already_in_the_directory_is_offered_and_linked_only_on_the_users_word(
    people, tree, lao_federation, django_capture_on_commit_callbacks
):
    """GIVEN Hà Nội's partner "Liên hiệp Công đoàn Lào" (Laos)
    WHEN Nghệ An's officer imports "LIEN HIEP CONG DOAN LAO" in Laos and a new partner
    THEN the preview offers the existing partner and cannot be confirmed until she chooses;
    WHEN she chooses "use existing"
    THEN the import links Nghệ An to it and creates only the new partner
    """
    from solidarity.partners.choices import PartnerKind

    label = str(PartnerKind.NATIONAL_CENTRE.label)
    upload = _csv(
        ["LIEN HIEP CONG DOAN LAO", label, "Lào", "NA"], ["Tổng Công đoàn Thái Lan", label, "TH", "NA"]
    )
    batch = import_upload(by=people.na_officer, kind="partners", upload=upload)
    assert batch.errors == []
    assert [(m["row"], m["existing"]) for m in batch.matches] == [(2, "Liên hiệp Công đoàn Lào")]
    assert not batch.can_confirm and batch.created == 1

    batch = import_decide(batch=batch, by=people.na_officer, decisions={"2": "new"})
    assert batch.errors and "already exists" in batch.errors[0]["message"]  # the duplicate rule decides

    batch = import_decide(batch=batch, by=people.na_officer, decisions={"2": "existing"})
    assert (batch.errors, batch.created, batch.updated, batch.can_confirm) == ([], 1, 1, True)
    with django_capture_on_commit_callbacks(execute=True):
        import_confirm(batch=batch, by=people.na_officer)
    batch.refresh_from_db()
    assert batch.state == BatchState.DONE
    assert Partner.objects.count() == 2
    assert PartnerLink.objects.filter(partner=lao_federation, unit=tree.nghe_an).exists()


def test_the_preview_shows_the_choice_per_likely_match(client, people, lao_federation):
    from solidarity.partners.choices import PartnerKind

    upload = _csv(["Lien hiep Cong doan Lao", str(PartnerKind.NATIONAL_CENTRE.label), "LA", "NA"])
    batch = import_upload(by=people.na_officer, kind="partners", upload=upload)
    client.force_login(people.na_officer)
    page = client.get(batch.get_absolute_url()).content.decode()
    assert 'name="match-2" value="existing"' in page and 'name="match-2" value="new"' in page
    assert 'id="confirm"' not in page
    client.post(reverse("imports:decide", args=[batch.pk]), {"match-2": "existing"})
    assert 'id="confirm"' in client.get(batch.get_absolute_url()).content.decode()


def test_undoing_a_partner_import_deactivates_the_partners_it_created(
    people, tree, django_capture_on_commit_callbacks
):
    from solidarity.imports.services import import_undo
    from solidarity.partners.choices import PartnerKind

    upload = _csv(["Công đoàn Thử nghiệm", str(PartnerKind.NATIONAL_CENTRE.label), "TH", "NA"])
    batch = import_upload(by=people.na_officer, kind="partners", upload=upload)
    with django_capture_on_commit_callbacks(execute=True):
        import_confirm(batch=batch, by=people.na_officer)
    created = Partner.objects.get(name="Công đoàn Thử nghiệm")
    assert import_undo(batch=batch, by=people.na_officer) == 1
    created.refresh_from_db()
    assert not created.is_active
