"""All /api/v1/ routes, collected from each app's api package."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()

# Each app registers its viewsets here; keep the list sorted by prefix.
from lotse.access.api.views import ConsentViewSet  # noqa: E402
from lotse.audit.api.views import AuditEntryViewSet  # noqa: E402
from lotse.cases.api.views import CaseViewSet  # noqa: E402
from lotse.network.api.views import OrganisationViewSet  # noqa: E402
from lotse.people.api.views import PersonViewSet  # noqa: E402

router.register("audit", AuditEntryViewSet, basename="audit")
router.register("cases", CaseViewSet, basename="case")
router.register("consents", ConsentViewSet, basename="consent")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("people", PersonViewSet, basename="person")

urlpatterns = router.urls
