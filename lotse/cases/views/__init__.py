from lotse.cases.views.changes import assign_manager, change_phase, edit_case
from lotse.cases.views.create import open_case
from lotse.cases.views.detail import case_detail
from lotse.cases.views.listing import case_list
from lotse.cases.views.participants import add_participant, remove_participant

__all__ = [
    "add_participant",
    "assign_manager",
    "case_detail",
    "case_list",
    "change_phase",
    "edit_case",
    "open_case",
    "remove_participant",
]
