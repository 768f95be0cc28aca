"""Answering questions from the documents, in explicit stages, each with a typed result.

question.py   analysis: kind, expected answer type, focus, constraints → `Question`
retrieval.py  passages for the question (graph evidence first, hybrid search) → `SearchHit`s
candidates.py sentences of those passages with their typed values and scores → `Candidate`s
verify.py     which candidates answer: a value of the expected type tied to the focus → `Verdict`s
compose.py    the answer: the asked fact first, short support, markers tied to citations → `Answer`
answerer.py   the stages in order, and abstention with a reason when nothing verifies
tuning.py     every weight and threshold of the stages, with the measurement that chose it
"""
