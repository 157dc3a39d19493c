from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from lotse.access.visibility import may_change
from lotse.cases.models import Case


def case_for_change(request: HttpRequest, pk: int) -> Case:
    """The case, if the user may change it; 404 otherwise, the same as a missing case."""
    user: Any = request.user
    case = get_object_or_404(Case.objects.visible_to(user).select_related("organisation"), pk=pk)
    if not may_change(user, case.person_id, case.pk):
        raise Http404
    return case
