from lotse.network.views.organisations import (
    OrganisationCreate,
    OrganisationEdit,
    OrganisationList,
    TeamCreate,
    TeamDelete,
    TeamEdit,
)
from lotse.network.views.users import (
    membership_add,
    membership_remove,
    user_create,
    user_edit,
    user_list,
)

__all__ = [
    "OrganisationCreate",
    "OrganisationEdit",
    "OrganisationList",
    "TeamCreate",
    "TeamDelete",
    "TeamEdit",
    "membership_add",
    "membership_remove",
    "user_create",
    "user_edit",
    "user_list",
]
