"""The optional seam for a generator that may only rephrase what the citations say (off by default).

A deployment can point `RUIMTEGRAAF_GENERATOR_URL` at an OpenAI-compatible chat endpoint (a local LLM).
Whatever it returns is checked: every number in the rephrased answer must stand in the cited quotes,
and the text must stay within the answer limit; otherwise the extractive answer stays. Tests never need
a generator.
"""

from __future__ import annotations

import json
import re
import urllib.request
from typing import Protocol

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
PROMPT = ("Herformuleer het antwoord kort en feitelijk in de taal van de vraag. Gebruik alleen wat in de "
          "citaten staat; voeg niets toe, laat geen getallen weg en verander geen getallen of namen.")


class Rephraser(Protocol):
    """Rephrases an extractive answer; returns None when it cannot."""

    def rephrase(self, question: str, answer: str, quotes: list[str]) -> str | None: ...


class ChatRephraser:
    """An OpenAI-compatible `/chat/completions` endpoint, asked to rephrase and nothing more."""

    def __init__(self, url: str, model: str = "local", timeout: float = 10.0) -> None:
        self.url, self.model, self.timeout = url.rstrip("/"), model, timeout

    def rephrase(self, question: str, answer: str, quotes: list[str]) -> str | None:
        """The endpoint's rephrasing, or None on any failure (the extractive answer then stands)."""
        body = {"model": self.model, "temperature": 0, "messages": [
            {"role": "system", "content": PROMPT},
            {"role": "user", "content": json.dumps({"vraag": question, "antwoord": answer, "citaten": quotes},
                                                   ensure_ascii=False)}]}
        request = urllib.request.Request(f"{self.url}/chat/completions", data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                reply = json.loads(response.read().decode("utf-8"))
            return str(reply["choices"][0]["message"]["content"]).strip() or None
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            return None


def faithful(text: str, quotes: list[str], limit: int) -> bool:
    """True when a rephrased answer fits and every number in it stands in a cited quote.

    >>> faithful("Elk 88,56 miljoen.", ["Rijk en Regio stellen elk €88,56 miljoen beschikbaar"], 800)
    True
    >>> faithful("Elk 90 miljoen.", ["Rijk en Regio stellen elk €88,56 miljoen beschikbaar"], 800)
    False
    """
    if not text or len(text) > limit:
        return False
    cited = " ".join(quotes)
    return all(n in cited for n in _NUMBER.findall(text))
