"""Grid adapters: what st.data_editor hands back, turned into changes (pure)."""
