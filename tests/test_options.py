"""The options endpoints behind the type-to-search selects follow the permission rule."""

import pytest
from django.urls import reverse

from solidarity.accounts.testing import PASSWORD
from solidarity.partners.models import Partner

pytestmark = pytest.mark.django_db


def options(client, user, name, **params):
    assert client.login(username=user.username, password=PASSWORD)
    return client.get(reverse(name), params).content.decode()


def test_unit_options_never_offer_a_sibling_unit(client, people):
    page = options(client, people.na_officer, "unit_options", q="lien doan")
    assert "Nghệ An" in page and "Hà Nội" not in page


def test_unit_options_fold_diacritics_and_read_the_fields_own_search_box(client, people):
    page = options(client, people.na_officer, "unit_options", field="owner_unit", owner_unit__search="ky son")
    assert "Kỳ Sơn" in page


def test_edit_scope_leaves_out_units_where_the_user_only_views(client, people, tree):
    from solidarity.accounts.choices import Role
    from solidarity.accounts.testing import make_user

    user = make_user("mixed", (tree.vinh, Role.OFFICER), (tree.ha_noi, Role.VIEWER))
    page = options(client, user, "unit_options", scope="edit", q="")
    assert "Vinh Phú" in page and "Hà Nội" not in page
    assert "Hà Nội" in client.get(reverse("unit_options"), {"q": "ha noi"}).content.decode()


def test_partner_options_search_the_shared_directory(client, people):
    Partner.objects.create(name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", kind="regional_union", country="LA")
    assert "Xiêng Khoảng" in options(client, people.hn_officer, "partner_options", q="xieng")


def test_anonymous_users_get_no_options(client, tree):
    assert client.get(reverse("unit_options")).status_code == 302


def test_a_form_renders_only_the_chosen_unit_not_the_whole_tree(client, people, tree):
    assert client.login(username=people.vgcl_admin.username, password=PASSWORD)
    page = client.get(reverse("contacts:create")).content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    assert "Tổng Liên đoàn Lao động Việt Nam" in main  # the user's own unit, preselected
    assert "Kỳ Sơn" not in main and "Hà Nội" not in main  # in scope, but not shipped as options
