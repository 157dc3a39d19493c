"""German unless the user chose otherwise; the browser's language list does not decide.

Offices' computers often run English browsers while the office works in German,
and the product is German by default (English switchable in the header). So the
web interface takes the language cookie set by the switch, else German. API
clients choose explicitly with Accept-Language, as HTTP intends.
"""

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class LanguageMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/"):
            super().process_request(request)
            return
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
