from django.urls import path

from lotse.residence.views import deadlines, edit, groups, person

app_name = "residence"

urlpatterns = [
    path("deadlines/", deadlines.deadlines, name="deadlines"),
    path("groups/", groups.groups, name="groups"),
    path("people/<int:pk>/", person.person, name="person"),
    path("people/<int:pk>/facts/", edit.edit_facts, name="facts"),
    path("people/<int:pk>/evaluations/", person.store_evaluation, name="evaluate"),
    path(
        "people/<int:pk>/evaluations/<int:evaluation_pk>/",
        person.evaluation_detail,
        name="evaluation",
    ),
    path("people/<int:pk>/<slug:part>/add/", edit.add_row, name="add"),
    path("people/<int:pk>/<slug:part>/<int:row_pk>/", edit.change_row, name="change"),
    path("people/<int:pk>/<slug:part>/<int:row_pk>/remove/", edit.remove_row, name="remove"),
]
