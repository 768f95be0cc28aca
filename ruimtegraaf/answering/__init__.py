"""Answering questions from the documents, in explicit stages, each with a typed result.

asking.py     how a question asks: language, kind, expected answer type, counted unit
question.py   analysis: focus, names, constraints, parts, unknown names → `Question`
retrieval.py  passages for the question (graph evidence first, hybrid search, boosts) → `SearchHit`s
candidates.py sentences of those passages with their typed values and scores → `Candidate`s
values.py     typed values in a sentence (money, counts, areas, dates, people, places, …)
verify.py     which candidates answer: a value of the expected type tied to the focus → `Verdict`s
reading.py    reading around a sentence: its passage, the list it belongs to, what it points back at
coverage.py   which meetings the documents report on
compose.py    the answer's parts with citation markers, and the abstention texts → `Answer`
answerer.py   the stages in order, and abstention with a reason when nothing verifies
tuning.py     every weight and threshold of the stages, with the measurement that chose it
"""
