from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
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
