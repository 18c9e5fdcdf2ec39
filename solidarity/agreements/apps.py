from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "solidarity.agreements"
    label = "agreements"
    verbose_name = _("Agreements")

    def ready(self):
        # Declared here, so the records layer's timeline never imports this app.
        from solidarity.records.timeline import register

        from .timeline import AgreementTimeline, CommitmentTimeline, SigningStepTimeline

        register(AgreementTimeline())
        register(SigningStepTimeline())
        register(CommitmentTimeline())

        # What its records add to the figures, declared here for the same reason.
        from solidarity.figures.sources import register as count_in_figures

        from .figures import AgreementEndFigures, AgreementFigures, AgreementStartFigures, CommitmentFigures

        count_in_figures(AgreementFigures())
        count_in_figures(AgreementStartFigures())
        count_in_figures(AgreementEndFigures())
        count_in_figures(CommitmentFigures())

        # Its spreadsheets (export of the list, import), declared once for both.
        from solidarity.records.sheets import register as declare_sheets

        from .sheets import AGREEMENTS, COMMITMENTS, PHASES

        declare_sheets(AGREEMENTS, COMMITMENTS, PHASES)
