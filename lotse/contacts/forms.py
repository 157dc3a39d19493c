from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.cases.choices import ClosingReason
from lotse.contacts.choices import Channel
from lotse.contacts.models.contact import MAX_MINUTES, language_code
from lotse.contacts.uploads import max_bytes
from lotse.core.categories import DataCategory
from lotse.core.forms import DateInput


class ContactForm(forms.Form):
    """The one short form on the case page: the usual contact takes four fields."""

    occurred_on = forms.DateField(label=_("Date"), widget=DateInput())
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=MAX_MINUTES
    )
    participants = forms.CharField(
        label=_("Participants"),
        max_length=300,
        required=False,
        help_text=_("Who else took part, for example 'wife, job centre'."),
    )
    interpreter_language = forms.CharField(
        label=_("Interpreter language"),
        max_length=3,
        required=False,
        validators=[language_code],
        help_text=_("ISO code such as ar, prs or uk; empty when no interpreter was used."),
    )
    interpreter = forms.CharField(
        label=_("Interpreter"), max_length=120, required=False, help_text=_("Who interpreted.")
    )
    note = forms.CharField(
        label=_("Short note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Stable ids of their own: the case page holds other forms with the same field names.
        kwargs.setdefault("auto_id", "contact-%s")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("occurred_on", timezone.localdate())
            self.initial.setdefault("channel", Channel.IN_PERSON)
            self.initial.setdefault("duration_minutes", 30)

    def clean_interpreter_language(self) -> str:
        return str(self.cleaned_data.get("interpreter_language") or "").strip().lower()


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("PDF, PNG or JPEG."))
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Empty: the file name."),
    )
    data_category = forms.ChoiceField(
        label=_("Kind of data"),
        choices=[("", "---------"), *DataCategory.choices],
        help_text=_(
            "Who may open the document follows from this: a medical report is health data."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "document-%s")
        super().__init__(*args, **kwargs)
        file_field = self.fields["file"]
        file_field.help_text = _("PDF, PNG or JPEG, at most %(limit)s MB.") % {
            "limit": max_bytes() // (1024 * 1024)
        }
        file_field.widget.attrs["accept"] = ".pdf,.png,.jpg,.jpeg"


class DormantFilterForm(forms.Form):
    weeks = forms.IntegerField(
        label=_("Without contact for (weeks)"), min_value=1, max_value=520, required=False
    )


class BulkCloseForm(forms.Form):
    """The cases ticked on the dormant list and one reason; the action checks each case."""

    reason = forms.ChoiceField(
        label=_("Reason for closing"), choices=[("", "---------"), *ClosingReason.choices]
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raw = self.data.getlist("cases") if hasattr(self.data, "getlist") else []
        try:
            data["cases"] = sorted({int(value) for value in raw})
        except ValueError:
            raise forms.ValidationError(_("Choose cases from the list.")) from None
        if not data["cases"]:
            raise forms.ValidationError(_("Choose at least one case."))
        return data
