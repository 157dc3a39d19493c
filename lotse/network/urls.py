from django.urls import path

from lotse.network import views

app_name = "network"

urlpatterns = [
    path("organisations/", views.OrganisationList.as_view(), name="organisations"),
    path("organisations/new/", views.OrganisationCreate.as_view(), name="organisation_create"),
    path("organisations/<int:pk>/", views.OrganisationEdit.as_view(), name="organisation_edit"),
    path("organisations/<int:pk>/teams/new/", views.TeamCreate.as_view(), name="team_create"),
    path(
        "organisations/<int:pk>/teams/<int:team_pk>/",
        views.TeamEdit.as_view(),
        name="team_edit",
    ),
    path(
        "organisations/<int:pk>/teams/<int:team_pk>/delete/",
        views.TeamDelete.as_view(),
        name="team_delete",
    ),
    path("users/", views.user_list, name="users"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/memberships/add/", views.membership_add, name="membership_add"),
    path(
        "users/<int:pk>/memberships/<int:membership_pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
]
