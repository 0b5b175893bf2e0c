# Español: neutro, que se lea bien en América Latina y en España; se trata al usuario de «tú».
#
# Traductores: cada mensaje conserva su id y sus { $variables } como en en.ftl. Los valores de
# opciones (4s, 8s, 720p, 1080p, 4K, 16:9, 9:16) y los comandos (/help, /buy...) no se traducen.
# Una línea de continuación no puede empezar con [, * o . (sintaxis de Fluent).

## The language itself, as its speakers write it (the /language buttons show this).

language-name = Español

## Command menu (3-256 characters each)

command-start = Qué hago y cómo empezar
command-help = Cómo funciona, y los precios
# With prices hidden (payments off, SHOW_PRICES=false): /help shows none.
command-help-unpriced = Cómo funciona
command-jobs = Tus videos recientes
command-cancel = Cerrar tu solicitud abierta
command-language = Elegir el idioma del bot
command-balance = Tus Estrellas y sus movimientos
command-buy = Comprar Estrellas para videos
command-paysupport = Ayuda con un pago

## /language

language-choose = Elige el idioma en el que te hablo:
# The button that follows Telegram's language setting again.
language-auto = 🌐 Como en mi app de Telegram
# Said in the new language, once it is chosen.
language-chosen = Listo: a partir de ahora te hablo en español.
language-auto-chosen = Listo: a partir de ahora uso el idioma de tu app de Telegram.

## Option buttons and the options line

mode-fast = Rápido
mode-quality = Calidad
aspect-auto = Auto
# The audio toggle button, which shows the current state.
button-audio-on = 🔊 Con audio
button-audio-off = 🔇 Sin audio
# In the options line: Rápido · 8s · 720p · 16:9 · Sin audio
options-audio-on = Con audio
options-audio-off = Sin audio
options-enhance-on = Prompt mejorado
options-enhance-off = Prompt tal cual
# $price is "$0.64" or "64 ⭐".
button-generate = 🎬 Generar · { $price }
button-cancel = Cancelar
button-prompt = ✏️ Prompt
button-again = 🔁 Otra vez
button-new-prompt = ✏️ Nuevo prompt
button-continue = ⏭ Continuar
button-extend = ➕ Alargar +7 s
ask-extend-prompt = Tu video tendrá 7 segundos más. Envíame el prompt de lo que pasa después.
title-extend = ➕ Tu video, 7 segundos más largo
kind-extend = un video alargado
extend-gone = Este video ya no se puede alargar: el servicio de video ya no lo tiene. Usa Otra vez o Nuevo prompt.
extend-limit = Este video no se puede alargar: Veo solo alarga videos de 720p, hasta unos 148 segundos en total.
failure-video-unavailable = Ya no pude obtener el video para alargarlo, así que no se hizo nada.
# The card's title: what the video is made from.
title-image = 🎬 Video a partir de tu foto
title-text = 🎬 Video a partir de tu texto
# What a video was made from, in /jobs.
kind-image = desde una foto
kind-text = desde texto
# The text card's toggle: the service rewrites the prompt in more detail (expand_prompt).
button-enhance-off = ✨ Mejorar prompt: no
button-enhance-on = ✨ Mejorar prompt: sí
title-frames = 🎬 Video entre dos fotos
kind-frames = entre dos fotos
title-reference = 🎬 Video a partir de tus fotos
kind-reference = desde varias fotos
card-references = 🖼 Fotos: { $count }, en el orden del álbum
ask-album-prompt = Ya tengo las fotos. Ahora envíame el prompt: describe el video que deben protagonizar.
album-too-many = Un video toma 2 o 3 fotos como referencia; este álbum tiene { $count }. Envíalo de nuevo con 3 como máximo.
button-last-frame = 🏁 Último fotograma
button-drop-last-frame = 🏁 Último fotograma: quitar
button-avoid = 🚫 Evitar
button-drop-avoid = 🚫 Evitar: borrar
card-last-frame = 🏁 Termina en: la segunda foto que enviaste
card-last-frame-waiting = 🏁 Último fotograma: envíame la foto final
card-avoid = 🚫 Evitar: { $words }
card-avoid-waiting = 🚫 Evitar: envíame qué dejar fuera
ask-last-frame = Envíame la foto con la que debe terminar el video. La tarjeta conserva sus opciones.
ask-avoid = ¿Qué debe evitar el video? Dilo en pocas palabras, p. ej. «texto, marcas de agua, desenfoque».
avoid-hint = Qué dejar fuera del video
# A price in Telegram Stars; $count is the number, already formatted.
stars = { $count } ⭐

## Asking for a prompt

ask-prompt = Ya tengo la foto. Ahora envíame el prompt: describe el video que quieres.
# The grey hint in the input field (at most 64 characters).
prompt-hint = Describe el video
ask-card-prompt = Envíame el nuevo prompt para esta solicitud; sus opciones se mantienen.
ask-new-prompt = Misma foto y mismas opciones: envíame el nuevo prompt.
ask-next-prompt = Este es el último fotograma de tu video. Envíame el prompt de la siguiente parte.

## /help

help =
    Envíame una foto con un texto y la convierto en un video con Google Veo 3.1.

    1. Envía una foto (o un archivo JPEG, PNG o WebP) con un texto: ese texto es el prompt.
    ¿Sin foto? Envía solo el texto y el video se hará a partir de tus palabras.
    Dos o tres fotos como álbum con un texto hacen un video cuyo protagonista las sigue. En la tarjeta de una foto, 🏁 Último fotograma toma una segunda foto con la que termina el video.
    2. Elige con los botones el modo, la duración, la resolución, la relación de aspecto y el audio; el precio se actualiza con cada cambio.
    3. Toca Generar. El video llega aquí en unos minutos.

    Comandos: /jobs tus videos recientes · /cancel cerrar tu solicitud abierta · /language cambiar el idioma · /help este texto
help-payments = Los videos se pagan con Telegram Stars: /balance tus Estrellas · /buy más Estrellas · /paysupport ayuda con un pago
help-prices-stars = Precios por video (Estrellas):
help-prices-usd = Precios por video (USD):
# One row of the price table: "Rápido 720p/1080p sin audio: 4s $0.40 / 6s $0.60 / 8s $0.80".
help-price-row =
    { $mode } { $resolutions } { $audio ->
        [yes] con audio
       *[no] sin audio
    }:
    { $prices }
help-price-row-reference =
    { $resolutions } { $audio ->
        [yes] con audio
       *[no] sin audio
    }:
    { $prices }

## Short answers and messages

# $user_id is a Telegram id: digits only.
not-allowed = Lo siento, este bot es privado. Pídele a su operador que agregue tu ID de Telegram ({ $user_id }).
send-photo = Envíame una foto con un texto que describa el video y lo creo. Consulta /help.
nothing-to-cancel = No tienes ninguna solicitud abierta aquí.
no-jobs = Aún no tienes videos. Envía una foto con un texto para crear uno.
stale-button = Este botón ya no es válido.
submitting = Enviando…
cancelled-answer = Cancelado.
cancelled-message = Cancelado. Envía otra foto cuando quieras.
storage-failed = Algo salió mal por mi parte. Inténtalo de nuevo más tarde.
storage-waiting = Mi base de datos no responde ahora mismo. Me encargaré de esto en cuanto vuelva, así que no hace falta que lo envíes de nuevo.
payment-waiting = ✅ Tu pago de { $stars } se realizó y está a salvo. Mi base de datos no responde ahora mismo; las Estrellas estarán en tu saldo en cuanto vuelva. Por favor, no pagues de nuevo.
payment-waiting-video = ✅ Tu pago de { $stars } se realizó y está a salvo. Mi base de datos no responde ahora mismo; tu video empezará en cuanto vuelva. Por favor, no pagues de nuevo.
press-in-hand = Ya estoy en ello…
personal-account-needed = Solo puedo trabajar para una cuenta personal: un mensaje enviado de forma anónima o en nombre de un canal no se puede vincular al presupuesto de nadie. Envíalo desde tu propia cuenta o escríbeme por chat privado.
cancelled-count =
    { $count ->
        [one] Se cerró tu solicitud abierta.
       *[other] Se cerraron { $count } solicitudes abiertas.
    }

## Input the user can put right, and limits they reached

error-unsupported-file = Solo puedo usar fotos o imágenes JPEG, PNG y WebP. Envía una de ellas con un texto que describa el video.
error-image-too-large = Esa imagen pesa más de 20 MB y Telegram no deja que los bots la descarguen. Envía una más pequeña (si la mandas como foto, se comprime).
error-empty-prompt = El prompt está vacío. Describe en pocas palabras el video que quieres.
error-prompt-too-long = El prompt es demasiado largo. Usa menos de { $max } caracteres.
error-not-your-request = Estos botones son de la solicitud de otra persona.
error-request-closed = Esta solicitud está cerrada. Envía una foto nueva para empezar otra.
error-not-admin = Este comando es para los operadores del bot.
error-unknown-charge = No hay ningún pago con este ID de cobro en el registro.
error-video-too-old = Este video es demasiado antiguo para usar sus botones. Envía la foto de nuevo para crear otro.
error-no-frame = Este video se envió como enlace, así que no guardé ningún fotograma desde el que continuar. Usa Otra vez o Nuevo prompt, o envía una foto.
error-frame-unreadable = No pude recuperar de Telegram el último fotograma de este video. Usa Otra vez o Nuevo prompt, o envía una foto.
error-already-refunded = Este pago ya se había reembolsado; no se hizo nada.
# $scope is "user" (the user's own daily limit) or "bot" (the whole bot's daily budget).
error-spend-limit =
    Este video cuesta { $price }, pero { $scope ->
        [user] tu límite diario
       *[bot] el presupuesto diario del bot
    } es de { $limit } y hoy quedan { $left }. Elige opciones más baratas o vuelve a intentarlo después de las 00:00 UTC.
error-stars-short = Este video cuesta { $price } y tu saldo es de { $balance }: faltan { $missing }. Paga la diferencia con la factura de abajo y el video empezará al instante, o consulta /buy.
stars-short-of-one-invoice = Este video cuesta { $price } y tu saldo es de { $balance }: faltan { $missing }, más de lo que se puede pagar de una sola vez. Primero compra Estrellas con /buy y luego vuelve a tocar Generar.
error-too-many-jobs =
    { $limit ->
        [one] Ya tienes { $limit } video en proceso. Vuelve a tocar Generar cuando haya llegado.
       *[other] Ya tienes { $limit } videos en proceso. Vuelve a tocar Generar cuando haya llegado alguno.
    }
# For the bot's admins (/refund).
error-balance-too-low = No se reembolsó: el pago fue de { $stars }, pero el saldo del usuario es de { $balance } (gastó el resto). Añade `force` para reembolsar de todos modos; su saldo quedará entonces en negativo.
error-refund-failed = Telegram rechazó el reembolso: { $reason }
error-refund-unanswered = Telegram no respondió si hizo el reembolso. Sus { $stars } quedan fuera del saldo del usuario hasta que mi próxima comprobación con Telegram (en cada arranque y al menos cada 6 horas) lo aclare: se descuentan si Telegram hizo el reembolso y vuelven si no. Mientras tanto, no repitas el reembolso.

## The options card

# $minutes is a whole number of minutes (1 or more).
expected-about =
    { $minutes ->
        [one] alrededor de { $minutes } minuto
       *[other] unos { $minutes } minutos
    }
expected-under-minute = menos de un minuto
# $source is "history" (measured on recent videos) or "estimate".
expected-line =
    Tiempo: normalmente { $time } ({ $source ->
        [history] según videos recientes
       *[estimate] estimación
    })
# What to expect while a video is made; $time is expected-about or expected-under-minute.
progress = Suele tardar { $time }
progress-overtime = Va con retraso: suele tardar { $time }
draft-card =
    { $title }

    Prompt: { $prompt }
    Opciones: { $options }
    Precio: { $price }
    { $expected }

    Cambia las opciones con los botones y luego toca Generar.

## A submitted request

status-submitting = ⏳ enviando a Veo…
status-queued = ⏳ en cola
status-generating = 🎞 generando
status-succeeded = 📤 listo, enviando el video…
status-delivered = ✅ entregado
status-failed = ❌ falló
status-unknown = ⚠️ resultado desconocido
status-overdue = ⌛ expirado (si el video llega tarde, te lo enviaré igualmente)
status-expired = ⌛ expirado
# How long a request has been in the making; $minutes is 1 or more.
elapsed-minutes =
    { $minutes ->
        [one] desde hace { $minutes } minuto
       *[other] desde hace { $minutes } minutos
    }
elapsed-under-minute = hace un momento
# $status is one of the status-... texts, maybe followed by " · 3 minutos".
job-card =
    🎬 Enviada: solicitud #{ $job }

    Prompt: { $prompt }
    Opciones: { $options }
    Precio: { $price }
    Estado: { $status }

## Why a request ended without a video ($job is the request's number)

failure-photo-unavailable = No pude descargar tu foto de Telegram. Envíala de nuevo.
failure-bad-image = Ese archivo no es una imagen JPEG, PNG o WebP. Envía una foto de verdad.
# $detail is the video service's own words (often English).
failure-refused = ShortAPI rechazó la solicitud: { $detail }
failure-key-rejected = El servicio de video no aceptó la clave de API de este bot. Avísale al operador del bot.
failure-api-error = El servicio de video respondió con un error ({ $detail }). Inténtalo de nuevo más tarde.
failure-unreachable = No pude conectar con el servicio de video. Inténtalo de nuevo dentro de un rato.
failure-outcome-unknown = La solicitud se envió, pero no llegó ninguna respuesta, así que no sé si el servicio de video la recibió. Para no pagar dos veces, no la volví a enviar; ya se avisó al operador. Solicitud #{ $job }.
failure-provider-failed = El servicio de video no pudo crear este video: { $detail }
failure-no-answer = El servicio de video no respondió sobre la solicitud #{ $job } durante todo el tiempo en que aún podía entregar el video, así que dejé de preguntar. Inténtalo de nuevo más tarde.
failure-download-failed = El video se creó, pero no pude descargarlo. Enlace: { $url }
failure-undeliverable = El video se creó, pero no pude enviarlo aquí.
failure-lost = El servicio de video ya no reconoce la solicitud #{ $job } ({ $detail }).
# $timeout and $grace are numbers of minutes.
failure-expired =
    No llegó ningún video en { $timeout ->
        [one] { $timeout } minuto
       *[other] { $timeout } minutos
    }, así que marqué la solicitud #{ $job } como expirada. Si el video llega dentro de { $grace ->
        [one] { $grace } minuto
       *[other] { $grace } minutos
    }, te lo enviaré aquí.
failure-other = Algo salió mal con este video.
# Stands in for $detail when the service gave none.
failure-no-reason = sin motivo indicado
stars-back = ⭐ Te devolví a tu saldo { $stars } de la solicitud #{ $job }.
# $why is "too-big" (over Telegram's limit) or "refused" (Telegram would not take it).
link =
    ✅ Tu video (solicitud #{ $job }) está listo, pero { $why ->
        [too-big] es demasiado grande para enviarlo por Telegram
       *[refused] Telegram no lo aceptó
    }. Descárgalo aquí: { $url }
# The options card with 4K chosen: what the video arrives as in this deployment. $how is
# "video" (a self-hosted Bot API server uploads it), "kept" (the bot keeps it $days days and
# links to it) or "link" (the provider's own link, which works for about two days).
card-big-video =
    { $how ->
        [video] 📦 Un video en 4K llega aquí mismo, como video.
        [kept] 📦 El 4K puede ser demasiado grande para Telegram: entonces llega como enlace de descarga, guardado { $days ->
            [one] { $days } día
           *[other] { $days } días
        }.
       *[link] 📦 El 4K puede ser demasiado grande para Telegram: entonces llega como enlace de descarga que funciona unos dos días.
    }
link-kept-until = ⏳ El enlace funciona hasta el { $date }.
link-provider-lifetime = ⏳ ShortAPI guarda el video unos dos días: descárgalo pronto.
# Told once when an outage holds a request up. $waiting is "telegram" or "service";
# $until is a date and time, in UTC.
delay =
    ⏳ { $waiting ->
        [telegram] Telegram no está aceptando el video terminado en este momento
       *[service] El servicio de video no está respondiendo en este momento
    }. La solicitud #{ $job } no está perdida: seguiré intentándolo hasta { $until } y te enviaré el video en cuanto pueda.

## /jobs

jobs-spent-today = Gastado hoy: { $spent }.
jobs-spent-today-limit = Gastado hoy: { $spent } de tu límite diario de { $budget }.
jobs-recent = Tus videos recientes:
jobs-item = #{ $job } «{ $prompt }»

## Telegram Stars: /balance, /buy, invoices and payments

balance = Tu saldo: { $stars }
balance-movements = Últimos movimientos (UTC):
balance-empty = Aún no hay movimientos. Compra Estrellas con /buy y luego envía una foto con un texto.
# One movement of the balance; $ref is a request's number.
movement-purchase = compra
movement-video = video #{ $ref }
movement-return = devolución por el video #{ $ref } (sin video)
movement-grant = bonificación
movement-refund = reembolso de Telegram
movement-refund-voided = reembolso no realizado; vuelven a tu saldo
buy = Elige un paquete de Telegram Stars. Las Estrellas se quedan en tu saldo hasta que las gastes en videos; el video predeterminado ({ $options }) cuesta { $price }. Las Estrellas de un video que falla vuelven solas a tu saldo.
# An invoice's title: at most 32 characters.
pack-title =
    { $count ->
        [one] { $count } Estrella para videos
       *[other] { $count } Estrellas para videos
    }
# An invoice's description: at most 255 characters.
pack-description = { $stars } en tu saldo para convertir fotos en videos con Google Veo 3.1.
video-invoice-title = Video: { $prompt }
video-invoice-new = { $missing } para este video. Al pagar, empieza al instante.
video-invoice-top-up = { $missing } para completar los { $price } de este video ({ $balance } en tu saldo). Al pagar, empieza al instante.
# Why a payment is declined at checkout; Telegram shows it in the payment form.
checkout-unknown = Esta factura ya no es válida. Usa /buy para obtener una nueva.
checkout-closed = Mientras tanto, esta solicitud se generó o se canceló, así que esta factura ya no vale. No se cobró nada.
checkout-changed = Las opciones (y el precio) de esta solicitud cambiaron después de crear la factura. Vuelve a tocar Generar para obtener una nueva. No se cobró nada.
paid-video-started = ✅ ¡Gracias! Recibí { $stars }; la solicitud #{ $job } ya está en marcha.
paid = ✅ ¡Gracias! Añadí { $stars } a tu saldo, que ahora es de { $balance }.
# After "paid", when the paid-for video could not start; $why says why.
paid-not-started = El video no empezó, así que las Estrellas se quedan en tu saldo: { $why }
paid-short = cuesta { $price } y tu saldo ya no es suficiente. Vuelve a tocar Generar.
paid-bot-daily-limit = el bot ha alcanzado su límite de hoy. Vuelve a intentarlo mañana (después de las 00:00 UTC).
reconciled = ⭐ Tu pago de { $stars } ya está en tu saldo ({ $balance }). Disculpa la demora.
reconciled-refund-voided = ⭐ Al final no se hizo el reembolso de { $stars }, así que esas Estrellas vuelven a estar en tu saldo ({ $balance }).
# $names is a list of Telegram usernames: "@ann, @bob".
paysupport-admins = los administradores del bot ({ $names })
paysupport-operator = el operador del bot
paysupport = ¿Tienes dudas sobre un pago? Escríbele a { $who } e indica la fecha y la cantidad. Las Estrellas pagadas por un video que falla vuelven solas a tu saldo; consulta /balance. Los pagos en Estrellas se reembolsan a través del operador.

## For the bot's admins: /stats, /grant, /refund

stats-running = Tareas en curso ahora: { $count }
stats-days = Por día (UTC): tareas · fallidas · gastado
stats-no-jobs = ninguna tarea en los últimos 7 días
stats-models = Por modelo, últimos 7 días: tareas · gastado
stats-stars = Estrellas por día (UTC): compradas · reembolsadas · gastadas en videos · devueltas
stats-money = Dinero por día: Estrellas recibidas (USD) · gastado en ShortAPI · margen
stats-users = Por usuario, últimos 7 días: tareas · gastado
grant-usage = Uso: /grant <user_id> <stars>, de 1 a 1000000 Estrellas.
refund-usage = Uso: /refund <telegram_payment_charge_id> [force]
granted = Otorgué { $stars } a { $user_id }; su saldo es de { $balance }.
refunded = Reembolsé { $stars } de { $charge } a { $user_id }; su saldo es de { $balance }.
refund-notice = ↩️ Telegram te reembolsó { $stars } de tu pago. Tu saldo aquí: { $balance }.
chart-title = Dinero por día (UTC), últimos 7 días
chart-income = Estrellas recibidas (USD)
chart-spent = Gastado en ShortAPI
chart-margin = Margen
chart-unit = USD

## The first minutes: /start, the bot's profile, an unknown command, /terms without terms

start =
    👋 ¡Hola! Convierto una foto en un video corto con Google Veo 3.1.

    Envíame una foto con un texto que diga qué debe pasar, por ejemplo:
    «las olas llegan a la orilla, la cámara se aleja despacio»
start-price = Un video cuesta desde { $price }.
start-begin = Envía una foto para empezar.
button-details = ℹ️ Cómo funciona · precios
button-details-unpriced = ℹ️ Cómo funciona
bot-description =
    Convierto tus fotos en videos cortos con Google Veo 3.1.

    Envía una foto con un texto que diga qué debe pasar, por ejemplo «las olas llegan a la orilla, la cámara se aleja despacio», y el video llega a este chat en unos minutos.

    Inicia el bot para empezar.
bot-short-description = Envía una foto con un texto y recibe un video corto hecho con Google Veo 3.1.
unknown-command = No conozco ese comando. Esto es lo que entiendo:
unknown-command-photo = O simplemente envíame una foto con un texto.
terms-none =
    El operador de este bot no ha fijado condiciones de uso.

    Tu foto y tu prompt: los envío a ShortAPI (shortapi.ai), que hace el video con Google Veo 3.1. Guardo el prompt aquí para /jobs y los botones bajo tu video.

    ¿Dudas? Escríbele a { $who }.

## Money, as the people who pay see it

# With payments on, the all-users daily budget refuses a paying user; nothing is taken.
error-bot-daily-limit = El bot ha alcanzado su límite de hoy y ahora no puede crear videos nuevos. No se gastaron Estrellas. Vuelve a intentarlo mañana (después de las 00:00 UTC).
error-bot-daily-limit-unpaid = El bot ha alcanzado su límite de hoy y ahora no puede crear videos nuevos. Vuelve a intentarlo mañana (después de las 00:00 UTC).
# With SHOW_PRICES off and payments off: no price, only what is left of the allowance.
error-allowance-used = Este video supera lo que te queda de tu asignación diaria ({ $left }). Elige opciones más cortas o sencillas, o inténtalo después de las 00:00 UTC.
jobs-allowance-left = Te queda de tu asignación diaria de hoy: { $left }.
button-generate-unpriced = 🎬 Generar
draft-card-unpriced =
    { $title }

    Prompt: { $prompt }
    Opciones: { $options }
    { $expected }

    Cambia las opciones con los botones y luego toca Generar.

# The status message of a request when prices are hidden (payments off, SHOW_PRICES=false).
job-card-unpriced =
    🎬 Enviada: solicitud #{ $job }

    Prompt: { $prompt }
    Opciones: { $options }
    Estado: { $status }

## Sandbox (SHORTAPI_SANDBOX=true): el operador está probando el bot; no se hace ningún video real

sandbox-note = 🧪 Modo de prueba: no se crea ningún video real y no se cobra nada. Recibirás una muestra corta hecha con tu foto.
sandbox-note-plain = 🧪 Modo de prueba: no se crea ningún video real y no se cobra nada. Recibirás una muestra corta.
# The price line of the options card: $price is what the video would cost.
sandbox-price = { $price }, gratis en el modo de prueba
sandbox-free = gratis (modo de prueba)
# Above the status message and under the video.
sandbox-mark = 🧪 Muestra de prueba: no la hizo Veo, no se cobró nada.
button-generate-sandbox = 🎬 Generar · gratis 🧪
