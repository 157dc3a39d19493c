from django.urls import path

from lotse.cases import views
from lotse.plans.views.close import close_case

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.open_case, name="create"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/phase/", views.change_phase, name="phase"),
    # Closing asks for the attainment of each open goal (lotse.plans).
    path("<int:pk>/close/", close_case, name="close"),
    path("<int:pk>/edit/", views.edit_case, name="edit"),
    path("<int:pk>/managers/add/", views.assign_manager, name="assign"),
    path("<int:pk>/participants/add/", views.add_participant, name="participant_add"),
    path(
        "<int:pk>/participants/<int:participant_pk>/remove/",
        views.remove_participant,
        name="participant_remove",
    ),
]
