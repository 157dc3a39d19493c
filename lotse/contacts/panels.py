"""The contact log and the documents on the case page."""

from lotse.cases.panels import CasePanel, CaseView, PanelContent, register
from lotse.contacts.forms import ContactForm, DocumentForm
from lotse.contacts.models import Contact, Document
from lotse.core.categories import DataCategory

RECENT_CONTACTS = 10


def contact_panel_context(view: CaseView, form: ContactForm | None = None) -> dict[str, object]:
    contacts = list(
        Contact.objects.visible_to(view.user, case=view.case).select_related("recorded_by")[
            : RECENT_CONTACTS + 1
        ]
    )
    return {
        "contacts": contacts[:RECENT_CONTACTS],
        "more": len(contacts) > RECENT_CONTACTS,
        "form": form or (ContactForm() if view.can_change and view.case.is_open else None),
    }


def render_contacts(view: CaseView) -> PanelContent | None:
    if DataCategory.CASE_NOTES not in view.categories:
        return None
    return PanelContent(
        template="contacts/_panel.html",
        context=contact_panel_context(view),
        categories=frozenset({DataCategory.CASE_NOTES.value}),
    )


def render_documents(view: CaseView) -> PanelContent | None:
    # Most cases hold no document; the visibility query of one case's rows is
    # cheap to build (held_for_rows), so no separate look whether any exist.
    documents = list(
        Document.objects.visible_to(view.user, case=view.case).select_related("uploaded_by")
    )
    can_upload = view.can_change and view.case.is_open
    if not documents and not can_upload:
        return None
    return PanelContent(
        template="contacts/_documents.html",
        context={"documents": documents, "form": DocumentForm() if can_upload else None},
        # A document's title is data of its category.
        categories=frozenset(d.data_category for d in documents),
    )


def register_panels() -> None:
    register(CasePanel(key="contacts", order=50, render=render_contacts))
    register(CasePanel(key="documents", order=70, render=render_documents))
