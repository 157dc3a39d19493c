from lotse.referrals.models.handover import CaseHandover
from lotse.referrals.models.referral import Referral

__all__ = ["CaseHandover", "Referral"]
