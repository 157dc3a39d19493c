from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "lotse.referrals"
    label = "referrals"
    verbose_name = _("Referrals and hand-overs")

    def ready(self) -> None:
        from lotse.referrals import registry

        registry.register_all()
