"""ASGI entry point: the Streamlit app (app.py) with the atlas's own HTTP routes
and security middleware (ui/server.py). ``make run`` serves it through
``python -m ui.launch``; a production server can also run ``uvicorn serve:app``.
"""

import streamlit as st

from atlas.settings import load_config
from ui.server import middleware, routes

app = st.App("app.py", routes=routes(), middleware=middleware(str(load_config().tiles)))
