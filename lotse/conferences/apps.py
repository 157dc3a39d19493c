from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "lotse.conferences"
    label = "conferences"
    verbose_name = _("Case conferences")

    def ready(self) -> None:
        # The case page and the start page know nothing of this app: it registers itself.
        from lotse.conferences import home, panels

        panels.register_panel()
        home.register_section()
