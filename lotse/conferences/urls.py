from django.urls import path

from lotse.conferences import views

app_name = "conferences"

urlpatterns = [
    path("cases/<int:pk>/new/", views.schedule, name="schedule"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/minutes/", views.minutes, name="minutes"),
    path("<int:pk>/decisions/new/", views.decide, name="decide"),
    path("<int:pk>/attendees/new/", views.attendee_add, name="attendee_add"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("statistics/", views.statistics, name="statistics"),
]
