"""The bell, the list of one's notifications, marking them read, and the mail preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solidarity.core.pages import short_page

from . import selectors, services
from .forms import PreferencesForm

PER_PAGE = 25


@login_required
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    page = short_page(
        request, selectors.notifications_of(request.user, unread_only=unread_only), per_page=PER_PAGE
    )
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "unread_only": unread_only, "unread": selectors.unread_count(request.user)},
    )


@login_required
def bell(request):
    """The bell's badge, fetched by htmx after the page has loaded (the page itself costs no query)."""
    count = selectors.unread_count(request.user)
    # Rendered without the request's context processors: the count is the one query it costs.
    html = render_to_string("notifications/_bell.html", {"count": count, "cap": selectors.BELL_CAP})
    return HttpResponse(html)


def _back(request):
    # Only a path on this site: anything else (junk, another host) goes back to the list.
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def read_one(request, pk: int):
    if selectors.own_notification(request.user, pk) is None:
        raise Http404
    services.mark_read(user=request.user, pk=pk)
    return _back(request)


@login_required
@require_POST
def open_one(request, pk: int):
    """Mark it read and go to its record."""
    notification = selectors.own_notification(request.user, pk)
    if notification is None:
        raise Http404
    services.mark_read(user=request.user, pk=pk)
    if notification.url.startswith("/") and url_has_allowed_host_and_scheme(
        notification.url, {request.get_host()}
    ):
        return HttpResponseRedirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def read_all(request):
    count = services.mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked read."))
    return _back(request)


@login_required
def preferences(request):
    modes = selectors.modes_of(request.user)
    form = PreferencesForm(request.POST or None, initial_modes=modes)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(user=request.user, modes=form.cleaned_data)
        messages.success(request, _("Your mail preferences are saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/preferences.html", {"form": form})
