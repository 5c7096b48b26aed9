"""Our own words for Streamlit's built-in widget texts (shown through CSS, tracker.ui.theme)."""

STRINGS = {
    "widgets.upload_button": ("انتخاب فایل", "Choose a file"),
    # the drop zone's hint (the uploader's own label says the size limit, which differs
    # per uploader: Streamlit's "200MB per file" was not ours)
    "widgets.upload_limit": ("فایل را اینجا رها کنید یا «انتخاب فایل» را بزنید",
                             "Drop a file here or press “Choose a file”"),
    # what a screen reader says for the uploader's button ({label}: the uploader's label)
    "widgets.upload_name": ("انتخاب فایل برای «{label}»", "Choose a file for “{label}”"),
    "widgets.upload_remove": ("حذف این فایل", "Remove this file"),
    # an empty multiselect's placeholder (Streamlit's own: "Choose options", in English)
    "widgets.choose": ("انتخاب کنید", "Choose"),
}
