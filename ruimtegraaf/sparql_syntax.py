"""What a SPARQL query is made of, read the way Oxigraph's parser reads it: its form, SERVICE, FROM, depth.

pyoxigraph 0.5 has no parser API (no algebra, no explain; `Store.query` parses and evaluates in one
call), and rdflib's parser takes about 70 ms per query and rejects the SPARQL 1.2 syntax Oxigraph
accepts. So the query is tokenised here by the terminal rules of the SPARQL grammar (IRIREF with
UCHAR escapes, the four string forms, prefixed names with PLX escapes such as `\\#`, variables, blank
nodes, language tags, numbers, comments), and every decision is made on tokens, never on text:

- Keywords: Oxigraph matches them case-insensitively *without* a word boundary (`SERVICESILENT`,
  `trueSERVICE`, `FILTERNOT EXISTS` all parse), so a bare word or a prefix name that *contains*
  `service` counts as a SERVICE. No valid query has such a word otherwise.
- `<`: an IRI or the less-than operator. Oxigraph decides by parse state: inside an expression, after
  an operand, `<` is an operator, and then a `#` or `'` after it starts a comment or a string that an
  IRI would have held. Wherever that can happen (the innermost bracket is `(` and an operand comes
  before) both readings are followed to the end. A reading that cannot be a query (a bracket closed
  by the wrong kind, an unterminated string) is dropped; SERVICE in any reading that remains refuses.
- `\\u` escapes: Oxigraph 0.5 unescapes them inside IRIs and strings only; older releases did so in the
  whole query first. Both are read.

This check gives the clear answer; the guarantee is the sandbox (ruimtegraaf/sandbox.py): queries run
in processes that cannot open a socket, so a SERVICE this reading missed still reaches nothing.

>>> analyse("select * { ?s ?p ?o FILTER NOT EXISTS { BIND(1 AS ?k) .service <http://h/> {} } }").uses_service
True
>>> analyse("PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> SELECT ?s { ?s a sd:Service }")
QueryShape(form='SELECT', uses_service=False, names_dataset=False, depth=1, readable=True, checked=True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f"
         "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_U = _BASE + "_"
_CHARS = _U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PREFIX = f"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = f"(?:[{_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_HEX4, _HEX8 = "[0-9A-Fa-f]{4}", "[0-9A-Fa-f]{8}"
_TOKEN = re.compile("|".join([
    r"(?P<ws>[ \t\r\n]+)",
    r"(?P<comment>#[^\r\n]*)",
    r"(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''"  # long strings first
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'[^'\\\r\n]*(?:\\.[^'\\\r\n]*)*'"
    r'|"[^"\\\r\n]*(?:\\.[^"\\\r\n]*)*")',
    r"(?P<open>(?:<<\()|<<|\{\|)",
    r"(?P<close>(?:\)>>)|>>|\|\})",
    rf"(?P<iri><(?:[^<>\"{{}}|^`\\\x00-\x20]|\\u{_HEX4}|\\U{_HEX8})*>)",
    rf"(?P<var>[?$][{_U}0-9][{_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*)",
    rf"(?P<bnode>_:[{_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?)",
    rf"(?P<pname>(?:{_PREFIX})?:(?:{_LOCAL})?)",
    r"(?P<number>[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+|[0-9]*\.[0-9]+|[0-9]+)",
    r"(?P<langtag>@[A-Za-z]+(?:-{1,2}[A-Za-z0-9]+)*)",
    r"(?P<word>[A-Za-z][A-Za-z0-9_]*)",
    r"(?P<punct>\^\^|&&|\|\||!=|<=|>=|[{}()\[\].,;*+\-/!=<>^|~?&])",
    r"(?P<other>[\s\S])",
]))
_LESS = re.compile(r"<=?")
_UCHAR = re.compile(rf"\\u({_HEX4})|\\U({_HEX8})")
# after these, an expression has an operand before a `<`, so `<` may be the less-than operator
_OPERAND_END = frozenset({"iri", "var", "bnode", "pname", "number", "string", "langtag", "word", ")", "]", ">>",
                          ")>>", "*"})
_PAIRS = {")": "(", "]": "[", "}": "{", ")>>": "(", ">>": "<<", "|}": "{"}
_OPENERS = {"(": "(", "[": "[", "{": "{", "<<(": "(", "<<": "<<", "{|": "{"}
FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
MAX_WORK = 200_000  # tokens over all readings; a query that needs more is refused as unreadable
MAX_READINGS = 256


@dataclass(frozen=True)
class QueryShape:
    """What the endpoint decides on: the query form, federation, a FROM clause, bracket depth.

    `form` is SELECT, CONSTRUCT, DESCRIBE, ASK, UPDATE (an update operation) or None (no form word).
    `readable` is False when no reading of the tokens can be a query; the engine then reports the error.
    `checked` is False when the query has too many ambiguous readings to follow (it is refused).
    """

    form: str | None
    uses_service: bool
    names_dataset: bool
    depth: int
    readable: bool
    checked: bool = True


@dataclass
class _Reading:
    pos: int
    stack: tuple[str, ...]
    prev: str  # kind (or punctuation) of the last significant token
    service: bool = False
    from_: bool = False
    form: str | None = None
    depth: int = 0


def analyse(query: str) -> QueryShape:
    """The shape of a query as Oxigraph would read it (see the module docstring); never raises."""
    return _analyse(query)


@lru_cache(maxsize=2048)
def _analyse(query: str) -> QueryShape:
    shape = _read(query)
    unescaped = unescape_codepoints(query)
    if unescaped != query:  # releases that unescape the whole query first (SPARQL 1.1 §19.2)
        other = _read(unescaped)
        shape = QueryShape(shape.form or other.form, shape.uses_service or other.uses_service,
                           shape.names_dataset or other.names_dataset, max(shape.depth, other.depth),
                           shape.readable or other.readable, shape.checked and other.checked)
    return shape


def unescape_codepoints(text: str) -> str:
    r"""`\uXXXX` and `\UXXXXXXXX` replaced by their characters, as SPARQL 1.1 §19.2 reads a query.

    >>> unescape_codepoints(r"\u0053ERVICE")
    'SERVICE'
    """
    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group(0)

    return _UCHAR.sub(char, text) if "\\u" in text or "\\U" in text else text


def _read(query: str) -> QueryShape:
    """Follow every reading of the tokens; the shape of the first that can be a query, SERVICE of any."""
    pending = [_Reading(0, (), "start")]
    seen: set[tuple[int, tuple[str, ...], str]] = set()
    work, readings = 0, 0
    service = names_dataset = False
    first: _Reading | None = None
    form: str | None = None
    deepest = 0
    while pending:
        reading = pending.pop()
        readings += 1
        if readings > MAX_READINGS:
            return QueryShape(None, service, names_dataset, deepest, False, checked=False)
        alive, steps = _follow(query, reading, pending, seen)
        work += steps
        deepest = max(deepest, reading.depth)
        form = form or reading.form
        if work > MAX_WORK:
            return QueryShape(None, service, names_dataset, deepest, False, checked=False)
        if not alive:
            continue
        service |= reading.service
        names_dataset |= reading.from_
        if first is None:
            first = reading
    if first is None:
        return QueryShape(form, service, names_dataset, deepest, False)
    return QueryShape(first.form, service, names_dataset, first.depth, True)


def _follow(query: str, r: _Reading, pending: list[_Reading], seen: set[tuple[int, tuple[str, ...], str]]
            ) -> tuple[bool, int]:
    """Read tokens to the end; push the other reading at each ambiguous `<`. (alive at the end, tokens read)."""
    steps = 0
    size = len(query)
    while r.pos < size:
        match = _TOKEN.match(query, r.pos)
        assert match is not None  # `other` matches any character
        kind = match.lastgroup or "other"
        text = match.group()
        steps += 1
        if kind in ("ws", "comment"):
            r.pos = match.end()
            continue
        if kind == "iri" and r.stack and r.stack[-1] == "(" and r.prev in _OPERAND_END:
            less = _LESS.match(query, r.pos)
            assert less is not None
            key = (less.end(), r.stack, less.group())
            if key not in seen:  # the operator reading, followed later
                seen.add(key)
                pending.append(_Reading(less.end(), r.stack, less.group(), r.service, r.from_, r.form, r.depth))
        if kind == "other":
            if text in "\"'":
                return False, steps  # an unterminated string: not a query in this reading
        elif kind in ("open", "close") or (kind == "punct" and text in "()[]{}"):
            if text in _OPENERS:
                r.stack = (*r.stack, _OPENERS[text])
                r.depth = max(r.depth, len(r.stack))
            else:
                if not r.stack or r.stack[-1] != _PAIRS[text]:
                    return False, steps  # a bracket closed by the wrong kind
                r.stack = r.stack[:-1]
        elif kind == "word":
            _word(r, text.upper())
        elif kind == "pname" and "SERVICE" in text.split(":", 1)[0].upper():
            r.service = True  # `SERVICEex:ep` is SERVICE with the endpoint ex:ep
        r.prev = kind if kind not in ("punct", "open", "close") else text
        r.pos = match.end()
    return not r.stack, steps


def _word(r: _Reading, word: str) -> None:
    """Note what a bare word says: SERVICE anywhere in it, FROM, and the query form after the prologue."""
    if "SERVICE" in word:
        r.service = True
    if word.startswith("FROM") and r.form in FORMS:
        r.from_ = True
    if r.form is not None:
        return
    if word in ("PREFIX", "BASE", "VERSION"):
        return
    r.form = next((f for f in FORMS if word.startswith(f)), None)
    if r.form is None and word.startswith(UPDATE_WORDS):
        r.form = "UPDATE"
