# Persian (فارسی): right to left. Polite «شما»; the runtime wraps every value in isolation
# marks, so no direction marks are written here. Terms: ویدیو (video), درخواست (request),
# پرامپت (prompt), موجودی (balance), ستاره (Stars), «ساخت» (the Generate button),
# تنظیمات (options). After a number a Persian noun stays singular («۵ دقیقه»), so only
# messages whose wording changes with the number have a plural selector.

## The language itself, as its speakers write it (the /language buttons show this).

language-name = فارسی

## Command menu (3-256 characters each)

command-start = کار من و شروع کار
command-help = طرز کار و قیمت‌ها
# With prices hidden (payments off, SHOW_PRICES=false): /help shows none.
command-help-unpriced = طرز کار
command-jobs = ویدیوهای اخیر شما
command-cancel = بستن درخواست باز شما
command-language = انتخاب زبان ربات
command-balance = ستاره‌ها و تراکنش‌های شما
command-buy = خرید ستاره برای ساخت ویدیو
command-paysupport = پشتیبانی پرداخت

## /language

language-choose = زبانی را که با شما صحبت کنم انتخاب کنید:
# The button that follows Telegram's language setting again.
language-auto = 🌐 همان زبان تلگرام من
# Said in the new language, once it is chosen.
language-chosen = انجام شد: از این به بعد با شما فارسی صحبت می‌کنم.
language-auto-chosen = انجام شد: از این به بعد به همان زبان تلگرام شما صحبت می‌کنم.

## Option buttons and the options line

mode-fast = سریع
mode-quality = باکیفیت
aspect-auto = خودکار
# The audio toggle button, which shows the current state.
button-audio-on = 🔊 صدا روشن
button-audio-off = 🔇 صدا خاموش
# In the options line: سریع · 8s · 720p · 16:9 · بی‌صدا
options-audio-on = با صدا
options-audio-off = بی‌صدا
options-enhance-on = پرامپت بهبودیافته
options-enhance-off = پرامپت بدون تغییر
# $price is "$0.64" or "64 ⭐".
button-generate = 🎬 ساخت · { $price }
button-cancel = لغو
button-prompt = ✏️ پرامپت
button-again = 🔁 دوباره
button-new-prompt = ✏️ پرامپت جدید
button-continue = ⏭ ادامه
button-extend = ➕ ۷ ثانیه بیشتر
ask-extend-prompt = ۷ ثانیه به ویدیوی شما اضافه می‌شود. پرامپت اتفاق بعدی را بفرستید.
title-extend = ➕ ویدیوی شما، ۷ ثانیه بلندتر
kind-extend = ویدیوی بلندترشده
extend-gone = این ویدیو را دیگر نمی‌شود بلندتر کرد: سرویس ویدیو دیگر آن را ندارد. از «دوباره» یا «پرامپت جدید» استفاده کنید.
extend-limit = این ویدیو را نمی‌شود بلندتر کرد: Veo فقط ویدیوهای 720p را بلندتر می‌کند، روی هم تا حدود ۱۴۸ ثانیه.
failure-video-unavailable = دیگر نتوانستم ویدیویی را که باید بلندتر شود بگیرم، پس چیزی ساخته نشد.
# The card's title: what the video is made from.
title-image = 🎬 ویدیو از عکس شما
title-text = 🎬 ویدیو از متن شما
# What a video was made from, in /jobs.
kind-image = از عکس
kind-text = از متن
# The text card's toggle: the service rewrites the prompt in more detail (expand_prompt).
button-enhance-off = ✨ بهبود پرامپت: خاموش
button-enhance-on = ✨ بهبود پرامپت: روشن
title-frames = 🎬 ویدیو میان دو عکس
kind-frames = میان دو عکس
title-reference = 🎬 ویدیو از عکس‌های شما
kind-reference = از چند عکس
card-references = 🖼 عکس‌ها: { $count }، به ترتیب آلبوم
ask-album-prompt = عکس‌ها رسید. حالا پرامپت را بفرستید: ویدیویی را توصیف کنید که باید در آن باشند.
album-too-many = هر ویدیو ۲ یا ۳ عکس را مرجع می‌گیرد؛ این آلبوم { $count } عکس دارد. آن را دوباره با حداکثر ۳ عکس بفرستید.
button-last-frame = 🏁 فریم آخر
button-drop-last-frame = 🏁 فریم آخر: حذف
button-avoid = 🚫 پرهیز
button-drop-avoid = 🚫 پرهیز: پاک کردن
card-last-frame = 🏁 پایان: عکس دومی که فرستادید
card-last-frame-waiting = 🏁 فریم آخر: عکس پایانی را بفرستید
card-avoid = 🚫 پرهیز از: { $words }
card-avoid-waiting = 🚫 پرهیز: بفرستید چه چیزی در ویدیو نباشد
ask-last-frame = عکسی را بفرستید که ویدیو باید با آن تمام شود. گزینه‌های کارت همان می‌مانند.
ask-avoid = چه چیزی نباید در ویدیو باشد؟ در چند کلمه بنویسید، مثلاً «متن، واترمارک، تاری».
avoid-hint = آنچه نباید در ویدیو باشد
# A price in Telegram Stars; $count is the number, already formatted.
stars = { $count } ⭐

## Asking for a prompt

ask-prompt = عکس رسید. حالا پرامپت را بفرستید: ویدیویی را که می‌خواهید توصیف کنید.
# The grey hint in the input field (at most 64 characters).
prompt-hint = ویدیو را توصیف کنید
ask-card-prompt = پرامپت جدید این درخواست را بفرستید؛ تنظیماتش همان‌طور می‌ماند.
ask-new-prompt = همان عکس و همان تنظیمات: پرامپت جدید را بفرستید.
ask-next-prompt = این آخرین فریم ویدیوی شماست. پرامپت بخش بعدی را بفرستید.

## /help

help =
    یک عکس با کپشن برایم بفرستید تا با Google Veo 3.1 آن را به ویدیو تبدیل کنم.

    ۱. یک عکس (یا فایل JPEG، PNG یا WebP) با کپشن بفرستید: کپشن همان پرامپت است.
    عکس ندارید؟ فقط متن را بفرستید تا ویدیو از روی کلمات شما ساخته شود.
    دو یا سه عکس به‌صورت آلبوم با کپشن، یک ویدیو می‌سازند که سوژه‌اش از آن‌ها پیروی می‌کند. در کارت یک عکس، 🏁 فریم آخر عکس دومی را می‌گیرد که ویدیو با آن تمام می‌شود.
    ۲. حالت، مدت، رزولوشن، نسبت تصویر و صدا را با دکمه‌ها انتخاب کنید؛ قیمت با هر تغییر به‌روز می‌شود.
    ۳. دکمهٔ «ساخت» را بزنید. ویدیو چند دقیقه بعد همین‌جا می‌رسد.

    دستورها: /jobs ویدیوهای اخیر شما · /cancel بستن درخواست باز · /language تغییر زبان · /help همین راهنما
help-payments = هزینهٔ ویدیوها با ستاره‌های تلگرام (Telegram Stars) پرداخت می‌شود: /balance ستاره‌های شما · /buy خرید ستاره · /paysupport پشتیبانی پرداخت
help-prices-stars = قیمت هر ویدیو (ستاره):
help-prices-usd = قیمت هر ویدیو (USD):
# One row of the price table: "سریع 720p/1080p بی‌صدا: 4s $0.40 / 6s $0.60 / 8s $0.80".
help-price-row =
    { $mode } { $resolutions } { $audio ->
        [yes] با صدا
       *[no] بی‌صدا
    }:
    { $prices }
help-price-row-reference =
    { $resolutions } { $audio ->
        [yes] با صدا
       *[no] بی‌صدا
    }:
    { $prices }

## Short answers and messages

# $user_id is a Telegram id: digits only.
not-allowed = متأسفم، این ربات خصوصی است. از گردانندهٔ ربات بخواهید شناسهٔ تلگرام شما ({ $user_id }) را اضافه کند.
send-photo = یک عکس با کپشنی که ویدیو را توصیف می‌کند بفرستید تا آن را بسازم. راهنما: /help
nothing-to-cancel = اینجا درخواست بازی ندارید.
no-jobs = هنوز ویدیویی ندارید. برای ساختن یکی، عکسی با کپشن بفرستید.
stale-button = این دکمه دیگر معتبر نیست.
submitting = در حال ارسال…
cancelled-answer = لغو شد.
cancelled-message = لغو شد. هر وقت خواستید، عکس دیگری بفرستید.
storage-failed = مشکلی از طرف من پیش آمد؛ لطفاً بعداً دوباره امتحان کنید.
storage-waiting = پایگاه داده‌مان الان پاسخ نمی‌دهد. به محض اینکه برگردد به این رسیدگی می‌کنیم؛ لازم نیست دوباره بفرستید.
payment-waiting = ✅ پرداخت { $stars } شما انجام شد و محفوظ است. پایگاه داده‌مان الان پاسخ نمی‌دهد؛ به محض اینکه برگردد، ستاره‌ها به موجودی شما اضافه می‌شوند. لطفاً دوباره پرداخت نکنید.
payment-waiting-video = ✅ پرداخت { $stars } شما انجام شد و محفوظ است. پایگاه داده‌مان الان پاسخ نمی‌دهد؛ به محض اینکه برگردد، ساخت ویدیوی شما شروع می‌شود. لطفاً دوباره پرداخت نکنید.
press-in-hand = در حال انجامش هستیم…
personal-account-needed = فقط با حساب شخصی می‌توانم کار کنم: پیامی که ناشناس یا از طرف یک کانال فرستاده شود به بودجهٔ هیچ‌کس وصل نمی‌شود. آن را از حساب خودتان بفرستید، یا در چت خصوصی برای من.
cancelled-count =
    { $count ->
        [one] درخواست باز شما بسته شد.
       *[other] { $count } درخواست باز بسته شد.
    }

## Input the user can put right, and limits they reached

error-unsupported-file = فقط می‌توانم از عکس یا تصویرهای JPEG، PNG و WebP استفاده کنم. لطفاً یکی از این‌ها را با کپشنی که ویدیو را توصیف می‌کند بفرستید.
error-image-too-large = حجم این تصویر بیشتر از ۲۰ مگابایت است و تلگرام اجازه نمی‌دهد ربات‌ها آن را دانلود کنند. لطفاً تصویر کوچک‌تری بفرستید (اگر آن را به‌صورت عکس بفرستید، فشرده می‌شود).
error-empty-prompt = پرامپت خالی است. لطفاً ویدیویی را که می‌خواهید در چند کلمه توصیف کنید.
error-prompt-too-long = پرامپت خیلی طولانی است. لطفاً آن را کمتر از { $max } کاراکتر نگه دارید.
error-not-your-request = این دکمه‌ها مربوط به درخواست شخص دیگری است.
error-request-closed = این درخواست بسته شده است. برای شروع درخواست جدید، عکس تازه‌ای بفرستید.
error-not-admin = این دستور مخصوص گردانندگان ربات است.
error-unknown-charge = هیچ پرداختی با این شناسهٔ تراکنش (charge id) در دفتر ثبت نشده است.
error-video-too-old = این ویدیو قدیمی شده و دکمه‌هایش دیگر کار نمی‌کنند. برای ساخت ویدیوی دیگر، عکس را دوباره بفرستید.
error-no-frame = این ویدیو به‌صورت لینک فرستاده شد، پس فریمی از آن برای ادامه نگه نداشتم. از «دوباره» یا «پرامپت جدید» استفاده کنید، یا یک عکس بفرستید.
error-frame-unreadable = نتوانستم آخرین فریم این ویدیو را از تلگرام بگیرم. از «دوباره» یا «پرامپت جدید» استفاده کنید، یا یک عکس بفرستید.
error-already-refunded = وجه این پرداخت قبلاً بازگردانده شده است؛ کاری انجام نشد.
# $scope is "user" (the user's own daily limit) or "bot" (the whole bot's daily budget).
error-spend-limit =
    هزینهٔ این ویدیو { $price } است، اما { $scope ->
        [user] سقف روزانهٔ شما
       *[bot] بودجهٔ روزانهٔ ربات
    } { $limit } است و امروز { $left } از آن باقی مانده. گزینه‌های ارزان‌تری انتخاب کنید، یا بعد از 00:00 UTC دوباره امتحان کنید.
error-stars-short = هزینهٔ این ویدیو { $price } است و موجودی شما { $balance }: { $missing } کم دارید. آن را با صورت‌حساب زیر بپردازید تا ساخت ویدیو بلافاصله شروع شود، یا /buy را ببینید.
stars-short-of-one-invoice = هزینهٔ این ویدیو { $price } است و موجودی شما { $balance }: { $missing } کم دارید، بیشتر از آنچه با یک پرداخت می‌شود پرداخت. اول با /buy ستاره بخرید، بعد دوباره «ساخت» را بزنید.
error-too-many-jobs =
    { $limit ->
        [one] شما همین حالا { $limit } ویدیو در حال ساخت دارید. لطفاً وقتی رسید، دوباره «ساخت» را بزنید.
       *[other] شما همین حالا { $limit } ویدیو در حال ساخت دارید. لطفاً وقتی یکی از آن‌ها رسید، دوباره «ساخت» را بزنید.
    }
# For the bot's admins (/refund).
error-balance-too-low = بازپرداخت نشد: مبلغ پرداخت { $stars } بود، اما موجودی کاربر { $balance } است (بقیه را خرج کرده). برای بازپرداخت در هر صورت، `force` را اضافه کنید؛ آن وقت موجودی او منفی می‌شود.
error-refund-failed = تلگرام بازپرداخت را رد کرد: { $reason }
error-refund-unanswered = تلگرام پاسخ نداد که بازپرداخت انجام شده یا نه. { $stars } آن تا بررسی بعدی ما با تلگرام (در هر راه‌اندازی و دست‌کم هر ۶ ساعت) از موجودی کاربر کنار گذاشته می‌ماند: اگر بازپرداخت انجام شده باشد کسر می‌شود و اگر نه برمی‌گردد. تا آن زمان بازپرداخت را تکرار نکنید.

## The options card

# $minutes is a whole number of minutes (1 or more).
expected-about = حدود { $minutes } دقیقه
expected-under-minute = کمتر از یک دقیقه
# $source is "history" (measured on recent videos) or "estimate".
expected-line =
    زمان: معمولاً { $time } ({ $source ->
        [history] بر اساس ویدیوهای اخیر
       *[estimate] تخمینی
    })
# What to expect while a video is made; $time is expected-about or expected-under-minute.
progress = معمولاً { $time } طول می‌کشد
progress-overtime = بیشتر طول کشیده؛ معمولاً { $time }
draft-card =
    { $title }

    پرامپت: { $prompt }
    تنظیمات: { $options }
    قیمت: { $price }
    { $expected }

    تنظیمات را با دکمه‌ها تغییر دهید، بعد «ساخت» را بزنید.

## A submitted request

status-submitting = ⏳ در حال ارسال به Veo…
status-queued = ⏳ در صف
status-generating = 🎞 در حال ساخت
status-succeeded = 📤 آماده شد، در حال ارسال ویدیو…
status-delivered = ✅ تحویل داده شد
status-failed = ❌ ناموفق
status-unknown = ⚠️ نتیجه نامشخص
status-overdue = ⌛ منقضی شد (اگر ویدیو دیر برسد، باز هم فرستاده می‌شود)
status-expired = ⌛ منقضی شد
# How long a request has been in the making; $minutes is 1 or more.
elapsed-minutes = { $minutes } دقیقه گذشته
elapsed-under-minute = همین الان
# $status is one of the status-... texts, maybe followed by " · 3 دقیقه".
job-card =
    🎬 ارسال شد: درخواست #{ $job }

    پرامپت: { $prompt }
    تنظیمات: { $options }
    قیمت: { $price }
    وضعیت: { $status }

## Why a request ended without a video ($job is the request's number)

failure-photo-unavailable = نتوانستم عکس شما را از تلگرام دانلود کنم. لطفاً دوباره بفرستید.
failure-bad-image = این فایل تصویر JPEG، PNG یا WebP نیست. لطفاً یک عکس واقعی بفرستید.
# $detail is the video service's own words (often English).
failure-refused = ShortAPI درخواست را رد کرد: { $detail }
failure-key-rejected = سرویس ویدیو کلید API این ربات را نپذیرفت. لطفاً به گردانندهٔ ربات اطلاع دهید.
failure-api-error = سرویس ویدیو با خطا پاسخ داد ({ $detail }). لطفاً بعداً دوباره امتحان کنید.
failure-unreachable = نتوانستم به سرویس ویدیو وصل شوم. لطفاً کمی بعد دوباره امتحان کنید.
failure-outcome-unknown = درخواست فرستاده شد اما پاسخی نیامد، پس نمی‌دانم سرویس ویدیو آن را پذیرفته یا نه. برای اینکه هزینه دو بار پرداخت نشود، دوباره نفرستادمش؛ به گردانندهٔ ربات خبر داده شد. درخواست #{ $job }.
failure-provider-failed = سرویس ویدیو نتوانست این ویدیو را بسازد: { $detail }
failure-no-answer = سرویس ویدیو تا وقتی که هنوز می‌توانست ویدیو را تحویل دهد، دربارهٔ درخواست #{ $job } پاسخی نداد؛ برای همین دیگر پیگیری نکردم. لطفاً بعداً دوباره امتحان کنید.
failure-download-failed = ویدیو ساخته شد اما نتوانستم دانلودش کنم. لینک: { $url }
failure-undeliverable = ویدیو ساخته شد اما نتوانستم آن را اینجا بفرستم.
failure-lost = سرویس ویدیو دیگر درخواست #{ $job } را نمی‌شناسد ({ $detail }).
# $timeout and $grace are numbers of minutes.
failure-expired = بعد از { $timeout } دقیقه ویدیویی نیامد، پس درخواست #{ $job } را منقضی‌شده علامت زدم. اگر ویدیو تا { $grace } دقیقهٔ دیگر برسد، همین‌جا برایتان می‌فرستم.
failure-other = در ساخت این ویدیو مشکلی پیش آمد.
# Stands in for $detail when the service gave none.
failure-no-reason = دلیلی اعلام نشد
stars-back = ⭐ { $stars } مربوط به درخواست #{ $job } به موجودی شما برگشت.
# $why is "too-big" (over Telegram's limit) or "refused" (Telegram would not take it).
link =
    ✅ ویدیوی شما (درخواست #{ $job }) آماده است، اما { $why ->
        [too-big] حجمش برای ارسال از طریق تلگرام زیاد است
       *[refused] تلگرام آن را نپذیرفت
    }. از اینجا دانلودش کنید: { $url }
# The options card with 4K chosen: what the video arrives as in this deployment. $how is
# "video" (a self-hosted Bot API server uploads it), "kept" (the bot keeps it $days days and
# links to it) or "link" (the provider's own link, which works for about two days).
card-big-video =
    { $how ->
        [video] 📦 ویدیوی 4K به‌صورت ویدیو همین‌جا می‌رسد.
        [kept] 📦 ویدیوی 4K ممکن است برای تلگرام بیش از حد بزرگ باشد: در این صورت به‌صورت لینک دانلود می‌رسد و { $days } روز نگه داشته می‌شود.
       *[link] 📦 ویدیوی 4K ممکن است برای تلگرام بیش از حد بزرگ باشد: در این صورت به‌صورت لینک دانلودی می‌رسد که حدود دو روز کار می‌کند.
    }
link-kept-until = ⏳ لینک تا { $date } کار می‌کند.
link-provider-lifetime = ⏳ ShortAPI ویدیو را حدود دو روز نگه می‌دارد: زودتر دانلودش کنید.
# Told once when an outage holds a request up. $waiting is "telegram" or "service";
# $until is a date and time, in UTC.
delay =
    ⏳ { $waiting ->
        [telegram] تلگرام فعلاً ویدیوی آماده را نمی‌پذیرد
       *[service] سرویس ویدیو فعلاً پاسخ نمی‌دهد
    }. درخواست #{ $job } گم نشده است: تا { $until } تلاش می‌کنم و به محض اینکه بتوانم، ویدیو را می‌فرستم.

## /jobs

jobs-spent-today = هزینهٔ امروز: { $spent }.
jobs-spent-today-limit = هزینهٔ امروز: { $spent } از سقف روزانهٔ { $budget } شما.
jobs-recent = ویدیوهای اخیر شما:
jobs-item = #{ $job } «{ $prompt }»

## Telegram Stars: /balance, /buy, invoices and payments

balance = موجودی شما: { $stars }
balance-movements = آخرین تراکنش‌ها (UTC):
balance-empty = هنوز تراکنشی ندارید. با /buy ستاره بخرید، بعد یک عکس با کپشن بفرستید.
# One movement of the balance; $ref is a request's number.
movement-purchase = خرید
movement-video = ویدیو #{ $ref }
movement-return = برگشت بابت ویدیو #{ $ref } (ویدیو ساخته نشد)
movement-grant = هدیه
movement-refund = بازپرداخت تلگرام به شما
movement-refund-voided = بازپرداخت انجام نشد؛ به موجودی برگشت
buy = یک بستهٔ ستارهٔ تلگرام انتخاب کنید. ستاره‌ها تا وقتی برای ویدیو خرجشان کنید، در موجودی شما می‌مانند؛ ویدیوی پیش‌فرض ({ $options }) { $price } است. ستاره‌های ویدیویی که ناموفق شود، خودبه‌خود برمی‌گردند.
# An invoice's title: at most 32 characters.
pack-title = { $count } ستاره برای ویدیو
# An invoice's description: at most 255 characters.
pack-description = { $stars } در موجودی شما، برای تبدیل عکس به ویدیو با Google Veo 3.1.
video-invoice-title = ویدیو: { $prompt }
video-invoice-new = { $missing } برای این ویدیو. با پرداخت، ساخت آن بلافاصله شروع می‌شود.
video-invoice-top-up = { $missing } برای تکمیل { $price } این ویدیو ({ $balance } در موجودی شما). با پرداخت، ساخت آن بلافاصله شروع می‌شود.
# Why a payment is declined at checkout; Telegram shows it in the payment form.
checkout-unknown = این صورت‌حساب دیگر معتبر نیست. برای صورت‌حساب جدید از /buy استفاده کنید.
checkout-closed = این درخواست در این فاصله ساخته یا لغو شده، پس این صورت‌حساب باطل است. هیچ مبلغی کسر نشد.
checkout-changed = تنظیمات (و قیمت) این درخواست بعد از صدور صورت‌حساب تغییر کرده است. برای صورت‌حساب جدید، دوباره «ساخت» را بزنید. هیچ مبلغی کسر نشد.
paid-video-started = ✅ ممنونیم! { $stars } دریافت شد؛ ساخت درخواست #{ $job } شروع شد.
paid = ✅ ممنونیم! { $stars } اضافه شد. موجودی شما: { $balance }.
# After "paid", when the paid-for video could not start; $why says why.
paid-not-started = ویدیو شروع نشد، پس ستاره‌ها در موجودی شما می‌مانند: { $why }
paid-short = هزینهٔ آن { $price } است و موجودی شما دیگر کافی نیست. دوباره «ساخت» را بزنید.
paid-bot-daily-limit = ربات به سقف امروزش رسیده است. لطفاً فردا دوباره امتحان کنید (بعد از ساعت 00:00 UTC).
reconciled = ⭐ پرداخت { $stars } شما به موجودی‌تان اضافه شد ({ $balance }). بابت تأخیر عذر می‌خواهیم.
reconciled-refund-voided = ⭐ بازپرداخت { $stars } در نهایت انجام نشد، پس آن ستاره‌ها به موجودی شما برگشتند ({ $balance }).
# $names is a list of Telegram usernames: "@ann, @bob".
paysupport-admins = ادمین‌های ربات ({ $names })
paysupport-operator = گردانندهٔ ربات
paysupport = سؤالی دربارهٔ پرداخت دارید؟ به { $who } پیام بدهید و تاریخ و مبلغ را بگویید. ستاره‌هایی که برای ویدیوی ناموفق پرداخت شده، خودبه‌خود به موجودی شما برمی‌گردند؛ /balance را ببینید. بازپرداخت ستاره‌ها از طریق گردانندهٔ ربات انجام می‌شود.

## For the bot's admins: /stats, /grant, /refund

stats-running = ویدیوهای در حال ساخت: { $count }
stats-days = روزانه (UTC): ویدیوها · ناموفق · هزینه
stats-no-jobs = در ۷ روز گذشته ویدیویی ساخته نشده است
stats-models = به تفکیک مدل، ۷ روز گذشته: ویدیوها · هزینه
stats-stars = ستاره در روز (UTC): خرید · بازپرداخت · خرج ویدیو · برگشتی
stats-money = پول در روز: ستارهٔ دریافتی (USD) · هزینه در ShortAPI · حاشیهٔ سود
stats-users = به تفکیک کاربر، ۷ روز گذشته: ویدیوها · هزینه
grant-usage = روش استفاده: /grant <user_id> <stars>، با ۱ تا ۱۰۰۰۰۰۰ ستاره.
refund-usage = روش استفاده: /refund <telegram_payment_charge_id> [force]
granted = { $stars } به { $user_id } داده شد؛ موجودی او { $balance } است.
refunded = { $stars } از { $charge } به { $user_id } بازپرداخت شد؛ موجودی او { $balance } است.
refund-notice = ↩️ { $stars } از پرداخت شما توسط تلگرام به شما بازگردانده شد. موجودی شما اینجا: { $balance }.
chart-title = پول در روز (UTC)، ۷ روز گذشته
chart-income = ستارهٔ دریافتی (USD)
chart-spent = هزینه در ShortAPI
chart-margin = حاشیهٔ سود
chart-unit = USD

## The first minutes: /start, the bot's profile, an unknown command, /terms without terms

start =
    👋 سلام! من با Google Veo 3.1 یک عکس را به ویدیوی کوتاه تبدیل می‌کنم.

    یک عکس با کپشنی بفرستید که بگوید چه اتفاقی بیفتد، مثلاً:
    «موج‌ها به ساحل می‌رسند، دوربین آرام عقب می‌کشد»
start-price = قیمت هر ویدیو از { $price } شروع می‌شود.
start-begin = برای شروع یک عکس بفرستید.
button-details = ℹ️ طرز کار · قیمت‌ها
button-details-unpriced = ℹ️ طرز کار
bot-description =
    من با Google Veo 3.1 عکس‌های شما را به ویدیوهای کوتاه تبدیل می‌کنم.

    یک عکس با کپشنی بفرستید که بگوید چه اتفاقی بیفتد، مثلاً «موج‌ها به ساحل می‌رسند، دوربین آرام عقب می‌کشد»، و ویدیو ظرف چند دقیقه در همین گفتگو می‌رسد.

    برای شروع، ربات را استارت کنید.
bot-short-description = یک عکس با کپشن بفرستید و ویدیوی کوتاهی ساختهٔ Google Veo 3.1 بگیرید.
unknown-command = این دستور را نمی‌شناسم. این‌ها را می‌فهمم:
unknown-command-photo = یا فقط یک عکس با کپشن بفرستید.
terms-none =
    گردانندهٔ این ربات شرایط استفاده‌ای تعیین نکرده است.

    عکس و پرامپت شما را به ShortAPI (shortapi.ai) می‌فرستم که ویدیو را با Google Veo 3.1 می‌سازد. پرامپت را اینجا برای /jobs و دکمه‌های زیر ویدیو نگه می‌دارم.

    سؤالی دارید؟ به { $who } پیام بدهید.

## Money, as the people who pay see it

# With payments on, the all-users daily budget refuses a paying user; nothing is taken.
error-bot-daily-limit = ربات به سقف امروزش رسیده و فعلاً نمی‌تواند ویدیوی تازه بسازد. هیچ ستاره‌ای خرج نشد. لطفاً فردا دوباره امتحان کنید (بعد از ساعت 00:00 UTC).
error-bot-daily-limit-unpaid = ربات به سقف امروزش رسیده و فعلاً نمی‌تواند ویدیوی تازه بسازد. لطفاً فردا دوباره امتحان کنید (بعد از ساعت 00:00 UTC).
# With SHOW_PRICES off and payments off: no price, only what is left of the allowance.
error-allowance-used = این ویدیو از باقی‌ماندهٔ سهم روزانهٔ شما ({ $left }) بیشتر است. گزینه‌های کوتاه‌تر یا ساده‌تری انتخاب کنید، یا بعد از ساعت 00:00 UTC دوباره امتحان کنید.
jobs-allowance-left = باقی‌ماندهٔ سهم روزانهٔ شما برای امروز: { $left }.
button-generate-unpriced = 🎬 ساخت
draft-card-unpriced =
    { $title }

    پرامپت: { $prompt }
    تنظیمات: { $options }
    { $expected }

    تنظیمات را با دکمه‌ها تغییر دهید، بعد «ساخت» را بزنید.

# The status message of a request when prices are hidden (payments off, SHOW_PRICES=false).
job-card-unpriced =
    🎬 ارسال شد: درخواست #{ $job }

    پرامپت: { $prompt }
    تنظیمات: { $options }
    وضعیت: { $status }

## Sandbox (SHORTAPI_SANDBOX=true): اپراتور در حال آزمایش ربات است؛ ویدیوی واقعی ساخته نمی‌شود

sandbox-note = 🧪 حالت آزمایشی: ویدیوی واقعی ساخته نمی‌شود و هزینه‌ای گرفته نمی‌شود. یک نمونهٔ کوتاه از عکس شما دریافت می‌کنید.
sandbox-note-plain = 🧪 حالت آزمایشی: ویدیوی واقعی ساخته نمی‌شود و هزینه‌ای گرفته نمی‌شود. یک نمونهٔ کوتاه دریافت می‌کنید.
# The price line of the options card: $price is what the video would cost.
sandbox-price = { $price }، در حالت آزمایشی رایگان
sandbox-free = رایگان (آزمایشی)
# Above the status message and under the video.
sandbox-mark = 🧪 نمونهٔ آزمایشی: ساختهٔ Veo نیست، هزینه‌ای گرفته نشد.
button-generate-sandbox = 🎬 ساخت · رایگان 🧪
