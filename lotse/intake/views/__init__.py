from lotse.intake.views.assessment import assess, history
from lotse.intake.views.record import detail, record
from lotse.intake.views.start import new_person, start

__all__ = ["assess", "detail", "history", "new_person", "record", "start"]
