from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from lotse.accounts.choices import CASE_ROLES
from lotse.audit.log import record_reads
from lotse.core.categories import DataCategory
from lotse.people.forms import PersonSearchForm
from lotse.people.models import Nationality
from lotse.people.search import find_people, is_too_short

PAGE_SIZE = 25


def _is_partial(request: HttpRequest) -> bool:
    htmx: Any = getattr(request, "htmx", None)
    # A history restore after a cache miss needs the whole page, not the fragment.
    return bool(htmx) and not htmx.history_restore_request


@login_required
def search(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = PersonSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    too_short = bool(query.strip()) and is_too_short(query)
    page = None
    if query.strip() and not too_short:
        # Ranked best first (at most DEFAULT_LIMIT); only the page's persons are read.
        page = Paginator(find_people(user, query), PAGE_SIZE).get_page(request.GET.get("page"))
        prefetch_related_objects(
            list(page),
            Prefetch("nationalities", queryset=Nationality.objects.visible_to(user)),
        )
        # Results show names and birth dates: each listed person's trail records it.
        record_reads(user, [(person.pk, None, {DataCategory.IDENTITY}) for person in page])
    context = {
        "form": form,
        "query": query,
        "too_short": too_short,
        "page_obj": page,
        "can_register": bool(user.roles & CASE_ROLES),
    }
    template = "people/search_partial.html" if _is_partial(request) else "people/search.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response
