from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _

from lotse.accounts.choices import CASE_ROLES, PERSONAL_DATA_ROLES, Role


class User(AbstractUser):
    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    @cached_property
    def role_pairs(self) -> frozenset[tuple[int, str]]:
        """(organisation id, role) for every active membership; one query per request."""
        return frozenset(
            self.memberships.filter(organisation__is_active=True).values_list(
                "organisation_id", "role"
            )
        )

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(role for _org, role in self.role_pairs)

    def organisations_with_role(self, roles: frozenset[str] | set[str]) -> list[int]:
        return sorted({org for org, role in self.role_pairs if role in roles})

    @property
    def case_organisation_ids(self) -> list[int]:
        return self.organisations_with_role(CASE_ROLES)

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def needs_second_factor(self) -> bool:
        return self.is_superuser or bool(self.roles & PERSONAL_DATA_ROLES)

    @property
    def is_operator(self) -> bool:
        """The operator sees every person's identity but no case content (people.md)."""
        return self.is_superuser

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or Role.ADMINISTRATOR in self.roles

    def display(self) -> str:
        return self.get_full_name() or self.username
