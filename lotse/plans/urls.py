from django.urls import path

from lotse.plans.views import edit, pdf

app_name = "plans"

urlpatterns = [
    path("cases/<int:pk>/goals/add/", edit.goal_add, name="goal_add"),
    path("cases/<int:pk>/agreement/", edit.agreement, name="agreement"),
    path("cases/<int:pk>/pdf/", pdf.plan_pdf, name="pdf"),
    path("goals/<int:pk>/edit/", edit.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/review/", edit.goal_review, name="goal_review"),
    path("goals/<int:pk>/steps/add/", edit.step_add, name="step_add"),
    path("steps/<int:pk>/edit/", edit.step_edit, name="step_edit"),
]
