"""Forms of the network administration: organisations, teams, users and memberships."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotse.accounts.choices import Role
from lotse.accounts.models import User
from lotse.network.choices import LegalArea
from lotse.network.models import Organisation, Team


class OrganisationForm(forms.ModelForm):
    legal_areas = forms.MultipleChoiceField(
        label=_("Legal areas"),
        choices=LegalArea.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "legal_areas",
            "parent",
            "street",
            "postcode",
            "place",
            "email",
            "phone",
            "is_active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        parents = Organisation.objects.all()
        if self.instance.pk is not None:
            parents = parents.exclude(pk=self.instance.pk)
            self.initial["legal_areas"] = self.instance.legal_area_list
        parent.queryset = parents

    def clean_legal_areas(self) -> str:
        chosen = set(self.cleaned_data["legal_areas"])
        # Stored in the order of the choices, so equal sets compare equal in the audit.
        return ",".join(code for code in LegalArea.values if code in chosen)


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name"]


class UserCreateForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The invitation to set a password goes to this address.
        self.fields["email"].required = True


class UserDetailsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "is_active"]
        help_texts = {
            "is_active": _("A deactivated user can neither sign in nor use API tokens."),
        }


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.organisation.name}: {obj.name}"


class MembershipForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.filter(is_active=True)
    )
    role = forms.ChoiceField(label=_("Role"), choices=[("", "---------"), *Role.choices])
    team = TeamChoiceField(
        label=_("Team"),
        queryset=Team.objects.select_related("organisation"),
        required=False,
        help_text=_("Optional; must belong to the organisation."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        team, organisation = data.get("team"), data.get("organisation")
        if (
            team is not None
            and organisation is not None
            and team.organisation_id != organisation.pk
        ):
            self.add_error("team", _("The team must belong to the organisation."))
        return data


class BaseMembershipFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[tuple[int, str]] = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data:
                continue
            key = (data["organisation"].pk, data["role"])
            if key in seen:
                raise forms.ValidationError(_("The same role in the same organisation twice."))
            seen.add(key)


MembershipFormSet = forms.formset_factory(MembershipForm, formset=BaseMembershipFormSet, extra=2)


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or username"), required=False, max_length=100)

    def filter(self, users: Any) -> Any:
        if not self.is_valid() or not self.cleaned_data["q"]:
            return users
        text = self.cleaned_data["q"].strip()
        return users.filter(
            Q(username__icontains=text)
            | Q(first_name__icontains=text)
            | Q(last_name__icontains=text)
        )
