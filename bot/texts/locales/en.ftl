# English: the source catalog, and the fallback for every other language.
#
# Translators: keep each message's id and its { $variables } as they are; the words, their
# order, plurals and punctuation are yours. Values that come in pre-formatted ($price, $stars,
# $options, $when...) are already in your language's number format. Option values (4s, 8s,
# 720p, 1080p, 4K, 16:9, 9:16) stay as they are in every language. Commands (/help, /buy...)
# are never translated. A continuation line must not begin with [, * or . (Fluent syntax).

## The language itself, as its speakers write it (the /language buttons show this).

language-name = English

## Command menu (3-256 characters each)

command-start = What I do, in short
command-help = How it works, and prices
# With prices hidden (payments off, SHOW_PRICES=false): /help shows none.
command-help-unpriced = How it works
command-jobs = Your recent videos
command-cancel = Close your open request
command-language = Choose the bot's language
command-balance = Your Stars and their movements
command-buy = Buy Stars for videos
command-paysupport = Help with a payment

## /language

language-choose = Choose the language I speak with you:
# The button that follows Telegram's language setting again.
language-auto = 🌐 As in my Telegram app
# Said in the new language, once it is chosen.
language-chosen = Done: I speak English with you from now on.
language-auto-chosen = Done: I follow your Telegram app's language from now on.

## Option buttons and the options line

mode-fast = Fast
mode-quality = Quality
aspect-auto = Auto
# The audio toggle button, which shows the current state.
button-audio-on = 🔊 Audio on
button-audio-off = 🔇 Audio off
# In the options line: Fast · 8s · 720p · 16:9 · Audio off
options-audio-on = Audio on
options-audio-off = Audio off
options-enhance-on = Prompt enhanced
options-enhance-off = Prompt as written
# $price is "$0.64" or "64 ⭐".
button-generate = 🎬 Generate · { $price }
button-cancel = Cancel
button-prompt = ✏️ Prompt
button-again = 🔁 Again
button-new-prompt = ✏️ New prompt
button-continue = ⏭ Continue
button-extend = ➕ Extend +7s
ask-extend-prompt = Your video will get 7 more seconds. Send me the prompt of what happens next.
title-extend = ➕ Your video, 7 seconds longer
kind-extend = a video made longer
extend-gone = This video can no longer be extended: the video service no longer has it. Use Again or New prompt instead.
extend-limit = This video cannot be extended: Veo extends only 720p videos, up to about 148 seconds in all.
failure-video-unavailable = I could no longer get the video to extend, so nothing was made.
# The card's title: what the video is made from.
title-image = 🎬 Video from your photo
title-text = 🎬 Video from your text
# What a video was made from, in /jobs.
kind-image = from a photo
kind-text = from text
# The text card's toggle: the service rewrites the prompt in more detail (expand_prompt).
button-enhance-off = ✨ Enhance prompt: off
button-enhance-on = ✨ Enhance prompt: on
title-frames = 🎬 Video between two photos
kind-frames = between two photos
title-reference = 🎬 Video from your photos
kind-reference = from several photos
# On the card of an album: its photos, which the video's subject follows.
card-references = 🖼 Photos: { $count }, in the album's order
ask-album-prompt = Got the photos. Now send me the prompt: describe the video they should star in.
album-too-many = One video takes 2 or 3 photos as its references; this album has { $count }. Send it again with 3 at most.
# The card's buttons for what the video is made from besides the prompt: a last frame (a second
# photo the video ends on), and what the video should avoid (a negative prompt).
button-last-frame = 🏁 Last frame
button-drop-last-frame = 🏁 Last frame: remove
button-avoid = 🚫 Avoid
button-drop-avoid = 🚫 Avoid: clear
# Lines of the card under the options; $words is what the user asked to avoid.
card-last-frame = 🏁 Ends on: the second photo you sent
card-last-frame-waiting = 🏁 Last frame: send me the photo to end on
card-avoid = 🚫 Avoid: { $words }
card-avoid-waiting = 🚫 Avoid: send me what to keep out
ask-last-frame = Send me the photo the video should end on. The card keeps its options.
ask-avoid = What should the video avoid? Say it in a few words, e.g. “text, watermarks, blur”.
# The grey hint in the input field (at most 64 characters).
avoid-hint = What to keep out of the video
# A price in Telegram Stars; $count is the number, already formatted.
stars = { $count } ⭐

## Asking for a prompt

ask-prompt = Got the photo. Now send me the prompt: describe the video you want.
# The grey hint in the input field (at most 64 characters).
prompt-hint = Describe the video
ask-card-prompt = Send me the new prompt for this request; its options stay as they are.
ask-new-prompt = Same photo and options: send me the new prompt.
ask-next-prompt = The last frame of your video. Send me the prompt of the next part.

## /help

help =
    Send me a photo with a caption, and I turn it into a video with Google Veo 3.1.

    1. Send a photo (or a JPEG, PNG or WebP file) with a caption: the caption is the prompt.
    No photo? Send the text alone, and the video is made from your words.
    Two or three photos as an album with a caption make one video whose subject follows them. On a photo's card, 🏁 Last frame takes a second photo for the video to end on.
    2. Pick mode, duration, resolution, aspect ratio and audio with the buttons; the price follows every change.
    3. Press Generate. The video arrives here in a few minutes.

    Commands: /jobs your recent videos · /cancel close your open request · /language change the language · /help this text
help-payments = Videos are paid with Telegram Stars: /balance your Stars · /buy more Stars · /paysupport help with a payment
help-prices-stars = Prices per video (Stars):
help-prices-usd = Prices per video (USD):
# One row of the price table, on two lines (one would wrap on a phone):
# "Fast 720p/1080p no audio:" then "4s $0.40 · 6s $0.60 · 8s $0.80".
help-price-row =
    { $mode } { $resolutions } { $audio ->
        [yes] with audio
       *[no] no audio
    }:
    { $prices }
# The same for a model with no mode (from several photos: always quality).
help-price-row-reference =
    { $resolutions } { $audio ->
        [yes] with audio
       *[no] no audio
    }:
    { $prices }

## Short answers and messages

# $user_id is a Telegram id: digits only.
not-allowed = Sorry, this bot is private. Ask its operator to add your Telegram id ({ $user_id }).
send-photo = Send me a photo with a caption describing the video, and I'll make it. See /help.
nothing-to-cancel = You have no open request here.
no-jobs = You have no videos yet. Send a photo with a caption to make one.
stale-button = This button is no longer valid.
submitting = Submitting…
cancelled-answer = Cancelled.
cancelled-message = Cancelled. Send another photo whenever you like.
storage-failed = Something went wrong on my side, please try again later.
storage-waiting = My database isn't answering right now. I'll take care of this as soon as it's back, so there's no need to send it again.
payment-waiting = ✅ Your payment of { $stars } went through and is safe. My database isn't answering right now; the Stars will be on your balance as soon as it's back. Please don't pay again.
payment-waiting-video = ✅ Your payment of { $stars } went through and is safe. My database isn't answering right now; your video will start as soon as it's back. Please don't pay again.
press-in-hand = Already on it…
personal-account-needed = I can only work for a personal account: a message sent anonymously or on behalf of a channel can't be tied to anyone's budget. Send it from your own account, or to me in a private chat.
cancelled-count =
    { $count ->
        [one] Closed your open request.
       *[other] Closed { $count } open requests.
    }

## Input the user can put right, and limits they reached

error-unsupported-file = I can only use photos or JPEG, PNG and WebP images. Please send one of those, with a caption describing the video.
error-image-too-large = That image is over 20 MB, which Telegram does not let bots download. Please send a smaller one (sending it as a photo compresses it).
error-empty-prompt = The prompt is empty. Please describe the video you want in a few words.
error-prompt-too-long = The prompt is too long. Please keep it under { $max } characters.
error-not-your-request = These buttons belong to someone else's request.
error-request-closed = This request is closed. Send a new photo to start another.
error-not-admin = This command is for the bot's operators.
error-unknown-charge = No payment with this charge id is in the ledger.
error-video-too-old = This video is too old for its buttons. Send the photo again to make another.
error-no-frame = This video was sent as a link, so I kept no frame to continue from. Use Again or New prompt, or send a photo.
error-frame-unreadable = I could not read the last frame of this video back from Telegram. Use Again or New prompt, or send a photo.
error-already-refunded = This payment was refunded already; nothing was done.
# $scope is "user" (the user's own daily limit) or "bot" (the whole bot's daily budget).
error-spend-limit =
    This video costs { $price }, but { $scope ->
        [user] your daily limit
       *[bot] the bot's daily budget
    } is { $limit } and { $left } is left today. Choose cheaper options, or try again after 00:00 UTC.
error-stars-short = This video costs { $price } and your balance is { $balance }: { $missing } missing. Pay them with the invoice below and the video starts at once, or see /buy.
# When the Stars missing are more than one invoice can ask (10,000): no invoice is sent.
stars-short-of-one-invoice = This video costs { $price } and your balance is { $balance }: { $missing } missing, more than one payment can bring. Buy Stars with /buy first, then press Generate again.
error-too-many-jobs =
    { $limit ->
        [one] You already have { $limit } video in the making. Please press Generate again when it has arrived.
       *[other] You already have { $limit } videos in the making. Please press Generate again when one has arrived.
    }
# For the bot's admins (/refund).
error-balance-too-low = Not refunded: the payment was { $stars } but the user's balance is { $balance } (they spent the rest). Add `force` to refund all the same; their balance then goes below zero.
error-refund-failed = Telegram refused the refund: { $reason }
error-refund-unanswered = Telegram did not answer whether it made the refund. Its { $stars } stay off the user's balance until my next check with Telegram (at each start, and at least every 6 hours) settles it: kept if Telegram made the refund, given back if not. Don't refund again meanwhile.

## The options card

# $minutes is a whole number of minutes (1 or more).
expected-about = about { $minutes } min
expected-under-minute = under a minute
# $source is "history" (measured on recent videos) or "estimate".
expected-line =
    Time: usually { $time } ({ $source ->
        [history] recent videos
       *[estimate] estimate
    })
# What to expect while a video is made; $time is expected-about or expected-under-minute.
progress = Usually takes { $time }
progress-overtime = Taking longer: usually { $time }
draft-card =
    { $title }

    Prompt: { $prompt }
    Options: { $options }
    Price: { $price }
    { $expected }

    Change the options with the buttons, then press Generate.

## A submitted request

status-submitting = ⏳ submitting to Veo…
status-queued = ⏳ queued
status-generating = 🎞 being made
status-succeeded = 📤 done, sending the video…
status-delivered = ✅ delivered
status-failed = ❌ failed
status-unknown = ⚠️ outcome unknown
status-overdue = ⌛ expired (a late video will still be sent)
status-expired = ⌛ expired
# How long a request has been in the making; $minutes is 1 or more.
elapsed-minutes = { $minutes } min so far
elapsed-under-minute = just now
# $status is one of the status-... texts, maybe followed by " · 3 min so far".
job-card =
    🎬 Submitted: request #{ $job }

    Prompt: { $prompt }
    Options: { $options }
    Price: { $price }
    Status: { $status }

## Why a request ended without a video ($job is the request's number)

failure-photo-unavailable = I could not download your photo from Telegram. Please send it again.
failure-bad-image = That file is not a JPEG, PNG or WebP image. Please send a real photo.
# $detail is the video service's own words (often English).
failure-refused = ShortAPI refused the request: { $detail }
failure-key-rejected = The video service did not accept this bot's API key. Please tell the bot's operator.
failure-api-error = The video service answered with an error ({ $detail }). Please try again later.
failure-unreachable = I could not reach the video service. Please try again in a while.
failure-outcome-unknown = The request was sent but no answer came back, so I don't know whether the video service took it. To avoid paying twice I did not send it again; the operator has been told. Request #{ $job }.
failure-provider-failed = The video service could not make this video: { $detail }
failure-no-answer = The video service did not answer about request #{ $job } for as long as it could still hand the video over, so I stopped asking. Please try again later.
failure-download-failed = The video was made but I could not download it. Link: { $url }
failure-undeliverable = The video was made but I could not send it here.
failure-lost = The video service no longer knows request #{ $job } ({ $detail }).
# $timeout and $grace are numbers of minutes.
failure-expired = No video after { $timeout } minutes, so I marked request #{ $job } as expired. If the video still arrives within { $grace } minutes, I will send it here.
failure-other = Something went wrong with this video.
# Stands in for $detail when the service gave none.
failure-no-reason = no reason given
stars-back = ⭐ The { $stars } for request #{ $job } are back on your balance.
# $why is "too-big" (over Telegram's limit) or "refused" (Telegram would not take it).
link =
    ✅ Your video (request #{ $job }) is ready, but { $why ->
        [too-big] it is too big to send through Telegram
       *[refused] Telegram would not take it
    }. Download it here: { $url }
# The options card with 4K chosen: what the video arrives as in this deployment. $how is
# "video" (a self-hosted Bot API server uploads it), "kept" (the bot keeps it $days days and
# links to it) or "link" (the provider's own link, which works for about two days).
card-big-video =
    { $how ->
        [video] 📦 A 4K video arrives right here, as a video.
        [kept] 📦 4K can be too big for Telegram: then it arrives as a download link, kept { $days } days.
       *[link] 📦 4K can be too big for Telegram: then it arrives as a download link that works about two days.
    }
# Under the link to a video the bot keeps: $date is the last day (UTC) it surely works.
link-kept-until = ⏳ The link works until { $date }.
# Under ShortAPI's own link: it publishes no lifetime; Google keeps its outputs about two days.
link-provider-lifetime = ⏳ ShortAPI keeps the video for about two days: download it soon.
# Told once when an outage holds a request up. $waiting is "telegram" or "service";
# $until is a date and time, in UTC.
delay =
    ⏳ { $waiting ->
        [telegram] Telegram is not accepting the finished video right now
       *[service] The video service is not answering right now
    }. Request #{ $job } is not lost: I keep trying until { $until } and will send the video as soon as I can.

## /jobs

jobs-spent-today = Spent today: { $spent }.
jobs-spent-today-limit = Spent today: { $spent } of your { $budget } daily limit.
jobs-recent = Your recent videos:
# One video in /jobs: the user's own number of it and the start of its prompt.
jobs-item = #{ $job } “{ $prompt }”

## Telegram Stars: /balance, /buy, invoices and payments

balance = Your balance: { $stars }
balance-movements = Latest movements (UTC):
balance-empty = No movements yet. /buy Stars, then send a photo with a caption.
# One movement of the balance; $ref is a request's number.
movement-purchase = bought
movement-video = video #{ $ref }
movement-return = back for video #{ $ref } (no video)
movement-grant = granted
movement-refund = refunded to you by Telegram
movement-refund-voided = refund not made; back to you
buy = Choose a pack of Telegram Stars. They stay on your balance until you spend them on videos; the default video ({ $options }) costs { $price }. Stars for a video that fails come back by themselves.
# An invoice's title: at most 32 characters.
pack-title = { $count } Stars for videos
# An invoice's description: at most 255 characters.
pack-description = { $stars } on your balance, to turn photos into videos with Google Veo 3.1.
video-invoice-title = Video: { $prompt }
video-invoice-new = { $missing } for this video. Paying starts it at once.
video-invoice-top-up = { $missing } to complete the { $price } for this video ({ $balance } on your balance). Paying starts it at once.
# Why a payment is declined at checkout; Telegram shows it in the payment form.
checkout-unknown = This invoice is no longer valid. Use /buy for a new one.
checkout-closed = This request was generated or cancelled meanwhile, so this invoice is void. Nothing was charged.
checkout-changed = The options (and the price) of this request changed since the invoice was made. Press Generate again for a new invoice. Nothing was charged.
paid-video-started = ✅ Thank you! { $stars } received; request #{ $job } is on its way.
paid = ✅ Thank you! { $stars } added. Your balance: { $balance }.
# After "paid", when the paid-for video could not start; $why says why.
paid-not-started = The video did not start, so the Stars stay on your balance: { $why }
paid-short = it costs { $price } and your balance no longer covers it. Press Generate again.
paid-bot-daily-limit = the bot has reached its limit for today. Please try again tomorrow (after 00:00 UTC).
reconciled = ⭐ Your payment of { $stars } is now on your balance ({ $balance }). Sorry for the delay.
reconciled-refund-voided = ⭐ A refund of { $stars } to you was not made after all, so those Stars are back on your balance ({ $balance }).
# $names is a list of Telegram usernames: "@ann, @bob".
paysupport-admins = the bot's admins ({ $names })
paysupport-operator = the bot's operator
paysupport = Questions about a payment? Write to { $who } and give the date and amount. Stars paid for a video that fails come back to your balance by themselves; see /balance. Payments in Stars are refunded through the operator.

## For the bot's admins: /stats, /grant, /refund

stats-running = Jobs in the making now: { $count }
stats-days = Per day (UTC): jobs · failed · spent
stats-no-jobs = no jobs in the last 7 days
stats-models = Per model, last 7 days: jobs · spent
stats-stars = Stars per day (UTC): bought · refunded · spent on videos · returned
stats-money = Money per day: Stars in (USD) · spent at ShortAPI · margin
stats-users = Per user, last 7 days: jobs · spent
grant-usage = Usage: /grant <user_id> <stars>, with 1 to 1000000 Stars.
refund-usage = Usage: /refund <telegram_payment_charge_id> [force]
granted = Granted { $stars } to { $user_id }; their balance is { $balance }.
refunded = Refunded { $stars } of { $charge } to { $user_id }; their balance is { $balance }.
refund-notice = ↩️ { $stars } of your payment were refunded to you by Telegram. Your balance here: { $balance }.
chart-title = Money per day (UTC), last 7 days
chart-income = Stars in (USD)
chart-spent = Spent at ShortAPI
chart-margin = Margin
chart-unit = USD

## The first minutes: /start, the bot's profile, an unknown command, /terms without terms

# /start: a few lines; the details and the price table are behind button-details and /help.
start =
    👋 Hi! I turn a photo into a short video with Google Veo 3.1.

    Send me a photo with a caption that says what should happen, for example:
    “the waves roll in, the camera slowly pulls back”
# $price is the cheapest video: "$0.32" or "32 ⭐".
start-price = A video costs from { $price }.
start-begin = Send a photo to begin.
button-details = ℹ️ How it works · prices
button-details-unpriced = ℹ️ How it works
# Shown in the empty chat before Start: at most 512 characters.
bot-description =
    I turn your photos into short videos with Google Veo 3.1.

    Send a photo with a caption that says what should happen, for example “the waves roll in, the camera slowly pulls back”, and the video arrives in this chat in a few minutes.

    Press Start to begin.
# The "About" of the bot's profile: at most 120 characters.
bot-short-description = Send a photo with a caption, get a short video made by Google Veo 3.1.
# Followed by one line per command ("/help — How it works, and prices").
unknown-command = I don't know that command. Here is what I understand:
unknown-command-photo = Or just send me a photo with a caption.
# $who is "@name, @name" or paysupport-operator.
terms-none =
    The operator of this bot has not set any terms of service.

    Your photo and prompt: I send them to ShortAPI (shortapi.ai), which makes the video with Google Veo 3.1. I keep the prompt here for /jobs and the buttons under your video.

    Questions? Write to { $who }.

## Money, as the people who pay see it

# With payments on, the all-users daily budget refuses a paying user; nothing is taken.
error-bot-daily-limit = The bot has reached its limit for today and can't make new videos now. No Stars were spent. Please try again tomorrow (after 00:00 UTC).
error-bot-daily-limit-unpaid = The bot has reached its limit for today and can't make new videos now. Please try again tomorrow (after 00:00 UTC).
# With SHOW_PRICES off and payments off: no price, only what is left of the allowance.
error-allowance-used = This video is more than what is left of your daily allowance ({ $left }). Choose shorter or simpler options, or try again after 00:00 UTC.
jobs-allowance-left = Left of your daily allowance today: { $left }.
button-generate-unpriced = 🎬 Generate
draft-card-unpriced =
    { $title }

    Prompt: { $prompt }
    Options: { $options }
    { $expected }

    Change the options with the buttons, then press Generate.

# The status message of a request when prices are hidden (payments off, SHOW_PRICES=false).
job-card-unpriced =
    🎬 Submitted: request #{ $job }

    Prompt: { $prompt }
    Options: { $options }
    Status: { $status }

## Sandbox (SHORTAPI_SANDBOX=true): the operator is trying the bot; no video is made for real

sandbox-note = 🧪 Sandbox: no real video is made and nothing is charged. You get a short sample made from your photo.
# The same on the card of a video made from no photo of the user's own (text, an extension).
sandbox-note-plain = 🧪 Sandbox: no real video is made and nothing is charged. You get a short sample.
# The price line of the options card: $price is what the video would cost.
sandbox-price = { $price }, free in the sandbox
sandbox-free = free (sandbox)
# Above the status message and under the video.
sandbox-mark = 🧪 Sandbox sample: not made by Veo, nothing charged.
button-generate-sandbox = 🎬 Generate · free 🧪
