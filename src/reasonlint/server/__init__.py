"""``reasonlint serve``: an HTTP service for web forms, editors and browsers.

Installed with ``pip install 'reasonlint[server]'`` (Starlette and uvicorn). Only
:mod:`.command` and :mod:`.options` are imported by the command line, and they use
nothing but click and the standard library: the ASGI stack is loaded when the server
starts, never by ``reasonlint check``.

- :mod:`.app` builds the Starlette application (routes, errors, limits, logging);
- :mod:`.v1` the reasonlint API, whose objects are exactly ``--format json``'s;
- :mod:`.languagetool` the LanguageTool-compatible ``/v2`` API;
- :mod:`.openapi` the OpenAPI 3.1 document, made from the same field tables;
- :mod:`.run` binds the socket and runs uvicorn with one or more worker processes.
"""
