from django.urls import path

from lotse.access import views

app_name = "consents"

urlpatterns = [
    path("person/<int:person_pk>/new/", views.create, name="create"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/document/", views.document, name="document"),
]
