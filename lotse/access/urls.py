from django.http import HttpRequest, HttpResponse

app_name = "consents"


def _todo(request: HttpRequest) -> HttpResponse:
    return HttpResponse("todo")


urlpatterns = []
