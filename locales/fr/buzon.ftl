# Buzón — français. Les messages partent par SMS : courts, clairs, sans mots compliqués.
# Le code remplace les accents hors GSM-7 (â, ê, î, ô, û, ç…) : pas d'espace insécable.
# Mots que la personne peut taper : SORTIR (ou EXIT), AIDE (ou HELP), STATUT (ou STATUS), LANGUE.

language-name = Français
locale-order = 4

## Langue
language-prompt = Buzón : plaintes sûres. Choisissez votre langue / Elija su idioma :

## Consentement
consent = Buzón envoie votre plainte au bureau qui surveille les agents de l'immigration, à la CNDH (droits humains), aux procureurs et aux refuges. Jamais à l'immigration. Nous ne gardons ni votre numéro ni votre nom. L'opérateur (ou Telegram) voit que vous nous avez écrit. Qui a votre téléphone peut lire ces messages : effacez-les. Aide : AIDE.
consent-continue = Continuer
consent-language = Changer de langue
consent-leave = Sortir et tout effacer

## Récit
story-prompt = Racontez ce qui s'est passé, avec vos mots. Vous pouvez envoyer plusieurs messages. Quand vous avez fini, envoyez 1.
story-have = Nous avons déjà votre message. Ajoutez-en d'autres si vous voulez, ou envoyez 1 pour continuer.
story-more = Bien reçu. Ajoutez plus, ou envoyez 1 pour continuer.
story-empty = Dites-nous d'abord ce qui s'est passé.
story-full = Votre récit est long. Envoyez 1 pour continuer.

## Type d'abus
violation-prompt = Que s'est-il passé ? Envoyez le numéro :
violation-1 = Vol
violation-2 = Extorsion ou argent exigé
violation-3 = Coups ou blessures
violation-4 = Enlèvement ou enfermement
violation-5 = Arrestation sans raison
violation-6 = Violence ou harcèlement sexuel
violation-7 = Torture ou cruauté
violation-8 = Menaces
violation-9 = Mauvaises conditions, sans soins
violation-10 = Papiers pris, asile refusé, renvoi illégal
violation-11 = Insultes ou discrimination
violation-12 = Traite ou travail forcé
violation-13 = Personne disparue
violation-14 = Meurtre
violation-15 = Autre abus d'autorité

## Responsable
perpetrator-prompt = Qui l'a fait ? Envoyez le numéro :
perpetrator-1 = Agents de l'immigration (INM)
perpetrator-2 = Garde nationale
perpetrator-3 = Armée ou Marine
perpetrator-4 = Police de l'État ou police d'enquête
perpetrator-5 = Police municipale ou de la circulation
perpetrator-6 = Autre fonctionnaire
perpetrator-7 = Sécurité privée ou du train
perpetrator-8 = Crime organisé
perpetrator-9 = Passeur, bandit ou autre personne
perpetrator-0 = Je ne sais pas

## Lieu
state-prompt = Dans quel État ça s'est passé ? Envoyez le numéro :
state-unknown = Je ne sais pas / autre
state-footer = Ou écrivez le nom de l'État.
state-AGU = Aguascalientes
state-BCN = Baja California
state-BCS = Baja California Sur
state-CAM = Campeche
state-CHP = Chiapas
state-CHH = Chihuahua
state-CMX = Ville de Mexico
state-COA = Coahuila
state-COL = Colima
state-DUR = Durango
state-GUA = Guanajuato
state-GRO = Guerrero
state-HID = Hidalgo
state-JAL = Jalisco
state-MEX = État de Mexico
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

## Quand
when-prompt = Quand est-ce que ça s'est passé ?
when-1 = Aujourd'hui ou hier
when-2 = Cette semaine
when-3 = Ce mois-ci
when-4 = Avant / je ne sais

## Destinataires
recipients-prompt = Votre plainte ira à : {$orgs}.
recipients-send = Leur envoyer
recipients-civil = Seulement aux associations civiles

## Confirmer
confirm-summary = Quoi : {$violation}. Qui : {$perpetrator}. Où : {$state}. Quand : {$when}. Récit : {$words} mots. Pour : {$orgs}.
confirm-send = Envoyer
confirm-restart = Recommencer
confirm-cancel = Annuler et effacer

## Fini
done = Plainte envoyée. Votre reçu : {$receipt}. Notez-le sur papier, sans votre nom. Pour savoir si elle est arrivée, envoyez à {$where} : STATUT {$receipt_digits}

## À tout moment
bye = Nous avons effacé votre conversation. Vous pouvez nous écrire de nouveau quand vous voulez.
invalid = Nous n'avons pas compris.
unreadable = Illisible. Renvoyez-le.
too-long = Trop long : coupez-le.
erase-confirm = Tout effacer ? Envoyez 0 encore. Sinon, répondez à la question.

## Aide (AIDE)
help-start = Buzón reçoit les plaintes pour des abus contre les migrants. Répondez avec le numéro de votre choix. SORTIR efface tout.
help-language = Envoyez le numéro de votre langue.
help-consent = Avec 1, vous continuez et vous racontez ce qui s'est passé. Rien n'est envoyé avant votre accord à la fin. SORTIR efface tout.
help-story = Écrivez ce qui s'est passé : qui, ce qu'il a fait, où. Ne mettez pas votre nom. Envoyez 1 quand vous avez fini.
help-violation = Choisissez le numéro qui dit le mieux l'abus. S'il y en a eu plusieurs, choisissez le plus grave et racontez le reste dans votre récit.
help-perpetrator = Choisissez qui l'a fait. Si vous ne savez pas, envoyez 0.
help-state = Choisissez l'État où ça s'est passé, écrivez son nom, ou envoyez 0 si vous ne savez pas.
help-when = Choisissez quand ça s'est passé, à peu près.
help-recipients = Avec 1, la plainte va à ces organismes. Avec 2, elle va seulement aux associations civiles, qui peuvent vous accompagner.
help-confirm = Avec 1, la plainte part et vous recevez un reçu. Avec 2, vous recommencez. Avec 0, tout est effacé.

## Statut (STATUT <reçu>)
status-bad-receipt = Envoyez STATUT et les 16 chiffres de votre reçu.
status-unknown = Nous n'avons pas trouvé ce reçu. Vérifiez les chiffres.
status-header = Votre plainte :
status-delivered = {$org} : arrivée le {$day}, pas encore ouverte.
status-received = {$org} : reçue le {$day}.

## Trop de messages
rate-limited = Vous avez envoyé beaucoup de messages d'un coup. Attendez quelques minutes puis écrivez encore. Ce que vous avez déjà envoyé est gardé.

## Retirer (RETIRER <reçu>)
withdraw-done = Votre plainte est retirée. Ce que personne n'avait encore ouvert est effacé. Ceux qui l'avaient déjà sauront que vous l'avez retirée. Votre reçu ne marche plus.
withdraw-bad-receipt = Envoyez RETIRER et les 16 chiffres de votre reçu.

## Telegram
telegram-unsupported = Je peux lire le texte, les messages vocaux, les photos, les documents et les vidéos. Envoyez votre message autrement.
telegram-edited = Je ne lis pas les messages modifiés. Envoyez la correction dans un nouveau message.
attachment-received = Bien reçu : { $kind }.
attachment-full = Nous avons déjà tous les fichiers possibles pour une plainte.
attachment-too-large = Ce fichier est trop gros (20 Mo au maximum). Envoyez-en un plus petit.
attachment-type = Nous ne pouvons pas recevoir ce type de fichier. Envoyez du texte, un message vocal, une photo, une vidéo ou un PDF.
attachment-failed = Nous n'avons pas pu recevoir votre fichier. Envoyez-le encore, s'il vous plaît.
attachment-kind-voice = message vocal
attachment-kind-audio = audio
attachment-kind-photo = photo
attachment-kind-video = vidéo
attachment-kind-document = document
confirm-attachments = Fichiers : { $count } × { $kind }
erase-offer = On efface cette conversation de votre téléphone ? Si quelqu'un le regarde, il ne la verra pas.
erase-keep-receipt = Tout effacer sauf le reçu
erase-all = Tout effacer (notez le reçu avant)
erase-no = Ne pas effacer
command-start = Faire une plainte
command-help = Aide pour cette étape
command-language = Changer de langue
command-status = Suivre votre plainte avec le reçu
command-cancel = Sortir et effacer ce que vous avez écrit
command-delete = Effacer la conversation de ce téléphone
stale-menu = Ce menu ne marche plus. Répondez à la dernière question.
