import datetime

import pytest

from solidarity.funds import services


@pytest.fixture
def fund(tree, people):
    """Nghệ An's fund for members in hardship, empty."""
    return services.fund_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        name="Quỹ Hỗ trợ đoàn viên khó khăn",
        purpose="Hỗ trợ đoàn viên có hoàn cảnh khó khăn.",
        rules="Thu từ đóng góp của đoàn viên và doanh nghiệp.",
    )


def add_income(fund, by, amount, day=datetime.date(2025, 3, 10), source="members", **extra):
    return services.entry_add(
        fund=fund, by=by, direction="income", entry_on=day, amount_vnd=amount, source=source, **extra
    )


def add_spending(fund, by, amount, day=datetime.date(2025, 4, 5), use="hardship", beneficiaries=10, **extra):
    return services.entry_add(
        fund=fund,
        by=by,
        direction="spending",
        entry_on=day,
        amount_vnd=amount,
        use=use,
        purpose=extra.pop("purpose", "Thăm hỏi đoàn viên ốm đau"),
        beneficiaries=beneficiaries,
        **extra,
    )
