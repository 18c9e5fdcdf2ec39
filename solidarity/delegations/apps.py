from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegationsConfig(AppConfig):
    name = "solidarity.delegations"
    label = "delegations"
    verbose_name = _("Delegations")

    def ready(self):
        # Declared here, so the records layer's timeline never imports this app.
        from solidarity.records.timeline import register

        from .timeline import DelegationTimeline

        register(DelegationTimeline())

        # What its records add to the figures, declared here for the same reason.
        from solidarity.figures.sources import register as count_in_figures

        from .figures import DelegationFigures, DelegationReportFigures

        count_in_figures(DelegationFigures())
        count_in_figures(DelegationReportFigures())

        # Its spreadsheets (export of the list, import), declared once for both.
        from solidarity.records.sheets import register as declare_sheets

        from .sheets import COSTS, DELEGATIONS, MEMBERS

        declare_sheets(DELEGATIONS, MEMBERS, COSTS)

        # Its members' personal data, for the privacy duties (consent, log, erasure, retention).
        from solidarity.privacy.registry import PersonKind
        from solidarity.privacy.registry import register as declare_people

        from .models import MEMBER_PERSONAL_FIELDS, MEMBER_SENSITIVE_FIELDS

        declare_people(
            PersonKind(
                key="delegations.member",
                label=_("Delegation members"),
                unit_field="delegation__owner_unit",
                personal_fields=MEMBER_PERSONAL_FIELDS,
                sensitive_fields=MEMBER_SENSITIVE_FIELDS,
                retention_due=_members_due,
            )
        )


def _members_due(members, cutoff):
    """Members of delegations that ended before ``cutoff``."""
    return members.filter(delegation__end_on__lt=cutoff)
