"""Strings of ``tracker serve``."""

STRINGS = {
    "serve.started": ("{workers} فرایند برنامه روی درگاه‌های {first} تا {last}، پشت nginx روی "
                      "درگاه {port} (پیکربندی و گزارش‌ها: {run_dir}). برای توقف Ctrl-C.",
                      "{workers} app processes on ports {first}-{last}, behind nginx on port "
                      "{port} (configuration and logs: {run_dir}). Ctrl-C stops them."),
    "serve.stopped": ("فرایندهای برنامه متوقف شدند.", "The app processes stopped."),
}
