from lotse.contacts.views.contacts import add_contact, contact_list
from lotse.contacts.views.documents import delete_document, document, upload_document
from lotse.contacts.views.dormant import bulk_close, bulk_closure, dormant_list

__all__ = [
    "add_contact",
    "bulk_close",
    "bulk_closure",
    "contact_list",
    "delete_document",
    "document",
    "dormant_list",
    "upload_document",
]
