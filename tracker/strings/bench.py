"""Strings of the speed benchmark (``tracker bench``)."""

STRINGS = {
    "bench.not_bench_db": ("{path} پایگاه داده آزمون سرعت نیست؛ دست نخورد.",
                           "{path} is not a benchmark database; left alone."),
    "bench.building": ("ساخت پایگاه داده آزمون سرعت در مقیاس {scale}: {path}",
                       "Building the benchmark database at {scale} scale: {path}"),
    "bench.built": ("ساخته شد: {summary}", "Built: {summary}"),
    "bench.pages": ("زمان اجرای دوباره هر صفحه ({scale}، میانه {runs} اجرا):",
                    "Warm rerun of each page ({scale}, median of {runs} runs):"),
    "bench.save": ("ذخیره یک ردیف ({scale}): میانه {median} میلی‌ثانیه، بیشینه {max}",
                   "Saving one record ({scale}): median {median} ms, max {max} ms"),
    "bench.concurrent": ("{sessions} نشست هم‌زمان × {rounds} دور ({scale}): {saves} ذخیره، "
                         "{lost} به‌روزرسانی گمشده، بیشینه {max} میلی‌ثانیه",
                         "{sessions} sessions at once × {rounds} rounds ({scale}): {saves} saves, "
                         "{lost} lost updates, slowest {max} ms"),
    "bench.cold": ("شروع سرد ({scale}): صفحه ورود پس از {login} میلی‌ثانیه، صفحه وضعیت "
                   "{status} میلی‌ثانیه پس از ورود",
                   "Cold start ({scale}): sign-in page after {login} ms, status page "
                   "{status} ms after signing in"),
    "bench.switch": ("  رفتن به صفحه {page} در مرورگر: {times} میلی‌ثانیه (بار اول / دوم)",
                     "  Switching to {page} in the browser: {times} ms (first / second visit)"),
    "bench.cold_skipped": ("شروع سرد اندازه‌گیری نشد: {reason}",
                           "Cold start not measured: {reason}"),
    "bench.remind": ("یادآوری به کل شهر ({scale}، هر {units} واحد عقب): {posted} پیام در "
                     "صندوق و {queued} رایانامه در صف در {post} ثانیه؛ {sent} رایانامه به "
                     "سرور SMTP در {send} ثانیه؛ اجرای دوباره: {again} پیام",
                     "Reminding the whole city ({scale}, all {units} units late): {posted} "
                     "inbox messages and {queued} e-mails queued in {post} s; {sent} e-mails "
                     "delivered to the SMTP server in {send} s; a second run: {again} "
                     "messages"),
    "bench.remind_skipped": ("یادآوری به کل شهر اندازه‌گیری نشد: {reason}",
                             "Reminding the whole city not measured: {reason}"),
    "bench.written": ("نتیجه در {path} نوشته شد.", "Results written to {path}."),
    "bench.capacity": ("آزمون ظرفیت با سرور واقعی ({scale}، {workers} فرایند، "
                       "هر مرحله {seconds} ثانیه):",
                       "Capacity against the real server ({scale}, {workers} process(es), "
                       "{seconds} s per phase):"),
}
