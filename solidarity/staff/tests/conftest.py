import datetime

import pytest

from solidarity.staff import services


@pytest.fixture
def officers(tree, people):
    """Officers of Nghệ An, of Kỳ Sơn below it, and of Hà Nội, its sibling."""
    make = services.officer_create
    return {
        "na": make(
            by=people.na_officer, owner_unit=tree.nghe_an, full_name="Nguyễn Thị Lan", employment="full_time",
            started_year=2015, position="Chuyên viên Ban Đối ngoại",
            languages=[{"language": "lo", "level": "B2"}, {"language": "en", "level": "C1"}],
        ),
        "ky_son": make(
            by=people.na_officer, owner_unit=tree.ky_son, full_name="Lò Văn Bình", employment="part_time",
            started_year=2020, languages=[{"language": "lo", "level": "native"}],
        ),
        "ha_noi": make(
            by=people.hn_officer, owner_unit=tree.ha_noi, full_name="Trần Văn Hà", employment="part_time",
            started_year=2018, languages=[{"language": "en", "level": "B1"}],
        ),
    }  # fmt: skip


@pytest.fixture
def training(tree, people, officers):
    """Nghệ An's 2025 course, with its own officer and Kỳ Sơn's."""
    course = services.training_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        title="Bồi dưỡng nghiệp vụ đối ngoại 2025",
        starts_on=datetime.date(2025, 6, 9),
        ends_on=datetime.date(2025, 6, 11),
        place="TP. Vinh",
        format="in_person",
    )
    services.participant_add(training=course, officer=officers["na"], by=people.na_officer)
    services.participant_add(training=course, officer=officers["ky_son"], by=people.na_officer, result="Đạt")
    return course
