"""How a question asks: its language, the kind of answer it wants composed and the type of value it expects,
and what a how-many question counts. Patterns of Dutch and English question words, nothing else.
"""

from __future__ import annotations

import functools
import re
from enum import StrEnum

from ruimtegraaf.answering.values import AnswerType, Value
from ruimtegraaf.embed import fold
from ruimtegraaf.glossary import EN_NL
from ruimtegraaf.index import tokens


class QuestionKind(StrEnum):
    """How an answer is composed."""

    FACT = "fact"  # one value or statement
    LIST = "list"  # several items
    AGREEMENT = "agreement"  # what parties agreed
    COMPARISON = "comparison"  # two moments or two things, one part each
    WHY = "why"  # a reason, under a premise
    YES_NO = "yes_no"
    JUDGEMENT = "judgement"  # an opinion or forecast the documents cannot give


ENGLISH_WORDS = frozenset(  # the small words of English questions
    "what which who whom whose when where how why did does do is are was were the of for and "
                "according document documents agreed agreement province region area with about from between "
                "has have been will would could should on at by to into onto its it they their there this that these "
                "those than or any each other".split())
_EN_FIRST = frozenset("what which who whom whose when where how why did does do according is are was were will "
                      "can could should has have".split())
_NL = frozenset("wat welke wie wanneer waar hoe waarom is zijn was werd de het een van voor en met over "
                "hoeveel afgesproken".split())
# "over welke periode", "which period", "over welke termijn", "what time frame": a span of time
_PERIOD_WORDS = (r"(?:welke|wat is de|which|what) (?:\w+ )?(?:periode|period|termijn|tijdshorizon|horizon|"
                 r"time ?frame|time horizon)")
_PERIOD_Q = re.compile(rf"\b{_PERIOD_WORDS}\b", re.I)
# (answer type, pattern) in the order they are tried: the most specific first
_EXPECTED: tuple[tuple[AnswerType, re.Pattern[str]], ...] = tuple((t, re.compile(p, re.I)) for t, p in (
    # who pays or bears the costs: the parties that do, organisations ("Waterschap Aa en Maas, provincie
    # Noord-Brabant en IenW hebben de extra kosten … bekostigd"), not a person and not the amount
    (AnswerType.ORGANISATION, r"\b(?:wie|who)\s+(?:betaal[dt]?\w*|betalen|draagt|dragen|droegen|droeg|"
                              r"financier\w*|bekostig\w*|pays?|paid|bears?|bore|funds?|funded|financ\w+)\b"),
    (AnswerType.PERCENTAGE, r"\b(?:welk(?:e)?\s+(?:percentage|aandeel|deel)|hoeveel procent|what (?:percentage|share|"
                            r"proportion)|how many per ?cent|"  # a reduction aimed for is a share ("55% CO2-reductie")
                            r"(?:welke|hoeveel) (?:[\w-]+-)?reductie|(?:what|how much) (?:[\w-]+ )?reduction)\b"),
    (AnswerType.AREA, r"\b(?:hoeveel (?:hectare|ha|vierkante)|hoe groot (?:is|was|wordt) (?:het|de) (?:\w+ )?"
                      r"(?:gebied|terrein|oppervlak\w*|areaal|polder)|oppervlakte|in hectares?|how many hectares|"
                      r"what (?:is the )?(?:area|surface))\b"),
    (AnswerType.DURATION, r"\b(?:hoe lang|hoeveel (?:jaar|jaren|maanden|maand|weken)|hoeveel (?:korter|langer)|"
                          r"how much (?:shorter|longer)|"  # years, months, weeks counted are a duration
                          r"(?:welke|wat is de) (?:\w+ ){0,3}looptijd|how long|how many (?:years|months|weeks)|"
                          r"what (?:is the )?(?:\w+ )?duration|"
                          r"hoe ver (?:vooruit|van tevoren)|how far (?:ahead|in advance))\b"),  # a horizon
    (AnswerType.MONEY, r"\b(?:hoeveel (?:geld|euro|rijksgeld|budget|middelen|(?:co-?|rijks)?financiering|"
                       r"subsidie|investering(?:en)?|dekking|(?:rijks)?bijdrage)\b|"
                       # two sums set side by side: "hoe verhoudt de kostenraming zich tot het budget"
                       r"hoe verh(?:oudt|ouden|ield|ielden) (?:de|het|zich) (?:[\w-]+ )?\w*(?:kosten|raming|budget|"
                       r"bedrag|bijdrage|investering)\w*|how (?:does|do|did) (?:the|its) (?:[\w-]+ )?\w*(?:cost|"
                       r"estimate|budget|amount|contribution)s? (?:compare|relate)|"
                       r"(?:wat|hoeveel) (?:kost|kosten|kostte|kostten)\b|kosten van|"
                       # what a party puts in: "wat legt de gemeente zelf in" (not "what does X contribute": that
                       # may be knowledge, "kennis en kunde")
                       r"wat (?:legt|leggen|legde|legden)\b[^?]{0,40}\bin\b|"
                       r"welke? (?:\w+)?bedrag(?:en)?|welke? (?:\w+ )?(?:rijks)?bijdrage|hoeveel investeert|"
                       r"hoeveel (?:geld |euro |rijksgeld )?(?:draagt|dragen|stelt|stellen|trekt|trekken)\b"
                       r".*\b(?:bij|beschikbaar|uit)|"
                       r"hoeveel (?:is|wordt|werd|zijn|worden|werden|heeft|hebben)\b(?:(?!\bhectare\b)[^?])*\b(?:"
                       r"gereserveerd|uitgetrokken|beschikbaar|geïnvesteerd|geinvesteerd|bijgedragen|toegekend|"
                       r"vrijgemaakt|begroot|betaald|uitgegeven)\b|"
                       r"how much(?! (?:land|space|area|time|co2))|what (?:does|did|will) .{0,40}cost|"
                       r"what (?:\w+ ){0,5}amounts?|"
                       r"how much money|what (?:\w+ )?(?:budget|contribution)|"
                       r"hoe hoog (?:is|zijn|was|waren) (?:de|het) (?:\w+ ){0,2}(?:vergoeding|bijdrage|subsidie|bedrag|"
                       r"budget|kosten|investering|tekort)\w*|wat (?:zijn|waren|is|was) (?:de|het) (?:\w+ ){0,2}"
                       r"(?:kosten|budget|projectbudget)|"
                       r"(?:total|estimated|investment|construction|total investment)\s+costs?|"
                       r"what (?:is|are|was|were) the (?:[\w'’-]+ ){0,3}(?:cost|costs|price|budget))\b"),
    (AnswerType.COUNT, r"\b(?:hoeveel|how many|aantal|number of|hoe groot|how large|how big)\b"),
    (AnswerType.DATE, r"\b(?:wanneer|per wanneer|tot wanneer|op welke (?:exacte |precieze )?(?:dag|datum)|in welk jaar|"
                      r"welke (?:exacte |precieze )?datum|welke planning|vanaf wanneer|"
                      r"when(?! it comes to)(?!\s+[a-z]+ing\b)|"  # not a time clause ("… when doing so")
                      r"(?:what|which) (?:exact |precise )?date|which year|what year|by when|from when|"
                      r"what timeline|"
                      rf"deadline|{_PERIOD_WORDS})\b"),
    (AnswerType.REASON, r"\b(?:waarom|waardoor|om welke reden|why|for what reason)\b"),
    (AnswerType.PERSON, r"\b(?:wie|who|whom|(?:hoe heet|hoe heten|wat is de naam van|what is the name of|"
                        r"what was the name of) (?:de|het|the) (?:\w+ )?(?:wethouder|gedeputeerde|minister|"
                        r"bewindspersoon|staatssecretaris|bestuurder|burgemeester|directeur|voorzitter|alderman|"
                        r"mayor|state secretary|director|chair)s?|"
                        r"welke (?:\w+ )?(?:wethouder|gedeputeerden?|minister|bewindsperso(?:on|nen)|"
                        r"staatssecretaris(?:sen)?|bestuurder|burgemeester|directeur|voorzitter|ambassadeur|"
                        r"trekker)s?|"
                        r"which (?:\w+ )?(?:minister|alderman|mayor|state secretary|cabinet member|director|"
                        r"chair|administrator|official|deputy|provincial executive|"
                        # the Dutch office in an English question ("Which Groningen gedeputeerde signed …?")
                        r"gedeputeerde|wethouder|burgemeester|bewindspersoon|staatssecretaris)s?)\b"),
    (AnswerType.ORGANISATION, r"\b(?:welk(?:e)? (?:\w+ )?(?:ministerie|ministeries|departement(?:en)?|partij(?:en)?|"
                              r"organisatie(?:s)?|instantie(?:s)?|instelling(?:en)?|overheden|provincies?|"
                              r"gemeenten?|waterschappen|waterschap|opdrachtgevers?|aannemers?|opdrachtnemers?|"
                              r"bouwbedrijf|bouwbedrijven)|"
                              r"which (?:\w+ )?(?:ministry|ministries|department|"
                              r"parties|party|institution|organi[sz]ation|provinces?|municipalit(?:y|ies)|"
                              r"authorities|water boards?|contractors?|construction compan(?:y|ies)))\b"),
    (AnswerType.PLACE, r"\b(?:waar(?!\s+(?:lag|ligt|lagen|liggen)\b(?:\s+[\w-]+){0,8}?\s+(?:de|het)\s+"
                       r"(?:nadruk|focus|accent|zwaartepunt))|op welke locaties?|welke locaties?|welke plek(?:ken)?|"
                       r"in welke (?:plaats|gemeente|provincie)|"
                       r"where(?!\s+(?:is|was|lies|lay)\b(?:\s+[\w-]+){0,8}?\s+the\s+(?:emphasis|focus))|"
                       r"which (?:location|site|place)s?|tussen welke|between which)\b"),
))
_DAY_Q = re.compile(r"\b(?:op welke (?:exacte |precieze )?(?:dag|datum)|welke (?:exacte |precieze )?datum|"
                    r"(?:what|which) (?:exact |precise )?(?:date|day)|on (?:which|what) (?:exact )?day)\b", re.I)
_AGREEMENT_Q = re.compile(r"\b(?:afgesproken|afspraak|afspraken|spraken|spreken|overeengekomen|agreed|agree|"
                          r"agreements?)\b", re.I)
# "wat gaan Rijk en regio doen …", "what will the Rijk and the province do …": the parties of an agreement acting
# together (not what they discussed, which the letters report)
_PARTIES_ACT = re.compile(r"\b(?:wat|what)\b.*\b(?:rijk|government)\s+(?:en|and)\s+(?:de\s+|the\s+)?(?:regio|provincie|"
                          r"gemeenten?|waterschap|region|province|municipalit)", re.I)
_DISCUSSED = re.compile(r"\b(?:besproken|gesproken|bespreken|spreken over|discuss\w*|talk\w*)\b", re.I)
# a plural after "welke"/"which", perhaps after a modifier; the word after a singular noun is no plural when it
# is a preposition or verb ("welke locatie binnen …", "which contractor was …")
_NOT_PLURAL = r"(?!(?:binnen|buiten|tussen|tegen|volgens|sinds|boven|beneden|was|has|is|does|its|this|as|us)\b)"
_LIST_Q = re.compile(rf"\b(?:welke (?:\w+[- ])?{_NOT_PLURAL}\w+(?:en|s|'s)\b|noem|which (?:\w+ )?{_NOT_PLURAL}\w+s\b|"
                     r"(?:what|which) (?:[\w-]+ )?criteria\b|"  # a plural without -s
                     r"what are|op welke (?:\w+ )?punten|welke (?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien)|"
                     r"(?:which|what) (?:two|three|four|five|six|seven|eight|nine|ten)\b)", re.I)
_YES_NO_START = re.compile(r"^\s*(?:komt|komen|gaan|gaat|is|zijn|wordt|worden|heeft|hebben|kan|kunnen|zal|zullen|"
                           r"blijft|blijven|lukt|lukken|haalt|halen|gaat|krijgt|krijgen|"
                           r"moet|moeten|was|waren|werd|werden|had|hadden|"
                           r"will|would|does|do|did|is|are|was|were|can|could|should|has|have|had)\b", re.I)
_FORECAST = re.compile(r"^\W*(?:blijft|blijven|lukt|lukken|haalt|halen)\b|"
                       r"\b(?:uiteindelijk|straks|in de toekomst|gaan\s+\w+\s+(?:stijgen|dalen)|zal|zullen|"
                       r"eventually|in the future|will\b.*\b(?:rise|fall|happen)|stijgen|dalen)\b", re.I)
_JUDGEMENT = re.compile(r"\b(?:meest|minst|beste|slechtste|succesvol\w*|mislukt\w*|terecht|verstandig|"
                        r"most successful|least successful|best|worst|successful|failed|wise|right to)\b", re.I)
# whether something suffices ("is het budget voldoende om …"): only a sentence that says so, either way, answers
SUFFICES_Q = re.compile(r"\b(?:voldoende|toereikend|genoeg|afdoende|sufficient|enough|adequate)\b", re.I)
SUFFICES = re.compile(r"(?:on)?voldoende|(?:on)?toereikend|genoeg|afdoende|tekortschiet|schiet\w* tekort", re.I)
# what happens in a case ("what happens if …", "wat doen Rijk en regio als …"): only a sentence that states a
# case ("Als …", "Indien …", "Mocht …") can answer
_CONDITIONAL_Q = re.compile(r"\b(?:what\b[^?]*\b(?:happens?|do|does|will)|"
                            r"wat\b[^?]*\b(?:gebeurt|doen|doet|gaan|gaat))\b"
                            r"[^?]*\b(?:if|indien|mocht(?:en)?|als\s+(?:de|het|een|er|zij|ze|die|dit|dat))\b"
                            r"|\b(?:if|indien)\b[^?]*\b(?:what happens|wat gebeurt)\b", re.I)
CONDITION = re.compile(r"\b(?:als|indien|mocht(?:en)?|wanneer|tenzij|ingeval|in geval|in het geval|zodra)\b", re.I)


@functools.lru_cache(maxsize=1024)
def asks_case(question: str) -> bool:
    """Whether a question asks what happens in a case ("what happens if …"); once per question, not per candidate.

    >>> asks_case("What happens if the agreement is not signed?"), asks_case("Wanneer wordt het getekend?")
    (True, False)
    """
    return bool(_CONDITIONAL_Q.search(question))


_COMPARE = re.compile(r"\b(?:vergeleken|vergelijk\w*|verschil\w*|nog dezelfde|compared?|difference|"
                      r"versus|vs\.?)\b", re.I)
# the noun a how-many question counts, past up to two adjectives ("hoeveel voorlopige NOVI-gebieden", "how many
# other Dutch regions")
_UNIT_Q = re.compile(r"\b(?:hoeveel|how many|aantal|number of)\s+(?:(?:extra|new|additional|other|further|more|"
                     r"different|separate|dutch|national|regional|large|major|[a-zà-ÿ]+e)\s+"
                     r"(?=(?!(?:er|zijn|is|worden|wordt|waren|komen|are|were|will|have|has|had|did|do|does)\b)[\w-]+)){0,2}"
                     r"(?!(?:have|has|had|did|do|does)\b)(?P<unit>[\w-]+)\b"
                     r"(?!\s+(?:er|het|de|dat|die|there|the)\b)",  # "hoeveel kwam er bij": a verb, not a unit
                     re.I)

def question_language(question: str) -> str:
    """"en" or "nl": an English question word first decides (the names it asks about may be Dutch),
    else the more common of the two languages' small words.

    >>> question_language("What was agreed with Zeeland about de Investeringsagenda voor de Kustvisie?")
    'en'
    >>> question_language("Wat is er met Drenthe afgesproken over de Nedersaksenlijn?")
    'nl'
    """
    words = re.findall(r"\w+", question.casefold())
    found = set(words)
    dutch_word_first = bool(words) and words[0] in _NL and len(found & _NL) > len(found & ENGLISH_WORDS)
    if words and words[0] in _EN_FIRST and not dutch_word_first:
        return "en"
    return "en" if len(found & ENGLISH_WORDS) > len(found & _NL) else "nl"


def expected_type(text: str) -> AnswerType | None:
    """The answer type a question's words ask for, or None when they ask for none in particular.

    >>> expected_type("Hoeveel hectare beslaat het nieuwe natuurgebied?"), expected_type("Wat kost de aanpassing?")
    (<AnswerType.AREA: 'area'>, <AnswerType.MONEY: 'money'>)
    >>> expected_type("When is the contract expected to be awarded?")
    <AnswerType.DATE: 'date'>
    """
    part_of_thing = (m := _PART_OF.search(text)) is not None and not _QUANTITY.match(m.group("noun")) \
        and not _PAYING.search(text)  # "welk deel van het project wordt meegefinancierd": a share of its cost
    for answer_type, pattern in _EXPECTED:
        if answer_type == AnswerType.PERCENTAGE and part_of_thing and not _SHARE_WORDS.search(text):
            continue  # "welk deel van het hoofdwatersysteem": a part of a thing (the IJssel), not a share
        if pattern.search(text):
            return answer_type
    return None


# "welk deel van <the whole>": a share when the whole is an amount ("van de bijdrage", "van de woningen")
_PART_OF = re.compile(r"\b(?:welk(?:e)?\s+deel|which part|what part)\s+(?:van|of)\s+(?:de|het|die|dat|the|this|that)\s+"
                      r"(?:[\w-]+\s+){0,2}?(?P<noun>[\w-]+)\s*(?:$|[?,.]|\b(?:is|wordt|werd|gaat|ging|komt|kwam|"
                      r"noemde|noemt|valt|viel|moet|zal|zou|was|is|are|was|were|will|did|does)\b)", re.I)
_QUANTITY = re.compile(r"(?:\w*(?:budget|bijdrage|bedrag|middelen|geld|kosten|investering|subsidie|woningen|"
                       r"opgave|tekort|areaal|oppervlakte|hectares?|uitstoot|reservering|financiering|miljoen|"
                       r"miljard|euro|budgets?|contribution|amount|money|funds?|costs?|homes|houses|dwellings)"
                       r"(?:en|s)?)$", re.I)
_PAYING = re.compile(r"financ|betaal|betaald|bekostig|\bkost|\bfund|\bpa(?:y|id)\b|\bcosts?\b", re.I)
_SHARE_WORDS = re.compile(r"\b(?:percentage|aandeel|procent|share|proportion|per ?cent)\b", re.I)


# what a party investigates ("… onderzoeken hoe de voorraad het best benut kan worden"): its words are the topic
# of a study, not a judgement the question asks for
_STUDIED = re.compile(r"\b(?:onderzoek\w*|verken\w*|bekijk\w*|nagaan|gaan na|stud(?:y|ies)|explores?|examines?|"
                      r"investigates?)\s+(?:hoe|of|how|whether)\b.*", re.I)


def question_kind(text: str, expected: AnswerType | None) -> QuestionKind:
    asked = _STUDIED.sub("", text)
    if _JUDGEMENT.search(asked) and re.search(r"\b(?:welk\w*|which|wat vind|is het)\b", asked, re.I):
        return QuestionKind.JUDGEMENT
    if _YES_NO_START.match(text):
        return QuestionKind.JUDGEMENT if _FORECAST.search(text) or _JUDGEMENT.search(text) else QuestionKind.YES_NO
    if expected == AnswerType.REASON:
        return QuestionKind.WHY
    if _COMPARE.search(text):
        return QuestionKind.COMPARISON
    listed = _LIST_Q.search(text)
    if expected in (None, AnswerType.ORGANISATION, AnswerType.PERSON, AnswerType.PLACE) and listed \
            and not _singular_subject(listed.group()):
        return QuestionKind.LIST
    agreed = _AGREEMENT_Q.search(text) or (_PARTIES_ACT.search(text) and not _DISCUSSED.search(text))
    if agreed and expected is None:
        return QuestionKind.AGREEMENT
    return QuestionKind.FACT


def _singular_subject(which: str) -> bool:
    """"which ministry pays": the word after "which" is a noun the glossary knows in the singular (it lists its
    plural too), so the word ending in -s after it is a verb, not a plural noun ("which national programmes")."""
    words = which.casefold().split()
    if len(words) != 3 or words[0] != "which":
        return False
    noun = words[1]
    return noun in EN_NL and (f"{noun}s" in EN_NL or f"{noun[:-1]}ies" in EN_NL or f"{noun}es" in EN_NL)


def asked_unit(question: str, language: str = "nl") -> str | None:
    """What a how-many question counts, in Dutch ("woningen", "gemeenten"); None when it does not say.

    >>> asked_unit("Hoeveel woningen passen er?"), asked_unit("How many municipalities make up the MRU?", "en")
    ('woningen', 'gemeenten')
    >>> asked_unit("Hoeveel voorlopige NOVI-gebieden waren er?"), asked_unit("Hoeveel kwam er bij?")
    ('novi-gebieden', None)
    """
    m = _UNIT_Q.search(question)
    if not m:
        return None
    word = m.group("unit").casefold()
    if language == "en":
        word = EN_NL.get(word, word)
    return None if word in ("er", "there", "de", "het", "the", "is", "zijn", "are") else word


def asks_day(text: str) -> bool:
    """Whether a question asks for a date to the day ("op welke datum"): a month or a season does not answer.

    >>> asks_day("Op welke datum vond het overleg plaats?"), asks_day("Wanneer vond het overleg plaats?")
    (True, False)
    """
    return bool(_DAY_Q.search(text))


def asks_end(text: str) -> bool:
    """Whether a question asks until when something holds ("tot wanneer", "until when"): the date that ends it.

    >>> asks_end("Tot wanneer gelden de afspraken?"), asks_end("Wanneer gelden de afspraken?")
    (True, False)
    """
    return bool(_END_Q.search(text))


_END_Q = re.compile(r"\b(?:tot wanneer|until when|till when|up to when)\b", re.I)


def asks_period(text: str) -> bool:
    """Whether a question asks for a period ("over welke periode"): a span of years answers, a single moment not.

    >>> asks_period("Welke periode beslaat de uitvoeringsagenda?"), asks_period("Wanneer is de agenda vastgesteld?")
    (True, False)
    """
    return bool(_PERIOD_Q.search(text))


def asks_name(text: str) -> bool:
    """Whether a question asks for a person's name ("hoe heet de minister"): the office alone does not answer.

    >>> asks_name("Hoe heet de gedeputeerde van Zeeland?"), asks_name("Wie is de trekker namens het Rijk?")
    (True, False)
    """
    return bool(_NAME_Q.search(text))


_NAME_Q = re.compile(r"\b(?:hoe heet|hoe heten|wat is de naam|welke naam|what is the name|what was the name|"
                     r"what are the names|(?:his|her|their) names?\b)", re.I)
_PARTY = (("Gemeente", r"gemeenten?|municipalit(?:y|ies)"), ("Provincie", r"provincies?|provinces?"),
          ("Ministerie", r"ministeries?|ministerie|departement(?:en)?|ministr(?:y|ies)|departments?"),
          ("Waterschap", r"waterschap(?:pen)?|water boards?"),
          # a company: no gazetteer type names one, so only a company the graph knew would answer
          ("Bedrijf", r"aannemers?|opdrachtnemers?|bouwbedrijf|bouwbedrijven|contractors?|"
                      r"construction compan(?:y|ies)"))
_PARTY_Q = [(kind, re.compile(rf"\b(?:welke?|which|in welke|what)\s+(?:\w+\s+)?(?:{p})\b", re.I)) for kind, p in _PARTY]


def party_kind(noun: str) -> str | None:
    """The kind of party a plural or singular noun names ("provincies" → "Provincie"), or None."""
    return next((kind for kind, pattern in _PARTY if re.fullmatch(pattern, noun, re.I)), None)


def named_as_party(v: Value, sentence: str, question: str) -> bool:
    """A place the sentence names as the party that acts ("De gemeente Maastricht verleent ProRail opdracht")
    while the question names it only as where something is ("Maastricht rail yard: which party …?"), not as
    that party ("the municipality of Maastricht")."""
    before = sentence[:v.start].split()
    if v.type != AnswerType.PLACE or not before or party_kind(before[-1]) is None:
        return False
    for m in re.finditer(rf"\b{re.escape(v.text)}\b", question, re.I):
        ahead = [w for w in question[:m.start()].split() if w.casefold() != "of"][-1:]
        after = question[m.end():].split()[:1]
        if any(party_kind(w.strip(",.;:?!'\"")) for w in ahead + after):
            return False
    return True


def asked_party(text: str) -> str | None:
    """The kind of party a which-question asks for ("welke gemeente" → "Gemeente"), or None.

    >>> asked_party("Welke gemeente in Zeeland is aangewezen?"), asked_party("Welke partijen werken samen?")
    ('Gemeente', None)
    """
    return next((kind for kind, pattern in _PARTY_Q if pattern.search(text)), None)


# a phrase between quotes; a single quote opens only after a space and closes only before a non-letter, so
# the apostrophe of "regio's" opens nothing
_QUOTE_PAIRS = re.compile(r"(?<!\w)'([^']{3,80})'(?!\w)|‘([^’]{3,80})’|“([^”]{3,80})”|\"([^\"]{3,80})\"")


def quoted_phrases(text: str) -> list[str]:
    """The phrases a question quotes (folded, single spaces): the words it expects the documents to use.

    >>> quoted_phrases("Welk concept kwam uit de verkenning van ‘uitloopgebieden’ in de regio's?")
    ['uitloopgebieden']
    >>> quoted_phrases("Wat is de 'Gezonde  en klimaatadaptieve Delta'?"), quoted_phrases("regio's en provincie's")
    (['gezonde en klimaatadaptieve delta'], [])
    """
    return [" ".join(fold(part).split()) for pair in _QUOTE_PAIRS.findall(text) for part in pair if part.strip()]


def after_preamble(text: str) -> str | None:
    """The question a text asks after stating something first, or None when it only asks.

    >>> after_preamble("Zeeland stelde geen plan vast. Wat spraken zij af?"), after_preamble("Wat kost het?")
    ('Wat spraken zij af?', None)
    >>> after_preamble("Naast afspraken over water en bodem: over welke onderwerpen praten zij nog?")
    'over welke onderwerpen praten zij nog?'
    """
    said = _PREAMBLE.match(text) or _BESIDES.match(text)
    return text[said.end():] if said else None


_PREAMBLE = re.compile(r"[^?]{20,}?[.!]\s+(?=[A-Z][^?]*\?\s*$|(?:Wat|Welke?|Wie|Waar|Wanneer|Hoe|Waarom|What|Which|"
                       r"Who|Where|When|How|Why)\b[^?]*$)")  # a part has lost its "?"
# "Naast procesafspraken over zoetwater: over welke onderwerpen …?", "Besides X, which …?": X is known, not asked
_BESIDES = re.compile(r"\W*(?:naast|behalve|afgezien van|besides|apart from|other than|in addition to)\s[^?]{10,}?"
                      r"(?=\b(?:(?:over|in|op|aan|voor|met|van|about|on|in|for|with|of)\s+)?"
                      r"(?:wat|wie|welk\w*|waar\w*|wanneer|hoe\w*|waarom|what|which|who|where|when|how|why)\b)", re.I)


# question words and framing carry no evidence; they must not count as missing from a passage
FRAMING_WORDS = frozenset(tokens(
    "wat welk welke wie wanneer waar hoe hoeveel waarom volgens noemt noemde genoemd worden wordt werd werden zouden "
    "konden gaan gaat per "
    "spraken spreken spreekt af afgesproken afspraak afspraken maakt maken gemaakt heeft hebben had zijn "
    "staat staan daar er zit zitten komt komen lang groot kost kosten afspreken overeengekomen besproken bespraken "
    "zegt zeggen zei noemt noemen noemde wil wilde willen stond beschreven tussen sinds vanaf volgens manier "
    "reageerde reageerden reageren reageert reactie omvat omvatten omvatte beslaat beslaan bestrijkt bestrijken"
)) | frozenset(tokens(  # pronominal adverbs point back at what the question says ("in plaats daarvan", "waarover")
    " ".join(f"{head}{tail}" for head in ("daar", "hier", "waar", "er") for tail in (
        "aan achter bij binnen boven buiten door in langs mee na naar naast om onder op over tegen toe tussen uit "
        "van voor zonder").split())))
# verbs of being in a state or a place ("in welke fase verkeerde het gebied", "bedrijven die niet aan het net
# liggen"), dropped as written ("verkeerde" stems as "verkeer")
STATE_VERBS = re.compile(r"\b(?:verke(?:er|ert|erde|erden|ren)|bev(?:indt|ind|inden|ond|onden)|lig(?:t|gen)|lagen)\b",
                          re.I)
# words that name the expected type rather than the thing asked about ("hoeveel geld", "welk bedrag")
VALUE_NOUNS = frozenset(tokens(
    "geld bedrag bedragen budget euro rijksgeld miljoen miljard middelen percentage procent aandeel hectare aantal "
    "oppervlakte datum dag jaar jaren maanden looptijd duur periode reden locatie locaties plek plekken plaats "
    "ministerie ministeries departement departementen partij partijen wethouder gedeputeerde minister "
    "bewindspersoon directeur voorzitter instantie organisatie"))
