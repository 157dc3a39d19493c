"""The project's URLs plus one API endpoint that only reports who is asking.

The real API viewsets belong to other apps; the permission tests need an
endpoint whose only rules are the project-wide DRF defaults.
"""

from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from lotse.urls import urlpatterns as project_urlpatterns


class WhoAmI(APIView):
    def get(self, request):
        return Response({"username": request.user.username})


urlpatterns = [*project_urlpatterns, path("api/test-whoami/", WhoAmI.as_view())]
