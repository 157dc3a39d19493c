from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _

from lotse.accounts.choices import CASE_ROLES, PERSONAL_DATA_ROLES, Role

_ORGANISATIONS_MEMO = "_organisations_by_roles"


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
        return list(self._organisations_with_role(frozenset(roles)))

    @property
    def case_organisation_ids(self) -> list[int]:
        # Read some 25 times a case page (every grant look-up's key): memoised.
        return list(self._organisations_with_role(CASE_ROLES))

    def _organisations_with_role(self, roles: frozenset[str]) -> tuple[int, ...]:
        """The organisations where the user holds one of `roles`, sorted.

        Memoised per role_pairs: the memo holds the very memberships it was
        computed from and is dropped as soon as role_pairs is read anew (a new
        request's user object, or the cached memberships deleted), so an object
        kept across requests never answers from memberships it no longer has.
        """
        pairs = self.role_pairs
        memo: tuple[frozenset[tuple[int, str]], dict[frozenset[str], tuple[int, ...]]] | None
        memo = self.__dict__.get(_ORGANISATIONS_MEMO)
        if memo is None or memo[0] is not pairs:
            memo = (pairs, {})
            self.__dict__[_ORGANISATIONS_MEMO] = memo
        found = memo[1].get(roles)
        if found is None:
            found = memo[1][roles] = tuple(sorted({org for org, role in pairs if role in roles}))
        return found

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

    @staticmethod
    def display_of(first_name: str, last_name: str, username: str) -> str:
        """display() from the three columns, for lists read without model instances
        (AbstractUser.get_full_name(), else the username; a test holds them equal)."""
        return f"{first_name} {last_name}".strip() or username
