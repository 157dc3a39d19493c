from django.urls import path

from lotse.audit import views

app_name = "audit"

# Read-only on purpose: no URL edits or deletes an audit entry.
urlpatterns = [
    path("", views.index, name="index"),
    path("person/<int:person_id>/", views.person, name="person"),
    path("user/<int:user_id>/", views.user, name="user"),
    path("export.csv", views.export, name="export"),
]
