"""Review findings: archived records are read-only, versions are never guessed or skipped,
years are bounded, the owner is fixed, and commitments filter by partner, country and period."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from solidarity.accounts.testing import PASSWORD
from solidarity.agreements import services
from solidarity.agreements.choices import AgreementType, CommitmentStatus, SigningStepKind
from solidarity.agreements.models import Agreement, Commitment, Phase
from solidarity.meetings.choices import MeetingKind
from solidarity.meetings.models import Meeting
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner, PartnerLink

from .test_views import count_queries, form_data

pytestmark = pytest.mark.django_db
D = datetime.date
ARCHIVED = "This record is archived; restore it before changing it."


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def archived_agreement(people, na_agreement):
    phase = services.phase_save(
        agreement=na_agreement, by=people.na_officer, name="2022–2024", start_year=2022, end_year=2024
    )
    services.commitment_create(by=people.na_officer, agreement=na_agreement, description="X", due_year=2025)
    services.agreement_archive(agreement=na_agreement, by=people.na_officer)
    na_agreement.refresh_from_db()
    assert phase.pk
    return na_agreement


# -- 1. archived records are read-only ------------------------------------------


def test_an_archived_agreement_refuses_every_write_in_its_services(people, archived_agreement):
    """
    GIVEN an archived agreement with a phase and a commitment
    WHEN an officer edits it, adds or changes a phase, removes it, adds a commitment,
         edits or moves the commitment, or records a signing step
    THEN each is refused with a validation message and nothing changes
    """
    officer, agreement = people.na_officer, archived_agreement
    phase = agreement.phases.get()
    commitment = agreement.commitments.get()
    step = agreement.signing_steps.get(kind=SigningStepKind.OPINIONS_REQUESTED)
    attempts = [
        lambda: services.agreement_update(
            agreement=agreement, by=officer, expected_version=agreement.version, title="Mới"
        ),
        lambda: services.phase_save(
            agreement=agreement, by=officer, name="P", start_year=2025, end_year=2026
        ),
        lambda: services.phase_save(
            agreement=agreement, by=officer, phase=phase, name="P", start_year=2025, end_year=2026
        ),
        lambda: services.phase_delete(phase=phase, by=officer),
        lambda: services.commitment_create(by=officer, agreement=agreement, description="Y", due_year=2026),
        lambda: services.commitment_update(
            commitment=commitment, by=officer, expected_version=commitment.version, description="Z"
        ),
        lambda: services.commitment_set_status(
            commitment=commitment, by=officer, expected_version=commitment.version, status="in_progress"
        ),
        lambda: services.signing_step_record(step=step, by=officer, done_on=D(2024, 1, 2)),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as error:
            attempt()
        assert ARCHIVED in error.value.messages
    agreement.refresh_from_db()
    assert agreement.title != "Mới" and agreement.phases.count() == 1 and agreement.commitments.count() == 1
    assert agreement.commitments.get().description == "X"
    assert agreement.signing_steps.get(kind=SigningStepKind.OPINIONS_REQUESTED).done_on is None


def test_an_archived_commitment_refuses_edits_and_status_changes(people, na_agreement):
    commitment = services.commitment_create(
        by=people.na_officer, agreement=na_agreement, description="X", due_year=2025
    )
    services.commitment_archive(commitment=commitment, by=people.na_officer)
    commitment.refresh_from_db()
    with pytest.raises(ValidationError):
        services.commitment_set_status(
            commitment=commitment, by=people.na_officer, expected_version=commitment.version, status="done"
        )
    assert Commitment.objects.get().status == CommitmentStatus.PLANNED


def test_the_pages_of_an_archived_agreement_say_why_instead_of_changing_it(
    client, people, archived_agreement
):
    login(client, people.na_officer)
    agreement = archived_agreement
    phase = agreement.phases.get()
    commitment = agreement.commitments.get()
    step = agreement.signing_steps.get(kind=SigningStepKind.OPINIONS_REQUESTED)
    posts = [
        (reverse("agreements:edit", args=[agreement.pk]), form_data(agreement, title="Mới")),
        (
            reverse("agreements:phase_create", args=[agreement.pk]),
            {"name": "P", "start_year": 2025, "end_year": 2026},
        ),
        (
            reverse("agreements:phase_edit", args=[agreement.pk, phase.pk]),
            {"name": "P", "start_year": 2025, "end_year": 2026},
        ),
        (reverse("agreements:phase_delete", args=[agreement.pk, phase.pk]), {}),
        (
            reverse("agreements:commitment_create", args=[agreement.pk]),
            {"description": "Y", "due_year": 2026, "status": "planned"},
        ),
        (
            reverse("agreements:commitment_edit", args=[commitment.pk]),
            {"description": "Z", "due_year": 2026, "status": "planned", "version": commitment.version},
        ),
        (
            reverse("agreements:commitment_status", args=[commitment.pk]),
            {"status": "in_progress", "version": commitment.version},
        ),
        (reverse("agreements:step_edit", args=[step.pk]), {"done_on": "02/01/2024", "note": ""}),
    ]
    for url, data in posts:
        response = client.post(url, data, follow=True)
        assert response.status_code == 200, url
        assert ARCHIVED in response.content.decode(), url
    agreement.refresh_from_db()
    assert agreement.title != "Mới"
    assert Phase.objects.get().name == "2022–2024"
    assert Commitment.objects.get().description == "X"
    assert Commitment.objects.get().status == CommitmentStatus.PLANNED
    # The buttons that lead there are gone from the page.
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert reverse("agreements:phase_create", args=[agreement.pk]) not in page
    assert reverse("agreements:commitment_create", args=[agreement.pk]) not in page


# -- 2. the version is required, never guessed ----------------------------------


@pytest.mark.parametrize("version", ["", "0"])
def test_an_agreement_edit_without_a_version_is_refused(client, people, na_agreement, version):
    """
    GIVEN someone saved the agreement (version 2)
    WHEN a form arrives without a version (or with 0)
    THEN it is refused and the first save is kept, not overwritten
    """
    services.agreement_update(
        agreement=na_agreement, by=people.na_officer, expected_version=1, signed_place="Vinh, Nghệ An"
    )
    login(client, people.na_officer)
    response = client.post(
        reverse("agreements:edit", args=[na_agreement.pk]),
        form_data(na_agreement, signed_place="Xiêng Khoảng", version=version),
    )
    assert response.status_code == 200
    assert Agreement.objects.get().signed_place == "Vinh, Nghệ An"


@pytest.mark.parametrize("version", ["", "0"])
def test_a_commitment_edit_without_a_version_is_refused(client, people, na_agreement, version):
    commitment = services.commitment_create(
        by=people.na_officer, agreement=na_agreement, description="X", due_year=2025
    )
    login(client, people.na_officer)
    response = client.post(
        reverse("agreements:commitment_edit", args=[commitment.pk]),
        {"description": "Z", "due_year": 2026, "status": "planned", "version": version},
    )
    assert response.status_code == 200
    assert Commitment.objects.get().description == "X"
    response = client.post(
        reverse("agreements:commitment_status", args=[commitment.pk]),
        {"status": "done", "version": version},
    )
    assert Commitment.objects.get().status == CommitmentStatus.PLANNED


# -- 3. writes outside save_versioned bump the version ---------------------------


def test_recording_the_signature_bumps_the_version_so_a_stale_edit_cannot_revert_it(
    client, people, tree, xieng_khoang
):
    """
    GIVEN an officer opened the edit form of an unsigned agreement (version 1)
    WHEN another records the signing step, which fills in the signing date
    THEN the agreement's version goes up, and the stale form's save is refused as a conflict
         instead of silently clearing the signing date
    """
    agreement = services.agreement_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        partners=[xieng_khoang],
        title="Biên bản chưa ký",
        agreement_type=AgreementType.MEMORANDUM,
        is_international_agreement=True,
    )
    stale = form_data(agreement, signed_place="Vinh")
    signed = agreement.signing_steps.get(kind=SigningStepKind.SIGNED)
    services.signing_step_record(step=signed, by=people.vgcl_leader, done_on=D(2024, 9, 1))
    agreement.refresh_from_db()
    assert agreement.signed_on == D(2024, 9, 1) and agreement.version == 2

    response = login(client, people.na_officer).post(reverse("agreements:edit", args=[agreement.pk]), stale)
    assert "Your changes were NOT saved" in response.content.decode()
    assert Agreement.objects.get().signed_on == D(2024, 9, 1)


def test_a_status_change_bumps_the_commitment_version(people, na_agreement):
    commitment = services.commitment_create(
        by=people.na_officer, agreement=na_agreement, description="X", due_year=2025
    )
    changed = services.commitment_set_status(
        commitment=commitment, by=people.na_officer, expected_version=1, status="in_progress"
    )
    assert changed.version == 2
    from solidarity.records.base import EditConflict

    with pytest.raises(EditConflict):
        services.commitment_update(
            commitment=commitment, by=people.na_officer, expected_version=1, description="Y"
        )


# -- 4. phase years are bounded ------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"), [(10**20, 2024), (2022, 10**20), (1800, 2024), (2022, 2200), (2024, 2022), (-1, 2022)]
)
def test_phase_years_out_of_bounds_are_a_message_not_a_500(client, people, na_agreement, start, end):
    login(client, people.na_officer)
    response = client.post(
        reverse("agreements:phase_create", args=[na_agreement.pk]),
        {"name": "P", "start_year": start, "end_year": end},
    )
    assert response.status_code == 200
    assert not Phase.objects.exists()


@pytest.mark.parametrize(("start", "end"), [(1800, 2024), (2022, 2200), (2024, 2022), (10**20, 2024)])
def test_the_phase_service_refuses_years_out_of_bounds(people, na_agreement, start, end):
    with pytest.raises(ValidationError):
        services.phase_save(
            agreement=na_agreement, by=people.na_officer, name="P", start_year=start, end_year=end
        )
    assert not Phase.objects.exists()


# -- 5. the owner is fixed after creation ---------------------------------------


def test_the_owner_of_an_agreement_cannot_change_on_edit(client, people, tree, na_agreement):
    commitment = services.commitment_create(
        by=people.na_officer, agreement=na_agreement, description="X", due_year=2025
    )
    login(client, people.na_officer)
    page = client.get(reverse("agreements:edit", args=[na_agreement.pk])).content.decode()
    assert "cannot change after creation" in page
    response = client.post(
        reverse("agreements:edit", args=[na_agreement.pk]),
        form_data(na_agreement, owner_unit=tree.vinh.pk, signed_place="Vinh, Nghệ An"),
    )
    assert response.status_code == 302
    saved = Agreement.objects.get()
    assert saved.owner_unit == tree.nghe_an and saved.signed_place == "Vinh, Nghệ An"
    assert Commitment.objects.get(pk=commitment.pk).owner_unit == saved.owner_unit
    with pytest.raises(ValidationError):
        services.agreement_update(
            agreement=saved, by=people.na_officer, expected_version=saved.version, owner_unit=tree.vinh
        )


# -- 6. commitment filters ------------------------------------------------------


@pytest.fixture
def commitments(people, tree, na_agreement, hn_agreement):
    """Laos via the agreement, Laos via a meeting, Cuba via a meeting, France (Hà Nội) via its agreement."""
    cuba = Partner.objects.create(name="CTC Cuba", kind=PartnerKind.NATIONAL_CENTRE, country="CU")
    PartnerLink.objects.create(partner=cuba, unit=tree.nghe_an)
    laos = na_agreement.partners.get()
    meeting = Meeting.objects.create(
        owner_unit=tree.nghe_an, kind=MeetingKind.SEMINAR, title="Hội thảo", start_on=D(2024, 5, 1)
    )
    meeting.partners.add(laos, cuba)
    cuba_meeting = Meeting.objects.create(
        owner_unit=tree.nghe_an, kind=MeetingKind.SEMINAR, title="Gặp CTC", start_on=D(2024, 6, 1)
    )
    cuba_meeting.partners.add(cuba)
    made = {
        "laos_agreement": services.commitment_create(
            by=people.na_officer, agreement=na_agreement, description="Laos agreement", due_on=D(2024, 3, 1)
        ),
        "both_meeting": Commitment.objects.create(
            owner_unit=tree.nghe_an, meeting=meeting, description="Both meeting", due_year=2025
        ),
        "cuba_meeting": Commitment.objects.create(
            owner_unit=tree.nghe_an, meeting=cuba_meeting, description="Cuba meeting", due_on=D(2026, 1, 10)
        ),
        "france": services.commitment_create(
            by=people.hn_officer, agreement=hn_agreement, description="France", due_on=D(2024, 3, 1)
        ),
    }
    return made, laos, cuba


def test_commitments_filter_by_partner_country_and_due_period(client, people, commitments):
    _made, laos, cuba = commitments

    def found(query):
        response = client.get(reverse("agreements:commitment_list") + query)
        return sorted(c.description for c in response.context["page_obj"])

    login(client, people.vgcl_leader)
    assert found(f"?partner={laos.pk}") == ["Both meeting", "Laos agreement"]
    assert found(f"?partner={cuba.pk}") == ["Both meeting", "Cuba meeting"]
    assert found("?country=LA") == ["Both meeting", "Laos agreement"]
    assert found("?country=CU") == ["Both meeting", "Cuba meeting"]
    assert found("?country=FR") == ["France"]
    assert found("?due_from=01/01/2025&due_to=31/12/2025") == ["Both meeting"]
    assert found("?due_from=01/01/2025") == ["Both meeting", "Cuba meeting"]
    assert found("?due_to=31/12/2024") == ["France", "Laos agreement"]
    assert found("?country=LA&due_to=31/12/2024") == ["Laos agreement"]
    # A sibling unit's officer never sees Nghệ An's commitments, whatever the filter.
    assert found_as(people.hn_officer, "?country=LA") == []


def found_as(user, query):
    client = login(Client(), user)
    response = client.get(reverse("agreements:commitment_list") + query)
    return [c.description for c in response.context["page_obj"]]


def test_the_filtered_commitment_list_does_not_issue_a_query_per_row(client, people, tree, na_agreement):
    laos = na_agreement.partners.get()

    def add(n):
        for i in range(n):
            services.commitment_create(
                by=people.na_officer, agreement=na_agreement, description=f"C {i}", due_on=D(2024, 6, 1)
            )

    url = reverse("agreements:commitment_list") + f"?partner={laos.pk}&country=LA&due_from=01/01/2024"
    login(client, people.na_officer)
    add(3)
    few = count_queries(client, url)
    add(9)
    assert count_queries(client, url) <= few
