# Türkçe. Register: the polite "siz" forms Turkish bots use ("gönderin", "videonuz"); the bot
# speaks of itself in the singular ("ben"). Turkish plural categories: one, *other (a noun
# after a number stays singular, so most numbers need no selector).
# A continuation line must not begin with [, * or . (Fluent syntax).

## The language itself, as its speakers write it (the /language buttons show this).

language-name = Türkçe

## Command menu (3-256 characters each)

command-start = Ne yaptığım ve nasıl başlanır
command-help = Nasıl çalışır, fiyatlar
# With prices hidden (payments off, SHOW_PRICES=false): /help shows none.
command-help-unpriced = Nasıl çalışır
command-jobs = Son videolarınız
command-cancel = Açık isteğinizi kapatın
command-language = Botun dilini seçin
command-balance = Yıldızlarınız ve hareketleri
command-buy = Videolar için Yıldız satın alın
command-paysupport = Ödemeyle ilgili yardım

## /language

language-choose = Sizinle konuşacağım dili seçin:
# The button that follows Telegram's language setting again.
language-auto = 🌐 Telegram uygulamamdaki gibi
# Said in the new language, once it is chosen.
language-chosen = Tamam, bundan sonra sizinle Türkçe konuşacağım.
language-auto-chosen = Tamam, bundan sonra Telegram uygulamanızın dilini kullanacağım.

## Option buttons and the options line

mode-fast = Hızlı
mode-quality = Kalite
aspect-auto = Otomatik
# The audio toggle button, which shows the current state.
button-audio-on = 🔊 Ses açık
button-audio-off = 🔇 Ses kapalı
# In the options line: Hızlı · 8s · 720p · 16:9 · Ses kapalı
options-audio-on = Ses açık
options-audio-off = Ses kapalı
options-enhance-on = İstem geliştirildi
options-enhance-off = İstem olduğu gibi
# $price is "$0.64" or "64 ⭐".
button-generate = 🎬 Oluştur · { $price }
button-cancel = İptal
button-prompt = ✏️ Prompt
button-again = 🔁 Tekrar
button-new-prompt = ✏️ Yeni prompt
button-continue = ⏭ Devam et
button-extend = ➕ Uzat +7 sn
ask-extend-prompt = Videonuza 7 saniye eklenecek. Sonra ne olacağını anlatan promptu gönderin.
title-extend = ➕ Videonuz, 7 saniye daha uzun
kind-extend = uzatılmış video
extend-gone = Bu video artık uzatılamaz: video servisinde artık yok. Tekrar ya da Yeni prompt butonunu kullanın.
extend-limit = Bu video uzatılamaz: Veo yalnızca 720p videoları, toplamda yaklaşık 148 saniyeye kadar uzatır.
failure-video-unavailable = Uzatılacak videoyu artık alamadım, bu yüzden hiçbir şey yapılmadı.
# The card's title: what the video is made from.
title-image = 🎬 Fotoğrafınızdan video
title-text = 🎬 Metninizden video
# What a video was made from, in /jobs.
kind-image = fotoğraftan
kind-text = metinden
# The text card's toggle: the service rewrites the prompt in more detail (expand_prompt).
button-enhance-off = ✨ İstemi geliştir: kapalı
button-enhance-on = ✨ İstemi geliştir: açık
title-frames = 🎬 İki fotoğraf arasında video
kind-frames = iki fotoğraf arasında
title-reference = 🎬 Fotoğraflarınızdan video
kind-reference = birkaç fotoğraftan
card-references = 🖼 Fotoğraf: { $count }, albüm sırasıyla
ask-album-prompt = Fotoğrafları aldım. Şimdi promptu gönderin: rol alacakları videoyu anlatın.
album-too-many = Bir video referans olarak 2 veya 3 fotoğraf alır; bu albümde { $count } var. En fazla 3 fotoğrafla yeniden gönderin.
button-last-frame = 🏁 Son kare
button-drop-last-frame = 🏁 Son kare: kaldır
button-avoid = 🚫 Hariç tut
button-drop-avoid = 🚫 Hariç tut: temizle
card-last-frame = 🏁 Bitiş: gönderdiğiniz ikinci fotoğraf
card-last-frame-waiting = 🏁 Son kare: bitiş fotoğrafını gönderin
card-avoid = 🚫 Hariç tut: { $words }
card-avoid-waiting = 🚫 Hariç tut: videoda olmaması gerekeni gönderin
ask-last-frame = Videonun biteceği fotoğrafı gönderin. Kartın seçenekleri aynı kalır.
ask-avoid = Videoda ne olmasın? Birkaç kelimeyle yazın, örneğin “yazı, filigran, bulanıklık”.
avoid-hint = Videoda olmaması gerekenler
# A price in Telegram Stars; $count is the number, already formatted.
stars = { $count } ⭐

## Asking for a prompt

ask-prompt = Fotoğrafı aldım. Şimdi promptu gönderin: nasıl bir video istediğinizi anlatın.
# The grey hint in the input field (at most 64 characters).
prompt-hint = İstediğiniz videoyu anlatın
ask-card-prompt = Bu isteğin yeni promptunu gönderin; seçenekleri olduğu gibi kalır.
ask-new-prompt = Fotoğraf ve seçenekler aynı: yeni promptu gönderin.
ask-next-prompt = Videonuzun son karesi. Sonraki bölümün promptunu gönderin.

## /help

help =
    Bana açıklamalı bir fotoğraf gönderin, ben de onu Google Veo 3.1 ile videoya dönüştüreyim.

    1. Açıklamalı bir fotoğraf (ya da JPEG, PNG veya WebP dosyası) gönderin: açıklama, promptunuz olur.
    Fotoğraf yok mu? Yalnızca metni gönderin, video sözlerinizden yapılır.
    Açıklamalı bir albüm olarak iki ya da üç fotoğraf, kahramanı onları izleyen tek bir video olur. Bir fotoğrafın kartında 🏁 Son kare, videonun biteceği ikinci bir fotoğrafı alır.
    2. Mod, süre, çözünürlük, en-boy oranı ve sesi butonlarla seçin; fiyat her değişiklikte güncellenir.
    3. Oluştur'a basın. Video birkaç dakika içinde buraya gelir.

    Komutlar: /jobs son videolarınız · /cancel açık isteğinizi kapatır · /language dili değiştirir · /help bu metin
help-payments = Videolar Telegram Stars ile ödenir: /balance Yıldızlarınız · /buy Yıldız satın alın · /paysupport ödemeyle ilgili yardım
help-prices-stars = Video başına fiyatlar (Yıldız):
help-prices-usd = Video başına fiyatlar (USD):
# One row of the price table: "Hızlı 720p/1080p sessiz: 4s $0.40 / 6s $0.60 / 8s $0.80".
help-price-row =
    { $mode } { $resolutions } { $audio ->
        [yes] sesli
       *[no] sessiz
    }:
    { $prices }
help-price-row-reference =
    { $resolutions } { $audio ->
        [yes] sesli
       *[no] sessiz
    }:
    { $prices }

## Short answers and messages

# $user_id is a Telegram id: digits only.
not-allowed = Üzgünüm, bu bot özel. Operatöründen Telegram kimliğinizi ({ $user_id }) eklemesini isteyin.
send-photo = Videoyu anlatan açıklamalı bir fotoğraf gönderin, ben de hazırlayayım. Ayrıntılar için: /help
nothing-to-cancel = Burada açık bir isteğiniz yok.
no-jobs = Henüz videonuz yok. Bir tane oluşturmak için açıklamalı bir fotoğraf gönderin.
stale-button = Bu buton artık geçerli değil.
submitting = Gönderiliyor…
cancelled-answer = İptal edildi.
cancelled-message = İptal edildi. İstediğiniz zaman başka bir fotoğraf gönderebilirsiniz.
storage-failed = Benim tarafımda bir sorun oluştu, lütfen daha sonra tekrar deneyin.
storage-waiting = Veritabanım şu anda yanıt vermiyor. Geri gelir gelmez bununla ilgileneceğim, tekrar göndermenize gerek yok.
payment-waiting = ✅ { $stars } tutarındaki ödemeniz gerçekleşti ve güvende. Veritabanım şu anda yanıt vermiyor; geri gelir gelmez Yıldızlar bakiyenize eklenecek. Lütfen tekrar ödeme yapmayın.
payment-waiting-video = ✅ { $stars } tutarındaki ödemeniz gerçekleşti ve güvende. Veritabanım şu anda yanıt vermiyor; geri gelir gelmez videonuz başlayacak. Lütfen tekrar ödeme yapmayın.
press-in-hand = Zaten üzerinde çalışıyorum…
personal-account-needed = Yalnızca kişisel hesaplar için çalışabilirim: anonim olarak ya da bir kanal adına gönderilen bir mesaj kimsenin bütçesine bağlanamaz. Mesajı kendi hesabınızdan ya da bana özel sohbetten gönderin.
cancelled-count =
    { $count ->
        [one] Açık isteğiniz kapatıldı.
       *[other] { $count } açık isteğiniz kapatıldı.
    }

## Input the user can put right, and limits they reached

error-unsupported-file = Yalnızca fotoğrafları ya da JPEG, PNG ve WebP görsellerini kullanabilirim. Lütfen bunlardan birini, videoyu anlatan bir açıklamayla gönderin.
error-image-too-large = Bu görsel 20 MB'ı aşıyor; Telegram botların bunu indirmesine izin vermiyor. Lütfen daha küçük bir görsel gönderin (fotoğraf olarak gönderirseniz sıkıştırılır).
error-empty-prompt = Prompt boş. Lütfen istediğiniz videoyu birkaç kelimeyle anlatın.
error-prompt-too-long = Prompt çok uzun. Lütfen { $max } karakteri geçmeyin.
error-not-your-request = Bu butonlar başka birinin isteğine ait.
error-request-closed = Bu istek kapandı. Yenisi için yeni bir fotoğraf gönderin.
error-not-admin = Bu komut botun operatörleri içindir.
error-unknown-charge = Kayıtlarda bu charge id ile bir ödeme yok.
error-video-too-old = Bu video, butonlarının çalışması için çok eski. Yeni bir video için fotoğrafı tekrar gönderin.
error-no-frame = Bu video bağlantı olarak gönderildi, bu yüzden devam etmek için bir kare saklamadım. Tekrar ya da Yeni prompt butonunu kullanın veya bir fotoğraf gönderin.
error-frame-unreadable = Bu videonun son karesini Telegram'dan alamadım. Tekrar ya da Yeni prompt butonunu kullanın veya bir fotoğraf gönderin.
error-already-refunded = Bu ödeme zaten iade edilmiş; hiçbir işlem yapılmadı.
# $scope is "user" (the user's own daily limit) or "bot" (the whole bot's daily budget).
error-spend-limit =
    Bu video { $price } tutuyor, ancak { $scope ->
        [user] günlük limitiniz
       *[bot] botun günlük bütçesi
    } { $limit } ve bugün { $left } kaldı. Daha ucuz seçenekler seçin ya da 00:00 UTC'den sonra tekrar deneyin.
error-stars-short = Bu video { $price } tutuyor, bakiyeniz ise { $balance }: { $missing } eksik. Eksiği aşağıdaki faturayla ödeyin, video hemen başlasın; ya da /buy komutuna bakın.
stars-short-of-one-invoice = Bu video { $price } tutuyor, bakiyeniz ise { $balance }: { $missing } eksik; bu, tek seferde ödenebilecek tutardan fazla. Önce /buy ile Yıldız alın, sonra Oluştur'a tekrar basın.
error-too-many-jobs =
    { $limit ->
        [one] Şu anda hazırlanan { $limit } videonuz var. Lütfen o video geldiğinde Oluştur'a tekrar basın.
       *[other] Şu anda hazırlanan { $limit } videonuz var. Lütfen biri geldiğinde Oluştur'a tekrar basın.
    }
# For the bot's admins (/refund).
error-balance-too-low = İade edilmedi: ödeme { $stars } idi, ancak kullanıcının bakiyesi { $balance } (kalanını harcamış). Yine de iade etmek için `force` ekleyin; bakiyesi o zaman sıfırın altına düşer.
error-refund-failed = Telegram iadeyi reddetti: { $reason }
error-refund-unanswered = Telegram iadeyi yapıp yapmadığını yanıtlamadı. { $stars } tutarı, Telegram ile bir sonraki kontrolüm (her başlatmada ve en az 6 saatte bir) bunu netleştirene kadar kullanıcının bakiyesinin dışında kalır: iade yapıldıysa düşülür, yapılmadıysa geri verilir. Bu arada iadeyi tekrarlamayın.

## The options card

# $minutes is a whole number of minutes (1 or more).
expected-about = yaklaşık { $minutes } dk
expected-under-minute = bir dakikadan kısa
# $source is "history" (measured on recent videos) or "estimate".
expected-line =
    Süre: genellikle { $time } ({ $source ->
        [history] son videolara göre
       *[estimate] tahmini
    })
# What to expect while a video is made; $time is expected-about or expected-under-minute.
progress = Genellikle { $time } sürer
progress-overtime = Uzun sürüyor: genellikle { $time } sürer
draft-card =
    { $title }

    Prompt: { $prompt }
    Seçenekler: { $options }
    Fiyat: { $price }
    { $expected }

    Seçenekleri butonlarla değiştirin, ardından Oluştur'a basın.

## A submitted request

status-submitting = ⏳ Veo'ya gönderiliyor…
status-queued = ⏳ sırada
status-generating = 🎞 oluşturuluyor
status-succeeded = 📤 hazır, video gönderiliyor…
status-delivered = ✅ teslim edildi
status-failed = ❌ başarısız
status-unknown = ⚠️ sonuç bilinmiyor
status-overdue = ⌛ süresi doldu (geç gelen video yine de gönderilecek)
status-expired = ⌛ süresi doldu
# How long a request has been in the making; $minutes is 1 or more.
elapsed-minutes = { $minutes } dk oldu
elapsed-under-minute = az önce
# $status is one of the status-... texts, maybe followed by " · 3 dk".
job-card =
    🎬 Gönderildi: istek #{ $job }

    Prompt: { $prompt }
    Seçenekler: { $options }
    Fiyat: { $price }
    Durum: { $status }

## Why a request ended without a video ($job is the request's number)

failure-photo-unavailable = Fotoğrafınızı Telegram'dan indiremedim. Lütfen tekrar gönderin.
failure-bad-image = Bu dosya bir JPEG, PNG ya da WebP görseli değil. Lütfen gerçek bir fotoğraf gönderin.
# $detail is the video service's own words (often English).
failure-refused = ShortAPI isteği reddetti: { $detail }
failure-key-rejected = Video servisi bu botun API anahtarını kabul etmedi. Lütfen botun operatörüne bildirin.
failure-api-error = Video servisi bir hatayla yanıt verdi ({ $detail }). Lütfen daha sonra tekrar deneyin.
failure-unreachable = Video servisine ulaşamadım. Lütfen biraz sonra tekrar deneyin.
failure-outcome-unknown = İstek gönderildi ama yanıt gelmedi; bu yüzden video servisinin isteği alıp almadığını bilmiyorum. İki kez ödeme yapılmasın diye tekrar göndermedim; operatöre haber verildi. İstek #{ $job }.
failure-provider-failed = Video servisi bu videoyu oluşturamadı: { $detail }
failure-no-answer = Video servisi, videoyu teslim edebileceği süre boyunca #{ $job } numaralı istek hakkında yanıt vermedi, bu yüzden sormayı bıraktım. Lütfen daha sonra tekrar deneyin.
failure-download-failed = Video oluşturuldu ama indiremedim. Bağlantı: { $url }
failure-undeliverable = Video oluşturuldu ama buraya gönderemedim.
failure-lost = Video servisi #{ $job } numaralı isteği artık tanımıyor ({ $detail }).
# $timeout and $grace are numbers of minutes.
failure-expired = { $timeout } dakika geçti ve video gelmedi, bu yüzden #{ $job } numaralı isteği süresi dolmuş olarak işaretledim. Video { $grace } dakika içinde yine de gelirse buraya göndereceğim.
failure-other = Bu videoda bir şeyler ters gitti.
# Stands in for $detail when the service gave none.
failure-no-reason = neden belirtilmedi
stars-back = ⭐ #{ $job } numaralı isteğin { $stars } tutarı bakiyenize geri yüklendi.
# $why is "too-big" (over Telegram's limit) or "refused" (Telegram would not take it).
link =
    ✅ Videonuz (istek #{ $job }) hazır, ancak { $why ->
        [too-big] Telegram üzerinden gönderilemeyecek kadar büyük
       *[refused] Telegram onu kabul etmedi
    }. Buradan indirebilirsiniz: { $url }
# The options card with 4K chosen: what the video arrives as in this deployment. $how is
# "video" (a self-hosted Bot API server uploads it), "kept" (the bot keeps it $days days and
# links to it) or "link" (the provider's own link, which works for about two days).
card-big-video =
    { $how ->
        [video] 📦 4K video doğrudan buraya, video olarak gelir.
        [kept] 📦 4K video Telegram için fazla büyük olabilir: o zaman indirme bağlantısı olarak gelir, { $days } gün saklanır.
       *[link] 📦 4K video Telegram için fazla büyük olabilir: o zaman yaklaşık iki gün çalışan bir indirme bağlantısı olarak gelir.
    }
link-kept-until = ⏳ Bağlantı { $date } tarihine kadar çalışır.
link-provider-lifetime = ⏳ ShortAPI videoyu yaklaşık iki gün saklar: en kısa sürede indirin.
# Told once when an outage holds a request up. $waiting is "telegram" or "service";
# $until is a date and time, in UTC.
delay =
    ⏳ { $waiting ->
        [telegram] Telegram şu anda hazır videoyu kabul etmiyor
       *[service] Video servisi şu anda yanıt vermiyor
    }. #{ $job } numaralı istek kaybolmadı: { $until } tarihine kadar denemeye devam edeceğim ve videoyu ilk fırsatta göndereceğim.

## /jobs

jobs-spent-today = Bugün harcanan: { $spent }.
jobs-spent-today-limit = Bugün harcanan: { $spent } (günlük limitiniz: { $budget }).
jobs-recent = Son videolarınız:
jobs-item = #{ $job } “{ $prompt }”

## Telegram Stars: /balance, /buy, invoices and payments

balance = Bakiyeniz: { $stars }
balance-movements = Son hareketler (UTC):
balance-empty = Henüz hareket yok. /buy ile Yıldız alın, ardından açıklamalı bir fotoğraf gönderin.
# One movement of the balance; $ref is a request's number.
movement-purchase = satın alındı
movement-video = video #{ $ref }
movement-return = video #{ $ref } için geri yüklendi (video oluşmadı)
movement-grant = verildi
movement-refund = Telegram tarafından size iade edildi
movement-refund-voided = iade yapılmadı; bakiyenize geri döndü
buy = Bir Telegram Stars paketi seçin. Yıldızlar, videolara harcayana kadar bakiyenizde kalır; varsayılan video ({ $options }) { $price } tutuyor. Başarısız olan bir videonun Yıldızları kendiliğinden geri gelir.
# An invoice's title: at most 32 characters.
pack-title = Videolar için { $count } Yıldız
# An invoice's description: at most 255 characters.
pack-description = Bakiyenize { $stars } eklenir; Google Veo 3.1 ile fotoğraflarınızı videoya dönüştürmek için.
video-invoice-title = Video: { $prompt }
video-invoice-new = Bu video için { $missing }. Ödediğiniz anda video başlar.
video-invoice-top-up = Bu videonun { $price } tutarını tamamlamak için { $missing } (bakiyenizde { $balance } var). Ödediğiniz anda video başlar.
# Why a payment is declined at checkout; Telegram shows it in the payment form.
checkout-unknown = Bu fatura artık geçerli değil. Yenisi için /buy kullanın.
checkout-closed = Bu istek bu arada oluşturuldu ya da iptal edildi, bu yüzden bu fatura geçersiz. Hiçbir ücret alınmadı.
checkout-changed = Fatura oluşturulduktan sonra bu isteğin seçenekleri (ve fiyatı) değişti. Yeni fatura için Oluştur'a tekrar basın. Hiçbir ücret alınmadı.
paid-video-started = ✅ Teşekkürler! { $stars } alındı; #{ $job } numaralı istek yolda.
paid = ✅ Teşekkürler! { $stars } eklendi. Bakiyeniz: { $balance }.
# After "paid", when the paid-for video could not start; $why says why.
paid-not-started = Video başlamadı, bu yüzden Yıldızlar bakiyenizde kalıyor: { $why }
paid-short = video { $price } tutuyor ve bakiyeniz artık yetmiyor. Oluştur'a tekrar basın.
paid-bot-daily-limit = bot bugünkü sınırına ulaştı. Lütfen yarın tekrar deneyin (00:00 UTC'den sonra).
reconciled = ⭐ { $stars } tutarındaki ödemeniz artık bakiyenizde ({ $balance }). Gecikme için özür dilerim.
reconciled-refund-voided = ⭐ { $stars } tutarındaki iade sonunda yapılmadı, bu yüzden o Yıldızlar bakiyenize geri döndü ({ $balance }).
# $names is a list of Telegram usernames: "@ann, @bob".
paysupport-admins = botun yöneticileri ({ $names })
paysupport-operator = botun operatörü
paysupport = Bir ödemeyle ilgili sorunuz mu var? { $who } ile iletişime geçin ve tarihi ve tutarı belirtin. Başarısız olan bir video için ödenen Yıldızlar bakiyenize kendiliğinden geri gelir; bkz. /balance. Yıldız ödemelerinin iadesi operatör üzerinden yapılır.

## For the bot's admins: /stats, /grant, /refund

stats-running = Şu anda hazırlanan işler: { $count }
stats-days = Günlük (UTC): işler · başarısız · harcanan
stats-no-jobs = son 7 günde iş yok
stats-models = Model başına, son 7 gün: işler · harcanan
stats-stars = Günlük Yıldızlar (UTC): satın alınan · iade edilen · videolara harcanan · geri yüklenen
stats-money = Günlük para: gelen Yıldızlar (USD) · ShortAPI'de harcanan · marj
stats-users = Kullanıcı başına, son 7 gün: işler · harcanan
grant-usage = Kullanım: /grant <user_id> <stars>, 1 ile 1000000 arası Yıldız.
refund-usage = Kullanım: /refund <telegram_payment_charge_id> [force]
granted = { $user_id } kullanıcısına { $stars } verildi; bakiyesi: { $balance }.
refunded = { $charge } ödemesinden { $stars }, { $user_id } kullanıcısına iade edildi; bakiyesi: { $balance }.
refund-notice = ↩️ Ödemenizin { $stars } kadarı Telegram tarafından size iade edildi. Buradaki bakiyeniz: { $balance }.
chart-title = Günlük para (UTC), son 7 gün
chart-income = Gelen Yıldızlar (USD)
chart-spent = ShortAPI'de harcanan
chart-margin = Marj
chart-unit = USD

## The first minutes: /start, the bot's profile, an unknown command, /terms without terms

start =
    👋 Merhaba! Bir fotoğrafı Google Veo 3.1 ile kısa bir videoya dönüştürürüm.

    Ne olması gerektiğini anlatan açıklamalı bir fotoğraf gönderin, örneğin:
    “dalgalar kıyıya vuruyor, kamera yavaşça geri çekiliyor”
start-price = Bir video { $price } fiyatından başlar.
start-begin = Başlamak için bir fotoğraf gönderin.
button-details = ℹ️ Nasıl çalışır · fiyatlar
button-details-unpriced = ℹ️ Nasıl çalışır
bot-description =
    Fotoğraflarınızı Google Veo 3.1 ile kısa videolara dönüştürürüm.

    Ne olması gerektiğini anlatan açıklamalı bir fotoğraf gönderin, örneğin “dalgalar kıyıya vuruyor, kamera yavaşça geri çekiliyor”; video birkaç dakika içinde bu sohbete gelir.

    Başlamak için botu başlatın.
bot-short-description = Açıklamalı bir fotoğraf gönderin, Google Veo 3.1 ile yapılmış kısa bir video alın.
unknown-command = Bu komutu bilmiyorum. Anladıklarım şunlar:
unknown-command-photo = Ya da açıklamalı bir fotoğraf gönderin, yeter.
terms-none =
    Bu botun operatörü kullanım koşulları belirlemedi.

    Fotoğrafınız ve promptunuz: onları videoyu Google Veo 3.1 ile yapan ShortAPI'ye (shortapi.ai) gönderirim. Promptu /jobs ve videonuzun altındaki düğmeler için burada saklarım.

    Sorunuz mu var? { $who } ile iletişime geçin.

## Money, as the people who pay see it

# With payments on, the all-users daily budget refuses a paying user; nothing is taken.
error-bot-daily-limit = Bot bugünkü sınırına ulaştı ve şu anda yeni video yapamıyor. Hiç Yıldız harcanmadı. Lütfen yarın tekrar deneyin (00:00 UTC'den sonra).
error-bot-daily-limit-unpaid = Bot bugünkü sınırına ulaştı ve şu anda yeni video yapamıyor. Lütfen yarın tekrar deneyin (00:00 UTC'den sonra).
# With SHOW_PRICES off and payments off: no price, only what is left of the allowance.
error-allowance-used = Bu video, günlük hakkınızdan kalanı ({ $left }) aşıyor. Daha kısa ya da daha basit seçenekler seçin veya 00:00 UTC'den sonra tekrar deneyin.
jobs-allowance-left = Bugün günlük hakkınızdan kalan: { $left }.
button-generate-unpriced = 🎬 Oluştur
draft-card-unpriced =
    { $title }

    Prompt: { $prompt }
    Seçenekler: { $options }
    { $expected }

    Seçenekleri butonlarla değiştirin, ardından Oluştur'a basın.

# The status message of a request when prices are hidden (payments off, SHOW_PRICES=false).
job-card-unpriced =
    🎬 Gönderildi: istek #{ $job }

    Prompt: { $prompt }
    Seçenekler: { $options }
    Durum: { $status }

## Sandbox (SHORTAPI_SANDBOX=true): operatör botu deniyor; gerçek video yapılmaz

sandbox-note = 🧪 Deneme modu: gerçek bir video yapılmaz ve ücret alınmaz. Fotoğrafınızdan yapılmış kısa bir örnek alırsınız.
sandbox-note-plain = 🧪 Deneme modu: gerçek bir video yapılmaz ve ücret alınmaz. Kısa bir örnek alırsınız.
# The price line of the options card: $price is what the video would cost.
sandbox-price = { $price }, deneme modunda ücretsiz
sandbox-free = ücretsiz (deneme)
# Above the status message and under the video.
sandbox-mark = 🧪 Deneme örneği: Veo yapmadı, ücret alınmadı.
button-generate-sandbox = 🎬 Oluştur · ücretsiz 🧪
