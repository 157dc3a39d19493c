from lotse.accounts.models.membership import Membership
from lotse.accounts.models.token import PersonalToken
from lotse.accounts.models.user import User

__all__ = ["Membership", "PersonalToken", "User"]
