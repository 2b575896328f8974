# Buzón — español: registro de albergues y denuncias con acompañamiento (quien escribe es una
# persona voluntaria del albergue; la persona migrante está presente y decide).

## Registro (ALBERGUE <código>)
shelter-enrolled = Registrado como voluntario {$volunteer} de {$shelter}. Para denunciar con una persona, envíe NUEVA.
shelter-code-refused = Ese código no sirve: pudo vencer o ya se usó. Pida uno nuevo al albergue.
assist-not-enrolled = Este teléfono no está registrado con un albergue. Para registrarlo, pida un código al albergue y envíe: ALBERGUE código. Para denunciar usted, cuéntenos qué pasó.

## Denuncia acompañada (NUEVA)
assist-consent = Denuncia con {$shelter}. ¿La persona está con usted y acepta denunciar?
assist-consent-yes = Sí, está y acepta
assist-consent-no = No
assist-declined = No se envió nada. Envíe NUEVA cuando la persona esté lista.
assist-revoked = Este teléfono ya no está registrado con el albergue. Borramos la denuncia sin terminar.
person-language-prompt = ¿En qué idioma habló la persona?
person-language-other = Otro idioma
interpreted-prompt = ¿Usted interpretó lo que dijo?
answer-yes = Sí
answer-no = No
shelter-copy-prompt = ¿La persona quiere que {$shelter} guarde una copia?
identity-prompt = Una queja formal ante {$orgs} necesita el nombre de la persona. ¿Quiere dar nombre, nacionalidad y edad solo a {$orgs}?
identity-give = Sí, dar sus datos
identity-anonymous = No, anónima
identity-name-prompt = Escriba el nombre completo de la persona.
identity-nationality-prompt = ¿Cuál es su nacionalidad?
identity-age-prompt = ¿Qué edad tiene? Envíe el número, o 0 si prefiere no decir.
identity-contact-prompt = ¿Cómo contactarla por medio del albergue? Escríbalo, o envíe 0 si no hay.
identity-in-copy-prompt = ¿La copia de {$shelter} lleva también sus datos?
confirm-identity = Datos solo a: {$orgs}.
confirm-anonymous = Sin nombre: anónima.
assist-no-files = Aquí no se mandan fotos ni archivos: los datos se escriben, y solo los reciben los órganos elegidos.
assist-no-recipients = Sin copia para el albergue, la denuncia no llegaría a nadie. Elija a quién enviarla.
assisted-done = Denuncia enviada. El mensaje que sigue es el recibo de la persona: cópielo en papel para ella. Luego borre este chat. NUEVA para otra persona.
assisted-receipt = Recibo de denuncia: {$receipt}. Guárdelo. Para saber si la recibieron, envíe desde cualquier teléfono a {$where}: ESTADO {$receipt_digits}

## Ayuda
help-assist-consent = Siga solo si la persona está con usted y quiere denunciar. Con 0 no se envía nada.
help-person-language = Elija el idioma en que habló la persona; su recibo se escribe en ese idioma. 0 si es otro.
help-interpreted = Diga si usted tradujo lo que la persona contó.
help-shelter-copy = Lo decide la persona: con 1 el albergue recibe su propia copia; con 2 no la ve.
help-identity-consent = Lo decide la persona. Sus datos van solo a esos órganos, nunca a Migración. Con 2 la denuncia es anónima.
help-identity-name = El nombre como la persona quiere que aparezca.
help-identity-nationality = El país de la persona, por ejemplo Honduras.
help-identity-age = La edad en años, o 0.
help-identity-contact = Un modo de localizarla por medio del albergue, nunca su teléfono sin que ella quiera. 0 si no hay.
help-identity-in-copy = Lo decide la persona: con 1 la copia del albergue lleva sus datos; con 2 no.
