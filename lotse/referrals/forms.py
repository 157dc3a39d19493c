from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.categories import DataCategory
from lotse.core.forms import DateInput
from lotse.directory.models import Service
from lotse.network.models import Organisation
from lotse.referrals.choices import ReferralStatus, Urgency


class ReferralForm(forms.Form):
    # The form token: a double submit sends the same one, and the action's
    # unique constraint turns the second into the first referral.
    token = forms.UUIDField(widget=forms.HiddenInput)
    service = forms.ModelChoiceField(
        label=_("Service"),
        queryset=Service.objects.none(),
        required=False,
        help_text=_("A referral to a service goes to its provider."),
    )
    recipient = forms.ModelChoiceField(
        label=_("Or an organisation"), queryset=Organisation.objects.none(), required=False
    )
    request = forms.CharField(label=_("What is asked"), widget=forms.Textarea, max_length=4000)
    categories = forms.MultipleChoiceField(
        label=_("Data sent"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only what a release of the person covers for the receiver can be sent."),
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    due_on = forms.DateField(label=_("Answer wanted by"), required=False, widget=DateInput)

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("token", uuid.uuid4())
        super().__init__(*args, **kwargs)
        service = self.fields["service"]
        assert isinstance(service, forms.ModelChoiceField)
        service.queryset = (
            Service.objects.active()
            .exclude(provider_id=case.organisation_id)
            .select_related("provider")
        )
        recipient = self.fields["recipient"]
        assert isinstance(recipient, forms.ModelChoiceField)
        recipient.queryset = Organisation.objects.filter(is_active=True).exclude(
            pk=case.organisation_id
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("service") and not data.get("recipient"):
            self.add_error("recipient", _("Choose a service or an organisation."))
        return data


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("New state"), choices=ReferralStatus.choices)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea, max_length=2000
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class HandoverForm(forms.Form):
    to_organisation = forms.ModelChoiceField(
        label=_("Organisation taking over"), queryset=Organisation.objects.none()
    )
    note = forms.CharField(
        label=_("Note for the receiver"), required=False, widget=forms.Textarea, max_length=2000
    )

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(is_active=True).exclude(
            pk=case.organisation_id
        )


class HandoverAnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("yes", _("Take the case over")), ("no", _("Decline"))],
        coerce=lambda value: value == "yes",
    )
    reason = forms.CharField(
        label=_("Reason for declining"), required=False, widget=forms.Textarea, max_length=2000
    )
