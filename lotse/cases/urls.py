from django.http import HttpRequest, HttpResponse
from django.urls import path

app_name = "cases"


def _todo(request: HttpRequest) -> HttpResponse:
    return HttpResponse("todo")


urlpatterns = [
    path("list/", _todo, name="list"),
]
