"""The plan's rules and figures: pure, no Streamlit, no store, no SQL."""
