from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import MAX_QUERY, search, searchable, words_of


@login_required
def results(request):
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY]
    words = words_of(query)
    groups = search(request.user, query)
    context = {
        "query": query,
        "groups": groups,
        "too_short": bool(words) and not searchable(words),
        "some_words": any(not hit.every_word for group in groups for hit in group.hits),
    }
    return render(request, "search/results.html", context)
