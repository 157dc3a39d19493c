from django.http import HttpRequest, HttpResponse
from django.urls import path

app_name = "people"


def _todo(request: HttpRequest) -> HttpResponse:
    return HttpResponse("todo")


urlpatterns = [
    path("search/", _todo, name="search"),
]
