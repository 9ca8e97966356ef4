from adviezen.models import Advies
from vtregistratie.filters import ContactFilter


class AdviesFilter(ContactFilter):
    DATUM_VELD = "startdatum"

    class Meta:
        model = Advies
        fields = ["zoek", "van", "tot", "melder_groep", "gemeente"]
