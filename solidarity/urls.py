from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from solidarity.partners import views as partner_views
from solidarity.units import views as unit_views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Signing in and out and changing one's own password, but no self-service
    # password reset: the app sends no mail, and administrators set new
    # passwords for the users they manage (accounts:user_set_password).
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("users/", include("solidarity.accounts.urls")),
    path("units/", include("solidarity.units.urls")),
    path("partners/", include("solidarity.partners.urls")),
    path("contacts/", include("solidarity.contacts.urls")),
    path("plans/", include("solidarity.plans.urls")),
    path("staff/", include("solidarity.staff.urls")),
    path("agreements/", include("solidarity.agreements.urls")),
    path("delegations/", include("solidarity.delegations.urls")),
    path("meetings/", include("solidarity.meetings.urls")),
    path("support/", include("solidarity.support.urls")),
    path("migrants/", include("solidarity.migrants.urls")),
    path("funds/", include("solidarity.funds.urls")),
    path("sponsorship/", include("solidarity.sponsorship.urls")),
    path("reports/", include("solidarity.reports.urls")),
    path("period-reports/", include("solidarity.periodic.urls")),
    path("news/", include("solidarity.news.urls")),
    path("calendar/", include("solidarity.agenda.urls")),
    path("options/units/", unit_views.unit_options, name="unit_options"),
    path("options/partners/", partner_views.partner_options, name="partner_options"),
    path("privacy/", include("solidarity.privacy.urls")),
    path("files/", include("solidarity.records.urls")),
    path("jobs/", include("solidarity.jobs.urls")),
    path("notifications/", include("solidarity.notifications.urls")),
    path("imports/", include("solidarity.imports.urls")),
    path("search/", include("solidarity.search.urls")),
    path("api/", include("solidarity.api.urls")),
    path("privacy/", include("solidarity.privacy.admin_urls")),
    path("", include("solidarity.home.urls")),
]
# MEDIA_ROOT is never served by URL, not even with DEBUG on: every file goes
# through attachment_download and the permission check of its record.
