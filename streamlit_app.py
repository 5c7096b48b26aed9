"""Entry point (``streamlit run streamlit_app.py``): the app is in tracker.ui.shell."""

from tracker.ui.shell import main

main()
