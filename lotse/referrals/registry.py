"""Registers the referrals panel on the case page and the two start-page sections."""


def register_all() -> None:
    from lotse.cases.panels import CasePanel
    from lotse.cases.panels import register as register_panel
    from lotse.core.home import HomeSectionSource
    from lotse.core.home import register as register_section
    from lotse.referrals.views.home import inbox_section, overdue_section
    from lotse.referrals.views.panel import referrals_panel

    register_panel(CasePanel("referrals", 40, referrals_panel))
    register_section(HomeSectionSource("referrals.inbox", 25, inbox_section))
    register_section(HomeSectionSource("referrals.overdue", 45, overdue_section))
