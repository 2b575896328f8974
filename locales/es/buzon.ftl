# Buzón — español (idioma de respaldo: todo mensaje que falte en otro idioma sale de aquí).
# Los mensajes van por SMS: cortos, claros, sin tecnicismos. Ver locales/README.md.

language-name = Español
locale-order = 1

## Idioma
language-prompt = Buzón: denuncias seguras. Elija su idioma / Choose your language:

## Consentimiento
consent = Buzón envía su denuncia a quien vigila a los agentes de migración, a la CNDH (derechos humanos), a fiscalías y a albergues. Nunca a Migración. No guardamos su número ni su nombre. La telefónica (o Telegram) sí ve que nos escribió. Quien tenga su teléfono puede leer estos mensajes: bórrelos. Ayuda: AYUDA.
consent-continue = Continuar
consent-language = Cambiar idioma
consent-leave = Salir y borrar

## Relato
story-prompt = Cuente qué pasó, con sus palabras. Puede mandar varios mensajes. Cuando termine, envíe 1.
story-have = Ya tenemos su mensaje. Agregue más si quiere, o envíe 1 para seguir.
story-more = Recibido. Agregue más, o envíe 1 para seguir.
story-empty = Primero cuéntenos qué pasó.
story-full = Su relato ya es largo. Envíe 1 para seguir.

## Tipo de abuso
violation-prompt = ¿Qué pasó? Envíe el número:
violation-1 = Robo
violation-2 = Extorsión o cobro de dinero
violation-3 = Golpes o lesiones
violation-4 = Secuestro o encierro
violation-5 = Detención arbitraria
violation-6 = Violencia o acoso sexual
violation-7 = Tortura o trato cruel
violation-8 = Amenazas
violation-9 = Malas condiciones o sin atención médica
violation-10 = Le quitaron papeles, negaron asilo o deportación ilegal
violation-11 = Insultos o discriminación
violation-12 = Trata o trabajo forzado
violation-13 = Persona desaparecida
violation-14 = Asesinato
violation-15 = Otro abuso de autoridad

## Responsable
perpetrator-prompt = ¿Quién lo hizo? Envíe el número:
perpetrator-1 = Agentes de Migración (INM)
perpetrator-2 = Guardia Nacional
perpetrator-3 = Ejército o Marina
perpetrator-4 = Policía estatal o ministerial
perpetrator-5 = Policía municipal o de tránsito
perpetrator-6 = Otro funcionario
perpetrator-7 = Seguridad privada o del tren
perpetrator-8 = Crimen organizado
perpetrator-9 = Pollero, asaltante u otra persona
perpetrator-0 = No sé

## Lugar
state-prompt = ¿En qué estado pasó? Envíe el número:
state-unknown = No sé / otro
state-footer = O escriba el nombre del estado.
state-AGU = Aguascalientes
state-BCN = Baja California
state-BCS = Baja California Sur
state-CAM = Campeche
state-CHP = Chiapas
state-CHH = Chihuahua
state-CMX = Ciudad de México
state-COA = Coahuila
state-COL = Colima
state-DUR = Durango
state-GUA = Guanajuato
state-GRO = Guerrero
state-HID = Hidalgo
state-JAL = Jalisco
state-MEX = Estado de México
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

## Cuándo
when-prompt = ¿Cuándo pasó?
when-1 = Hoy o ayer
when-2 = Esta semana
when-3 = Este mes
when-4 = Antes o no sé

## Destinatarios
recipients-prompt = Su denuncia irá a: {$orgs}.
recipients-send = Enviar a ellos
recipients-civil = Solo a organizaciones civiles

## Confirmar
confirm-summary = Qué: {$violation}. Quién: {$perpetrator}. Dónde: {$state}. Cuándo: {$when}. Relato: {$words} palabras. Para: {$orgs}.
confirm-send = Enviar
confirm-restart = Empezar de nuevo
confirm-cancel = Cancelar y borrar

## Listo
done = Denuncia enviada. Su recibo: {$receipt}. Anótelo en papel, sin su nombre. Para saber si la recibieron, envíe a {$where}: ESTADO {$receipt_digits}

## En cualquier momento
bye = Borramos su conversación. Puede escribir de nuevo cuando quiera.
invalid = No entendimos.
unreadable = No pudimos leerlo. Repítalo.
too-long = Muy largo: mándelo en partes.
erase-confirm = ¿Borrar todo? Envíe 0 otra vez. Si no, responda la pregunta.

## Ayuda (AYUDA)
help-start = Buzón recibe denuncias de abusos contra migrantes. Responda con el número de la opción. SALIR borra todo.
help-language = Envíe el número de su idioma.
help-consent = Con 1 sigue a contar qué pasó. Nada se envía hasta que usted confirme al final. SALIR borra todo.
help-story = Escriba lo que pasó: quién, qué hizo, dónde. No ponga su nombre. Envíe 1 al terminar.
help-violation = Elija el número que mejor describe el abuso. Si hubo varios, elija el más grave y cuente el resto en el relato.
help-perpetrator = Elija quién lo hizo. Si no sabe, envíe 0.
help-state = Elija el estado donde pasó, escriba su nombre, o envíe 0 si no sabe.
help-when = Elija cuándo pasó, más o menos.
help-recipients = Con 1 la denuncia va a esos órganos. Con 2 va solo a organizaciones civiles, que pueden acompañarle.
help-confirm = Con 1 se envía y recibe un recibo. Con 2 empieza de nuevo. Con 0 se borra.

## Estado (ESTADO <recibo>)
status-bad-receipt = Envíe ESTADO y los 16 números de su recibo.
status-unknown = No encontramos ese recibo. Revise los números.
status-header = Su denuncia:
status-delivered = {$org}: entregada el {$day}, aún no la abren.
status-received = {$org}: la recibió el {$day}.

## Retirar (BORRAR <recibo>)
withdraw-done = Retiramos su denuncia. Lo que nadie había abierto se borró; quien ya la tenía sabrá que usted la retiró. Su recibo ya no sirve.
withdraw-bad-receipt = Envíe BORRAR y los 16 números de su recibo.

## Demasiados mensajes
rate-limited = Recibimos muchos mensajes suyos seguidos. Espere unos minutos y escriba de nuevo; lo que ya mandó está guardado.
## Telegram
telegram-unsupported = Puedo leer texto, notas de voz, fotos, documentos y videos. Envíe su mensaje de otra forma.
telegram-edited = No leo mensajes editados. Envíe la corrección como un mensaje nuevo.
attachment-received = Recibido: { $kind }.
attachment-full = Ya tenemos todos los archivos que caben en una denuncia.
attachment-too-large = Ese archivo es muy grande (máximo 20 MB). Envíe uno más pequeño.
attachment-type = No podemos recibir ese tipo de archivo. Envíe texto, nota de voz, foto, video o PDF.
attachment-failed = No pudimos recibir su archivo. Envíelo otra vez, por favor.
attachment-kind-voice = nota de voz
attachment-kind-audio = audio
attachment-kind-photo = foto
attachment-kind-video = video
attachment-kind-document = documento
confirm-attachments = Archivos: { $count } × { $kind }
erase-offer = ¿Borramos esta conversación de su teléfono? Si lo revisan, no se verá.
erase-keep-receipt = Borrar todo menos el recibo
erase-all = Borrar todo (anote el recibo antes)
erase-no = No borrar
command-start = Empezar una denuncia
command-help = Ayuda con el paso actual
command-language = Cambiar de idioma
command-status = Ver el estado con su recibo
command-cancel = Salir y borrar lo escrito
command-delete = Borrar la conversación de este teléfono
stale-menu = Ese menú ya no vale. Responda a la última pregunta.
