"""Entry point: ``streamlit run streamlit_app.py``.

Streamlit finds ``app = st.App(...)`` below and serves it (its public ASGI mode):
Streamlit's own server plus the app's route for the session cookie
(:mod:`tracker.ui.session_routes`) and its middleware (the browser's own secret
cookie). It then runs this same file as the app's script on
every rerun, under the name ``__main__``, which draws the app (:func:`tracker.ui.shell.main`).
"""

if __name__ == "__main__":
    from tracker.ui.shell import main

    main()
else:
    import streamlit as st

    from tracker.ui import warmup
    from tracker.ui.session_routes import middleware, routes

    # the lifespan imports the first run's needs while the browser loads the front end
    app = st.App(__file__, routes=routes(), middleware=middleware(), lifespan=warmup.lifespan)
