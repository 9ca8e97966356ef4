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


def foutantwoorden(result, generator, request, public):
    for operaties in result.get("paths", {}).values():
        for operatie in operaties.values():
            antwoorden = operatie.setdefault("responses", {})
            antwoorden.setdefault("400", _antwoord("Ongeldige invoer", FOUT_SCHEMA))
            antwoorden.setdefault("401", _antwoord("Niet ingelogd", DETAIL_SCHEMA))
            antwoorden.setdefault("403", _antwoord("Geen toegang", DETAIL_SCHEMA))
            antwoorden.setdefault("405", _antwoord("Methode niet toegestaan", DETAIL_SCHEMA))
            antwoorden.setdefault("503", _antwoord("De database weigerde; niets opgeslagen", DETAIL_SCHEMA))
            if "requestBody" in operatie:
                antwoorden.setdefault("413", _antwoord("De inhoud is te groot", DETAIL_SCHEMA))
            # Also on lists: a page number past the end is a 404.
            antwoorden.setdefault("404", _antwoord("Niet gevonden", DETAIL_SCHEMA))
    return result
