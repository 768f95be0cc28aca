"""The web pages for the people who ask: answers with their sources beside them, agreements, the graph, SPARQL.

Server-rendered with Jinja2 (api/templates/), Dutch first (`?lang=en` switches the labels to English),
nothing from outside the app: one stylesheet and one small script under /static/. Every fact a page
shows links to the passage it derives from, and the document view marks exactly the cited characters.

One module per kind of page (ask, document, agreements, entity, browse, plain), over `render` (the
layout, links, names of documents) and `graph` (labels of things from the store); `routes` puts them
on URLs; `text` holds the words. Pages take their data as dataclass view models.
"""
