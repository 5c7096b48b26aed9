"""Tracker for Tehran's twenty-clause service-transformation plan.

Everything in this package except ``tracker.ui`` and ``tracker.pages`` is plain
Python, testable without Streamlit or a browser.
"""
