"""The duplicate review queue: compare, merge, keep apart, undo.

Thin views: the queue module decides who sees which pair, the merge module
changes things; a pair or merge outside the reviewer's scope answers 404.
"""

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.audit.log import record_reads
from lotse.core.categories import DataCategory
from lotse.dedupe.merge import (
    UNDO_DAYS,
    MergeRefused,
    do_mark_distinct,
    do_merge,
    do_undo_merge,
    undo_deadline,
)
from lotse.dedupe.queue import may_review, merges, open_pairs, pair_evidence

PAGE_SIZE = 20
View = Callable[..., HttpResponseBase]


def reviewer_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not may_review(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _refusal(request: HttpRequest, error: MergeRefused) -> HttpResponse:
    for message in error.messages:
        messages.error(request, message)
    return redirect("dedupe:queue")


@reviewer_required
def queue(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    page = Paginator(open_pairs(user), PAGE_SIZE).get_page(request.GET.get("page"))
    pairs = pair_evidence(user, list(page.object_list))
    since = timezone.now() - datetime.timedelta(days=UNDO_DAYS)
    recent = list(merges(user).filter(undone_at__isnull=True, merged_at__gte=since)[:50])
    shown = sorted({pk for m in recent for pk in (m.survivor_id, m.merged_id)})
    record_reads(user, [(pk, None, {DataCategory.IDENTITY.value}) for pk in shown])
    return render(
        request,
        "dedupe/queue.html",
        {
            "page": page,
            "pairs": pairs,
            "recent_merges": [(m, undo_deadline(m)) for m in recent],
            "undo_days": UNDO_DAYS,
        },
    )


def _open_pair(request: HttpRequest, pk: int) -> Any:
    candidate = open_pairs(request.user).filter(pk=pk).first()
    if candidate is None:
        raise Http404
    return candidate


@require_POST
@reviewer_required
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _open_pair(request, pk)
    pair = {candidate.person_a_id: candidate.person_a, candidate.person_b_id: candidate.person_b}
    try:
        survivor_id = int(request.POST.get("survivor", ""))
    except ValueError:
        survivor_id = 0
    if survivor_id not in pair:
        messages.error(request, _("Choose which of the two records is kept."))
        return redirect("dedupe:queue")
    merged_id = next(p for p in pair if p != survivor_id)
    try:
        do_merge(request.user, pair[survivor_id], pair[merged_id], candidate)
    except MergeRefused as error:
        return _refusal(request, error)
    messages.success(
        request,
        _(
            "The records were merged. The merge can be undone on the duplicates page "
            "within %(days)d days."
        )
        % {"days": UNDO_DAYS},
    )
    return redirect("people:detail", pk=survivor_id)


@require_POST
@reviewer_required
def distinct(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _open_pair(request, pk)
    try:
        do_mark_distinct(request.user, candidate)
    except MergeRefused as error:
        return _refusal(request, error)
    messages.success(request, _("Marked as not the same person; the pair will not come back."))
    return redirect("dedupe:queue")


@require_POST
@reviewer_required
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    record = merges(request.user).filter(pk=pk).first()
    if record is None:
        raise Http404
    try:
        do_undo_merge(request.user, record)
    except MergeRefused as error:
        return _refusal(request, error)
    messages.success(request, _("The merge was undone; both records are separate again."))
    return redirect("dedupe:queue")
