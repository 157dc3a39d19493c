from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NameKeysConfig(AppConfig):
    name = "lotse.namekeys"
    label = "namekeys"
    verbose_name = _("Name keys")

    def ready(self) -> None:
        from lotse.namekeys import signals  # noqa: F401 (connects the receivers)
