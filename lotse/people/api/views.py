from rest_framework import viewsets


class PersonViewSet(viewsets.ViewSet):
    def list(self, request):  # type: ignore[no-untyped-def]
        raise NotImplementedError
