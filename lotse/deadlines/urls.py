from django.urls import path

from lotse.deadlines import views

app_name = "deadlines"

urlpatterns = [
    path("", views.my_tasks, name="mine"),
    path("cases/<int:pk>/new/", views.task_create, name="create"),
    path("cases/<int:pk>/reassign/", views.reassign, name="reassign"),
    path("<int:pk>/edit/", views.task_edit, name="edit"),
    path("<int:pk>/complete/", views.task_complete, name="complete"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/rotate/", views.calendar_rotate, name="calendar_rotate"),
    path("calendar/revoke/", views.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="feed"),
    path("team/", views.caseload_page, name="caseload"),
    path("team/<int:user_id>/", views.member_cases, name="member_cases"),
]
