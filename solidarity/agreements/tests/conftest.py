import datetime

import pytest

from solidarity.agreements import services
from solidarity.agreements.choices import AgreementStatus, AgreementType
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner, PartnerLink


@pytest.fixture
def xieng_khoang(tree):
    partner = Partner.objects.create(
        name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", kind=PartnerKind.REGIONAL_UNION, country="LA"
    )
    PartnerLink.objects.create(partner=partner, unit=tree.nghe_an)
    return partner


@pytest.fixture
def na_agreement(people, tree, xieng_khoang):
    """The 2017 Nghệ An – Xiêng Khoảng cooperation record."""
    return services.agreement_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        partners=[xieng_khoang],
        title="Biên bản hợp tác Nghệ An – Xiêng Khoảng",
        agreement_type=AgreementType.COOPERATION_AGREEMENT,
        status=AgreementStatus.IN_FORCE,
        signed_on=datetime.date(2017, 5, 10),
        signed_place="Vinh",
        our_signatory="Kha Văn Tám",
        partner_signatory="Phu Von Si Khăm On",
        valid_from=datetime.date(2017, 5, 10),
        is_international_agreement=True,
    )


@pytest.fixture
def hn_agreement(people, tree):
    partner = Partner.objects.create(
        name="Confédération générale du travail", kind=PartnerKind.NGO, country="FR"
    )
    PartnerLink.objects.create(partner=partner, unit=tree.ha_noi)
    return services.agreement_create(
        by=people.hn_officer,
        owner_unit=tree.ha_noi,
        partners=[partner],
        title="Memorandum Hà Nội – CGT",
        agreement_type=AgreementType.MEMORANDUM,
        status=AgreementStatus.IN_FORCE,
        signed_on=datetime.date(2020, 3, 1),
        is_international_agreement=False,
    )
