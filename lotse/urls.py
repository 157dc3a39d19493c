from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from lotse.api_urls import urlpatterns as api_v1

urlpatterns = [
    path("", include("lotse.core.urls")),
    path("accounts/", include("lotse.accounts.urls")),
    path("people/", include("lotse.people.urls")),
    path("cases/", include("lotse.cases.urls")),
    path("intake/", include("lotse.intake.urls")),
    path("plans/", include("lotse.plans.urls")),
    path("consents/", include("lotse.access.urls")),
    path("contacts/", include("lotse.contacts.urls")),
    path("network/", include("lotse.network.urls")),
    path("audit/", include("lotse.audit.urls")),
    path("deadlines/", include("lotse.deadlines.urls")),
    path("conferences/", include("lotse.conferences.urls")),
    path("residence/", include("lotse.residence.urls")),
    path("directory/", include("lotse.directory.urls")),
    path("duplicates/", include("lotse.dedupe.urls")),
    path("outreach/", include("lotse.outreach.urls")),
    path("referrals/", include("lotse.referrals.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include((api_v1, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]

# A lost database connection answers 503 with Retry-After (lotse/core/unavailable.py).
handler500 = "lotse.core.unavailable.server_error"
