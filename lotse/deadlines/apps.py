from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "lotse.deadlines"
    label = "deadlines"
    verbose_name = _("Deadlines")

    def ready(self) -> None:
        # The case page and the start page know nothing of this app: it registers itself.
        from lotse.deadlines import home, panel

        panel.register_panel()
        home.register_sections()
