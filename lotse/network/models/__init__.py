from lotse.network.models.organisation import Organisation, Team

__all__ = ["Organisation", "Team"]
