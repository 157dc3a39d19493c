from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from lotse.access.visibility import categories_for
from lotse.audit.log import record_read, record_reads
from lotse.core.api.categories import categories_by_pk
from lotse.core.api.errors import action_errors
from lotse.core.api.filters import search_query
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.viewsets import LotseViewSetMixin
from lotse.core.categories import DataCategory
from lotse.people.actions import do_create_person, do_update_person
from lotse.people.api.serializers import (
    PersonCreateSerializer,
    PersonSerializer,
    PersonSummarySerializer,
    PersonUpdateSerializer,
)
from lotse.people.models import (
    Address,
    ContactDetail,
    HouseholdMembership,
    LanguageSkill,
    NameSpelling,
    Nationality,
    OfficeIdentifier,
    Person,
)
from lotse.people.search import MIN_QUERY_LENGTH, find_people, is_too_short

IDENTITY = DataCategory.IDENTITY.value
SHOWN_CATEGORIES = frozenset(PersonSerializer.field_categories.values())


def detail_prefetches(user: Any, categories: frozenset[str]) -> list[Prefetch]:
    """Prefetches of the detail blocks the reader holds; each row set from visible_to."""
    blocks: list[tuple[str, QuerySet[Any]]] = [
        ("spellings", NameSpelling.objects.visible_to(user)),
        ("nationalities", Nationality.objects.visible_to(user)),
        ("languages", LanguageSkill.objects.visible_to(user)),
        ("identifiers", OfficeIdentifier.objects.visible_to(user).select_related("issued_by")),
        ("contact_details", ContactDetail.objects.visible_to(user)),
        ("addresses", Address.objects.visible_to(user)),
        (
            "household_memberships",
            HouseholdMembership.objects.visible_to(user).select_related("household"),
        ),
    ]
    return [
        Prefetch(name, queryset=queryset)
        for name, queryset in blocks
        if queryset.model.category in categories
    ]


@extend_schema(tags=["people"])
class PersonViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    serializer_class = PersonSerializer

    def get_queryset(self) -> QuerySet[Person]:
        if self.for_schema:
            return Person.objects.none()
        # Merged-away records (tombstones, lotse.dedupe) are no persons of their own.
        people = Person.objects.visible_to(self.request.user).filter(merged_into__isnull=True)
        return people.select_related("registered_by")

    def read_person(self, person: Person, *, status_code: int = 200) -> Response:
        """The person with the blocks the user holds; recorded as a read."""
        user = self.request.user
        categories = categories_for(user, person.pk)
        record_read(user, person_id=person.pk, categories=categories & SHOWN_CATEGORIES)
        prefetch_related_objects([person], *detail_prefetches(user, categories))
        context = {**self.get_serializer_context(), "categories_of": lambda _p: categories}
        return Response(PersonSerializer(person, context=context).data, status=status_code)

    @extend_schema(
        summary="List persons visible to you",
        parameters=[
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                description="Any spelling of the name (variants, other scripts, swapped or "
                "partial names); results are ranked best match first. At least 2 letters.",
            )
        ],
        responses={200: PersonSummarySerializer(many=True), **errors(400), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        query = search_query(request)
        people: Any = self.get_queryset().order_by("family_name", "given_names", "id")
        if query:
            if is_too_short(query):
                raise exceptions.ValidationError(
                    {"q": [_("Enter at least %(count)d letters.") % {"count": MIN_QUERY_LENGTH}]}
                )
            # Best match first; persons whose identity is withheld are never found by name.
            # Only the page's persons are read from the database.
            people = find_people(request.user, query)
        page = self.paginate_queryset(people) or []
        held = categories_by_pk(
            Person.objects.all(), request.user, [p.pk for p in page], [IDENTITY]
        )
        context = {
            **self.get_serializer_context(),
            "categories_of": lambda p: held.get(p.pk, frozenset()),
        }
        record_reads(request.user, [(p.pk, None, held.get(p.pk, ())) for p in page])
        serializer = PersonSummarySerializer(page, many=True, context=context)
        return self.get_paginated_response(serializer.data)

    @extend_schema(
        summary="One person, with the details released to you",
        description="Every block of a data category you do not hold is left out and named "
        "in withheld_categories. The read is recorded in the audit trail.",
        responses={200: PersonSerializer, **errors(404)},
    )
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        return self.read_person(self.get_object())

    @extend_schema(
        summary="Register a person",
        request=PersonCreateSerializer,
        responses={201: PersonSerializer, **errors(400, 403, 415)},
    )
    def create(self, request: Request) -> Response:
        user: Any = request.user
        if not user.case_organisation_ids:
            raise exceptions.PermissionDenied(_("Only case staff can register persons."))
        serializer = PersonCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        organisation = fields.pop("organisation")
        spellings = [dict(s) for s in fields.pop("spellings", [])]
        with action_errors():
            person = do_create_person(request.user, organisation, spellings=spellings, **fields)
        return self.read_person(
            self.get_queryset().get(pk=person.pk), status_code=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Change a person's identity fields",
        request=PersonUpdateSerializer,
        responses={200: PersonSerializer, **errors(400, 403, 404, 415)},
    )
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        person = self.get_object()
        self.require_change(person.pk)
        serializer = PersonUpdateSerializer(person, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        with action_errors():
            do_update_person(request.user, person, **serializer.validated_data)
        # The answer shows the whole record again, so it is recorded as a read too.
        return self.read_person(self.get_queryset().get(pk=person.pk))
