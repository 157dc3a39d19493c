from django.urls import path

from lotse.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.service_list, name="list"),
    path("new/", views.create_service, name="create"),
    path("import/", views.import_services, name="import"),
    path("<int:pk>/", views.service_detail, name="detail"),
    path("<int:pk>/edit/", views.edit_service, name="edit"),
    path("<int:pk>/verify/", views.verify_service, name="verify"),
]
