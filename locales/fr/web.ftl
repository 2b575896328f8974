# Buzón — français : le formulaire web des refuges qui ont un ordinateur (/shelter). Un bénévole
# du refuge le remplit ; la personne migrante est présente et décide.

web-brand = Buzón · refuges
web-language = Langue de la page
web-language-change = Changer
web-logout = Se déconnecter
web-back = Retour au formulaire
web-choose = Choisir…

## Connexion
web-login-heading = Connexion du refuge
web-login-intro = Tapez le code d'accès au formulaire du refuge (donné par qui gère Buzón, avec « buzon org token … --scope shelter-form »). La session dure 8 heures dans ce navigateur, ou jusqu'à la déconnexion. Rien de la plainte n'est gardé avant l'envoi.
web-login-token = Code d'accès du refuge
web-login-submit = Entrer
web-login-bad = Ce code ne marche pas. Vérifiez-le et tapez-le de nouveau.
web-login-not-shelter = Ce code n'est pas celui d'un refuge autorisé à porter plainte avec des personnes.
web-login-inbox-token = Ce code est celui de la boîte du refuge (pour télécharger les dossiers), pas celui du formulaire. Demandez à qui gère Buzón un code du formulaire (« buzon org token … --scope shelter-form »).
web-login-slow = Trop d'essais. Attendez une minute et réessayez.
web-login-expired = La session est terminée ou n'est pas valable. Reconnectez-vous avec le code du refuge.

## Première étape
web-form-heading = Nouvelle plainte, avec la personne présente
web-form-intro = Vous remplissez ce formulaire pour {$shelter}, avec la personne à côté de vous. Lisez chaque question avec elle ; chaque réponse est la sienne. Rien n'est gardé avant l'envoi.
web-person-heading = La personne
web-present = La personne est ici avec moi et accepte de porter plainte
web-person-language = Langue de la personne (son reçu est écrit dans cette langue)
web-person-language-other = Une autre langue
web-interpreted = Avez-vous interprété ce que la personne a dit ?
web-story-heading = Ce qui s'est passé
web-story = Le récit, avec les mots de la personne
web-story-hint = Ce qui s'est passé, où, qui l'a fait, ce qui a été pris. Inutile d'écrire son nom ici. Jusqu'à {$max} caractères.
web-facts-heading = Les faits
web-violation = Quel abus
web-perpetrator = Qui l'a fait
web-state = Dans quel État
web-when = Quand c'est arrivé
web-next = Vérifier avant d'envoyer

## Problèmes
web-errors = Il manque quelque chose. Vérifiez :
web-err-present = Cochez que la personne est présente et d'accord. Sans cela, rien n'est envoyé.
web-err-person-language = Choisissez la langue de la personne (ou « Une autre langue »).
web-err-interpreted = Dites si vous avez interprété.
web-err-story = Écrivez le récit (jusqu'à {$max} caractères).
web-err-violation = Choisissez quel abus.
web-err-perpetrator = Choisissez qui l'a fait (ou « Je ne sais pas »).
web-err-state = Choisissez l'État (ou « Je ne sais pas »).
web-err-when = Choisissez quand c'est arrivé.
web-err-choices = Il manque une réponse de la personne : qui reçoit la plainte, la copie du refuge et ses données.
web-err-no-recipients = Avec ces réponses, personne ne recevrait la plainte. Choisissez les organismes, ou une copie pour le refuge.
web-err-identity-bodies = Ses données ne peuvent aller qu'à une commission des droits humains, et avec ces réponses aucune ne reçoit la plainte.
web-err-identity = Pour donner ses données, écrivez au moins le nom et la nationalité (âge : un nombre de 1 à 120, ou vide).
web-err-identity-in-copy = Dites si la copie du refuge contient aussi ses données.
web-err-files = Fichiers : jusqu'à {$count} fichiers et {$mb} Mo en tout ; photos (JPEG, PNG, WebP), PDF, audio ou vidéo. Choisissez de nouveau les fichiers.

## Vérification
web-review-heading = Vérifiez avec la personne et envoyez
web-review-intro = Lisez ceci avec la personne. Elle décide chaque réponse ci-dessous.
web-send-heading = Qui la reçoit ?
web-send-routed = Les organismes compétents : {$orgs}
web-send-civil = La société civile seulement : {$orgs}
web-copy-heading = La personne veut-elle que {$shelter} reçoive une copie ?
web-identity-heading = Ses données
web-identity = La personne veut-elle donner ses données (nom, nationalité, âge, un contact par le refuge) à {$orgs} ? Une plainte formelle à la CNDH en a besoin. Sinon, la plainte part sans nom.
web-identity-hint = Seulement si elle a dit oui :
web-identity-name = Nom
web-identity-nationality = Nationalité
web-identity-age = Âge (peut rester vide)
web-identity-contact = Comment la joindre par le refuge (peut rester vide)
web-identity-in-copy = Si {$shelter} reçoit une copie : contient-elle aussi ses données ?
web-files-heading = Fichiers (s'il y en a)
web-files = Photos, documents, audio ou vidéo
web-files-hint = Jusqu'à {$count} fichiers et {$mb} Mo en tout. Les photos arrivent deux fois : une copie sans données cachées (lieu, téléphone, heure) et l'original comme preuve.
web-file = Envoyer la plainte
web-edit = Modifier les réponses

## Reçu
web-receipt-heading = Plainte envoyée
web-receipt-volunteer = Imprimez ou recopiez ce reçu pour la personne. Buzón ne garde pas le reçu : perdu, il ne peut pas être retrouvé. Ce navigateur ne le garde pas non plus.
web-receipt-print = Pour imprimer, utilisez « Imprimer » du navigateur.
web-another = Nouvelle plainte
web-already-heading = Déjà envoyée
web-already-filed = Ce formulaire a déjà été envoyé une fois ; il n'a pas été envoyé de nouveau. Le reçu a été montré la première fois.

## Refus
web-refused-heading = Impossible
web-refused-origin = Cette demande ne vient pas de cette page. Rien n'a été envoyé.
web-refused-csrf = Le formulaire a expiré ou n'est pas de cette session. Rien n'a été envoyé. Recommencez.
web-unavailable = L'envoi n'a pas pu se faire maintenant. Rien n'a été envoyé. Réessayez dans un moment.
