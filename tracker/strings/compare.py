"""Strings of the comparison pages: overview, district × clause grid, league table."""

STRINGS = {
    "page.overview": ("نمای شهر", "Overview"),
    "page.compare": ("مقایسه", "Compare"),
    "page.league": ("رتبه‌بندی", "League"),
    # controls
    "compare.as_of": ("تا تاریخ (شمسی)", "As of (Jalali date)"),
    "compare.as_of_help": ("خالی = امروز. نمونه: ۱۴۰۵/۰۷/۳۰", "Empty = today. E.g. 1405/07/30"),
    "compare.as_of_outside": ("تاریخ {date} در سال {year} نیست؛ {shown} نشان داده می‌شود.",
                              "{date} is not in year {year}; showing {shown}."),
    "compare.deputy": ("معاونت مسئول", "Responsible deputy"),
    "compare.clauses": ("بندها", "Clauses"),
    "compare.status": ("وضعیت", "Status"),
    "compare.stale_days": ("بی‌خبری پس از (روز)", "Stale after (days)"),
    "compare.color_by": ("رنگ بر اساس", "Colour by"),
    "compare.color_progress": ("پیشرفت", "Progress"),
    "compare.color_status": ("وضعیت", "Status"),
    "compare.view": ("نما", "View"),
    "compare.view_grid": ("منطقه × بند", "District × clause"),
    "compare.view_district": ("نواحی یک منطقه", "One district's zones"),
    "compare.view_side": ("مقایسه کنار هم", "Side by side"),
    "compare.view_lagging": ("بندهای عقب‌مانده", "Lagging clauses"),
    "compare.as_of_caption": ("وضعیت تا پایان {date}", "Figures as of the end of {date}"),
    "compare.table_view": ("نمایش جدولی همین ارقام", "Table view of the same figures"),
    # overview
    "compare.city_score": ("امتیاز شهر", "City score"),
    "compare.city_grade": ("رده شهر", "City grade"),
    "compare.stale_districts": ("مناطق بی‌خبر", "Stale districts"),
    "compare.trend": ("روند امتیاز شهر", "City score over time"),
    "compare.freq": ("بازه", "Period"),
    "compare.freq_day": ("روزانه", "Daily"),
    "compare.freq_week": ("هفتگی", "Weekly"),
    "compare.freq_month": ("ماهانه", "Monthly"),
    "compare.date": ("تاریخ", "Date"),
    "compare.score": ("امتیاز", "Score"),
    "compare.counts": ("تعداد موارد در هر وضعیت", "Records per status"),
    "compare.count": ("تعداد", "Count"),
    "compare.no_data": ("برای این انتخاب داده‌ای نیست.", "No data for this choice."),
    # grid
    "compare.grid_title": ("پیشرفت مناطق در هر بند", "Each district's progress on each clause"),
    "compare.zone_grid_title": ("پیشرفت نواحی {district} در هر بند",
                                "{district}: each zone's progress on each clause"),
    "compare.grid_help": (
        "ستون «کل» امتیاز هر ردیف و ردیف «میانگین شهر» امتیاز هر بند است. "
        "روی یک منطقه کلیک کنید تا نواحی آن را ببینید. ⚠ = بی‌خبر بیش از {days} روز.",
        "The “Total” column is each row's score and the “City” row each clause's score. "
        "Click a district to see its zones. ⚠ = no update for more than {days} days."),
    "compare.status_rule": (
        "وضعیت خانه: «متوقف» اگر موردی متوقف باشد؛ «انجام شده» اگر همه انجام شده باشند؛ "
        "وگرنه «در حال اجرا» یا «شروع نشده».",
        "Cell status: blocked if any record is blocked; done if all are done; "
        "otherwise in progress or not started."),
    "compare.total": ("کل", "Total"),
    "compare.city_row": ("میانگین شهر", "City"),
    "compare.district_row": ("کل منطقه", "District total"),
    "compare.records": ("تعداد موارد", "Records"),
    "compare.blocked_records": ("موارد متوقف", "Blocked records"),
    "compare.stale_flag": ("بی‌خبر", "Stale"),
    "compare.fresh": ("به‌روز", "Up to date"),
    "compare.unit": ("منطقه / ناحیه", "District / zone"),
    "compare.clause": ("بند", "Clause"),
    "compare.clause_title": ("عنوان بند", "Clause title"),
    "compare.progress": ("پیشرفت ٪", "Progress %"),
    # side by side
    "compare.pick_districts": ("مناطق برای مقایسه (دو یا بیشتر)",
                               "Districts to compare (two or more)"),
    "compare.pick_two": ("دست‌کم دو منطقه انتخاب کنید.", "Choose at least two districts."),
    "compare.spread": ("اختلاف بیشترین و کمترین", "Best minus worst"),
    "compare.side_title": ("پیشرفت هر بند در مناطق انتخاب‌شده",
                           "Each clause's progress in the chosen districts"),
    # lagging
    "compare.lagging_title": ("بندهایی با کمترین پیشرفت در شهر و مناطقی که آن‌ها را پایین می‌کشند",
                              "Clauses with the lowest city progress, and the districts that "
                              "pull them down"),
    "compare.lagging_help": (
        "«اثر» یعنی چند واحد از امتیاز شهر در آن بند به خاطر عقب‌ماندن این منطقه از دست رفته است.",
        "“Pull” is how many points of the clause's city score the district costs by "
        "lagging behind."),
    "compare.city_progress": ("پیشرفت شهر ٪", "City progress %"),
    "compare.district_progress": ("پیشرفت منطقه ٪", "District progress %"),
    "compare.pull": ("اثر (واحد)", "Pull (points)"),
    # league
    "compare.rank": ("رتبه", "Rank"),
    "compare.grade": ("رده", "Grade"),
    "compare.rank_change": ("تغییر رتبه از {date}", "Rank change since {date}"),
    "compare.rank_change_short": ("تغییر رتبه", "Rank change"),
    "compare.rank_before": ("رتبه در {date}", "Rank on {date}"),
    "compare.blocked_clauses": ("بندهای متوقف", "Blocked clauses"),
    "compare.overdue_clauses": ("بندهای دیرکرد", "Overdue clauses"),
    "compare.last_update": ("آخرین به‌روزرسانی", "Last update"),
    "compare.days_silent": ("روز بی‌خبری", "Days silent"),
    "compare.stale_units": ("واحدهای بی‌خبر", "Stale units"),
    "compare.league_help": (
        "رده‌ها: ۸۵ و بیشتر خیلی مطلوب، ۷۰ مطلوب، ۵۵ متوسط، ۴۰ نامطلوب، کمتر ضعیف. "
        "منطقه‌ای که بیش از {days} روز به‌روزرسانی نکرده (⚠) پس از همه مناطق به‌روز رتبه می‌گیرد.",
        "Grades: 85 and above excellent, 70 good, 55 fair, 40 poor, below that weak. "
        "A district with no update for more than {days} days (⚠) ranks below every "
        "up-to-date district."),
    "compare.never": ("هرگز", "never"),
    "compare.new": ("جدید", "new"),
    "grade.excellent": ("خیلی مطلوب", "Excellent"),
    "grade.good": ("مطلوب", "Good"),
    "grade.fair": ("متوسط", "Fair"),
    "grade.poor": ("نامطلوب", "Poor"),
    "grade.weak": ("ضعیف", "Weak"),
    "compare.scores_chart": ("امتیاز مناطق", "District scores"),
}
