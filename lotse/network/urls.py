from django.http import HttpRequest, HttpResponse
from django.urls import path

app_name = "network"


def _todo(request: HttpRequest) -> HttpResponse:
    return HttpResponse("todo")


urlpatterns = [
    path("organisations/", _todo, name="organisations"),
    path("users/", _todo, name="users"),
]
