"""Who reaches a campaign and which of its recipients."""

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from lotse.outreach.models import Campaign, CampaignRecipient


def require_case_staff(user: Any) -> None:
    if not user.case_organisation_ids:
        raise Http404


def campaign_for(user: Any, pk: int) -> Campaign:
    return get_object_or_404(
        Campaign.objects.of_user(user).select_related("organisation", "created_by"), pk=pk
    )


def recipients_of(user: Any, campaign: Campaign) -> Any:
    """The recipients whose residence category the user holds; the others stay unseen."""
    return CampaignRecipient.objects.visible_to(user).filter(campaign=campaign).order_by("id")


def recipient_for(user: Any, pk: int) -> CampaignRecipient:
    recipient = get_object_or_404(
        CampaignRecipient.objects.visible_to(user).select_related(
            "campaign__organisation", "follow_up"
        ),
        pk=pk,
    )
    if not Campaign.objects.of_user(user).filter(pk=recipient.campaign_id).exists():
        raise Http404
    return recipient
