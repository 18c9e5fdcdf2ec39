from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _retention_due(queryset, cutoff):
    """Closed cases whose closing day is before the retention cutoff."""
    from .choices import CaseStatus

    return queryset.filter(status=CaseStatus.CLOSED, closed_on__lt=cutoff)


def _erase_follow_ups(case):
    """A follow-up's note may name the person: blanked with the case's personal fields."""
    from .services import followups_erase

    followups_erase(case=case)


class MigrantsConfig(AppConfig):
    name = "solidarity.migrants"
    label = "migrants"
    verbose_name = _("Migrant workers")

    def ready(self):
        # Its people, for the privacy duties (consent, access log, requests, erasure, retention).
        from solidarity.privacy.registry import PersonKind, register

        from .models import ERASED_NAME, PERSONAL_FIELDS, SENSITIVE_FIELDS

        register(
            PersonKind(
                key="migrants.migrantcase",
                label=_("Migrant workers' cases"),
                unit_field="owner_unit",
                personal_fields=PERSONAL_FIELDS,
                sensitive_fields=SENSITIVE_FIELDS,
                erased_values={"full_name": ERASED_NAME},
                retention_due=_retention_due,
                erase_extra=_erase_follow_ups,
            )
        )

        # What its cases add to the figures: no personal data, only the case's facts.
        from solidarity.figures.sources import register as count_in_figures

        from .figures import CasesClosedFigures, CasesOpenedFigures

        count_in_figures(CasesOpenedFigures())
        count_in_figures(CasesClosedFigures())

        from solidarity.records.sheets import register as declare_sheets

        from .sheets import CASES, CASES_PERSONAL, FOLLOW_UPS

        declare_sheets(FOLLOW_UPS, CASES, CASES_PERSONAL)
