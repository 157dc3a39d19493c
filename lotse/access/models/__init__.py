from lotse.access.models.consent import Consent, ConsentText
from lotse.access.models.grant import AccessGrant

__all__ = ["AccessGrant", "Consent", "ConsentText"]
