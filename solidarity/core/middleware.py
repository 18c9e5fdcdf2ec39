from django.conf import settings
from django.http import UnreadablePostError
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user picked another language in the footer menu.

    Many office PCs run an English browser; the browser's Accept-Language
    must not switch the union's software to English behind the user's back.
    """

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()


class LineBreaksMiddleware:
    """Posted text keeps its line breaks as LF, the way the app stores them.

    Browsers send a textarea's line breaks as CRLF (HTML standard) while
    services, imports and the demo write LF: without this, saving any form
    unchanged rewrote every multi-line text and filled the history with
    changes nobody made. Only a single-line box cannot hold a line break, so
    nothing else is affected.
    """

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in self.FORM_TYPES:
            try:
                posted = request.POST  # a malformed or oversized body is refused here with a 400
            except UnreadablePostError:  # the client went away; CSRF treats it the same way
                posted = None
            if posted is not None and any("\r" in value for _, values in posted.lists() for value in values):
                normalised = posted.copy()
                for key, values in posted.lists():
                    normalised.setlist(key, [v.replace("\r\n", "\n").replace("\r", "\n") for v in values])
                normalised._mutable = False
                request.POST = normalised
        return self.get_response(request)
