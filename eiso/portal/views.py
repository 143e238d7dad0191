from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from eiso.core.models import Agency

PUBLIC_ENTRIES = [
    ("portal:procedure_list", "procedures"),
    ("portal:dossier_lookup", "lookup"),
    ("portal:survey_start", "survey"),
]


def home(request: HttpRequest) -> HttpResponse:
    """The citizen's entry page: links to the public services that exist."""
    entries = []
    for url_name, key in PUBLIC_ENTRIES:
        try:
            entries.append((key, reverse(url_name)))
        except NoReverseMatch:
            continue
    agencies = Agency.objects.filter(is_supervisor=False, parent__isnull=False)
    return render(request, "portal/home.html", {"entries": dict(entries), "agencies": agencies})
