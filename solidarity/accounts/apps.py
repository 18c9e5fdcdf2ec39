from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "solidarity.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .two_factor import on_sign_in

        user_logged_in.connect(on_sign_in, dispatch_uid="solidarity_two_factor_on_sign_in")
