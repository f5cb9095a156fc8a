"""Start the app's Streamlit server: ``python -m ui.launch [streamlit options]``.

Streamlit decides once per process whether an app uses the legacy ``pages/``
folder. It guesses "yes" when that folder exists, and until ``app.py`` has run
once, a first visit to a deep link such as ``/bezirk?bezirk=neustadt`` would
run the page file alone: without ``st.navigation``, the shared sidebar and the
sign-in. This app always navigates through ``app.py``, so the guess is fixed
before the server starts.

The server is ``serve.py``'s ``st.App`` (ASGI on Starlette, run by uvicorn), which
adds the sign-in cookie route and the security headers of ``ui/server.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "serve.py"


def main(argv: list[str]) -> int:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *argv]
    return cli.main(prog_name="streamlit")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
