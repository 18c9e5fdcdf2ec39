from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def user_list(request):  # placeholder until the user management views land
    return HttpResponse("")
