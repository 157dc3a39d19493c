"""Forms for recording and withdrawing releases from confidentiality.

The rules about what makes a release valid live in lotse.access.actions
(validate_consent); the form checks only the shape of the input and maps the
action's errors onto its fields, so a rule is never duplicated here.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lotse.access.actions import validate_consent
from lotse.access.choices import ConsentForm
from lotse.access.models import ConsentText
from lotse.cases.models import Case
from lotse.core.categories import DataCategory
from lotse.core.forms import DateInput, add_action_errors
from lotse.network.models import Organisation
from lotse.people.models.details import language_code

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Checked against the file's first bytes: the extension alone proves nothing.
DOCUMENT_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}


def validate_document(upload: UploadedFile) -> None:
    if upload.size is not None and upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    extension = (upload.name or "").rsplit(".", 1)[-1].lower()
    signatures = DOCUMENT_SIGNATURES.get(extension)
    if signatures is None:
        raise ValidationError(_("Upload a PDF, PNG or JPEG file."))
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(signatures):
        raise ValidationError(_("The file content does not match its type (PDF, PNG or JPEG)."))


class ConsentRecordForm(forms.Form):
    text = forms.ModelChoiceField(
        label=_("Consent text"),
        queryset=ConsentText.objects.all(),
        help_text=_("The wording the person was given and signed."),
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    case = forms.ModelChoiceField(
        label=_("Case"),
        queryset=Case.objects.none(),
        required=False,
        empty_label=_("All cases of the person"),
    )
    # Not required here: validate_consent names the missing recipients and
    # categories with the wording the field needs.
    recipients = forms.ModelMultipleChoiceField(
        label=_("Recipients"),
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The organisations the person releases from confidentiality towards."),
    )
    categories = forms.MultipleChoiceField(
        label=_("Data categories"),
        choices=DataCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    special_categories_named = forms.BooleanField(
        label=_("Special categories (health) were named explicitly"), required=False
    )
    consequences_explained = forms.BooleanField(
        label=_("The consequences of refusing were explained"), required=False
    )
    form = forms.ChoiceField(
        label=_("Form"),
        choices=ConsentForm.choices,
        initial=ConsentForm.WRITTEN,
        widget=forms.RadioSelect,
    )
    witness = forms.CharField(
        label=_("Witness"),
        max_length=200,
        required=False,
        help_text=_("Required for an oral consent."),
    )
    language = forms.CharField(
        label=_("Language of the explanation"),
        max_length=3,
        validators=[language_code],
        help_text=_("ISO 639 code, e.g. de, ar, uk."),
    )
    interpreter = forms.CharField(label=_("Interpreter"), max_length=200, required=False)
    given_on = forms.DateField(label=_("Given on"), widget=DateInput())
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())
    document = forms.FileField(
        label=_("Scanned signed form"),
        required=False,
        validators=[validate_document],
        help_text=_("PDF, PNG or JPEG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def __init__(
        self, *args: Any, cases: Any, own_organisation_ids: list[int], **kwargs: Any
    ) -> None:
        kwargs.setdefault(
            "initial",
            {"given_on": timezone.localdate(), "language": (get_language() or "de")[:2]},
        )
        super().__init__(*args, **kwargs)
        case_field: Any = self.fields["case"]
        case_field.queryset = cases
        # A release is towards other organisations; the recording one knows the data.
        recipients: Any = self.fields["recipients"]
        recipients.queryset = recipients.queryset.exclude(pk__in=own_organisation_ids)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if "given_on" in data and "valid_until" in data:
            # The action checks again; running its rules here shows every
            # problem at once instead of one round trip per rule.
            try:
                validate_consent(
                    recipients=data.get("recipients") or [],
                    categories=data.get("categories") or [],
                    given_on=data["given_on"],
                    valid_until=data["valid_until"],
                    special_categories_named=data.get("special_categories_named", False),
                    form=data.get("form", ""),
                    witness=data.get("witness", ""),
                )
            except ValidationError as exc:
                add_action_errors(self, exc)
        return data


class WithdrawalForm(forms.Form):
    withdrawn_on = forms.DateField(
        label=_("Withdrawn on"),
        widget=DateInput(),
        help_text=_("The day the person withdrew the consent; not in the future."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"withdrawn_on": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean_withdrawn_on(self) -> Any:
        day = self.cleaned_data["withdrawn_on"]
        if day > timezone.localdate():
            raise ValidationError(_("A withdrawal cannot be dated in the future."))
        return day
