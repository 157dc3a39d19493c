from django.http import HttpRequest, HttpResponse
from django.urls import path

app_name = "accounts"


def _todo(request: HttpRequest) -> HttpResponse:
    return HttpResponse("todo")


urlpatterns = [
    path("login/", _todo, name="login"),
    path("logout/", _todo, name="logout"),
    path("second_factor/", _todo, name="second_factor"),
    path("profile/", _todo, name="profile"),
]
