# Buzón — Kreyòl ayisyen: fòmilè entènèt pou kay akèy ki gen yon òdinatè (/shelter). Yon volontè
# kay akèy la ranpli l; moun migran an la, se li ki deside.
# Needs review by a native speaker (Kreyòl) who works with migrants.

web-brand = Buzón · kay akèy
web-language = Lang paj la
web-language-change = Chanje
web-logout = Soti
web-back = Retounen nan fòmilè a
web-choose = Chwazi…

## Antre
web-login-heading = Antre kay akèy la
web-login-intro = Tape kòd aksè fòmilè kay akèy la (moun ki jere Buzón bay li, ak "buzon org token … --scope shelter-form"). Sesyon an dire 8 èdtan nan navigatè sa a, oswa jiskaske ou soti. Anyen nan plent lan pa kenbe anvan ou voye l.
web-login-token = Kòd aksè kay akèy la
web-login-submit = Antre
web-login-bad = Kòd sa a pa bon. Verifye l epi tape l ankò.
web-login-not-shelter = Kòd sa a pa pou yon kay akèy ki ka depoze plent ak moun.
web-login-inbox-token = Sa se kòd bwat kay akèy la (pou telechaje dosye), se pa kòd fòmilè a. Mande moun ki jere Buzón yon kòd fòmilè ("buzon org token … --scope shelter-form").
web-login-slow = Twòp esè. Tann yon minit epi eseye ankò.
web-login-expired = Sesyon an fini oswa li pa valab. Antre ankò ak kòd kay akèy la.

## Premye etap
web-form-heading = Nouvo plent, ak moun nan la
web-form-intro = Ou ranpli fòmilè sa a pou {$shelter}, ak moun nan bò kote w. Li chak kesyon avè l; chak repons se pou li. Anyen pa kenbe anvan ou voye.
web-person-heading = Moun nan
web-present = Moun nan la avè m epi li dakò pou l depoze plent
web-person-language = Lang moun nan (resi li ap ekri nan lang sa a)
web-person-language-other = Yon lòt lang
web-interpreted = Èske ou te entèprete sa moun nan di?
web-story-heading = Sa ki te pase
web-story = Istwa a, ak pwòp mo moun nan
web-story-hint = Sa ki te pase, ki kote, kiyès ki fè l, sa yo te pran. Pa bezwen mete non l la a. Jiska {$max} karaktè.
web-facts-heading = Enfòmasyon yo
web-violation = Ki abi
web-perpetrator = Kiyès ki fè l
web-state = Nan ki eta
web-when = Kilè sa te pase
web-next = Revize anvan ou voye

## Pwoblèm
web-errors = Gen yon bagay ki manke. Verifye:
web-err-present = Make moun nan la epi li dakò. San sa, anyen pa voye.
web-err-person-language = Chwazi lang moun nan (oswa "Yon lòt lang").
web-err-interpreted = Di si ou te entèprete.
web-err-story = Ekri istwa a (jiska {$max} karaktè).
web-err-violation = Chwazi ki abi.
web-err-perpetrator = Chwazi kiyès ki fè l (oswa "Mwen pa konnen").
web-err-state = Chwazi eta a (oswa "Mwen pa konnen").
web-err-when = Chwazi kilè sa te pase.
web-err-choices = Yon repons moun nan manke: kiyès ki resevwa l, kopi kay akèy la, ak done li.
web-err-no-recipients = Ak repons sa yo pèsonn pa ta resevwa plent lan. Chwazi òganis yo, oswa yon kopi pou kay akèy la.
web-err-identity-bodies = Done li ka ale sèlman bay yon komisyon dwa moun, e ak repons sa yo okenn pa resevwa plent lan.
web-err-identity = Pou bay done li, ekri omwen non ak nasyonalite (laj: yon nimewo 1 rive 120, oswa vid).
web-err-identity-in-copy = Di si kopi kay akèy la gen done li tou.
web-err-files = Fichye: jiska {$count} fichye ak {$mb} MB an total; foto (JPEG, PNG, WebP), PDF, odyo oswa videyo. Chwazi fichye yo ankò.

## Revizyon
web-review-heading = Revize ak moun nan epi voye
web-review-intro = Li sa a ak moun nan. Se li ki deside chak repons anba a.
web-send-heading = Kiyès ki resevwa l?
web-send-routed = Òganis ki responsab yo: {$orgs}
web-send-civil = Sosyete sivil sèlman: {$orgs}
web-copy-heading = Èske moun nan vle {$shelter} resevwa yon kopi?
web-identity-heading = Done li
web-identity = Èske moun nan vle bay done li (non, nasyonalite, laj, yon kontak pa mwayen kay akèy la) bay {$orgs}? Yon plent fòmèl devan CNDH bezwen yo. Si li pa vle, plent lan ale san non.
web-identity-hint = Sèlman si li te di wi:
web-identity-name = Non
web-identity-nationality = Nasyonalite
web-identity-age = Laj (ka rete vid)
web-identity-contact = Kijan pou jwenn li pa mwayen kay akèy la (ka rete vid)
web-identity-in-copy = Si {$shelter} resevwa kopi: èske li gen done li tou?
web-files-heading = Fichye (si genyen)
web-files = Foto, dokiman, odyo oswa videyo
web-files-hint = Jiska {$count} fichye ak {$mb} MB an total. Foto yo rive de fwa: yon kopi san done kache (kote, telefòn, lè) ak orijinal la kòm prèv.
web-file = Voye plent lan
web-edit = Chanje repons yo

## Resi
web-receipt-heading = Plent lan voye
web-receipt-volunteer = Enprime oswa kopye resi sa a pou moun nan. Buzón pa kenbe resi a: si li pèdi, yo pa ka jwenn li ankò. Navigatè sa a pa kenbe l nonplis.
web-receipt-print = Pou enprime, sèvi ak "Enprime" nan navigatè a.
web-another = Nouvo plent
web-already-heading = Deja voye
web-already-filed = Fòmilè sa a te deja voye yon fwa; li pa voye ankò. Resi a te parèt premye fwa a.

## Refi
web-refused-heading = Pa posib
web-refused-origin = Demann sa a pa soti nan paj sa a. Anyen pa voye.
web-refused-csrf = Fòmilè a ekspire oswa li pa pou sesyon sa a. Anyen pa voye. Rekòmanse.
web-unavailable = Nou pa t ka voye l kounye a. Anyen pa voye. Eseye ankò nan yon ti moman.
