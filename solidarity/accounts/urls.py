from django.urls import path

from . import two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.user_list, name="user_list"),
    path("new/", views.user_create, name="user_create"),
    path("<int:pk>/", views.user_detail, name="user_detail"),
    path("<int:pk>/edit/", views.user_edit, name="user_edit"),
    path("<int:pk>/active/", views.user_set_active, name="user_set_active"),
    path("<int:pk>/password/", views.user_set_password, name="user_set_password"),
    path("<int:pk>/roles/new/", views.membership_add, name="membership_add"),
    path("roles/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path("roles/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    # Two-factor sign-in: one's own (any signed-in user) and an administrator's reset.
    path("two-factor/", two_factor_views.two_factor_overview, name="two_factor"),
    path("two-factor/setup/", two_factor_views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/setup/qr.svg", two_factor_views.two_factor_qr, name="two_factor_qr"),
    path("two-factor/code/", two_factor_views.two_factor_verify, name="two_factor_verify"),
    path(
        "two-factor/recovery-codes/",
        two_factor_views.two_factor_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("two-factor/off/", two_factor_views.two_factor_disable, name="two_factor_disable"),
    path("<int:pk>/two-factor/reset/", two_factor_views.two_factor_reset, name="two_factor_reset"),
]
