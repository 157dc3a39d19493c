from django.http import HttpRequest, HttpResponse
from django.urls import path

app_name = "audit"


def _todo(request: HttpRequest) -> HttpResponse:
    return HttpResponse("todo")


urlpatterns = [
    path("index/", _todo, name="index"),
]
