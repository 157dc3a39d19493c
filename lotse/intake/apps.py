from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "lotse.intake"
    label = "intake"
    verbose_name = _("Intake and assessment")

    def ready(self) -> None:
        # The case page shows the intake and the assessment without the cases
        # app knowing this one.
        from lotse.cases.panels import CasePanel, register
        from lotse.intake.panels import render_assessment, render_intake

        register(CasePanel(key="intake", order=10, render=render_intake))
        register(CasePanel(key="assessment", order=20, render=render_assessment))
