# Buzón — Kreyòl ayisyen. Mesaj yo ale pa SMS: kout, klè, san gwo mo.
# Lèt è, ò, à pase nan GSM-7 jan yo ye a.
# Mo moun nan ka tape: SOTI (oswa EXIT), ED (oswa HELP), ETA (oswa STATUS), LANG.
# Wording should be reviewed by a native Kreyòl speaker who works with migrants.

language-name = Kreyòl ayisyen
locale-order = 3

## Lang
language-prompt = Buzón: plent an sekirite. Chwazi lang ou / Elija su idioma:

## Dakò
consent = Buzón voye plent ou bay biwo ki siveye ajan imigrasyon yo, Komisyon nasyonal dwa moun, pwokirè ak kay akèy. Pa janm bay Imigrasyon. Nou pa kenbe nimewo ou ni non ou. Konpayi telefòn nan (oswa Telegram) wè ou ekri nou. Moun ki gen telefòn ou ka li mesaj sa yo: efase yo. Èd: voye ÈD.
consent-continue = Kontinye
consent-language = Chanje lang
consent-leave = Soti epi efase tout

## Istwa
story-prompt = Rakonte nou sa k te pase, ak pwòp mo pa w. Ou ka voye plizyè mesaj. Lè w fini, voye 1.
story-have = Nou gen mesaj ou a deja. Ajoute plis si w vle, oswa voye 1 pou kontinye.
story-more = Nou resevwa l. Ajoute plis, oswa voye 1 pou kontinye.
story-empty = Anvan, rakonte nou sa k te pase.
story-full = Istwa ou a deja long. Voye 1 pou kontinye.

## Ki abi
violation-prompt = Sa k te pase? Voye nimewo a:
violation-1 = Vòl
violation-2 = Chantaj oswa yo fòse w bay lajan
violation-3 = Kou oswa blesi
violation-4 = Kidnaping oswa yo fèmen w
violation-5 = Arestasyon san rezon
violation-6 = Vyolans oswa arasman seksyèl
violation-7 = Tòti oswa move tretman
violation-8 = Menas
violation-9 = Move kondisyon oswa san swen medikal
violation-10 = Yo pran papye w, yo refize w azil oswa yo depòte w
violation-11 = Jouman oswa diskriminasyon
violation-12 = Trafik moun oswa travay fòse
violation-13 = Moun ki disparèt
violation-14 = Asasina
violation-15 = Lòt abi otorite

## Ki moun ki fè l
perpetrator-prompt = Ki moun ki fè l? Voye nimewo a:
perpetrator-1 = Ajan Migrasyon (INM)
perpetrator-2 = Gad Nasyonal
perpetrator-3 = Lame oswa Marin
perpetrator-4 = Lapolis eta a oswa lapolis envestigasyon
perpetrator-5 = Lapolis minisipal oswa lapolis sikilasyon
perpetrator-6 = Lòt fonksyonè leta
perpetrator-7 = Sekirite prive oswa sekirite tren an
perpetrator-8 = Gang, krim òganize
perpetrator-9 = Pasè (koyòt), vòlè oswa lòt moun
perpetrator-0 = Mwen pa konnen

## Ki kote
state-prompt = Nan ki eta sa te pase? Voye nimewo a:
state-unknown = Mwen pa konnen / lòt
state-footer = Oswa ekri non eta a.
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

## Ki lè
when-prompt = Ki lè sa te pase?
when-1 = Jodi a oswa yè
when-2 = Semèn sa a
when-3 = Mwa sa a
when-4 = Avan / m pa konnen

## Ki moun k ap resevwa l
recipients-prompt = Plent ou a ap ale bay: {$orgs}.
recipients-send = Voye l ba yo
recipients-civil = Sèlman bay òganizasyon sivil yo

## Konfime
confirm-summary = Kisa: {$violation}. Kiyès: {$perpetrator}. Ki kote: {$state}. Kilè: {$when}. Istwa: {$words} mo. Pou: {$orgs}.
confirm-send = Voye
confirm-restart = Rekòmanse
confirm-cancel = Anile epi efase

## Fini
done = Nou voye plent ou a. Resi ou: {$receipt}. Ekri l sou papye, san non ou. Pou konnen si yo resevwa l, voye bay {$where}: ETA {$receipt_digits}

## Nenpòt ki lè
bye = Nou efase konvèsasyon an. Ou ka ekri nou ankò nenpòt lè.
invalid = Nou pa konprann repons ou.
unreadable = Nou pa t ka li l. Eseye ankò.
too-long = Twò long: voye l an moso.
erase-confirm = Efase tout? Voye 0 ankò. Si se pa sa, reponn kesyon an.

## Ed (ED)
help-start = Buzón resevwa plent sou abi yo fè migran. Reponn ak nimewo chwa ou. SOTI efase tout.
help-language = Voye nimewo lang ou.
help-consent = Ak 1, ou kontinye pou rakonte sa k te pase. Nou p ap voye anyen toutotan ou pa konfime nan fen. SOTI efase tout.
help-story = Ekri sa k te pase: kiyès, sa l te fè, ki kote. Pa mete non ou. Voye 1 lè w fini.
help-violation = Chwazi nimewo ki pi byen di abi a. Si te gen plizyè, chwazi sa ki pi grav la epi rakonte rès la nan istwa ou.
help-perpetrator = Chwazi ki moun ki fè l. Si w pa konnen, voye 0.
help-state = Chwazi eta kote sa te pase, ekri non l, oswa voye 0 si w pa konnen.
help-when = Chwazi apeprè ki lè sa te pase.
help-recipients = Ak 1, plent lan ale bay biwo sa yo. Ak 2, li ale sèlman bay òganizasyon sivil yo, ki ka akonpaye w.
help-confirm = Ak 1, nou voye l epi ou resevwa yon resi. Ak 2, ou rekòmanse. Ak 0, nou efase l.

## Eta (ETA <resi>)
status-bad-receipt = Voye ETA ak 16 chif ki sou resi ou a.
status-unknown = Nou pa jwenn resi sa a. Verifye chif yo.
status-header = Plent ou a:
status-delivered = {$org}: li rive {$day}, yo poko louvri l.
status-received = {$org}: yo resevwa l {$day}.

## Twòp mesaj
rate-limited = Nou resevwa anpil mesaj ou youn dèyè lòt. Tann kèk minit epi ekri ankò. Sa ou te voye deja anrejistre.

## Retire (RETIRE <resi>)
withdraw-done = Nou retire plent ou a. Sa pèsonn pa t ko louvri efase. Moun ki te gen l deja ap konnen ou retire l. Resi ou a pa bon ankò.
withdraw-bad-receipt = Voye RETIRE ak 16 chif ki sou resi ou a.

## Telegram
telegram-unsupported = Mwen ka li tèks, mesaj vokal, foto, dokiman ak videyo. Tanpri voye mesaj ou a yon lòt jan.
telegram-edited = Mwen pa li mesaj ou chanje apre. Voye koreksyon an nan yon nouvo mesaj.
attachment-received = Nou resevwa: { $kind }.
attachment-full = Nou deja gen tout fichye ki ka antre nan yon plent.
attachment-too-large = Fichye sa a twò gwo (20 MB pou pi plis). Voye yon pi piti.
attachment-type = Nou pa ka resevwa kalite fichye sa a. Voye tèks, mesaj vokal, foto, videyo oswa PDF.
attachment-failed = Nou pa t ka resevwa fichye ou a. Tanpri voye l ankò.
attachment-kind-voice = mesaj vokal
attachment-kind-audio = odyo
attachment-kind-photo = foto
attachment-kind-video = videyo
attachment-kind-document = dokiman
confirm-attachments = Fichye: { $count } × { $kind }
erase-offer = Ou vle nou efase konvèsasyon sa a nan telefòn ou? Si yon moun gade telefòn ou, li p ap wè l.
erase-keep-receipt = Efase tout, men kenbe resi a
erase-all = Efase tout (ekri resi a anvan)
erase-no = Pa efase
command-start = Fè yon plent
command-help = Èd pou etap sa a
command-language = Chanje lang
command-status = Gade eta plent ou ak resi a
command-cancel = Soti epi efase sa w te ekri
command-delete = Efase konvèsasyon an nan telefòn sa a
stale-menu = Meni sa a pa bon ankò. Reponn dènye kesyon an.
