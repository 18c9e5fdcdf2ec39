import pytest

from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner, PartnerLink
from solidarity.support.models import SupportItem

from .test_views import make_support


@pytest.fixture
def xieng_khoang(tree):
    partner = Partner.objects.create(
        name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", kind=PartnerKind.REGIONAL_UNION, country="LA"
    )
    PartnerLink.objects.create(partner=partner, unit=tree.nghe_an)
    return partner


@pytest.fixture
def laptops(tree, xieng_khoang):
    """Nghệ An's 50.000.000 ₫ of support to Xiêng Khoảng: 3 laptops and gifts for Bun Pi May."""
    support = make_support(tree.nghe_an, xieng_khoang, out_of_plan_reason="Quà Tết Bun Pi May")
    SupportItem.objects.create(
        support=support, description="Máy tính xách tay", quantity=3, value_vnd=45_000_000
    )
    SupportItem.objects.create(support=support, description="Quà Bun Pi May", quantity=1, value_vnd=5_000_000)
    return support
