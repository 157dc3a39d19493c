from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from lotse.access.visibility import Action
from lotse.cases.models import Case


def changeable_case(request: HttpRequest, pk: int) -> Case:
    """The case if the user may change it; 404 otherwise, the same as a missing case."""
    user: Any = request.user
    return get_object_or_404(Case.objects.visible_to(user, Action.CHANGE), pk=pk)
