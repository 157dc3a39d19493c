"""Network administration: organisations and their teams (reference data).

Only administrators reach these pages; everyone else gets 404, as for any
page they may not see. Nothing here shows case content.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, ListView, UpdateView, View
from django.views.generic.edit import ModelFormMixin

from lotse.core.forms import add_action_errors
from lotse.network.actions import do_delete_team, do_save_organisation, do_save_team
from lotse.network.forms import OrganisationForm, TeamForm
from lotse.network.models import Organisation, Team
from lotse.network.views.common import AdministratorRequiredMixin


class OrganisationList(AdministratorRequiredMixin, ListView[Organisation]):
    template_name = "network/organisation_list.html"
    context_object_name = "organisations"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Organisation]:
        # Meta.ordering does not apply to aggregating queries: order explicitly.
        return (
            Organisation.objects.select_related("parent")
            .annotate(
                team_count=Count("teams", distinct=True),
                member_count=Count("memberships__user", distinct=True),
            )
            .order_by("name")
        )


class OrganisationSave(AdministratorRequiredMixin, ModelFormMixin[Organisation, OrganisationForm]):
    model = Organisation
    form_class = OrganisationForm
    request: HttpRequest

    def form_valid(self, form: OrganisationForm) -> HttpResponse:
        try:
            organisation = do_save_organisation(self.request.user, form.save(commit=False))
        except ValidationError as error:
            add_action_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s was saved.") % {"name": organisation.name})
        return redirect("network:organisation_edit", pk=organisation.pk)


class OrganisationCreate(OrganisationSave, CreateView[Organisation, OrganisationForm]):
    template_name = "network/organisation_form.html"


class OrganisationEdit(OrganisationSave, UpdateView[Organisation, OrganisationForm]):
    template_name = "network/organisation_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["teams"] = self.object.teams.annotate(member_count=Count("memberships"))
        return context


class TeamCreate(AdministratorRequiredMixin, CreateView[Team, TeamForm]):
    model = Team
    form_class = TeamForm
    template_name = "network/team_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["organisation"] = self.organisation
        return context

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.organisation = get_object_or_404(Organisation, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: TeamForm) -> HttpResponse:
        team = form.save(commit=False)
        team.organisation = self.organisation
        try:
            do_save_team(self.request.user, team)
        except ValidationError as error:
            add_action_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Team %(name)s was saved.") % {"name": team.name})
        return redirect("network:organisation_edit", pk=self.organisation.pk)


class TeamEdit(AdministratorRequiredMixin, UpdateView[Team, TeamForm]):
    model = Team
    form_class = TeamForm
    template_name = "network/team_form.html"
    pk_url_kwarg = "team_pk"

    def get_queryset(self) -> QuerySet[Team]:
        return Team.objects.filter(organisation_id=self.kwargs["pk"]).select_related("organisation")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["organisation"] = self.object.organisation
        return context

    def form_valid(self, form: TeamForm) -> HttpResponse:
        try:
            team = do_save_team(self.request.user, form.save(commit=False))
        except ValidationError as error:
            add_action_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Team %(name)s was saved.") % {"name": team.name})
        return redirect("network:organisation_edit", pk=team.organisation_id)


class TeamDelete(AdministratorRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, team_pk: int) -> HttpResponse:
        team = get_object_or_404(Team, pk=team_pk, organisation_id=pk)
        do_delete_team(request.user, team)
        messages.success(request, _("Team %(name)s was deleted.") % {"name": team.name})
        return redirect(reverse("network:organisation_edit", kwargs={"pk": pk}))
