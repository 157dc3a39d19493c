"""All /api/v1/ routes, collected from each app's api package."""

from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from lotse.access.api.views import ConsentViewSet
from lotse.audit.api.views import AuditEntryViewSet
from lotse.cases.api.views import CaseViewSet
from lotse.conferences.api.views import ConferenceViewSet
from lotse.contacts.api.views import (
    BulkClosureViewSet,
    ContactViewSet,
    DocumentViewSet,
    DormantCaseViewSet,
)
from lotse.core.api.errors import not_found
from lotse.deadlines.api.views import CalendarFeedView, CaseloadViewSet, DashboardView, TaskViewSet
from lotse.dedupe.api.views import DuplicateViewSet, MergeViewSet
from lotse.directory.api.views import ServiceViewSet
from lotse.intake.api.views import AssessmentViewSet, IntakeViewSet
from lotse.network.api.views import OrganisationViewSet
from lotse.outreach.api import CampaignViewSet, LetterPrintViewSet, RecipientViewSet
from lotse.people.api.views import PersonViewSet
from lotse.plans.api.views import GoalViewSet, PlanViewSet, StepViewSet
from lotse.referrals.api.views import HandoverViewSet, ReferralViewSet
from lotse.residence.api.lists import DeadlineListView, TargetGroupView
from lotse.residence.api.person_views import (
    EvaluationViewSet,
    PathwaysView,
    ResidenceFactsViewSet,
)
from lotse.residence.api.views import (
    BenefitPeriodViewSet,
    ChildViewSet,
    ConvictionViewSet,
    EmploymentSpellViewSet,
    LanguageCertificateViewSet,
    StatusPeriodViewSet,
)

# No format suffixes: `/audit/export.csv` is a real route, not `export` as CSV,
# and one representation per endpoint keeps the schema simple.
router = DefaultRouter()
router.include_format_suffixes = False

# Each app registers its viewsets here; keep the list sorted by prefix.
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register("audit", AuditEntryViewSet, basename="audit")
router.register("bulk-closures", BulkClosureViewSet, basename="bulk-closure")
router.register("caseload", CaseloadViewSet, basename="caseload")
router.register("cases", CaseViewSet, basename="case")
router.register("conferences", ConferenceViewSet, basename="conference")
router.register("consents", ConsentViewSet, basename="consent")
router.register("contacts", ContactViewSet, basename="contact")
router.register("documents", DocumentViewSet, basename="document")
router.register("duplicates", DuplicateViewSet, basename="duplicate")
router.register("dormant-cases", DormantCaseViewSet, basename="dormant-case")
router.register("goals", GoalViewSet, basename="goal")
router.register("handovers", HandoverViewSet, basename="handover")
router.register("intakes", IntakeViewSet, basename="intake")
router.register("merges", MergeViewSet, basename="merge")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("outreach/campaigns", CampaignViewSet, basename="campaign")
router.register("outreach/recipients", RecipientViewSet, basename="campaign-recipient")
router.register("outreach/prints", LetterPrintViewSet, basename="letter-print")
router.register("people", PersonViewSet, basename="person")
router.register("plans", PlanViewSet, basename="plan")
router.register("services", ServiceViewSet, basename="service")
router.register("referrals", ReferralViewSet, basename="referral")
router.register("steps", StepViewSet, basename="step")
router.register("tasks", TaskViewSet, basename="task")
router.register("residence/benefits", BenefitPeriodViewSet, basename="benefit-period")
router.register("residence/children", ChildViewSet, basename="child")
router.register("residence/convictions", ConvictionViewSet, basename="conviction")
router.register("residence/employment", EmploymentSpellViewSet, basename="employment-spell")
router.register("residence/evaluations", EvaluationViewSet, basename="evaluation")
router.register("residence/facts", ResidenceFactsViewSet, basename="residence-facts")
router.register(
    "residence/language-certificates", LanguageCertificateViewSet, basename="language-certificate"
)
router.register("residence/status-periods", StatusPeriodViewSet, basename="status-period")

urlpatterns = [
    # Before the router, whose audit detail route would otherwise claim "export.csv".
    path("audit/export.csv", AuditEntryViewSet.as_view({"get": "export"}), name="audit-export"),
    # One object per user, not a collection: plain views beside the router.
    path("calendar-feed/", CalendarFeedView.as_view(), name="calendar-feed"),
    path("dashboard/", DashboardView.as_view(), name="dashboard"),
    path("people/<int:id>/pathways/", PathwaysView.as_view(), name="person-pathways"),
    path("residence/deadlines/", DeadlineListView.as_view(), name="residence-deadlines"),
    path("residence/target-groups/", TargetGroupView.as_view(), name="residence-target-groups"),
    *router.urls,
    # Last: any other path ending in a slash answers a JSON 404 instead of the HTML page.
    # Paths without the slash still get Django's redirect to the slashed path first.
    # Unnamed: nothing links to it.
    re_path(r"^(?P<path>[\s\S]*/)$", not_found),
]
