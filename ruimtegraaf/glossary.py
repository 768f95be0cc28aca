"""English question words of this field with their Dutch counterparts, so English questions reach Dutch text.

Names of things come from the graph's English labels; this list covers the ordinary words around them
("agreed", "housing", "frontrunner"). A deployment may extend it; nothing else depends on its size.
"""

from __future__ import annotations

import re

EN_NL: dict[str, str] = {
    "agreed": "afgesproken", "agree": "afspreken", "agreement": "afspraak", "agreements": "afspraken",
    "amount": "bedrag", "amounts": "bedragen", "money": "geld", "budget": "budget", "million": "miljoen",
    "billion": "miljard", "euros": "euro", "investment": "investering", "investments": "investeringen",
    "housing": "woningbouw", "homes": "woningen", "houses": "woningen", "dwellings": "woningen",
    "jobs": "arbeidsplaatsen", "hectares": "hectare", "municipality": "gemeente", "municipalities": "gemeenten",
    "province": "provincie", "provinces": "provincies", "region": "regio", "regions": "regio's",
    "ministry": "ministerie", "ministries": "ministeries", "minister": "minister", "government": "rijk",
    "governments": "regeringen", "national": "nationaal", "programme": "programma", "program": "programma",
    "rural": "landelijk", "areas": "gebieden", "area": "gebied", "frontrunner": "koploper",
    "frontrunners": "koplopers", "pilot": "pilot", "water": "water", "soil": "bodem", "energy": "energie",
    "nature": "natuur", "agriculture": "landbouw", "defence": "defensie", "defense": "defensie",
    "heritage": "erfgoed", "mobility": "mobiliteit", "railway": "spoorlijn", "rail": "spoor", "road": "weg",
    "port": "haven", "harbour": "haven", "industry": "industrie", "nuclear": "kernenergie",
    "drinking": "drinkwater", "groundwater": "grondwater", "flooding": "wateroverlast", "drought": "droogte",
    "sign": "ondertekenen", "signed": "ondertekend", "summit": "top", "document": "document",
    "letter": "brief", "parliament": "kamer", "meeting": "overleg", "deadline": "uiterlijk",
    "spatial": "ruimtelijk", "planning": "ordening", "arrangement": "arrangement", "strategy": "strategie",
    "urbanisation": "verstedelijking", "urbanization": "verstedelijking", "implementation": "uitvoering",
    "agenda": "agenda", "research": "onderzoek", "study": "onderzoek", "locations": "locaties",
    "location": "locatie", "large-scale": "grootschalige", "responsible": "verantwoordelijk",
    "flemish": "vlaamse", "dutch": "nederlandse", "belgian": "belgische", "jointly": "gezamenlijk",
    "cooperation": "samenwerking", "collaboration": "samenwerking", "costs": "kosten", "shortfall": "tekort",
    "deficit": "tekort", "capacity": "capaciteit", "pumping": "pomp", "station": "station",
    "lead": "trekker", "leads": "trekkers", "leader": "trekker", "leaders": "trekkers", "led": "getrokken",
    "leading": "trekkende",
    # months, compass points and the like are ordinary words, not names the documents lack
    "january": "januari", "february": "februari", "march": "maart", "april": "april", "may": "mei", "june": "juni",
    "july": "juli", "august": "augustus", "september": "september", "october": "oktober",
    "november": "november", "december": "december", "spring": "voorjaar", "autumn": "najaar", "summer": "zomer",
    "north": "noord", "south": "zuid", "east": "oost", "west": "west", "northern": "noordelijk",
    "southern": "zuidelijk", "eastern": "oostelijk", "western": "westelijk", "frisian": "friese",
    "german": "duitse", "european": "europese", "islands": "eilanden", "island": "eiland",
    # ordinary words of planning, infrastructure, energy and housing
    "contract": "contract", "awarded": "gegund", "tender": "aanbesteding", "ships": "schepen",
    "canal": "kanaal", "lock": "sluis", "locks": "sluizen", "bridge": "brug", "bridges": "bruggen",
    "tunnel": "tunnel", "tunnels": "tunnels", "motion": "motie", "minimum": "ondergrens", "site": "locatie",
    "sites": "locaties", "exploration": "verkenning", "vision": "visie", "institution": "instelling",
    "discussed": "besproken", "adopted": "vastgesteld", "published": "gepubliceerd", "completed": "afgerond",
    "renovation": "renovatie", "hydrogen": "waterstof", "storage": "opslag", "stored": "opslag",
    "underground": "ondergrondse", "health": "gezondheid", "safety": "veiligheid", "roads": "wegen",
    "security": "veiligheid", "urban": "stedelijk", "network": "netwerk", "cabinet": "kabinet",
    "ambassador": "ambassadeur", "administrator": "bestuurder", "expected": "verwacht", "planned": "gepland",
    "final": "definitieve", "integrated": "integrale", "expansion": "uitbreiding", "tracks": "sporen",
    "track": "spoor", "wind": "wind", "solar": "zon", "grid": "net", "congestion": "congestie",
    "nitrogen": "stikstof", "emissions": "uitstoot", "rent": "huur", "rental": "huur", "affordable": "betaalbare",
    "climate": "klimaat", "adaptation": "adaptatie", "dike": "dijk", "dikes": "dijken", "river": "rivier",
    "rivers": "rivieren", "sea": "zee", "coast": "kust", "landscape": "landschap", "farmers": "boeren",
    "farming": "landbouw", "forest": "bos", "forests": "bossen", "peat": "veen", "freshwater": "zoetwater",
    "train": "trein", "trains": "treinen", "stations": "stations", "bus": "bus",
    "cycling": "fiets", "highway": "snelweg", "motorway": "snelweg", "airport": "luchthaven", "noise": "geluid",
    "air": "lucht", "quality": "kwaliteit", "businesses": "bedrijven", "business": "bedrijven",
    "economy": "economie", "employment": "werkgelegenheid", "population": "bevolking", "growth": "groei",
    "data": "data", "datasets": "datasets", "dataset": "dataset", "keyword": "trefwoord", "decision": "besluit",
    "decisions": "besluiten", "funding": "financiering", "financing": "financiering", "contribute": "bijdragen",
    "contribution": "bijdrage", "reserved": "gereserveerd", "available": "beschikbaar", "target": "doel",
    "targets": "doelen", "goal": "doel", "goals": "doelen", "ambition": "ambitie", "project": "project",
    "projects": "projecten", "studies": "onderzoeken", "phase": "fase",
    "cancelled": "geschrapt", "dropped": "geschrapt", "scrapped": "geschrapt", "refused": "weigerde",
    "refuse": "weigeren",
}

_WORD = re.compile(r"[\w'-]+")


def translate(question: str) -> tuple[str, list[str]]:
    """The Dutch words for the English words of a question, and the English words it could not place.

    >>> translate("Which area did the region put forward as a frontrunner?")
    ('gebied regio koploper', ['which', 'did', 'the', 'put', 'forward', 'as', 'a'])
    """
    dutch, unknown = [], []
    for word in _WORD.findall(question):
        w = word.casefold()
        parts = [w] if w in EN_NL or "-" not in w else w.split("-")  # "drinking-water": each part
        for part in parts:
            if part in EN_NL:
                dutch.append(EN_NL[part])
            elif not word[:1].isupper() or word == question.split()[0]:
                unknown.append(part)
    return " ".join(dutch), unknown
