from django.urls import path

from lotse.dedupe import views

app_name = "dedupe"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("pairs/<int:pk>/merge/", views.merge, name="merge"),
    path("pairs/<int:pk>/distinct/", views.distinct, name="distinct"),
    path("merges/<int:pk>/undo/", views.undo, name="undo"),
]
