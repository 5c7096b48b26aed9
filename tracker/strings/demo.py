"""Strings of the demo and bulk loaders."""

STRINGS = {
    "demo.refused": ("این سال در پایگاه داده سابقه واقعی دارد؛ داده نمایشی بارگذاری نشد.",
                     "This year already has history in the database; demo data was not loaded."),
}
