from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("sent")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    NOT_TAKEN_UP = "not_taken_up", _("not taken up")
    WITHDRAWN = "withdrawn", _("withdrawn by the sender")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("normal")
    URGENT = "urgent", _("urgent")


S = ReferralStatus
# Who moves a referral where: the receiver answers and works on it, the sender
# may only withdraw while the loop is still open.
RECEIVER_MOVES: dict[str, frozenset[str]] = {
    S.SENT: frozenset({S.ACCEPTED, S.DECLINED}),
    S.ACCEPTED: frozenset({S.IN_PROGRESS, S.DONE, S.NOT_TAKEN_UP}),
    S.IN_PROGRESS: frozenset({S.DONE, S.NOT_TAKEN_UP}),
}
SENDER_MOVES: dict[str, frozenset[str]] = {
    S.SENT: frozenset({S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.WITHDRAWN}),
    S.IN_PROGRESS: frozenset({S.WITHDRAWN}),
}
OPEN_STATUSES = frozenset({S.SENT, S.ACCEPTED, S.IN_PROGRESS})
NEEDS_REASON = frozenset({S.DECLINED, S.NOT_TAKEN_UP})


class HandoverStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    # Withdrawn by the requesting owner before the receiver answered.
    CANCELLED = "cancelled", _("cancelled")
