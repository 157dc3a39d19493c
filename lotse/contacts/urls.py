from django.urls import path

from lotse.contacts import views

app_name = "contacts"

urlpatterns = [
    path("case/<int:pk>/", views.contact_list, name="list"),
    path("case/<int:pk>/add/", views.add_contact, name="add"),
    path("case/<int:pk>/documents/upload/", views.upload_document, name="upload"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("documents/<int:pk>/delete/", views.delete_document, name="document_delete"),
    path("dormant/", views.dormant_list, name="dormant"),
    path("dormant/close/", views.bulk_close, name="bulk_close"),
    path("bulk-closures/<int:pk>/", views.bulk_closure, name="bulk_closure"),
]
