"""Registers the plan panel on the case page and the overdue-steps start-page section."""


def register_all() -> None:
    from lotse.cases.panels import CasePanel
    from lotse.cases.panels import register as register_panel
    from lotse.core.home import HomeSectionSource
    from lotse.core.home import register as register_section
    from lotse.plans.views.home import overdue_steps_section
    from lotse.plans.views.panel import plan_panel

    register_panel(CasePanel("plan", 30, plan_panel))
    register_section(HomeSectionSource("overdue_steps", 40, overdue_steps_section))
