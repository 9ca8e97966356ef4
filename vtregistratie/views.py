from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from vtregistratie import definities


@login_required
def home(request):
    rollen = [definities.ROL.get(r) for r in sorted(request.user.rollen) if r in definities.ROL]
    return render(request, "vtregistratie/home.html", {"rollen": rollen})
