from lotse.contacts.models.closure import BulkClosure
from lotse.contacts.models.contact import Contact
from lotse.contacts.models.document import Document

__all__ = ["BulkClosure", "Contact", "Document"]
