"""All /api/v1/ routes, collected from each app's api package."""

from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from lotse.access.api.views import ConsentViewSet
from lotse.audit.api.views import AuditEntryViewSet
from lotse.cases.api.views import CaseViewSet
from lotse.core.api.errors import not_found
from lotse.network.api.views import OrganisationViewSet
from lotse.people.api.views import PersonViewSet

# No format suffixes: `/audit/export.csv` is a real route, not `export` as CSV,
# and one representation per endpoint keeps the schema simple.
router = DefaultRouter()
router.include_format_suffixes = False

# Each app registers its viewsets here; keep the list sorted by prefix.
router.register("audit", AuditEntryViewSet, basename="audit")
router.register("cases", CaseViewSet, basename="case")
router.register("consents", ConsentViewSet, basename="consent")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("people", PersonViewSet, basename="person")

urlpatterns = [
    # Before the router, whose audit detail route would otherwise claim "export.csv".
    path("audit/export.csv", AuditEntryViewSet.as_view({"get": "export"}), name="audit-export"),
    *router.urls,
    # Last: any other path ending in a slash answers a JSON 404 instead of the HTML page.
    # Paths without the slash still get Django's redirect to the slashed path first.
    # Unnamed: nothing links to it.
    re_path(r"^(?P<path>[\s\S]*/)$", not_found),
]
