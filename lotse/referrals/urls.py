from django.urls import path

from lotse.referrals.views import handover, inbox, referral

app_name = "referrals"

urlpatterns = [
    path("inbox/", inbox.inbox, name="inbox"),
    path("cases/<int:pk>/new/", referral.create, name="create"),
    path("cases/<int:pk>/handover/", handover.request_handover, name="handover"),
    path("handovers/<int:pk>/answer/", handover.answer, name="handover_answer"),
    path("handovers/<int:pk>/cancel/", handover.cancel, name="handover_cancel"),
    path("<int:pk>/", referral.detail, name="detail"),
    path("<int:pk>/move/", referral.move, name="move"),
]
