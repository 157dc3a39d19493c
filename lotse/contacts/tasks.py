"""Background work: closing dormant cases in bulk (django-tasks, database backend)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from lotse.access.visibility import Action
from lotse.cases.choices import ClosingReason
from lotse.cases.models import Case
from lotse.contacts.choices import JobStatus
from lotse.contacts.models import BulkClosure
from lotse.plans.actions import do_close_case_with_goals
from lotse.plans.choices import Attainment
from lotse.plans.models import Goal


def run_bulk_closure(job_id: int) -> BulkClosure:
    """Close the job's cases one by one, each in its own transaction, counting as it goes.

    Claimed with a compare-and-set on the status, so a job delivered twice
    (a retried worker) runs once. Each case is checked again against the
    starter's rights at the moment it is closed: rights may have ended since.
    """
    claimed = BulkClosure.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING
    )
    job = BulkClosure.objects.select_related("started_by").get(pk=job_id)
    if not claimed:
        return job
    actor: Any = job.started_by
    try:
        for case_id in job.case_ids:
            problem = _close_one(actor, int(case_id), job.reason)
            if problem is None:
                BulkClosure.objects.filter(pk=job.pk).update(closed=F("closed") + 1)
            else:
                _add_problem(job.pk, problem)
    except Exception:
        BulkClosure.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, finished_at=timezone.now()
        )
        raise
    BulkClosure.objects.filter(pk=job.pk).update(status=JobStatus.DONE, finished_at=timezone.now())
    job.refresh_from_db()
    return job


def _close_one(actor: Any, case_id: int, reason: str) -> dict[str, Any] | None:
    case = Case.objects.visible_to(actor, Action.CHANGE).filter(pk=case_id).first()
    if case is None:
        return {
            "case": case_id,
            "reference": f"F-{case_id:07d}",
            "message": _("You may no longer close this case."),
        }
    try:
        # Nobody reviewed these goals: they end as dropped, and say why.
        why = _("Closed in bulk as dormant: %(reason)s") % {"reason": ClosingReason(reason).label}
        open_goals = Goal.objects.filter(case=case, settled_on__isnull=True)
        attainments = dict.fromkeys(
            open_goals.values_list("pk", flat=True), (Attainment.DROPPED.value, why)
        )
        do_close_case_with_goals(actor, case, reason=reason, attainments=attainments)
    except ValidationError as error:
        return {"case": case_id, "reference": case.reference, "message": " ".join(error.messages)}
    return None


@transaction.atomic
def _add_problem(job_id: int, problem: dict[str, Any]) -> None:
    job = BulkClosure.objects.select_for_update().get(pk=job_id)
    job.problems = [*job.problems, problem]
    job.skipped += 1
    job.save(update_fields=["problems", "skipped"])


@task()
def close_cases(job_id: int) -> int:
    return run_bulk_closure(job_id).closed
