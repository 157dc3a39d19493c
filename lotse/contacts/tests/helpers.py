import datetime

from django.utils import timezone

from lotse.cases.models import Case


def opened_weeks_ago(case, weeks):
    opened = timezone.localdate() - datetime.timedelta(weeks=weeks)
    Case.objects.filter(pk=case.pk).update(opened_on=opened)
    case.refresh_from_db()
    return case
