from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from solidarity.core.models import ChoiceLabelsModel

from .choices import Role


class User(AbstractUser):
    """A person who signs in: an officer, a leader, a viewer or an administrator."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    title = models.CharField(_("title"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    sessions_ended_at = models.DateTimeField(
        _("sessions ended at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When every open session of the user was last ended, e.g. on deactivation."),
    )

    # Who changed an account and when; sign-ins, password hashes and the
    # session-ending stamp (like a password, it only keys sessions) stay out.
    history = HistoricalRecords(excluded_fields=["password", "last_login", "sessions_ended_at"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    def end_sessions(self) -> None:
        """End every open session of the user at once (save the user afterwards).

        Django keys each session to a hash of the password; folding this stamp
        in changes the hash, so every cookie issued before now stops working on
        its next request and stays dead when the account is reactivated.
        """
        self.sessions_ended_at = timezone.now()

    def _get_session_auth_hash(self, secret=None):
        # Django's own hash (of the password alone) while no session was ever
        # ended, so adding the stamp signed nobody out. Both public hash
        # methods (current and fallback keys) go through this one.
        if self.sessions_ended_at is None:
            return super()._get_session_auth_hash(secret=secret)
        key_salt = "solidarity.accounts.models.User.get_session_auth_hash"
        value = f"{self.password}|{self.sessions_ended_at.isoformat()}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()


class Membership(ChoiceLabelsModel):
    """A user's role in one unit; it reaches every unit below it."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="memberships", verbose_name=_("unit")
    )
    role = models.PositiveSmallIntegerField(_("role"), choices=Role.choices, default=Role.VIEWER)
    # Personal data law 91/2025/QH15: who may see the personal fields of the
    # people in the unit's records (migrant workers, delegation members,
    # contacts) is a grant of its own, not a consequence of a role.
    personal_data = models.BooleanField(
        _("may see personal data"),
        default=False,
        help_text=_(
            "Sees the personal and sensitive details of the people in the records of the unit and the "
            "units below it (migrant workers, delegation members, contacts)."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="membership_user_unit_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"
