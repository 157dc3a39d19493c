from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lotse.access.visibility import Action
from lotse.accounts.models import User
from lotse.cases.models import Case
from lotse.core.api.serializers import ReleasedOnlySerializer
from lotse.core.categories import DataCategory
from lotse.deadlines.choices import TaskStatus
from lotse.deadlines.models import Task
from lotse.network.models import Team
from lotse.plans.models import Goal, Step


class TaskSerializer(ReleasedOnlySerializer):
    """A follow-up; the person's name only with identity, its text only with case notes."""

    field_categories = {
        "person_name": DataCategory.IDENTITY.value,
        "title": DataCategory.CASE_NOTES.value,
        "note": DataCategory.CASE_NOTES.value,
    }
    case_reference = serializers.CharField(source="case.reference", read_only=True)
    person = serializers.IntegerField(source="case.person_id", read_only=True)
    person_name = serializers.CharField(source="case.person.display_name", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "case",
            "case_reference",
            "person",
            "person_name",
            "title",
            "note",
            "due_on",
            "appointment_time",
            "remind_on",
            "assignee",
            "team",
            "organisation",
            "goal",
            "step",
            "status",
            "overdue",
            "completed_at",
            "completed_by",
            "reminded_at",
            "version",
            "created_at",
            "updated_at",
            "withheld_categories",
        ]
        read_only_fields = fields

    def get_overdue(self, task: Task) -> bool:
        return task.is_overdue()


class _AssignmentFields(serializers.Serializer):
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text=_("A case worker of the owning organisation; or give a team."),
    )
    team = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("A team of the owning organisation; or give a person."),
    )


class _LinkFields(serializers.Serializer):
    goal = serializers.PrimaryKeyRelatedField(
        queryset=Goal.objects.none(),
        required=False,
        allow_null=True,
        help_text=_("A goal of the case's integration plan."),
    )
    step = serializers.PrimaryKeyRelatedField(
        queryset=Step.objects.none(),
        required=False,
        allow_null=True,
        help_text=_("An agreed step of the case's plan; its goal is linked too."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.context["request"].user if "request" in self.context else None
        # Only rows the user may see: another organisation's ids name nothing here.
        self.fields["goal"].queryset = Goal.objects.visible_to(user)  # type: ignore[attr-defined]
        self.fields["step"].queryset = Step.objects.visible_to(user)  # type: ignore[attr-defined]


class TaskCreateSerializer(_LinkFields, _AssignmentFields):
    case = serializers.PrimaryKeyRelatedField(
        queryset=Case.objects.none(), help_text=_("A case you may change.")
    )
    title = serializers.CharField(max_length=200)
    due_on = serializers.DateField()
    appointment_time = serializers.TimeField(
        required=False,
        allow_null=True,
        help_text=_("Only for an appointment with the person: its start on the due date."),
    )
    remind_on = serializers.DateField(required=False, help_text=_("Defaults to the due date."))
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.context["request"].user if "request" in self.context else None
        self.fields["case"].queryset = Case.objects.visible_to(user, Action.CHANGE)  # type: ignore[attr-defined]


class TaskUpdateSerializer(_LinkFields, _AssignmentFields):
    title = serializers.CharField(max_length=200, required=False)
    due_on = serializers.DateField(required=False)
    appointment_time = serializers.TimeField(required=False, allow_null=True)
    remind_on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True)
    expected_version = serializers.IntegerField(
        min_value=1, help_text=_("The task's version you based the change on.")
    )


class TaskCompleteSerializer(serializers.Serializer):
    # The whole status set, so that the schema names one enum; the action refuses "open".
    status = serializers.ChoiceField(
        choices=TaskStatus.choices, help_text=_("`done` or `cancelled`.")
    )
    expected_version = serializers.IntegerField(
        min_value=1, help_text=_("The task's version you based the change on.")
    )


class PhaseCountSerializer(serializers.Serializer):
    phase = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()


class DueBucketSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text=_("All tasks in this window."))
    tasks = TaskSerializer(many=True, help_text=_("The first few, soonest first."))


class DashboardSerializer(serializers.Serializer):
    cases_by_phase = PhaseCountSerializer(many=True)
    overdue = DueBucketSerializer()
    today = DueBucketSerializer()
    week = DueBucketSerializer()


class CaseloadMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField(source="display")
    open_cases = serializers.IntegerField()
    open_tasks = serializers.IntegerField()
    overdue_tasks = serializers.IntegerField()


class ReassignSerializer(serializers.Serializer):
    case = serializers.IntegerField(min_value=1)
    from_user = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    to_user = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))


class ReassignResultSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    managers = serializers.ListField(child=serializers.IntegerField())


class CalendarFeedSerializer(serializers.Serializer):
    active = serializers.BooleanField()
    created_at = serializers.DateTimeField(allow_null=True)
    last_used_at = serializers.DateTimeField(allow_null=True)


class CalendarFeedRotateSerializer(serializers.Serializer):
    confirm = serializers.BooleanField(
        required=False,
        default=True,
        help_text=_("Nothing to choose: any existing address stops working."),
    )


class CalendarFeedIssuedSerializer(serializers.Serializer):
    url = serializers.URLField(help_text=_("The secret address; shown only in this answer."))
    created_at = serializers.DateTimeField()
