"""Serializer building blocks shared by the apps' APIs."""

from collections.abc import Callable
from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lotse.core.categories import DataCategory, ordered

CategoriesOf = Callable[[Any], frozenset[str]]

# Ids are 64-bit (BigAutoField). A larger number cannot name a row, and filtering a
# foreign key by one crashes SQLite's driver, so id filters stop at this bound.
MAX_ID = 2**63 - 1


class CategoriesField(serializers.ListField):
    """A set of data categories as a list of codes in the canonical order."""

    child = serializers.ChoiceField(choices=DataCategory.choices)

    def to_representation(self, data: Any) -> list[str]:
        return ordered(data or ())

    def to_internal_value(self, data: Any) -> frozenset[str]:  # type: ignore[override]
        return frozenset(super().to_internal_value(data))


class ReleasedOnlySerializer(serializers.ModelSerializer):
    """Leaves out every field whose data category the reader does not hold.

    `field_categories` names the category of each guarded field or nested block;
    the view puts `categories_of(instance) -> frozenset` into the context, computed
    by lotse.access.visibility. A withheld key is absent (not null), and
    `withheld_categories` says which categories were left out, so a client can show
    "not released" instead of "empty".
    """

    field_categories: ClassVar[dict[str, str]] = {}

    withheld_categories = serializers.SerializerMethodField(
        help_text=_("Data categories left out because they were not released to you.")
    )

    _withheld_fields: frozenset[str] = frozenset()

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for name in self.field_categories:
            # Absent from a response when withheld, so not required in the schema.
            fields[name].required = False
        return fields

    def granted_categories(self, instance: Any) -> frozenset[str]:
        categories_of: CategoriesOf = self.context["categories_of"]
        return categories_of(instance)

    @property
    def _readable_fields(self) -> list[serializers.Field]:
        withheld = self._withheld_fields
        return [f for f in super()._readable_fields if f.field_name not in withheld]

    def to_representation(self, instance: Any) -> dict[str, Any]:
        granted = self.granted_categories(instance)
        self._withheld_fields = frozenset(
            name for name, category in self.field_categories.items() if category not in granted
        )
        try:
            return dict(super().to_representation(instance))
        finally:
            self._withheld_fields = frozenset()

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(DataCategory.choices)))
    def get_withheld_categories(self, instance: Any) -> list[str]:
        granted = self.granted_categories(instance)
        return ordered(set(self.field_categories.values()) - granted)


class DetailSerializer(serializers.Serializer):
    """The body of 403, 404 and 409 answers."""

    detail = serializers.CharField()
