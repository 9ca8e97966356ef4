"""Declare the API's error answers in the OpenAPI schema, so clients (and the fuzzing tests) know them."""

FOUT_SCHEMA = {
    "type": "object",
    "description": "Per veld de Nederlandse foutmeldingen; algemene fouten onder non_field_errors.",
    # A list field's errors are keyed by position ({"aard": {"0": ["…"]}}); a body that is not JSON at
    # all is {"detail": "…"}.
    "additionalProperties": {
        "anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object"}, {"type": "string"}]
    },
}
DETAIL_SCHEMA = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}


def _antwoord(beschrijving: str, schema: dict) -> dict:
    return {"description": beschrijving, "content": {"application/json": {"schema": schema}}}


ETAG_HEADER = {"description": "De versie van dit record; stuur haar terug in If-Match bij PUT, PATCH en DELETE.",
               "schema": {"type": "string"}}


def _versie_vereist(operatie: dict) -> None:
    """PUT, PATCH and DELETE of one record need If-Match (no lost update): 428 without, 412 when stale."""
    operatie.setdefault("parameters", []).append({
        "in": "header", "name": "If-Match", "required": True, "schema": {"type": "string"},
        "description": "De ETag uit de laatste GET van dit record; * wijzigt elke versie.",
    })
    antwoorden = operatie["responses"]
    antwoorden.setdefault("412", _antwoord("Het record is intussen gewijzigd; 'huidig' bevat de opgeslagen versie",
                                           DETAIL_SCHEMA))
    antwoorden.setdefault("428", _antwoord("If-Match ontbreekt", DETAIL_SCHEMA))
    for code in ("200", "201"):
        if code in antwoorden:
            antwoorden[code].setdefault("headers", {})["ETag"] = ETAG_HEADER


def foutantwoorden(result, generator, request, public):
    for pad, operaties in result.get("paths", {}).items():
        for methode, operatie in operaties.items():
            antwoorden = operatie.setdefault("responses", {})
            antwoorden.setdefault("400", _antwoord("Ongeldige invoer", FOUT_SCHEMA))
            antwoorden.setdefault("401", _antwoord("Niet ingelogd", DETAIL_SCHEMA))
            antwoorden.setdefault("403", _antwoord("Geen toegang", DETAIL_SCHEMA))
            antwoorden.setdefault("405", _antwoord("Methode niet toegestaan", DETAIL_SCHEMA))
            antwoorden.setdefault("503", _antwoord("De database weigerde; niets opgeslagen", DETAIL_SCHEMA))
            if methode in ("put", "patch", "delete") and "{id}" in pad:
                _versie_vereist(operatie)
            elif methode == "get" and pad.endswith("{id}/") and "200" in antwoorden:
                antwoorden["200"].setdefault("headers", {})["ETag"] = ETAG_HEADER
            if "requestBody" in operatie:
                antwoorden.setdefault("413", _antwoord("De inhoud is te groot", DETAIL_SCHEMA))
            # Also on lists: a page number past the end is a 404.
            antwoorden.setdefault("404", _antwoord("Niet gevonden", DETAIL_SCHEMA))
    return result
