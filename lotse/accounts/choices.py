from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASE_MANAGER = "case_manager", _("Case manager")
    TEAM_LEAD = "team_lead", _("Team lead")
    OFFICE_STAFF = "office_staff", _("Office staff")
    COORDINATOR = "coordinator", _("Coordinator")
    DPO = "dpo", _("Data protection officer")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that do case work and so may see case content of their organisation's
# cases (within what grants allow). Coordinators, DPOs and administrators see
# no case content by default (domain.md, "Users and what each may see").
CASE_ROLES = frozenset({Role.CASE_MANAGER, Role.TEAM_LEAD, Role.OFFICE_STAFF})
# Roles that reach personal data in any form and so must use a second factor.
PERSONAL_DATA_ROLES = frozenset(CASE_ROLES | {Role.DPO, Role.ADMINISTRATOR})
