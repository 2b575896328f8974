# Buzón — français : inscription des refuges et plaintes accompagnées (c'est un bénévole du
# refuge qui écrit ; la personne migrante est présente et décide).

## Inscription (REFUGE <code>)
shelter-enrolled = Inscription faite : bénévole {$volunteer} de {$shelter}. Plainte avec une personne : envoyez NOUVELLE.
shelter-code-refused = Code refusé : expiré ou déjà utilisé. Demandez-en un autre au refuge.
assist-not-enrolled = Ce téléphone n'est pas inscrit auprès d'un refuge. Pour l'inscrire, demandez un code au refuge et envoyez : REFUGE code. Pour porter plainte vous-même, racontez-nous ce qui s'est passé.

## Plainte accompagnée (NOUVELLE)
assist-consent = Plainte avec {$shelter}. La personne est là et veut porter plainte ?
assist-consent-yes = Oui, présente et d'accord
assist-consent-no = Non
assist-declined = Rien n'a été envoyé. Envoyez NOUVELLE quand elle sera prête.
assist-revoked = Ce téléphone n'est plus inscrit au refuge. Nous avons effacé la plainte en cours.
person-language-prompt = Quelle langue a parlé la personne ?
person-language-other = Autre langue
interpreted-prompt = Avez-vous traduit ses paroles ?
answer-yes = Oui
answer-no = Non
shelter-copy-prompt = La personne veut que {$shelter} garde une copie ?
identity-prompt = Une plainte officielle à {$orgs} demande le nom de la personne. Donner nom, nationalité et âge seulement à {$orgs} ?
identity-give = Oui, les donner
identity-anonymous = Non, anonyme
identity-name-prompt = Écrivez le nom complet de la personne.
identity-nationality-prompt = Sa nationalité ?
identity-age-prompt = Son âge ? Envoyez le nombre, ou 0 pour ne pas le dire.
identity-contact-prompt = Comment la joindre par le refuge ? Écrivez-le, ou envoyez 0 si rien.
identity-in-copy-prompt = La copie de {$shelter} contient son identité ?
confirm-identity = Identité seulement à : {$orgs}.
confirm-anonymous = Sans nom : anonyme.
assist-no-files = Pas de photos ni de fichiers ici : les informations s'écrivent, et seuls les organismes choisis les reçoivent.
assist-no-recipients = Sans copie pour le refuge, la plainte n'irait à personne. Choisissez à qui l'envoyer.
assisted-done = Plainte envoyée. Le prochain message est le reçu de la personne : notez-le sur papier pour elle. Puis effacez ce chat. NOUVELLE pour la suivante.
assisted-receipt = Reçu de plainte : {$receipt}. Gardez-le. Pour la suivre, envoyez à {$where}, de n'importe quel téléphone : STATUT {$receipt_digits}

## Aide
help-assist-consent = Continuez si la personne est là et veut porter plainte, sinon 0 : rien ne part.
help-person-language = Choisissez la langue de la personne : son reçu sera écrit dans cette langue. 0 si autre.
help-interpreted = Dites si vous avez traduit son récit.
help-shelter-copy = La personne décide : avec 1, le refuge a sa copie ; avec 2, il ne la voit pas.
help-identity-consent = La personne décide. Son identité ne va qu'à ces organismes, jamais aux services de l'immigration. Avec 2, plainte anonyme.
help-identity-name = Le nom que la personne veut voir écrit.
help-identity-nationality = Son pays, par exemple Honduras.
help-identity-age = Âge en années, ou 0.
help-identity-contact = Un moyen de la joindre par le refuge, jamais son téléphone si elle ne veut pas. 0 si rien.
help-identity-in-copy = La personne décide : avec 1, la copie du refuge a son identité ; avec 2, non.
