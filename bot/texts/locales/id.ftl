# Bahasa Indonesia. Register: "kamu" (and "aku" for the bot), as popular Indonesian bots write.
# Indonesian has one plural form (CLDR "other"): nouns after a number do not change, so no
# plural selectors; [1] is an exact-number variant where the sentence reads better for one.
# A continuation line must not begin with [, * or . (Fluent syntax).

## The language itself, as its speakers write it (the /language buttons show this).

language-name = Bahasa Indonesia

## Command menu (3-256 characters each)

command-start = Apa yang kulakukan dan cara mulai
command-help = Cara kerja dan harganya
# With prices hidden (payments off, SHOW_PRICES=false): /help shows none.
command-help-unpriced = Cara kerja
command-jobs = Video terbarumu
command-cancel = Tutup permintaanmu yang masih terbuka
command-language = Pilih bahasa bot
command-balance = Bintang kamu dan riwayatnya
command-buy = Beli Bintang untuk video
command-paysupport = Bantuan soal pembayaran

## /language

language-choose = Pilih bahasa untuk percakapan kita:
# The button that follows Telegram's language setting again.
language-auto = 🌐 Ikuti aplikasi Telegram-ku
# Said in the new language, once it is chosen.
language-chosen = Siap! Mulai sekarang aku bicara dalam Bahasa Indonesia denganmu.
language-auto-chosen = Siap! Mulai sekarang aku mengikuti bahasa aplikasi Telegram-mu.

## Option buttons and the options line

mode-fast = Cepat
mode-quality = Kualitas
aspect-auto = Otomatis
# The audio toggle button, which shows the current state.
button-audio-on = 🔊 Audio aktif
button-audio-off = 🔇 Audio mati
# In the options line: Cepat · 8s · 720p · 16:9 · Audio mati
options-audio-on = Audio aktif
options-audio-off = Audio mati
options-enhance-on = Prompt diperbaiki
options-enhance-off = Prompt apa adanya
# $price is "$0.64" or "64 ⭐".
button-generate = 🎬 Buat · { $price }
button-cancel = Batal
button-prompt = ✏️ Prompt
button-again = 🔁 Ulangi
button-new-prompt = ✏️ Prompt baru
button-continue = ⏭ Lanjutkan
button-extend = ➕ Tambah 7 detik
ask-extend-prompt = Videomu akan bertambah 7 detik. Kirim prompt tentang apa yang terjadi berikutnya.
title-extend = ➕ Videomu, 7 detik lebih panjang
kind-extend = video yang diperpanjang
extend-gone = Video ini sudah tidak bisa diperpanjang: layanan video tidak lagi menyimpannya. Pakai Ulangi atau Prompt baru.
extend-limit = Video ini tidak bisa diperpanjang: Veo hanya memperpanjang video 720p, sampai sekitar 148 detik totalnya.
failure-video-unavailable = Aku tidak bisa lagi mengambil video yang mau diperpanjang, jadi tidak ada yang dibuat.
# The card's title: what the video is made from.
title-image = 🎬 Video dari fotomu
title-text = 🎬 Video dari teksmu
# What a video was made from, in /jobs.
kind-image = dari foto
kind-text = dari teks
# The text card's toggle: the service rewrites the prompt in more detail (expand_prompt).
button-enhance-off = ✨ Perbaiki prompt: mati
button-enhance-on = ✨ Perbaiki prompt: nyala
title-frames = 🎬 Video di antara dua foto
kind-frames = di antara dua foto
title-reference = 🎬 Video dari foto-fotomu
kind-reference = dari beberapa foto
card-references = 🖼 Foto: { $count }, sesuai urutan album
ask-album-prompt = Foto-fotonya sudah kuterima. Sekarang kirim prompt-nya: ceritakan video yang mereka bintangi.
album-too-many = Satu video memakai 2 atau 3 foto sebagai acuan; album ini berisi { $count }. Kirim lagi dengan paling banyak 3.
button-last-frame = 🏁 Frame terakhir
button-drop-last-frame = 🏁 Frame terakhir: hapus
button-avoid = 🚫 Hindari
button-drop-avoid = 🚫 Hindari: kosongkan
card-last-frame = 🏁 Berakhir di: foto kedua yang kamu kirim
card-last-frame-waiting = 🏁 Frame terakhir: kirim foto penutupnya
card-avoid = 🚫 Hindari: { $words }
card-avoid-waiting = 🚫 Hindari: kirim apa yang tidak boleh muncul
ask-last-frame = Kirim foto yang menjadi akhir video. Opsi di kartu tetap sama.
ask-avoid = Apa yang harus dihindari video ini? Tulis singkat, misalnya “teks, watermark, buram”.
avoid-hint = Yang tidak boleh ada di video
# A price in Telegram Stars; $count is the number, already formatted.
stars = { $count } ⭐

## Asking for a prompt

ask-prompt = Fotonya sudah kuterima. Sekarang kirim prompt-nya: ceritakan video yang kamu mau.
# The grey hint in the input field (at most 64 characters).
prompt-hint = Ceritakan video yang kamu mau
ask-card-prompt = Kirim prompt baru untuk permintaan ini; opsinya tetap seperti sekarang.
ask-new-prompt = Foto dan opsinya tetap sama: kirim prompt barunya.
ask-next-prompt = Ini frame terakhir videomu. Kirim prompt untuk bagian berikutnya.

## /help

help =
    Kirim foto dengan keterangan, nanti aku ubah jadi video dengan Google Veo 3.1.

    1. Kirim foto (atau file JPEG, PNG, atau WebP) dengan keterangan: keterangan itulah prompt-nya.
    Tanpa foto? Kirim teksnya saja, dan video dibuat dari kata-katamu.
    Dua atau tiga foto sebagai album dengan keterangan jadi satu video yang tokohnya mengikuti foto-foto itu. Di kartu foto, 🏁 Frame terakhir memakai foto kedua sebagai akhir video.
    2. Pilih mode, durasi, resolusi, rasio aspek, dan audio lewat tombol; harganya langsung menyesuaikan setiap perubahan.
    3. Tekan Buat. Videonya akan sampai di sini dalam beberapa menit.

    Perintah: /jobs video terbarumu · /cancel tutup permintaan yang terbuka · /language ganti bahasa · /help teks ini
help-payments = Video dibayar dengan Telegram Stars: /balance Bintang kamu · /buy beli Bintang lagi · /paysupport bantuan soal pembayaran
help-prices-stars = Harga per video (Bintang):
help-prices-usd = Harga per video (USD):
# One row of the price table: "Cepat 720p/1080p tanpa audio: 4s $0.40 / 6s $0.60 / 8s $0.80".
help-price-row =
    { $mode } { $resolutions } { $audio ->
        [yes] dengan audio
       *[no] tanpa audio
    }:
    { $prices }
help-price-row-reference =
    { $resolutions } { $audio ->
        [yes] dengan audio
       *[no] tanpa audio
    }:
    { $prices }

## Short answers and messages

# $user_id is a Telegram id: digits only.
not-allowed = Maaf, bot ini privat. Minta operatornya untuk menambahkan ID Telegram-mu ({ $user_id }).
send-photo = Kirim foto dengan keterangan yang menjelaskan videonya, nanti aku buatkan. Lihat /help.
nothing-to-cancel = Kamu tidak punya permintaan yang masih terbuka di sini.
no-jobs = Kamu belum punya video. Kirim foto dengan keterangan untuk membuatnya.
stale-button = Tombol ini sudah tidak berlaku.
submitting = Mengirim…
cancelled-answer = Dibatalkan.
cancelled-message = Dibatalkan. Kirim foto lain kapan saja kamu mau.
storage-failed = Ada masalah di sisiku. Coba lagi nanti, ya.
storage-waiting = Database-ku sedang tidak merespons. Aku akan mengurus ini begitu database-nya kembali, jadi kamu tidak perlu mengirimnya lagi.
payment-waiting = ✅ Pembayaranmu sebesar { $stars } sudah berhasil dan aman. Database-ku sedang tidak merespons; Bintang akan masuk ke saldomu begitu database-nya kembali. Jangan bayar lagi, ya.
payment-waiting-video = ✅ Pembayaranmu sebesar { $stars } sudah berhasil dan aman. Database-ku sedang tidak merespons; videomu akan mulai dibuat begitu database-nya kembali. Jangan bayar lagi, ya.
press-in-hand = Sedang kukerjakan…
personal-account-needed = Aku hanya bisa bekerja untuk akun pribadi: pesan yang dikirim secara anonim atau atas nama kanal tidak bisa dikaitkan dengan anggaran siapa pun. Kirim dari akunmu sendiri, atau lewat chat pribadi denganku.
cancelled-count =
    { $count ->
        [1] Permintaanmu yang terbuka sudah ditutup.
       *[other] { $count } permintaan yang terbuka sudah ditutup.
    }

## Input the user can put right, and limits they reached

error-unsupported-file = Aku hanya bisa memakai foto atau gambar JPEG, PNG, dan WebP. Kirim salah satunya, ya, dengan keterangan yang menjelaskan videonya.
error-image-too-large = Gambar itu lebih dari 20 MB, dan Telegram tidak mengizinkan bot mengunduhnya. Kirim yang lebih kecil, ya (kalau dikirim sebagai foto, ukurannya dikompres).
error-empty-prompt = Prompt-nya kosong. Ceritakan video yang kamu mau dalam beberapa kata, ya.
error-prompt-too-long = Prompt-nya terlalu panjang. Buat kurang dari { $max } karakter, ya.
error-not-your-request = Tombol ini milik permintaan orang lain.
error-request-closed = Permintaan ini sudah ditutup. Kirim foto baru untuk memulai yang lain.
error-not-admin = Perintah ini khusus untuk operator bot.
error-unknown-charge = Tidak ada pembayaran dengan charge id ini di catatan pembayaran.
error-video-too-old = Video ini sudah terlalu lama untuk tombolnya. Kirim fotonya lagi untuk membuat video baru.
error-no-frame = Video ini dikirim sebagai tautan, jadi aku tidak menyimpan frame untuk dilanjutkan. Pakai Ulangi atau Prompt baru, atau kirim foto.
error-frame-unreadable = Aku tidak bisa mengambil frame terakhir video ini dari Telegram. Pakai Ulangi atau Prompt baru, atau kirim foto.
error-already-refunded = Pembayaran ini sudah di-refund sebelumnya; tidak ada yang dilakukan.
# $scope is "user" (the user's own daily limit) or "bot" (the whole bot's daily budget).
error-spend-limit =
    Video ini harganya { $price }, tetapi { $scope ->
        [user] batas harianmu
       *[bot] anggaran harian bot
    } { $limit } dan sisanya hari ini { $left }. Pilih opsi yang lebih murah, atau coba lagi setelah 00:00 UTC.
error-stars-short = Video ini harganya { $price }, sedangkan saldomu { $balance }: kurang { $missing }. Bayar kekurangannya lewat tagihan di bawah, dan videonya langsung dimulai; atau lihat /buy.
stars-short-of-one-invoice = Video ini harganya { $price }, sedangkan saldomu { $balance }: kurang { $missing }, lebih dari yang bisa dibayar sekaligus. Beli Bintang lewat /buy dulu, lalu tekan Buat lagi.
error-too-many-jobs =
    { $limit ->
        [1] Kamu sudah punya { $limit } video yang sedang dibuat. Tekan Buat lagi setelah videonya sampai, ya.
       *[other] Kamu sudah punya { $limit } video yang sedang dibuat. Tekan Buat lagi setelah salah satunya sampai, ya.
    }
# For the bot's admins (/refund).
error-balance-too-low = Tidak di-refund: pembayarannya { $stars }, tetapi saldo pengguna { $balance } (sisanya sudah dia pakai). Tambahkan `force` untuk tetap me-refund; saldonya lalu jadi minus.
error-refund-failed = Telegram menolak refund-nya: { $reason }
error-refund-unanswered = Telegram tidak menjawab apakah refund sudah dilakukan. { $stars } tetap ditahan dari saldo pengguna sampai pengecekanku berikutnya dengan Telegram (setiap kali mulai, dan paling lambat tiap 6 jam) memastikannya: dipotong kalau refund sudah dilakukan, dikembalikan kalau belum. Jangan ulangi refund dulu.

## The options card

# $minutes is a whole number of minutes (1 or more).
expected-about = sekitar { $minutes } menit
expected-under-minute = kurang dari semenit
# $source is "history" (measured on recent videos) or "estimate".
expected-line =
    Waktu: biasanya { $time } ({ $source ->
        [history] dari video terbaru
       *[estimate] perkiraan
    })
# What to expect while a video is made; $time is expected-about or expected-under-minute.
progress = Biasanya { $time }
progress-overtime = Lebih lama: biasanya { $time }
draft-card =
    { $title }

    Prompt: { $prompt }
    Opsi: { $options }
    Harga: { $price }
    { $expected }

    Ubah opsinya lewat tombol, lalu tekan Buat.

## A submitted request

status-submitting = ⏳ mengirim ke Veo…
status-queued = ⏳ dalam antrean
status-generating = 🎞 sedang dibuat
status-succeeded = 📤 selesai, mengirim videonya…
status-delivered = ✅ terkirim
status-failed = ❌ gagal
status-unknown = ⚠️ hasilnya tidak diketahui
status-overdue = ⌛ kedaluwarsa (video yang telat tetap akan dikirim)
status-expired = ⌛ kedaluwarsa
# How long a request has been in the making; $minutes is 1 or more.
elapsed-minutes = sudah { $minutes } menit
elapsed-under-minute = baru saja
# $status is one of the status-... texts, maybe followed by " · 3 menit".
job-card =
    🎬 Terkirim: permintaan #{ $job }

    Prompt: { $prompt }
    Opsi: { $options }
    Harga: { $price }
    Status: { $status }

## Why a request ended without a video ($job is the request's number)

failure-photo-unavailable = Aku tidak bisa mengunduh fotomu dari Telegram. Kirim ulang, ya.
failure-bad-image = File itu bukan gambar JPEG, PNG, atau WebP. Kirim foto sungguhan, ya.
# $detail is the video service's own words (often English).
failure-refused = ShortAPI menolak permintaan ini: { $detail }
failure-key-rejected = Layanan video tidak menerima API key bot ini. Tolong beri tahu operator bot.
failure-api-error = Layanan video membalas dengan error ({ $detail }). Coba lagi nanti, ya.
failure-unreachable = Aku tidak bisa menghubungi layanan video. Coba lagi sebentar lagi, ya.
failure-outcome-unknown = Permintaannya sudah dikirim, tetapi tidak ada jawaban, jadi aku tidak tahu apakah layanan video sudah menerimanya. Supaya kamu tidak bayar dua kali, aku tidak mengirimnya lagi; operator sudah diberi tahu. Permintaan #{ $job }.
failure-provider-failed = Layanan video tidak bisa membuat video ini: { $detail }
failure-no-answer = Layanan video tidak memberi kabar soal permintaan #{ $job } sampai batas waktu penyerahan videonya habis, jadi aku berhenti menanyakannya. Coba lagi nanti, ya.
failure-download-failed = Videonya sudah jadi, tetapi aku tidak bisa mengunduhnya. Tautan: { $url }
failure-undeliverable = Videonya sudah jadi, tetapi aku tidak bisa mengirimnya ke sini.
failure-lost = Layanan video sudah tidak mengenali permintaan #{ $job } ({ $detail }).
# $timeout and $grace are numbers of minutes.
failure-expired = Belum ada video setelah { $timeout } menit, jadi permintaan #{ $job } kutandai kedaluwarsa. Kalau videonya masih datang dalam { $grace } menit, akan kukirim ke sini.
failure-other = Ada yang tidak beres dengan video ini.
# Stands in for $detail when the service gave none.
failure-no-reason = tanpa keterangan
stars-back = ⭐ { $stars } untuk permintaan #{ $job } sudah kembali ke saldomu.
# $why is "too-big" (over Telegram's limit) or "refused" (Telegram would not take it).
link =
    ✅ Videomu (permintaan #{ $job }) sudah siap, tetapi { $why ->
        [too-big] ukurannya terlalu besar untuk dikirim lewat Telegram
       *[refused] Telegram tidak mau menerimanya
    }. Unduh di sini: { $url }
# The options card with 4K chosen: what the video arrives as in this deployment. $how is
# "video" (a self-hosted Bot API server uploads it), "kept" (the bot keeps it $days days and
# links to it) or "link" (the provider's own link, which works for about two days).
card-big-video =
    { $how ->
        [video] 📦 Video 4K dikirim langsung ke sini sebagai video.
        [kept] 📦 Video 4K bisa terlalu besar untuk Telegram: jika begitu, dikirim sebagai tautan unduhan, disimpan { $days } hari.
       *[link] 📦 Video 4K bisa terlalu besar untuk Telegram: jika begitu, dikirim sebagai tautan unduhan yang berlaku sekitar dua hari.
    }
link-kept-until = ⏳ Tautan berlaku sampai { $date }.
link-provider-lifetime = ⏳ ShortAPI menyimpan video sekitar dua hari: segera unduh.
# Told once when an outage holds a request up. $waiting is "telegram" or "service";
# $until is a date and time, in UTC.
delay =
    ⏳ { $waiting ->
        [telegram] Telegram sedang tidak menerima video yang sudah jadi
       *[service] Layanan video sedang tidak menjawab
    }. Permintaan #{ $job } tidak hilang: aku terus mencoba sampai { $until } dan akan mengirim videonya secepat mungkin.

## /jobs

jobs-spent-today = Terpakai hari ini: { $spent }.
jobs-spent-today-limit = Terpakai hari ini: { $spent } dari batas harianmu { $budget }.
jobs-recent = Video terbarumu:
jobs-item = #{ $job } “{ $prompt }”

## Telegram Stars: /balance, /buy, invoices and payments

balance = Saldomu: { $stars }
balance-movements = Riwayat terbaru (UTC):
balance-empty = Belum ada riwayat. Beli Bintang lewat /buy, lalu kirim foto dengan keterangan.
# One movement of the balance; $ref is a request's number.
movement-purchase = dibeli
movement-video = video #{ $ref }
movement-return = kembali dari video #{ $ref } (video tidak jadi)
movement-grant = diberikan
movement-refund = di-refund ke kamu oleh Telegram
movement-refund-voided = refund batal; kembali ke saldomu
buy = Pilih paket Telegram Stars. Bintang tetap ada di saldomu sampai kamu pakai untuk video; video standar ({ $options }) harganya { $price }. Bintang untuk video yang gagal akan kembali dengan sendirinya.
# An invoice's title: at most 32 characters.
pack-title = { $count } Bintang untuk video
# An invoice's description: at most 255 characters.
pack-description = { $stars } masuk ke saldomu, untuk mengubah foto jadi video dengan Google Veo 3.1.
video-invoice-title = Video: { $prompt }
video-invoice-new = { $missing } untuk video ini. Begitu dibayar, videonya langsung dimulai.
video-invoice-top-up = { $missing } untuk melengkapi { $price } video ini ({ $balance } ada di saldomu). Begitu dibayar, videonya langsung dimulai.
# Why a payment is declined at checkout; Telegram shows it in the payment form.
checkout-unknown = Tagihan ini sudah tidak berlaku. Pakai /buy untuk tagihan baru.
checkout-closed = Sementara itu permintaan ini sudah dibuat atau dibatalkan, jadi tagihan ini batal. Tidak ada biaya yang ditarik.
checkout-changed = Opsi (dan harga) permintaan ini sudah berubah sejak tagihannya dibuat. Tekan Buat lagi untuk tagihan baru. Tidak ada biaya yang ditarik.
paid-video-started = ✅ Terima kasih! { $stars } sudah diterima; permintaan #{ $job } sedang diproses.
paid = ✅ Terima kasih! { $stars } sudah ditambahkan. Saldomu: { $balance }.
# After "paid", when the paid-for video could not start; $why says why.
paid-not-started = Videonya tidak dimulai, jadi Bintang tetap ada di saldomu: { $why }
paid-short = harganya { $price } dan saldomu sudah tidak cukup. Tekan Buat lagi.
paid-bot-daily-limit = bot sudah mencapai batas hari ini. Silakan coba lagi besok (setelah 00:00 UTC).
reconciled = ⭐ Pembayaranmu sebesar { $stars } sekarang sudah masuk ke saldo ({ $balance }). Maaf atas keterlambatannya.
reconciled-refund-voided = ⭐ Refund sebesar { $stars } ternyata tidak jadi dilakukan, jadi Bintang itu kembali ke saldomu ({ $balance }).
# $names is a list of Telegram usernames: "@ann, @bob".
paysupport-admins = admin bot ({ $names })
paysupport-operator = operator bot
paysupport = Ada pertanyaan soal pembayaran? Hubungi { $who } dan sebutkan tanggal serta jumlahnya. Bintang yang dibayar untuk video yang gagal akan kembali ke saldomu dengan sendirinya; lihat /balance. Refund pembayaran Bintang dilakukan lewat operator.

## For the bot's admins: /stats, /grant, /refund

stats-running = Tugas yang sedang berjalan: { $count }
stats-days = Per hari (UTC): tugas · gagal · terpakai
stats-no-jobs = tidak ada tugas dalam 7 hari terakhir
stats-models = Per model, 7 hari terakhir: tugas · terpakai
stats-stars = Bintang per hari (UTC): dibeli · di-refund · dipakai untuk video · kembali
stats-money = Uang per hari: Bintang masuk (USD) · terpakai di ShortAPI · margin
stats-users = Per pengguna, 7 hari terakhir: tugas · terpakai
grant-usage = Cara pakai: /grant <user_id> <stars>, dengan 1 sampai 1000000 Bintang.
refund-usage = Cara pakai: /refund <telegram_payment_charge_id> [force]
granted = { $stars } diberikan ke { $user_id }; saldonya sekarang { $balance }.
refunded = { $stars } dari { $charge } di-refund ke { $user_id }; saldonya sekarang { $balance }.
refund-notice = ↩️ { $stars } dari pembayaranmu sudah di-refund oleh Telegram. Saldomu di sini: { $balance }.
chart-title = Uang per hari (UTC), 7 hari terakhir
chart-income = Bintang masuk (USD)
chart-spent = Terpakai di ShortAPI
chart-margin = Margin
chart-unit = USD

## The first minutes: /start, the bot's profile, an unknown command, /terms without terms

start =
    👋 Hai! Aku mengubah foto jadi video pendek dengan Google Veo 3.1.

    Kirim foto dengan keterangan tentang apa yang harus terjadi, misalnya:
    “ombak bergulung ke pantai, kamera perlahan mundur”
start-price = Harga video mulai dari { $price }.
start-begin = Kirim foto untuk mulai.
button-details = ℹ️ Cara kerja · harga
button-details-unpriced = ℹ️ Cara kerja
bot-description =
    Aku mengubah fotomu jadi video pendek dengan Google Veo 3.1.

    Kirim foto dengan keterangan tentang apa yang harus terjadi, misalnya “ombak bergulung ke pantai, kamera perlahan mundur”, dan videonya sampai di chat ini dalam beberapa menit.

    Mulai bot ini untuk memulai.
bot-short-description = Kirim foto dengan keterangan, dapatkan video pendek buatan Google Veo 3.1.
unknown-command = Aku tidak kenal perintah itu. Ini yang aku mengerti:
unknown-command-photo = Atau langsung kirim foto dengan keterangan.
terms-none =
    Operator bot ini belum menetapkan ketentuan layanan.

    Foto dan prompt-mu: aku kirim ke ShortAPI (shortapi.ai), yang membuat videonya dengan Google Veo 3.1. Prompt-nya aku simpan di sini untuk /jobs dan tombol di bawah videomu.

    Ada pertanyaan? Hubungi { $who }.

## Money, as the people who pay see it

# With payments on, the all-users daily budget refuses a paying user; nothing is taken.
error-bot-daily-limit = Bot sudah mencapai batas hari ini dan belum bisa membuat video baru. Tidak ada Bintang yang terpakai. Silakan coba lagi besok (setelah 00:00 UTC).
error-bot-daily-limit-unpaid = Bot sudah mencapai batas hari ini dan belum bisa membuat video baru. Silakan coba lagi besok (setelah 00:00 UTC).
# With SHOW_PRICES off and payments off: no price, only what is left of the allowance.
error-allowance-used = Video ini melebihi sisa jatah harianmu ({ $left }). Pilih opsi yang lebih pendek atau sederhana, atau coba lagi setelah 00:00 UTC.
jobs-allowance-left = Sisa jatah harianmu hari ini: { $left }.
button-generate-unpriced = 🎬 Buat
draft-card-unpriced =
    { $title }

    Prompt: { $prompt }
    Opsi: { $options }
    { $expected }

    Ubah opsinya lewat tombol, lalu tekan Buat.

# The status message of a request when prices are hidden (payments off, SHOW_PRICES=false).
job-card-unpriced =
    🎬 Terkirim: permintaan #{ $job }

    Prompt: { $prompt }
    Opsi: { $options }
    Status: { $status }

## Sandbox (SHORTAPI_SANDBOX=true): operator sedang mencoba bot; tidak ada video sungguhan yang dibuat

sandbox-note = 🧪 Mode uji coba: tidak ada video sungguhan yang dibuat dan tidak ada biaya. Anda akan menerima contoh singkat dari foto Anda.
sandbox-note-plain = 🧪 Mode uji coba: tidak ada video sungguhan yang dibuat dan tidak ada biaya. Anda akan menerima contoh singkat.
# The price line of the options card: $price is what the video would cost.
sandbox-price = { $price }, gratis di mode uji coba
sandbox-free = gratis (uji coba)
# Above the status message and under the video.
sandbox-mark = 🧪 Contoh uji coba: bukan buatan Veo, tanpa biaya.
button-generate-sandbox = 🎬 Buat · gratis 🧪
