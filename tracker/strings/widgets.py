"""Our own words for Streamlit's built-in widget texts (shown through CSS, tracker.ui.theme)."""

STRINGS = {
    "widgets.upload_button": ("انتخاب فایل", "Choose a file"),
    "widgets.upload_limit": ("هر فایل تا ۲۰۰ مگابایت", "Up to 200 MB per file"),
}
