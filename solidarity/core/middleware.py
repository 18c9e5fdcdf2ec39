from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import QueryDict, UnreadablePostError
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers


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


class StripNulMiddleware:
    """Remove NUL characters from query strings and posted fields, for every view at once.

    No one types a NUL; it comes from crafted or broken requests. PostgreSQL
    refuses it in any text parameter, so ``?q=a%00b`` reaching a search was a
    server error. Form fields refused it already; search boxes read by views
    directly did not. Stripping it here is simpler than guarding every read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _without_nul(request.GET)
        if request.method == "POST":
            try:
                request.POST = _without_nul(request.POST)
            except UnreadablePostError:  # the client went away mid-upload; CSRF treats it the same way
                pass
        return self.get_response(request)


def _without_nul(data):
    if not any("\x00" in key or any("\x00" in value for value in values) for key, values in data.lists()):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned


class SecurityHeadersMiddleware:
    """Headers every response needs beyond Django's own SecurityMiddleware.

    A signed-in page or a downloaded file shows records of the user's unit: no
    browser, proxy or shared office PC may keep a copy (``no-store``), so the
    back button after sign-out shows nothing. The Permissions-Policy switches
    off browser features the app never uses (settings.PERMISSIONS_POLICY).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY), plus the Django admin's allowance.

    The admin is third-party markup we do not edit (django-simple-history's
    history page carries a style= attribute): there, and only there, the
    directives of settings.CONTENT_SECURITY_POLICY_ADMIN are added.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(reverse("admin:index")):
            parts.update = {**settings.CONTENT_SECURITY_POLICY_ADMIN, **(parts.update or {})}
        return parts
