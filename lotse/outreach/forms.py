from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import DateInput
from lotse.outreach.actions import MAX_FOLLOW_UP_DAYS
from lotse.outreach.choices import Channel
from lotse.residence.forms import TargetGroupForm


class CampaignForm(TargetGroupForm):
    """The target group (with the same filters as its list), and the campaign's frame."""

    title = forms.CharField(label=_("Title"), max_length=200)
    owner: Any = forms.ModelChoiceField(label=_("Campaign of"), queryset=None, empty_label=None)
    follow_up_days = forms.IntegerField(
        label=_("Follow up after (days)"),
        min_value=1,
        max_value=MAX_FOLLOW_UP_DAYS,
        initial=14,
        help_text=_("A task for the case manager, this many days after the person was informed."),
    )

    field_order = ["group", "organisation", "manager", "title", "owner", "follow_up_days"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        from lotse.network.models import Organisation

        super().__init__(*args, user=user, **kwargs)
        owner: Any = self.fields["owner"]
        owner.queryset = Organisation.objects.filter(pk__in=user.case_organisation_ids).order_by(
            "name"
        )


class InformedForm(forms.Form):
    informed_on = forms.DateField(label=_("Informed on"), widget=DateInput())
    channel = forms.ChoiceField(label=_("How"), choices=Channel.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["informed_on"].initial = timezone.localdate()
