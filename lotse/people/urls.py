from django.urls import path

from lotse.people.views import create, detail, edit, search

app_name = "people"

urlpatterns = [
    path("", search.search, name="search"),
    path("new/", create.create, name="create"),
    path("<int:pk>/", detail.overview, name="detail"),
    path("<int:pk>/cases/", detail.cases, name="cases"),
    path("<int:pk>/consents/", detail.consents, name="consents"),
    path("<int:pk>/household/", detail.household, name="household"),
    path("<int:pk>/audit/", detail.audit, name="audit"),
    path("<int:pk>/edit/", edit.edit, name="edit"),
    path("<int:pk>/details/<slug:kind>/add/", edit.add_detail, name="add_detail"),
    path(
        "<int:pk>/details/<slug:kind>/<int:detail_pk>/remove/",
        edit.remove_detail,
        name="remove_detail",
    ),
]
