# Português do Brasil: o usuário é tratado por «você».
#
# Tradutores: cada mensagem mantém o id e as { $variáveis } de en.ftl. Os valores de opções
# (4s, 8s, 720p, 1080p, 4K, 16:9, 9:16) e os comandos (/help, /buy...) não se traduzem.
# Uma linha de continuação não pode começar com [, * ou . (sintaxe do Fluent).
# Atenção: em português, a forma "one" vale para 0 e 1.

## The language itself, as its speakers write it (the /language buttons show this).

language-name = Português (Brasil)

## Command menu (3-256 characters each)

command-start = O que eu faço e como começar
command-help = Como funciona, e os preços
# With prices hidden (payments off, SHOW_PRICES=false): /help shows none.
command-help-unpriced = Como funciona
command-jobs = Seus vídeos recentes
command-cancel = Fechar seu pedido em aberto
command-language = Escolher o idioma do bot
command-balance = Suas Estrelas e movimentações
command-buy = Comprar Estrelas para vídeos
command-paysupport = Ajuda com um pagamento

## /language

language-choose = Escolha o idioma em que eu falo com você:
# The button that follows Telegram's language setting again.
language-auto = 🌐 Igual ao meu app do Telegram
# Said in the new language, once it is chosen.
language-chosen = Pronto: a partir de agora eu falo português com você.
language-auto-chosen = Pronto: a partir de agora eu sigo o idioma do seu app do Telegram.

## Option buttons and the options line

mode-fast = Rápido
mode-quality = Qualidade
aspect-auto = Auto
# The audio toggle button, which shows the current state.
button-audio-on = 🔊 Com áudio
button-audio-off = 🔇 Sem áudio
# In the options line: Rápido · 8s · 720p · 16:9 · Sem áudio
options-audio-on = Com áudio
options-audio-off = Sem áudio
options-enhance-on = Prompt melhorado
options-enhance-off = Prompt como escrito
# $price is "$0.64" or "64 ⭐".
button-generate = 🎬 Gerar · { $price }
button-cancel = Cancelar
button-prompt = ✏️ Prompt
button-again = 🔁 De novo
button-new-prompt = ✏️ Novo prompt
button-continue = ⏭ Continuar
button-extend = ➕ Estender +7s
ask-extend-prompt = Seu vídeo vai ganhar mais 7 segundos. Me envie o prompt do que acontece depois.
title-extend = ➕ Seu vídeo, 7 segundos mais longo
kind-extend = um vídeo estendido
extend-gone = Este vídeo não pode mais ser estendido: o serviço de vídeo não o tem mais. Use De novo ou Novo prompt.
extend-limit = Este vídeo não pode ser estendido: o Veo só estende vídeos em 720p, até cerca de 148 segundos no total.
failure-video-unavailable = Não consegui mais obter o vídeo para estender, então nada foi feito.
# The card's title: what the video is made from.
title-image = 🎬 Vídeo a partir da sua foto
title-text = 🎬 Vídeo a partir do seu texto
# What a video was made from, in /jobs.
kind-image = de uma foto
kind-text = de texto
# The text card's toggle: the service rewrites the prompt in more detail (expand_prompt).
button-enhance-off = ✨ Melhorar prompt: não
button-enhance-on = ✨ Melhorar prompt: sim
title-frames = 🎬 Vídeo entre duas fotos
kind-frames = entre duas fotos
title-reference = 🎬 Vídeo a partir das suas fotos
kind-reference = de várias fotos
card-references = 🖼 Fotos: { $count }, na ordem do álbum
ask-album-prompt = Recebi as fotos. Agora me envie o prompt: descreva o vídeo que elas devem estrelar.
album-too-many = Um vídeo usa 2 ou 3 fotos como referência; este álbum tem { $count }. Envie de novo com no máximo 3.
button-last-frame = 🏁 Último quadro
button-drop-last-frame = 🏁 Último quadro: remover
button-avoid = 🚫 Evitar
button-drop-avoid = 🚫 Evitar: limpar
card-last-frame = 🏁 Termina em: a segunda foto que você enviou
card-last-frame-waiting = 🏁 Último quadro: envie a foto final
card-avoid = 🚫 Evitar: { $words }
card-avoid-waiting = 🚫 Evitar: envie o que deixar de fora
ask-last-frame = Envie a foto em que o vídeo deve terminar. O cartão mantém as opções.
ask-avoid = O que o vídeo deve evitar? Diga em poucas palavras, ex.: “texto, marcas d'água, desfoque”.
avoid-hint = O que deixar de fora do vídeo
# A price in Telegram Stars; $count is the number, already formatted.
stars = { $count } ⭐

## Asking for a prompt

ask-prompt = Recebi a foto. Agora me envie o prompt: descreva o vídeo que você quer.
# The grey hint in the input field (at most 64 characters).
prompt-hint = Descreva o vídeo
ask-card-prompt = Me envie o novo prompt para este pedido; as opções continuam as mesmas.
ask-new-prompt = Mesma foto e mesmas opções: me envie o novo prompt.
ask-next-prompt = Este é o último quadro do seu vídeo. Me envie o prompt da próxima parte.

## /help

help =
    Me envie uma foto com legenda, e eu a transformo em um vídeo com o Google Veo 3.1.

    1. Envie uma foto (ou um arquivo JPEG, PNG ou WebP) com legenda: a legenda é o prompt.
    Sem foto? Envie só o texto, e o vídeo é feito a partir das suas palavras.
    Duas ou três fotos em álbum com legenda fazem um vídeo cujo protagonista segue as fotos. No cartão de uma foto, 🏁 Último quadro usa uma segunda foto como final do vídeo.
    2. Escolha com os botões o modo, a duração, a resolução, a proporção e o áudio; o preço acompanha cada mudança.
    3. Toque em Gerar. O vídeo chega aqui em poucos minutos.

    Comandos: /jobs seus vídeos recentes · /cancel fechar seu pedido em aberto · /language mudar o idioma · /help este texto
help-payments = Os vídeos são pagos com Telegram Stars: /balance suas Estrelas · /buy mais Estrelas · /paysupport ajuda com um pagamento
help-prices-stars = Preços por vídeo (Estrelas):
help-prices-usd = Preços por vídeo (USD):
# One row of the price table: "Rápido 720p/1080p sem áudio: 4s $0.40 / 6s $0.60 / 8s $0.80".
help-price-row =
    { $mode } { $resolutions } { $audio ->
        [yes] com áudio
       *[no] sem áudio
    }:
    { $prices }
help-price-row-reference =
    { $resolutions } { $audio ->
        [yes] com áudio
       *[no] sem áudio
    }:
    { $prices }

## Short answers and messages

# $user_id is a Telegram id: digits only.
not-allowed = Desculpe, este bot é privado. Peça ao operador dele para adicionar seu ID do Telegram ({ $user_id }).
send-photo = Me envie uma foto com uma legenda descrevendo o vídeo, e eu faço. Veja /help.
nothing-to-cancel = Você não tem nenhum pedido em aberto aqui.
no-jobs = Você ainda não tem vídeos. Envie uma foto com legenda para criar um.
stale-button = Este botão não é mais válido.
submitting = Enviando…
cancelled-answer = Cancelado.
cancelled-message = Cancelado. Envie outra foto quando quiser.
storage-failed = Algo deu errado do meu lado. Tente de novo mais tarde.
storage-waiting = Meu banco de dados não está respondendo agora. Vou cuidar disso assim que ele voltar, então não precisa enviar de novo.
payment-waiting = ✅ Seu pagamento de { $stars } foi concluído e está seguro. Meu banco de dados não está respondendo agora; as Estrelas vão aparecer no seu saldo assim que ele voltar. Por favor, não pague de novo.
payment-waiting-video = ✅ Seu pagamento de { $stars } foi concluído e está seguro. Meu banco de dados não está respondendo agora; seu vídeo vai começar assim que ele voltar. Por favor, não pague de novo.
press-in-hand = Já estou cuidando disso…
personal-account-needed = Só consigo trabalhar para uma conta pessoal: uma mensagem enviada de forma anônima ou em nome de um canal não pode ser vinculada ao orçamento de ninguém. Envie pela sua própria conta ou fale comigo em um chat privado.
cancelled-count =
    { $count ->
        [one] Fechei seu pedido em aberto.
       *[other] Fechei { $count } pedidos em aberto.
    }

## Input the user can put right, and limits they reached

error-unsupported-file = Só consigo usar fotos ou imagens JPEG, PNG e WebP. Envie uma delas, com uma legenda descrevendo o vídeo.
error-image-too-large = Essa imagem tem mais de 20 MB, e o Telegram não deixa bots baixarem arquivos desse tamanho. Envie uma menor (enviar como foto já a comprime).
error-empty-prompt = O prompt está vazio. Descreva em poucas palavras o vídeo que você quer.
error-prompt-too-long = O prompt está longo demais. Use menos de { $max } caracteres.
error-not-your-request = Estes botões são do pedido de outra pessoa.
error-request-closed = Este pedido está fechado. Envie uma nova foto para começar outro.
error-not-admin = Este comando é para os operadores do bot.
error-unknown-charge = Nenhum pagamento com este ID de cobrança consta no registro.
error-video-too-old = Este vídeo é antigo demais para usar os botões dele. Envie a foto de novo para fazer outro.
error-no-frame = Este vídeo foi enviado como link, então não guardei nenhum quadro para continuar a partir dele. Use De novo ou Novo prompt, ou envie uma foto.
error-frame-unreadable = Não consegui recuperar do Telegram o último quadro deste vídeo. Use De novo ou Novo prompt, ou envie uma foto.
error-already-refunded = Este pagamento já tinha sido reembolsado; nada foi feito.
# $scope is "user" (the user's own daily limit) or "bot" (the whole bot's daily budget).
error-spend-limit =
    Este vídeo custa { $price }, mas { $scope ->
        [user] seu limite diário
       *[bot] o orçamento diário do bot
    } é de { $limit } e restam { $left } hoje. Escolha opções mais baratas ou tente de novo depois das 00:00 UTC.
error-stars-short = Este vídeo custa { $price } e seu saldo é de { $balance }: faltam { $missing }. Pague a diferença com a fatura abaixo e o vídeo começa na hora, ou veja /buy.
stars-short-of-one-invoice = Este vídeo custa { $price } e seu saldo é de { $balance }: faltam { $missing }, mais do que dá para pagar de uma vez só. Primeiro compre Estrelas com /buy e depois toque em Gerar de novo.
error-too-many-jobs =
    { $limit ->
        [one] Você já tem { $limit } vídeo em produção. Toque em Gerar de novo quando ele chegar.
       *[other] Você já tem { $limit } vídeos em produção. Toque em Gerar de novo quando um deles chegar.
    }
# For the bot's admins (/refund).
error-balance-too-low = Não reembolsado: o pagamento foi de { $stars }, mas o saldo do usuário é de { $balance } (ele gastou o resto). Adicione `force` para reembolsar mesmo assim; o saldo dele então fica negativo.
error-refund-failed = O Telegram recusou o reembolso: { $reason }
error-refund-unanswered = O Telegram não respondeu se fez o reembolso. As { $stars } ficam fora do saldo do usuário até minha próxima verificação com o Telegram (a cada início e pelo menos a cada 6 horas) esclarecer: ficam descontadas se o Telegram fez o reembolso e voltam se não fez. Enquanto isso, não repita o reembolso.

## The options card

# $minutes is a whole number of minutes (1 or more).
expected-about =
    { $minutes ->
        [one] cerca de { $minutes } minuto
       *[other] cerca de { $minutes } minutos
    }
expected-under-minute = menos de um minuto
# $source is "history" (measured on recent videos) or "estimate".
expected-line =
    Tempo: normalmente { $time } ({ $source ->
        [history] vídeos recentes
       *[estimate] estimativa
    })
# What to expect while a video is made; $time is expected-about or expected-under-minute.
progress = Costuma levar { $time }
progress-overtime = Demorando mais: costuma levar { $time }
draft-card =
    { $title }

    Prompt: { $prompt }
    Opções: { $options }
    Preço: { $price }
    { $expected }

    Mude as opções com os botões e depois toque em Gerar.

## A submitted request

status-submitting = ⏳ enviando para o Veo…
status-queued = ⏳ na fila
status-generating = 🎞 gerando
status-succeeded = 📤 pronto, enviando o vídeo…
status-delivered = ✅ entregue
status-failed = ❌ falhou
status-unknown = ⚠️ resultado desconhecido
status-overdue = ⌛ expirado (se o vídeo chegar atrasado, ainda vou enviá-lo)
status-expired = ⌛ expirado
# How long a request has been in the making; $minutes is 1 or more.
elapsed-minutes =
    { $minutes ->
        [one] há { $minutes } minuto
       *[other] há { $minutes } minutos
    }
elapsed-under-minute = agora mesmo
# $status is one of the status-... texts, maybe followed by " · 3 minutos".
job-card =
    🎬 Enviado: pedido #{ $job }

    Prompt: { $prompt }
    Opções: { $options }
    Preço: { $price }
    Status: { $status }

## Why a request ended without a video ($job is the request's number)

failure-photo-unavailable = Não consegui baixar sua foto do Telegram. Envie de novo, por favor.
failure-bad-image = Esse arquivo não é uma imagem JPEG, PNG ou WebP. Envie uma foto de verdade.
# $detail is the video service's own words (often English).
failure-refused = A ShortAPI recusou o pedido: { $detail }
failure-key-rejected = O serviço de vídeo não aceitou a chave de API deste bot. Avise o operador do bot.
failure-api-error = O serviço de vídeo respondeu com um erro ({ $detail }). Tente de novo mais tarde.
failure-unreachable = Não consegui me conectar ao serviço de vídeo. Tente de novo daqui a pouco.
failure-outcome-unknown = O pedido foi enviado, mas não veio resposta, então não sei se o serviço de vídeo o recebeu. Para evitar pagar duas vezes, não o enviei de novo; o operador já foi avisado. Pedido #{ $job }.
failure-provider-failed = O serviço de vídeo não conseguiu fazer este vídeo: { $detail }
failure-no-answer = O serviço de vídeo não respondeu sobre o pedido #{ $job } durante todo o tempo em que ainda poderia entregar o vídeo, então parei de perguntar. Tente de novo mais tarde.
failure-download-failed = O vídeo foi feito, mas não consegui baixá-lo. Link: { $url }
failure-undeliverable = O vídeo foi feito, mas não consegui enviá-lo aqui.
failure-lost = O serviço de vídeo não reconhece mais o pedido #{ $job } ({ $detail }).
# $timeout and $grace are numbers of minutes.
failure-expired =
    Nenhum vídeo chegou em { $timeout ->
        [one] { $timeout } minuto
       *[other] { $timeout } minutos
    }, então marquei o pedido #{ $job } como expirado. Se o vídeo ainda chegar dentro de { $grace ->
        [one] { $grace } minuto
       *[other] { $grace } minutos
    }, vou enviá-lo aqui.
failure-other = Algo deu errado com este vídeo.
# Stands in for $detail when the service gave none.
failure-no-reason = nenhum motivo informado
stars-back = ⭐ Devolvi ao seu saldo { $stars } do pedido #{ $job }.
# $why is "too-big" (over Telegram's limit) or "refused" (Telegram would not take it).
link =
    ✅ Seu vídeo (pedido #{ $job }) está pronto, mas { $why ->
        [too-big] ele é grande demais para ser enviado pelo Telegram
       *[refused] o Telegram não o aceitou
    }. Baixe aqui: { $url }
# The options card with 4K chosen: what the video arrives as in this deployment. $how is
# "video" (a self-hosted Bot API server uploads it), "kept" (the bot keeps it $days days and
# links to it) or "link" (the provider's own link, which works for about two days).
card-big-video =
    { $how ->
        [video] 📦 Um vídeo em 4K chega aqui mesmo, como vídeo.
        [kept] 📦 O 4K pode ser grande demais para o Telegram: então chega como link de download, guardado por { $days ->
            [one] { $days } dia
           *[other] { $days } dias
        }.
       *[link] 📦 O 4K pode ser grande demais para o Telegram: então chega como link de download que funciona por cerca de dois dias.
    }
link-kept-until = ⏳ O link funciona até { $date }.
link-provider-lifetime = ⏳ A ShortAPI guarda o vídeo por cerca de dois dias: baixe-o logo.
# Told once when an outage holds a request up. $waiting is "telegram" or "service";
# $until is a date and time, in UTC.
delay =
    ⏳ { $waiting ->
        [telegram] O Telegram não está aceitando o vídeo pronto no momento
       *[service] O serviço de vídeo não está respondendo no momento
    }. O pedido #{ $job } não se perdeu: vou continuar tentando até { $until } e envio o vídeo assim que puder.

## /jobs

jobs-spent-today = Gasto hoje: { $spent }.
jobs-spent-today-limit = Gasto hoje: { $spent } do seu limite diário de { $budget }.
jobs-recent = Seus vídeos recentes:
jobs-item = #{ $job } “{ $prompt }”

## Telegram Stars: /balance, /buy, invoices and payments

balance = Seu saldo: { $stars }
balance-movements = Últimas movimentações (UTC):
balance-empty = Nenhuma movimentação ainda. Compre Estrelas com /buy e depois envie uma foto com legenda.
# One movement of the balance; $ref is a request's number.
movement-purchase = compra
movement-video = vídeo #{ $ref }
movement-return = devolução do vídeo #{ $ref } (sem vídeo)
movement-grant = bônus
movement-refund = reembolso do Telegram
movement-refund-voided = reembolso não feito; de volta ao saldo
buy = Escolha um pacote de Telegram Stars. As Estrelas ficam no seu saldo até você gastá-las em vídeos; o vídeo padrão ({ $options }) custa { $price }. As Estrelas de um vídeo que falhar voltam sozinhas para o seu saldo.
# An invoice's title: at most 32 characters.
pack-title =
    { $count ->
        [one] { $count } Estrela para vídeos
       *[other] { $count } Estrelas para vídeos
    }
# An invoice's description: at most 255 characters.
pack-description = { $stars } no seu saldo para transformar fotos em vídeos com o Google Veo 3.1.
video-invoice-title = Vídeo: { $prompt }
video-invoice-new = { $missing } para este vídeo. Ao pagar, ele começa na hora.
video-invoice-top-up = { $missing } para completar os { $price } deste vídeo ({ $balance } no seu saldo). Ao pagar, ele começa na hora.
# Why a payment is declined at checkout; Telegram shows it in the payment form.
checkout-unknown = Esta fatura não é mais válida. Use /buy para receber uma nova.
checkout-closed = Nesse meio-tempo, este pedido foi gerado ou cancelado, então esta fatura não vale mais. Nada foi cobrado.
checkout-changed = As opções (e o preço) deste pedido mudaram depois que a fatura foi criada. Toque em Gerar de novo para receber uma nova fatura. Nada foi cobrado.
paid-video-started = ✅ Obrigado! Recebi { $stars }; o pedido #{ $job } já está a caminho.
paid = ✅ Obrigado! Adicionei { $stars } ao seu saldo, que agora é de { $balance }.
# After "paid", when the paid-for video could not start; $why says why.
paid-not-started = O vídeo não começou, então as Estrelas continuam no seu saldo: { $why }
paid-short = ele custa { $price } e seu saldo não cobre mais esse valor. Toque em Gerar de novo.
paid-bot-daily-limit = o bot atingiu o limite de hoje. Tente de novo amanhã (depois das 00:00 UTC).
reconciled = ⭐ Seu pagamento de { $stars } já está no seu saldo ({ $balance }). Desculpe a demora.
reconciled-refund-voided = ⭐ O reembolso de { $stars } acabou não sendo feito, então essas Estrelas voltaram para o seu saldo ({ $balance }).
# $names is a list of Telegram usernames: "@ann, @bob".
paysupport-admins = os administradores do bot ({ $names })
paysupport-operator = o operador do bot
paysupport = Dúvidas sobre um pagamento? Escreva para { $who } informando a data e o valor. As Estrelas pagas por um vídeo que falha voltam sozinhas para o seu saldo; veja /balance. Pagamentos em Estrelas são reembolsados pelo operador.

## For the bot's admins: /stats, /grant, /refund

stats-running = Tarefas em andamento agora: { $count }
stats-days = Por dia (UTC): tarefas · falhas · gasto
stats-no-jobs = nenhuma tarefa nos últimos 7 dias
stats-models = Por modelo, últimos 7 dias: tarefas · gasto
stats-stars = Estrelas por dia (UTC): compradas · reembolsadas · gastas em vídeos · devolvidas
stats-money = Dinheiro por dia: Estrelas recebidas (USD) · gasto na ShortAPI · margem
stats-users = Por usuário, últimos 7 dias: tarefas · gasto
grant-usage = Uso: /grant <user_id> <stars>, de 1 a 1000000 Estrelas.
refund-usage = Uso: /refund <telegram_payment_charge_id> [force]
granted = Concedi { $stars } a { $user_id }; o saldo dele agora é de { $balance }.
refunded = Reembolsei { $stars } de { $charge } a { $user_id }; o saldo dele agora é de { $balance }.
refund-notice = ↩️ O Telegram reembolsou { $stars } do seu pagamento. Seu saldo aqui: { $balance }.
chart-title = Dinheiro por dia (UTC), últimos 7 dias
chart-income = Estrelas recebidas (USD)
chart-spent = Gasto na ShortAPI
chart-margin = Margem
chart-unit = USD

## The first minutes: /start, the bot's profile, an unknown command, /terms without terms

start =
    👋 Oi! Eu transformo uma foto em um vídeo curto com o Google Veo 3.1.

    Me envie uma foto com uma legenda dizendo o que deve acontecer, por exemplo:
    “as ondas chegam à praia, a câmera se afasta devagar”
start-price = Um vídeo custa a partir de { $price }.
start-begin = Envie uma foto para começar.
button-details = ℹ️ Como funciona · preços
button-details-unpriced = ℹ️ Como funciona
bot-description =
    Eu transformo suas fotos em vídeos curtos com o Google Veo 3.1.

    Envie uma foto com uma legenda dizendo o que deve acontecer, por exemplo “as ondas chegam à praia, a câmera se afasta devagar”, e o vídeo chega neste chat em poucos minutos.

    Inicie o bot para começar.
bot-short-description = Envie uma foto com legenda e receba um vídeo curto feito com o Google Veo 3.1.
unknown-command = Não conheço esse comando. Isto é o que eu entendo:
unknown-command-photo = Ou simplesmente me envie uma foto com legenda.
terms-none =
    O operador deste bot não definiu termos de uso.

    Sua foto e seu prompt: eu os envio para a ShortAPI (shortapi.ai), que faz o vídeo com o Google Veo 3.1. Guardo o prompt aqui para o /jobs e os botões abaixo do seu vídeo.

    Dúvidas? Escreva para { $who }.

## Money, as the people who pay see it

# With payments on, the all-users daily budget refuses a paying user; nothing is taken.
error-bot-daily-limit = O bot atingiu o limite de hoje e não pode criar vídeos novos agora. Nenhuma Estrela foi gasta. Tente de novo amanhã (depois das 00:00 UTC).
error-bot-daily-limit-unpaid = O bot atingiu o limite de hoje e não pode criar vídeos novos agora. Tente de novo amanhã (depois das 00:00 UTC).
# With SHOW_PRICES off and payments off: no price, only what is left of the allowance.
error-allowance-used = Este vídeo passa do que resta da sua cota diária ({ $left }). Escolha opções mais curtas ou simples, ou tente depois das 00:00 UTC.
jobs-allowance-left = Resta da sua cota diária hoje: { $left }.
button-generate-unpriced = 🎬 Gerar
draft-card-unpriced =
    { $title }

    Prompt: { $prompt }
    Opções: { $options }
    { $expected }

    Mude as opções com os botões e depois toque em Gerar.

# The status message of a request when prices are hidden (payments off, SHOW_PRICES=false).
job-card-unpriced =
    🎬 Enviado: pedido #{ $job }

    Prompt: { $prompt }
    Opções: { $options }
    Status: { $status }

## Sandbox (SHORTAPI_SANDBOX=true): o operador está testando o bot; nenhum vídeo real é feito

sandbox-note = 🧪 Modo de teste: nenhum vídeo real é criado e nada é cobrado. Você recebe uma amostra curta feita com a sua foto.
sandbox-note-plain = 🧪 Modo de teste: nenhum vídeo real é criado e nada é cobrado. Você recebe uma amostra curta.
# The price line of the options card: $price is what the video would cost.
sandbox-price = { $price }, grátis no modo de teste
sandbox-free = grátis (modo de teste)
# Above the status message and under the video.
sandbox-mark = 🧪 Amostra de teste: não foi feita pelo Veo, nada foi cobrado.
button-generate-sandbox = 🎬 Gerar · grátis 🧪
