from django.urls import path

from lotse.outreach import views

app_name = "outreach"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.create_campaign, name="create"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/letters.pdf", views.campaign_letters, name="letters"),
    path("<int:pk>/print/", views.start_print, name="print"),
    path("recipients/<int:pk>/letter.pdf", views.recipient_letter, name="letter"),
    path("recipients/<int:pk>/informed/", views.record_informed, name="informed"),
    path("prints/<int:pk>/", views.print_state, name="print_state"),
    path("prints/<int:pk>/pdf/", views.print_pdf, name="print_pdf"),
]
