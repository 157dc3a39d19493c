from django.urls import path

from lotse.intake import views

app_name = "intake"

urlpatterns = [
    path("", views.start, name="start"),
    path("new-person/", views.new_person, name="new_person"),
    path("person/<int:person_pk>/", views.record, name="record"),
    path("<int:pk>/", views.detail, name="detail"),
    path("case/<int:pk>/assess/", views.assess, name="assess"),
    path("case/<int:pk>/assessment/", views.history, name="assessment_history"),
]
