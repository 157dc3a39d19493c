"""The filters of the audit trail (GET form, shared by the list and the CSV export)."""

import datetime
from typing import Any

from django import forms
from django.apps import apps
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import User
from lotse.audit.models import AuditAction, AuditEntryQuerySet
from lotse.core.categories import DataCategory, to_mask
from lotse.core.forms import DateInput

# Apps whose models appear as audited objects; their labels are stable
# strings in the entries ("people.person"), shown by verbose name.
_AUDITED_APPS = ("people", "cases", "access", "accounts", "network", "audit")
# Bookkeeping rows that are never the object of an entry.
_INTERNAL = frozenset({"access.accessgrant", "audit.auditchainhead"})


def object_type_choices() -> list[tuple[str, str]]:
    choices = [
        (model._meta.label_lower, str(model._meta.verbose_name))
        for model in apps.get_models()
        if model._meta.app_label in _AUDITED_APPS and model._meta.label_lower not in _INTERNAL
    ]
    return sorted(choices, key=lambda choice: choice[1].lower())


class AuditFilterForm(forms.Form):
    person = forms.IntegerField(label=_("Person (number)"), required=False, min_value=1)
    user = forms.CharField(label=_("User (user name)"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("any")), *AuditAction.choices],
    )
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    category = forms.ChoiceField(
        label=_("Data category"),
        required=False,
        choices=[("", _("any")), *DataCategory.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        object_type = self.fields["object_type"]
        assert isinstance(object_type, forms.ChoiceField)
        object_type.choices = [("", _("any")), *object_type_choices()]
        # Field errors are announced with the field (WCAG 3.3.1).
        for name, field in self.fields.items():
            if self.is_bound and name in self.errors:
                field.widget.attrs["aria-invalid"] = "true"
                field.widget.attrs["aria-describedby"] = f"id_{name}_errors"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned

    @property
    def active_filters(self) -> dict[str, str]:
        """The filters in use, as strings: recorded with an export."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            name: value.isoformat() if isinstance(value, datetime.date) else str(value)
            for name, value in self.cleaned_data.items()
            if value not in (None, "")
        }

    def apply(self, entries: AuditEntryQuerySet) -> AuditEntryQuerySet:
        """Filter by every field that validated; invalid fields are ignored (and shown)."""
        if not self.is_bound:
            return entries
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("person"):
            entries = entries.filter(person_id=data["person"])
        if data.get("user"):
            username = data["user"].strip()
            # The name snapshot finds former names; the user table finds renamed users.
            entries = entries.filter(
                Q(actor_name__iexact=username)
                | Q(actor_id__in=User.objects.filter(username__iexact=username).values("id"))
            )
        if data.get("action"):
            entries = entries.filter(action=data["action"])
        if data.get("object_type"):
            entries = entries.filter(object_type=data["object_type"])
        if data.get("date_from"):
            entries = entries.filter(at__gte=_start_of(data["date_from"]))
        if data.get("date_to"):
            entries = entries.filter(at__lt=_start_of(data["date_to"] + datetime.timedelta(days=1)))
        if data.get("category"):
            bit = to_mask([data["category"]])
            entries = entries.alias(
                _category_hit=ExpressionWrapper(
                    F("categories").bitand(bit), output_field=models.IntegerField()
                )
            ).filter(_category_hit__gt=0)
        return entries


def _start_of(day: datetime.date) -> datetime.datetime:
    # A range on the indexed timestamp, in the local time zone the user means.
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
