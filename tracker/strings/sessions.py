"""Sessions that outlive a tab: why one ended, and the admin's "sign out everywhere"."""

STRINGS = {
    "sess.ended_password": ("گذرواژه عوض شد و از حساب خارج شدید. دوباره وارد شوید.",
                            "The password was changed, so you were signed out. "
                            "Please sign in again."),
    "sess.ended_everywhere": ("مدیر سامانه شما را از همه دستگاه‌ها خارج کرد.",
                              "An administrator signed you out everywhere."),
    "sess.ended_expired": ("زمان ورود شما به پایان رسید. دوباره وارد شوید.",
                           "Your sign-in has run out. Please sign in again."),
    "sess.ended_elsewhere": ("از حساب خارج شدید (در زبانه یا پنجره‌ای دیگر).",
                             "You were signed out (in another tab or window)."),
    "sess.title": ("ورودهای فعال", "Active sign-ins"),
    "sess.live": ("{count} ورود فعال (مرورگرها و زبانه‌هایی که وارد مانده‌اند).",
                  "{count} active sign-in(s) (browsers that stay signed in)."),
    # not "sign out …": the header's sign-out button keeps a name of its own
    "sess.everywhere": ("پایان همه ورودها (همه جا)", "End every sign-in (everywhere)"),
    "sess.everywhere_done": ("{username} از همه دستگاه‌ها خارج شد.",
                             "{username} was signed out everywhere."),
    "admin.action.user.sign_out_everywhere": ("خروج از همه دستگاه‌ها", "signed out everywhere"),
}
