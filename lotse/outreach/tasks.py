"""Background work: the combined letter PDF of a large campaign (django-tasks)."""

from typing import Any

from django.utils import timezone
from django_tasks import task

from lotse.audit.log import Event, append
from lotse.audit.models import AuditAction
from lotse.contacts import storage
from lotse.contacts.choices import JobStatus
from lotse.outreach.letters import letters_for, render_pdf
from lotse.outreach.models import CampaignRecipient, LetterPrint


def run_print(job_id: int) -> LetterPrint:
    """Render the job's letters, counting as it goes; store the PDF encrypted.

    Claimed with a compare-and-set on the status, so a job delivered twice runs
    once. Recipients are read again through the starter's visibility: rights
    may have ended since the job was started.
    """
    claimed = LetterPrint.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING
    )
    job = LetterPrint.objects.select_related("started_by", "campaign__organisation").get(pk=job_id)
    if not claimed:
        return job
    actor: Any = job.started_by
    try:
        recipients = (
            CampaignRecipient.objects.visible_to(actor)
            .filter(campaign=job.campaign, pk__in=job.recipient_ids)
            .order_by("id")
        )
        letters = letters_for(actor, job.campaign, recipients, timezone.localdate())
        LetterPrint.objects.filter(pk=job.pk).update(total=len(letters))

        def progress(done: int) -> None:
            LetterPrint.objects.filter(pk=job.pk).update(done=done)

        pdf = render_pdf(letters, progress)
        name = storage.new_name()
        storage.write(name, pdf)
        append(
            actor,
            [
                Event(
                    AuditAction.EXPORT,
                    "outreach.letter",
                    letter.recipient_id,
                    letter.person_id,
                    None,
                    letter.shown,
                    {"language": [None, letter.language], "print": [None, job.pk]},
                )
                for letter in letters
            ],
        )
    except Exception:
        LetterPrint.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, finished_at=timezone.now()
        )
        raise
    LetterPrint.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE, stored_name=name, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


@task()
def print_letters(job_id: int) -> int:
    return run_print(job_id).done
