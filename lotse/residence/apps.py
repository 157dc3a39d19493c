from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidenceConfig(AppConfig):
    name = "lotse.residence"
    label = "residence"
    verbose_name = _("Residence status")
