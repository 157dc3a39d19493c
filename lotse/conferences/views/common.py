from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from lotse.access.visibility import Action
from lotse.conferences.models import CaseConference


def conference_for(request: HttpRequest, pk: int, action: Action = Action.VIEW) -> CaseConference:
    """The conference if the user's organisation takes part and still holds a release
    covering it (or, to change it, owns the case); 404 otherwise, as if missing."""
    user: Any = request.user
    return get_object_or_404(
        CaseConference.objects.visible_to(user, action).select_related("case__person"), pk=pk
    )
