# Buzón — Kreyòl ayisyen: enskripsyon kay akèy ak plent akonpaye (se yon volontè kay akèy la
# ki ekri; moun migran an la epi se li ki deside).
# needs review by a native speaker

## Enskripsyon (ALBERGUE <kòd>)
shelter-enrolled = Ou enskri kòm volontè {$volunteer} nan {$shelter}. Pou fè plent ak yon moun, voye NOUVO.
shelter-code-refused = Kòd sa a pa bon: li ekspire oswa li deja sèvi. Mande kay akèy la yon lòt.
assist-not-enrolled = Telefòn sa a pa anrejistre ak yon kay akèy. Pou anrejistre l, mande kay akèy la yon kòd epi voye: ALBERGUE kòd la. Pou fè plent pou tèt ou, rakonte nou sa k te pase.

## Plent akonpaye (NOUVO)
assist-consent = Plent ak {$shelter}. Moun nan la avè w epi li dakò fè plent?
assist-consent-yes = Wi, li la, li dakò
assist-consent-no = Non
assist-declined = Nou pa voye anyen. Voye NOUVO lè moun nan pare.
assist-revoked = Telefòn sa a pa enskri nan kay akèy la ankò. Nou efase plent ki pa t fini an.
person-language-prompt = Ki lang moun nan te pale?
person-language-other = Lòt lang
interpreted-prompt = Ou te entèprete sa l te di?
answer-yes = Wi
answer-no = Non
shelter-copy-prompt = Moun nan vle {$shelter} kenbe yon kopi?
identity-prompt = Yon plent fòmèl bay {$orgs} bezwen non moun nan. Bay non, nasyonalite ak laj li sèlman bay {$orgs}?
identity-give = Wi, bay enfòmasyon l
identity-anonymous = Non, anonim
identity-name-prompt = Ekri non konplè moun nan.
identity-nationality-prompt = Ki nasyonalite li?
identity-age-prompt = Ki laj li? Voye nimewo a, oswa 0 si li pa vle di.
identity-contact-prompt = Kijan pou jwenn li pa mwayen kay akèy la? Ekri l, oswa voye 0 si pa gen.
identity-in-copy-prompt = Kopi {$shelter} la gen enfòmasyon li tou?
confirm-identity = Enfòmasyon li: sèlman {$orgs}.
confirm-anonymous = San non: anonim.
assist-no-files = Pa voye foto ni fichye la a: enfòmasyon yo ekri, epi se sèlman biwo ki chwazi yo ki resevwa yo.
assist-no-recipients = San kopi pou kay akèy la, plent lan pa t ap rive bay pèsonn. Chwazi kiyès pou voye l.
assisted-done = Nou voye plent lan. Pwochen mesaj la se resi moun nan: kopye l sou papye pou li. Apre sa, efase konvèsasyon sa a. NOUVO pou yon lòt moun.
assisted-receipt = Resi plent: {$receipt}. Kenbe l. Pou konnen si yo resevwa l, voye bay {$where} depi nenpòt telefòn: ETA {$receipt_digits}

## Ed
help-assist-consent = Kontinye sèlman si moun nan la avè w epi li vle fè plent. Ak 0, nou pa voye anyen.
help-person-language = Chwazi lang moun nan te pale; y ap ekri resi li nan lang sa a. 0 si se yon lòt.
help-interpreted = Di si ou te tradui sa moun nan te rakonte.
help-shelter-copy = Moun nan deside: ak 1, kay akèy la resevwa kopi pa l; ak 2, li pa wè l.
help-identity-consent = Moun nan deside. Enfòmasyon li ale sèlman bay biwo sa yo, pa janm bay Migrasyon. Ak 2, plent lan anonim.
help-identity-name = Non an jan moun nan vle l parèt.
help-identity-nationality = Peyi moun nan, pa egzanp Ayiti.
help-identity-age = Laj li an ane, oswa 0.
help-identity-contact = Yon fason pou jwenn li pa mwayen kay akèy la, pa janm telefòn li si li pa vle. 0 si pa gen.
help-identity-in-copy = Moun nan deside: ak 1, kopi kay akèy la gen enfòmasyon li; ak 2, non.
