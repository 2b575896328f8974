# Buzón — português (do Brasil). As mensagens vão por SMS: curtas, claras, sem palavras difíceis.
# O código troca os acentos fora do GSM-7 (ã, õ, ê, ô, ç…) por letras simples.
# Palavras que a pessoa pode digitar: SAIR (ou EXIT), AJUDA (ou HELP), STATUS, IDIOMA.

language-name = Português
locale-order = 5

## Idioma
language-prompt = Buzón: denúncias seguras. Escolha seu idioma / Elija su idioma:

## Consentimento
consent = O Buzón envia sua denúncia ao órgão que fiscaliza os agentes de migração, à Comissão Nacional de Direitos Humanos, ao Ministério Público e a abrigos. Nunca à Migração. Não guardamos seu número nem seu nome. A operadora (ou o Telegram) vê que você nos escreveu. Quem pegar seu celular pode ler estas mensagens: apague-as. Ajuda: envie AJUDA.
consent-continue = Continuar
consent-language = Mudar idioma
consent-leave = Sair e apagar

## Relato
story-prompt = Conte o que aconteceu, com suas palavras. Você pode mandar várias mensagens. Quando terminar, envie 1.
story-have = Já temos sua mensagem. Escreva mais se quiser, ou envie 1 para seguir.
story-more = Recebido. Escreva mais, ou envie 1 para seguir.
story-empty = Primeiro conte o que aconteceu.
story-full = Seu relato já é longo. Envie 1.

## Tipo de abuso
violation-prompt = O que aconteceu? Envie o número:
violation-1 = Roubo
violation-2 = Extorsão, cobraram dinheiro
violation-3 = Espancamento ou lesões
violation-4 = Sequestro ou prisão
violation-5 = Prisão sem motivo
violation-6 = Violência ou assédio sexual
violation-7 = Tortura ou crueldade
violation-8 = Ameaças
violation-9 = Más condições ou sem médico
violation-10 = Papéis tirados, asilo negado, deportação ilegal
violation-11 = Insultos ou discriminação
violation-12 = Tráfico humano, trabalho forçado
violation-13 = Pessoa desaparecida
violation-14 = Assassinato
violation-15 = Outro abuso de autoridade

## Responsável
perpetrator-prompt = Quem fez isso? Envie o número:
perpetrator-1 = Agentes da Migração (INM)
perpetrator-2 = Guarda Nacional
perpetrator-3 = Exército ou Marinha
perpetrator-4 = Polícia estadual ou de investigação
perpetrator-5 = Polícia municipal ou de trânsito
perpetrator-6 = Outro funcionário público
perpetrator-7 = Segurança privada ou do trem
perpetrator-8 = Crime organizado
perpetrator-9 = Coiote, assaltante ou outra pessoa
perpetrator-0 = Não sei

## Lugar
state-prompt = Em que estado aconteceu? Envie o número:
state-unknown = Não sei / outro
state-footer = Ou escreva o nome do estado.
state-AGU = Aguascalientes
state-BCN = Baja California
state-BCS = Baja California Sur
state-CAM = Campeche
state-CHP = Chiapas
state-CHH = Chihuahua
state-CMX = Cidade do México
state-COA = Coahuila
state-COL = Colima
state-DUR = Durango
state-GUA = Guanajuato
state-GRO = Guerrero
state-HID = Hidalgo
state-JAL = Jalisco
state-MEX = Estado do México
state-MIC = Michoacán
state-MOR = Morelos
state-NAY = Nayarit
state-NLE = Nuevo León
state-OAX = Oaxaca
state-PUE = Puebla
state-QUE = Querétaro
state-ROO = Quintana Roo
state-SLP = San Luis Potosí
state-SIN = Sinaloa
state-SON = Sonora
state-TAB = Tabasco
state-TAM = Tamaulipas
state-TLA = Tlaxcala
state-VER = Veracruz
state-YUC = Yucatán
state-ZAC = Zacatecas

## Quando
when-prompt = Quando aconteceu?
when-1 = Hoje ou ontem
when-2 = Esta semana
when-3 = Este mês
when-4 = Antes/não sei

## Destinatários
recipients-prompt = Sua denúncia vai para: {$orgs}.
recipients-send = Enviar para eles
recipients-civil = Só para organizações civis

## Confirmar
confirm-summary = O quê: {$violation}. Quem: {$perpetrator}. Onde: {$state}. Quando: {$when}. Relato: {$words} palavras. Para: {$orgs}.
confirm-send = Enviar
confirm-restart = Começar de novo
confirm-cancel = Cancelar e apagar

## Pronto
done = Denúncia enviada. Seu recibo: {$receipt}. Anote num papel, sem seu nome. Para saber se receberam, envie para {$where}: STATUS {$receipt_digits}

## A qualquer momento
bye = Apagamos sua conversa. Você pode escrever de novo quando quiser.
invalid = Não entendemos sua resposta.
unreadable = Não deu para ler. Repita.
too-long = Muito longa: mande em partes.
erase-confirm = Apagar tudo? Envie 0 de novo. Se não, responda a pergunta.

## Ajuda (AJUDA)
help-start = O Buzón recebe denúncias de abusos contra migrantes. Responda com o número da opção. SAIR apaga tudo.
help-language = Envie o número do seu idioma.
help-consent = Com 1 você segue e conta o que aconteceu. Nada é enviado até você confirmar no final. SAIR apaga tudo.
help-story = Escreva o que aconteceu: quem, o que fez, onde. Não coloque seu nome. Envie 1 quando terminar.
help-violation = Escolha o número que melhor descreve o abuso. Se foram vários, escolha o mais grave e conte o resto no relato.
help-perpetrator = Escolha quem fez isso. Se não sabe, envie 0.
help-state = Escolha o estado onde aconteceu, escreva o nome, ou envie 0 se não sabe.
help-when = Escolha quando aconteceu, mais ou menos.
help-recipients = Com 1 a denúncia vai para esses órgãos. Com 2 vai só para organizações civis, que podem acompanhar você.
help-confirm = Com 1 a denúncia é enviada e você recebe um recibo. Com 2 começa de novo. Com 0 tudo é apagado.

## Status (STATUS <recibo>)
status-bad-receipt = Envie STATUS e os 16 números do seu recibo.
status-unknown = Não encontramos esse recibo. Confira os números.
status-header = Sua denúncia:
status-delivered = {$org}: entregue em {$day}, ainda não abriram.
status-received = {$org}: recebeu a denúncia em {$day}.

## Mensagens demais
rate-limited = Recebemos muitas mensagens suas seguidas. Espere uns minutos e escreva de novo. O que você já mandou está guardado.

## Retirar (RETIRAR <recibo>)
withdraw-done = Sua denúncia foi retirada. O que ninguém tinha aberto foi apagado. Quem já tinha a denúncia vai saber que você retirou. Seu recibo não vale mais.
withdraw-bad-receipt = Envie RETIRAR e os 16 números do seu recibo.

## Telegram
telegram-unsupported = Consigo ler texto, mensagens de voz, fotos, documentos e vídeos. Envie sua mensagem de outro jeito.
telegram-edited = Não leio mensagens editadas. Envie a correção numa mensagem nova.
attachment-received = Recebemos: { $kind }.
attachment-full = Já temos todos os arquivos que cabem em uma denúncia.
attachment-too-large = Esse arquivo é grande demais (no máximo 20 MB). Envie um menor.
attachment-type = Não podemos receber esse tipo de arquivo. Envie texto, mensagem de voz, foto, vídeo ou PDF.
attachment-failed = Não conseguimos receber seu arquivo. Envie de novo, por favor.
attachment-kind-voice = mensagem de voz
attachment-kind-audio = áudio
attachment-kind-photo = foto
attachment-kind-video = vídeo
attachment-kind-document = documento
confirm-attachments = Arquivos: { $count } × { $kind }
erase-offer = Quer apagar esta conversa do seu celular? Se alguém olhar o celular, não vai ver nada.
erase-keep-receipt = Apagar tudo menos o recibo
erase-all = Apagar tudo (anote o recibo antes)
erase-no = Não apagar
command-start = Fazer uma denúncia
command-help = Ajuda com este passo
command-language = Mudar de idioma
command-status = Ver a situação com seu recibo
command-cancel = Sair e apagar o que escreveu
command-delete = Apagar a conversa deste celular
stale-menu = Esse menu não vale mais. Responda à última pergunta.
