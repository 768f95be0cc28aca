"""English question words of this field with their Dutch counterparts, so English questions reach Dutch text.

Names of things come from the graph's English labels; this list covers the ordinary words around them
("agreed", "housing", "frontrunner"). A deployment may extend it; nothing else depends on its size.
`glossary_corpus.tsv` adds English words for the Dutch words the documents use; search reads them
(`translate(..., wide=True)`), verification does not.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

EN_NL: dict[str, str] = {
    "agreed": "afgesproken", "agree": "afspreken", "agreement": "afspraak", "agreements": "afspraken",
    "amount": "bedrag", "amounts": "bedragen", "money": "geld", "budget": "budget", "million": "miljoen",
    "billion": "miljard", "euros": "euro", "investment": "investering", "investments": "investeringen",
    "housing": "woningbouw", "homes": "woningen", "houses": "woningen", "dwellings": "woningen",
    "jobs": "arbeidsplaatsen", "hectares": "hectare", "municipality": "gemeente", "municipalities": "gemeenten",
    "province": "provincie", "provinces": "provincies", "region": "regio", "regions": "regio's",
    "ministry": "ministerie", "ministries": "ministeries", "minister": "minister", "government": "rijk",
    "governments": "regeringen", "national": "nationaal", "regional": "regionaal", "ask": "vraagt",
    "asks": "vraagt", "programme": "programma", "program": "programma",
    "rural": "landelijk", "areas": "gebieden", "area": "gebied", "frontrunner": "koploper",
    "frontrunners": "koplopers", "pilot": "pilot", "water": "water", "soil": "bodem", "energy": "energie",
    "nature": "natuur", "agriculture": "landbouw", "defence": "defensie", "defense": "defensie",
    "heritage": "erfgoed", "mobility": "mobiliteit", "railway": "spoorlijn", "rail": "spoor", "road": "weg",
    "port": "haven", "harbour": "haven", "industry": "industrie", "nuclear": "kernenergie",
    "drinking": "drinkwater", "groundwater": "grondwater", "flooding": "wateroverlast", "drought": "droogte",
    "sign": "ondertekenen", "signed": "ondertekend", "summit": "top", "document": "document",
    "letter": "brief", "parliament": "kamer", "meeting": "overleg", "bos": "BO's", "deadline": "uiterlijk",
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
    "vessels": "schepen", "vessel": "schip", "class": "klasse",
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
    "decisions": "besluiten", "funding": "financiering middelen", "financing": "financiering",
    "contribute": "bijdragen",
    "contribution": "bijdrage", "reserved": "gereserveerd", "available": "beschikbaar", "target": "doel",
    "targets": "doelen", "goal": "doel", "goals": "doelen", "ambition": "ambitie", "project": "project",
    "projects": "projecten", "studies": "onderzoeken", "phase": "fase",
    "cancelled": "geschrapt", "dropped": "geschrapt", "scrapped": "geschrapt", "refused": "weigerde",
    "refuse": "weigeren",
}

# The wider vocabulary of spatial planning, infrastructure, water, energy, housing and government, so an
# English question's content words reach the Dutch text (not tied to any question; extend freely).
_FIELD: dict[str, str] = {
    # government and process
    "council": "raad", "councils": "raden", "senate": "eerste kamer",
    "house": "kamer", "representatives": "kamer", "state": "staat", "secretary": "staatssecretaris",
    "alderman": "wethouder", "aldermen": "wethouders", "mayor": "burgemeester", "governor": "gouverneur",
    "commissioner": "commissaris", "executive": "gedeputeerde", "deputy": "gedeputeerde", "board": "bestuur",
    "boards": "besturen", "authority": "overheid", "authorities": "overheden", "body": "orgaan",
    "consultation": "overleg", "consultations": "overleggen", "talks": "overleg", "administrative": "bestuurlijk",
    "steering": "stuurgroep", "committee": "commissie", "working": "werk", "group": "groep",
    "partner": "partner", "partners": "partners", "party": "partij", "parties": "partijen",
    "stakeholders": "belanghebbenden", "residents": "inwoners", "inhabitants": "inwoners", "citizens": "burgers",
    "policy": "beleid", "policies": "beleid", "law": "wet", "act": "wet", "regulation": "regeling",
    "regulations": "regels", "scheme": "regeling", "subsidy": "subsidie", "grant": "subsidie",
    "permit": "vergunning", "permits": "vergunningen", "permitting": "vergunningverlening",
    "procedure": "procedure", "evaluation": "evaluatie", "assessment": "beoordeling", "criteria": "criteria",
    "criterion": "criterium", "monitoring": "monitoring",
    "annex": "bijlage", "appendix": "bijlage", "attachment": "bijlage",
    "list": "lijst", "overview": "overzicht", "summary": "samenvatting", "chapter": "hoofdstuk",
    "section": "paragraaf", "factsheet": "factsheet", "starter": "startpakket", "package": "pakket",
    "guidance": "handreiking", "guideline": "handreiking", "handbook": "handreiking", "note": "nota",
    "memorandum": "nota", "commitment": "toezegging", "commitments": "toezeggingen", "promise": "toezegging",
    "promised": "toegezegd", "request": "verzoek", "requested": "verzocht", "asked": "gevraagd",
    "proposal": "voorstel", "proposals": "voorstellen", "proposed": "voorgesteld", "approved": "goedgekeurd",
    "approval": "goedkeuring", "decided": "besloten", "signed": "ondertekend", "signing": "ondertekening",
    "established": "vastgesteld", "determined": "vastgesteld", "set": "vastgesteld", "agreeing": "afspreken",
    "committed": "toegezegd", "prepare": "voorbereiden", "prepared": "voorbereid", "preparation": "voorbereiding",
    "start": "start", "started": "gestart", "starting": "start", "launch": "start", "launched": "gestart",
    "end": "einde", "timetable": "planning", "schedule": "planning",
    "schedules": "planning", "timeline": "planning", "period": "periode", "term": "termijn", "terms": "termijnen",
    "year": "jaar", "years": "jaren", "month": "maand", "months": "maanden", "week": "week", "weeks": "weken",
    "first": "eerste", "second": "tweede", "third": "derde", "next": "volgende", "previous": "vorige",
    "last": "laatste", "new": "nieuwe", "current": "huidige", "future": "toekomst", "long-term": "lange termijn",
    "short-term": "korte termijn", "medium-term": "middellange termijn", "progress": "voortgang",
    "execution": "uitvoering", "realisation": "realisatie",
    "realization": "realisatie", "construction": "aanleg", "build": "bouwen", "built": "gebouwd",
    "building": "bouw", "develop": "ontwikkelen", "developed": "ontwikkeld", "development": "ontwikkeling",
    "developments": "ontwikkelingen", "perspective": "perspectief", "outlook": "perspectief",
    "programmes": "programma's", "priority": "prioriteit", "priorities": "prioriteiten",
    "task": "opgave", "tasks": "opgaven", "challenge": "opgave", "challenges": "opgaven", "issue": "vraagstuk",
    "issues": "vraagstukken", "problem": "probleem", "bottleneck": "knelpunt", "bottlenecks": "knelpunten",
    "measure": "maatregel", "measures": "maatregelen", "approach": "aanpak",
    "area-based": "gebiedsgerichte", "integral": "integrale", "joint": "gezamenlijke", "together": "samen",
    "cooperate": "samenwerken", "cooperating": "samenwerken", "role": "rol", "responsibility": "verantwoordelijkheid",
    "leading": "trekkende", "coordinating": "coördinerend", "coordination": "coördinatie", "direction": "regie",
    "control": "regie", "position": "positie", "status": "status", "choice": "keuze", "choices": "keuzes",
    "reason": "reden", "reasons": "redenen", "because": "omdat", "impact": "impact", "effects": "effecten",
    "effect": "effect", "consequences": "gevolgen", "risk": "risico", "risks": "risico's",
    # money
    "cost": "kosten", "price": "prijs", "euro": "euro", "mln": "mln",
    "fund": "fonds", "funds": "middelen", "resources": "middelen", "means": "middelen", "allocated": "toegekend",
    "allocation": "toekenning", "invest": "investeren", "invested": "geïnvesteerd", "investing": "investeren",
    "spend": "uitgeven", "spent": "uitgegeven", "pay": "betalen", "paid": "betaald", "co-financing": "cofinanciering",
    "cofinancing": "cofinanciering", "share": "aandeel", "percentage": "procent", "percent": "procent",
    "half": "helft", "quarter": "kwart", "total": "totaal", "additional": "aanvullende", "extra": "extra",
    "reservation": "reservering", "reserve": "reserveren", "shortage": "tekort", "gap": "tekort",
    # housing and economy
    "home": "woning", "dwelling": "woning", "apartments": "woningen",
    "residential": "woon", "neighbourhood": "wijk", "neighborhood": "wijk", "district": "wijk",
    "districts": "wijken", "city": "stad", "cities": "steden", "town": "stad", "towns": "steden",
    "village": "dorp", "villages": "dorpen", "centre": "centrum", "center": "centrum", "core": "kern",
    "cores": "kernen", "metropolitan": "metropool",
    "countryside": "platteland", "work": "werk", "workers": "werknemers",
    "companies": "bedrijven", "company": "bedrijf", "industrial": "industrie", "industries": "industrieën",
    "ports": "havens", "harbours": "havens", "logistics": "logistiek", "innovation": "innovatie",
    "knowledge": "kennis", "university": "universiteit", "education": "onderwijs", "healthcare": "zorg",
    "tourism": "toerisme", "recreation": "recreatie", "culture": "cultuur", "cultural": "cultureel",
    "monument": "monument", "monuments": "monumenten", "world": "wereld",
    # mobility
    "transport": "vervoer", "public": "openbaar", "accessibility": "bereikbaarheid",
    "accessible": "bereikbaar", "traffic": "verkeer", "lane": "rijstrook", "lanes": "rijstroken",
    "junction": "knooppunt", "interchange": "knooppunt", "hub": "knooppunt", "hubs": "knooppunten",
    "node": "knooppunt", "nodes": "knooppunten",
    "railways": "spoorlijnen", "line": "lijn", "lines": "lijnen", "connection": "verbinding",
    "connections": "verbindingen", "link": "verbinding", "links": "verbindingen", "corridor": "corridor",
    "corridors": "corridors", "freight": "goederen", "goods": "goederen", "shipping": "scheepvaart",
    "waterway": "vaarweg", "waterways": "vaarwegen", "cycle": "fiets", "bicycle": "fiets",
    "aviation": "luchtvaart", "maintenance": "onderhoud", "renewal": "vernieuwing", "replacement": "vervanging",
    # water and soil, nature, agriculture
    "flood": "overstroming", "floods": "overstromingen", "protection": "bescherming",
    "supply": "voorziening",
    "lake": "meer", "lakes": "meren", "delta": "delta", "estuary": "estuarium", "salt": "zout",
    "salinisation": "verzilting", "subsidence": "bodemdaling", "peatland": "veenweide", "peatlands": "veenweiden",
    "meadow": "weide", "meadows": "weiden", "wetland": "natte", "ground": "grond",
    "land": "grond", "space": "ruimte", "green": "groen", "blue": "blauw",
    "biodiversity": "biodiversiteit", "wildlife": "natuur", "habitat": "natuur", "trees": "bomen",
    "woodland": "bos", "agricultural": "agrarisch", "livestock": "veehouderij", "farm": "boerderij",
    "farms": "bedrijven", "manure": "mest", "reduction": "reductie", "reduce": "verminderen",
    "emission": "uitstoot", "pollution": "vervuiling", "environment": "milieu", "environmental": "milieu",
    "living": "leefomgeving", "liveability": "leefbaarheid", "livability": "leefbaarheid", "heat": "warmte",

    # energy and defence
    "electricity": "elektriciteit", "power": "stroom", "renewable": "duurzame",
    "sustainable": "duurzame", "sustainability": "verduurzaming", "transition": "transitie", "cable": "kabel",
    "cables": "kabels", "pipeline": "leiding", "pipelines": "leidingen", "offshore": "op zee", "turbines": "molens",
    "turbine": "molen", "panels": "panelen", "battery": "batterij", "batteries": "batterijen",
    "plant": "centrale", "plants": "centrales", "heating": "warmte",
    "military": "defensie", "army": "defensie", "defence": "defensie", "training": "oefen", "barracks": "kazerne",
    "terrain": "terrein", "airbase": "vliegbasis",
    # documents, plans and how they are made (words the same in both languages carry the Dutch word too).
    # Not here: adjectives and words that Dutch writes inside compounds ("regional": Regiodeal, "zones":
    # spoorzone); as focus terms they would make the sentence that answers look off-topic
    "draft": "ontwerp concept", "drafts": "ontwerpen", "concept": "concept", "concepts": "concepten",
    "title": "titel", "titles": "titels", "plan": "plan", "plans": "plannen", "process": "proces",
    "processes": "processen", "step": "stap", "steps": "stappen", "stage": "fase", "stages": "fasen",
    "letters": "brieven", "principle": "uitgangspunt principe",
    "principles": "uitgangspunten principes", "framework": "kader", "frameworks": "kaders",
    "instrument": "instrument", "instruments": "instrumenten", "cover": "omvat", "covers": "omvat",
    "covered": "omvatte", "improve": "verbeteren", "improvement": "verbetering", "improvements": "verbeteringen",
    "cancel": "schrappen", "prioritise": "prioriteren",
    "prioritize": "prioriteren", "prioritisation": "prioritering", "prioritization": "prioritering",
    "result": "resultaat", "results": "resultaten", "outcome": "uitkomst", "outcomes": "uitkomsten",
    "conclusion": "conclusie", "conclusions": "conclusies", "condition": "voorwaarde", "conditions": "voorwaarden",
    "requirement": "eis", "requirements": "eisen", "update": "actualisatie", "updated": "geactualiseerd",
    "revised": "herzien", "revision": "herziening",
    "reprioritisation": "herprioritering", "reprioritization": "herprioritering", "reprioritise": "herprioriteren",
    "deliver": "opleveren", "delivered": "opgeleverd", "delivery": "oplevering", "restrict": "beperken",
    "restricts": "beperkt", "restricted": "beperkt", "restriction": "beperking", "restrictions": "beperkingen",
    "limit": "beperken", "limits": "beperkt", "telescope": "telescoop",
    "endorse": "onderschrijven", "endorses": "onderschrijven", "endorsed": "onderschrijven",
    "recognise": "erkennen", "recognises": "erkennen", "recognised": "erkend", "recognize": "erkennen",
    "recognizes": "erkennen", "recognized": "erkend", "recognition": "erkenning", "interest": "belang",
    "interests": "belangen",
    # who acts and how (each the Dutch word the documents use on its own, not inside compounds)
    "represent": "vertegenwoordigen", "represents": "vertegenwoordigt", "represented": "vertegenwoordigd",
    "representative": "vertegenwoordiger", "delegation": "delegatie",
    "explore": "verkennen", "explores": "verkent", "explored": "verkend", "exploration": "verkenning",
    "investigate": "onderzoeken", "investigates": "onderzoekt", "investigated": "onderzocht",
    "estimate": "raming", "estimates": "ramingen", "estimated": "geraamd", "variant": "variant",
    "variants": "varianten",
    "paying": "betalen", "designate": "aanwijzen", "designated": "aangewezen",
    "designation": "aanwijzing", "appoint": "benoemen", "appointed": "benoemd", "uncertain": "onzeker",
    "uncertainty": "onzekerheid", "granted": "gehonoreerd toegekend", "application": "aanvraag",
    "applications": "aanvragen", "topic": "onderwerp", "topics": "onderwerpen", "possibility": "mogelijkheid",
    "possibilities": "mogelijkheden", "restructuring": "herstructurering", "retain": "vasthouden",
    "retaining": "vasthouden", "platform": "perron", "finished": "afgerond", "completed": "afgerond",
    "split": "opknippen", "splitting": "opknippen", "spread": "verspreid", "member": "lid", "members": "leden",
    "mp": "lid", "mps": "leden",
    # what agreements condition, weigh and align (6 Dec; general words, each the Dutch word the text uses)
    "feasible": "uitvoerbaar",
    "unfeasible": "niet uitvoerbaar", "infeasible": "niet uitvoerbaar", "feasibility": "haalbaarheid",
    "effective": "effect", "effectiveness": "effectiviteit", "insufficient": "onvoldoende",
    "sufficient": "voldoende", "judge": "beoordelen", "judging": "beoordelen", "judged": "beoordeeld",
    "assess": "beoordelen", "assessed": "beoordeeld", "assessing": "beoordelen", "align": "afstemmen",
    "aligned": "afgestemd uitgelijnd", "coordinated": "afgestemd", "coordinate": "afstemmen",
    "alignment": "afstemming", "consult": "overleggen",
    "consulted": "geraadpleegd", "involved": "betrokken", "involve": "betrekken", "involvement": "betrokkenheid",
    "presented": "gepresenteerd", "present": "presenteren",
    "conditional": "voorwaardelijk", "guarantee": "garantie", "guarantees": "garanties",
    "purchase": "aankoop", "purchases": "aankopen", "purchasing": "aankopen", "acquisition": "verwerving",
    "acquisitions": "verwervingen", "facility": "faciliteit", "shared": "gedeeld", "sharing": "delen",
    "financial": "financieel", "participation": "participatie", "participate": "deelnemen",
    "exploring": "verkennen", "examine": "onderzoeken", "examined": "onderzocht", "investigation": "onderzoek",
    "analysis": "analyse", "analyse": "analyseren", "analyze": "analyseren", "in-depth": "verdiepende",
    "methodology": "systematiek", "method": "methode", "submit": "indienen", "submitted": "ingediend",
    "submission": "indiening", "route": "route", "tabled": "geagendeerd", "elaborate": "uitwerken",
    "elaborated": "uitgewerkt", "elaboration": "uitwerking", "version": "versie", "supplement": "aanvulling",
    "supplementary": "aanvullend", "extend": "verlengen", "extended": "verlengd",
    "scarcity": "schaarste", "demand": "vraag", "required": "nodig", "search": "zoek", "cluster": "cluster",
    "clusters": "clusters", "firms": "bedrijven", "connect": "verbinden", "connected": "verbonden",
    "substation": "station", "substations": "stations", "voltage": "spanning", "high-voltage": "hoogspanning",
    "landfall": "aanlanding", "gas": "gas", "neighbourhoods": "wijken",
    "metro": "metro", "tram": "tram", "inland": "binnenvaart", "levee": "dijk", "levees": "dijken",
    "retention": "berging", "drainage": "afwatering", "salinization": "verzilting",
    "ecological": "ecologische", "protected": "beschermd", "low-flying": "laagvliegen", "airspace": "luchtruim",
    "grassland": "grasland", "dairy": "melkvee", "historic": "historisch", "historical": "historisch",
    "forecast": "prognose", "projection": "prognose", "calculation": "berekening", "calculated": "berekend",
    "increase": "verhogen", "increased": "verhoogd", "decrease": "verlagen", "reduced": "verminderd",
    "boundary": "grens", "boundaries": "grenzen", "border": "grens", "cross-border": "grensoverschrijdend",
    "international": "internationale", "review": "herijking", "reviewed": "herijkt", "reconsider": "heroverwegen",
    "completion": "afronding", "obligation": "verplichting", "obligations": "verplichtingen",
    "approve": "goedkeuren", "adopt": "vaststellen", "adoption": "vaststelling", "confirm": "bevestigen",
    "confirmed": "bevestigd", "reaffirm": "herbevestigen", "reaffirmed": "herbevestigd", "support": "steun",
    "supported": "gesteund", "supports": "steunt",
    # words the documents use often that English questions ask with (6 Dec, chosen by corpus frequency of the
    # Dutch word, each standing on its own in the text)
    "landowner": "grondeigenaar", "landowners": "grondeigenaren", "cohesion": "samenhang",
    "coherence": "samenhang", "coherent": "samenhangend", "existing": "bestaande", "strengthen": "versterken",
    "strengthening": "versterking", "economic": "economische", "circular": "circulaire",
    "opportunity": "kans", "opportunities": "kansen", "layout": "inrichting", "physical": "fysieke",
    "preservation": "behoud", "conservation": "behoud", "solution": "oplossing", "solutions": "oplossingen",
    "integration": "inpassing", "balance": "balans", "necessary": "noodzakelijk", "prevent": "voorkomen",
    "preconditions": "randvoorwaarden", "future-proof": "toekomstbestendige", "local": "lokale",
    "campus": "campus", "campuses": "campussen", "decision-making": "besluitvorming", "access": "ontsluiting",
    "robust": "robuust", "distribution": "verdeling", "accelerate": "versnellen", "acceleration": "versnelling",
    "prosperity": "welvaart", "management": "beheer", "objective": "doelstelling",
    "objectives": "doelstellingen", "departments": "departementen", "phasing": "fasering",
    "restoration": "herstel", "recovery": "herstel", "nature-inclusive": "natuurinclusieve",
    "tailor-made": "maatwerk", "transformation": "transformatie", "inner-city": "binnenstedelijke",
    "urgent": "urgente", "tranche": "tranche", "tranches": "tranches", "ensure": "borgen", "safeguard": "borgen",
    # English words of half A's questions that no entry reached (6 Dec), each the standalone Dutch word
    "ministers": "minister bewindspersonen", "alternative": "alternatief", "alternatives": "alternatieven",
    "arrangements": "arrangementen", "preferred": "voorkeur", "enlarge": "vergroten uitbreiden",
    "enlarging": "vergroten uitbreiden", "enlargement": "vergroting uitbreiding", "opening": "openstelling",
    "chaired": "voorzitter", "chair": "voorzitter", "supplements": "aanvullingen", "parliamentary": "kamer",
    "importance": "belang", "distribute": "verdelen", "distributed": "verdeeld", "ammunition": "munitie",
    "spreading": "spreiden", "flow": "doorstroming", "conditionally": "voorwaardelijk", "dilemma": "dilemma",
    "dilemmas": "dilemma's", "seaport": "zeehaven", "seaports": "zeehavens", "job": "werkgelegenheid",
    "needs": "behoefte", "report": "rapport", "basis": "basis",
}
EN_NL.update({k: v for k, v in _FIELD.items() if k not in EN_NL})


def _corpus_words() -> dict[str, str]:
    """English words for the Dutch words the documents use at least three times (glossary_corpus.tsv: written
    from the corpus's vocabulary, not from any question; its third column is the Dutch word's corpus count)."""
    rows = (line.split("\t") for line in (Path(__file__).parent / "glossary_corpus.tsv").read_text(
        encoding="utf-8").splitlines()[1:])
    return {row[0]: row[1] for row in rows if len(row) >= 2}


CORPUS_EN_NL = {k: v for k, v in _corpus_words().items() if k not in EN_NL}
# English phrases whose words apart would mislead ("power" alone is "stroom"): read as one word first
PHRASES: dict[str, str] = {
    "power plant": "centrale", "power plants": "centrales", "power station": "centrale",
    "power stations": "centrales", "house of representatives": "tweede kamer", "second chamber": "tweede kamer",
    "city council": "gemeenteraad", "provincial council": "provinciale staten", "national government": "rijk",
    "grid congestion": "netcongestie", "cultural landscape": "cultuurlandschap", "regional deal": "regio deal",
    "regional deals": "regio deals",
    "water board": "waterschap", "water boards": "waterschappen", "business park": "bedrijventerrein",
    "business parks": "bedrijventerreinen", "industrial estates": "bedrijventerreinen",
    "climate adaptation": "klimaatadaptatie", "search areas": "zoekgebieden", "area development":
    "gebiedsontwikkeling", "raw materials": "grondstoffen", "public support": "draagvlak",
    "land use": "ruimtegebruik", "land speculation": "grondspeculatie", "water system": "watersysteem",
    "training area": "oefenterrein", "training areas": "oefenterreinen", "training ground": "oefenterrein",
    "training grounds": "oefenterreinen", "pumping capacity": "pompcapaciteit",
    # "lead" alone is a leader (trekker); followed by "to" it is a result
    "lead to": "leiden", "leads to": "leidt", "led to": "leidde", "leading to": "leiden",
}
_PHRASE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, PHRASES), key=len, reverse=True)) + r")\b", re.I)

_WORD = re.compile(r"[\w'-]+")
_POSSESSIVE = re.compile(r"['’]s$")
_HYPHENATED_NAME = re.compile(r"[A-Z]\w*-[A-Z]")  # "Noord-Nederland" first in a question is still a name


def translate(question: str, *, wide: bool = False) -> tuple[str, list[str]]:
    """The Dutch words for the English words of a question, and the English words it could not place.

    >>> translate("Which area did the region put forward as a frontrunner?")
    ('gebied regio koploper', ['which', 'did', 'the', 'put', 'forward', 'as', 'a'])
    """
    dutch, unknown = [], []
    dutch += [PHRASES[m.group().casefold()] for m in _PHRASE.finditer(question)]
    question = _PHRASE.sub(" ", question)
    first = question.split()[0] if question.split() else ""
    for word in _WORD.findall(question):
        w = word.casefold()
        parts = [w] if w in EN_NL or "-" not in w else w.split("-")  # "drinking-water": each part
        for part in parts:
            if part in EN_NL:
                dutch.append(EN_NL[part])
            elif wide and part in CORPUS_EN_NL:
                dutch.append(CORPUS_EN_NL[part])
            elif not word[:1].isupper() or (word == first and not _HYPHENATED_NAME.match(word)):
                unknown.append(_POSSESSIVE.sub("", part))  # "Noord-Nederland's": the name's part
    return " ".join(dutch), unknown


# the small words of English questions, which no glossary need translate
_SMALL = frozenset(
    "what which whom whose when where does were have been being will would could should with about from into onto "
    "than that this these those their there they them also after before under over more most much many other "
    "each both such same only very just then some your ours".split())


def unread(question: str) -> list[str]:
    """The English question's words of four letters or more, not names, that neither glossary gives a Dutch
    word for ("closure", "reversed"): what the question asks of its names that the documents' words cannot be
    matched against.

    >>> unread("How was the closure of the nautical post at Aland reversed in 2025?")
    ['closure', 'nautical', 'post', 'reversed']
    """
    _, unknown = translate(question, wide=True)
    return [w for w in dict.fromkeys(unknown) if len(w) >= 4 and w not in _SMALL and not w[:1].isdigit()]


# what an English question asks about: the words after "about", "regarding" …, up to its next part
_TOPIC = re.compile(r"\b(?:about|regarding|concerning|with regard to|in relation to|as regards)\s+(?P<topic>[^?,;]+)",
                    re.I)
_NEXT_PART = re.compile(r"\band\s+(?:what|which|when|how|who|where|why|whether)\b.*"
                        # a clause of time or reason after the topic says when or why, not what about
                        r"|\b(?:while|whilst|because|since|until|unless|whereas|once|when|if)\b.*", re.I)
# words of a topic that name no thing: prepositions and common adjectives ("the large depot", "along the A27")
_NO_THING = frozenset(
    "around along behind towards toward across within without between beyond near next large small great big "
    "major main whole further".split())


@functools.lru_cache(maxsize=1024)
def topic_words(question: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words that name what an English question asks about ("… agree about shale gas extraction?"), and
    those of them neither glossary reads. Names (capitalised), numbers, words under four letters ("gas", as
    `unread` counts), small words, verb forms in -ing
    ("introducing", "upgrading": what is done to the topic) and `_NO_THING` words do not count.

    >>> topic_words("What did the province agree about shale gas extraction?")
    (('shale', 'extraction'), ('shale', 'extraction'))
    >>> topic_words("What was agreed about upgrading the Hanzelijn?")
    ((), ())
    >>> topic_words("What was agreed about the Alandregeling while the area vision is being drawn up?")
    ((), ())
    """
    m = _TOPIC.search(question)
    if m is None:
        return (), ()
    topic = _NEXT_PART.sub("", m.group("topic"))
    _, unknown = translate(topic, wide=True)
    words = [part for w in _WORD.findall(topic) if not w[:1].isupper() and not w[:1].isdigit()
             for part in w.casefold().removesuffix("'s").split("-")
             if len(part) >= 4 and part not in _SMALL and part not in _NO_THING and not part.endswith("ing")]
    return tuple(words), tuple(w for w in words if w in unknown)
