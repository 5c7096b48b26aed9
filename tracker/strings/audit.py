"""Strings of the audit log's sentences (tracker.domain.audit_text)."""

STRINGS = {
    "audit.locked": ("قفل تا {until} پس از {failures} تلاش نادرست",
                     "locked until {until} after {failures} failed sign-ins"),
    "audit.sso": ("با ورود یکپارچه (SSO)", "through single sign-on"),
    "audit.roles": ("نقش‌ها", "roles"),
    "audit.display_name": ("نام نمایشی", "display name"),
    "audit.email": ("ایمیل", "e-mail"),
    "audit.lang": ("زبان ایمیل", "e-mail language"),
    "audit.lang_fa": ("فارسی", "Persian"),
    "audit.lang_en": ("انگلیسی", "English"),
    "audit.yes": ("بله", "yes"),
    "audit.no": ("خیر", "no"),
    "audit.password_set": ("گذرواژه تعیین شد", "password set"),
    "audit.reason": ("دلیل", "reason"),
}
