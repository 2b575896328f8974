# Buzón — español: el formulario web para albergues con computadora (/shelter). Quien lo llena
# es una persona voluntaria del albergue; la persona migrante está presente y decide.

web-brand = Buzón · albergues
web-language = Idioma de la página
web-language-change = Cambiar
web-logout = Salir
web-back = Volver al formulario
web-choose = Elija…

## Entrada
web-login-heading = Entrada del albergue
web-login-intro = Escriba el código de acceso del formulario del albergue (lo da quien administra Buzón con «buzon org token … --scope shelter-form»). La sesión dura 8 horas en este navegador, o hasta que salga. Nada de la denuncia se guarda hasta que usted la envía.
web-login-token = Código de acceso del albergue
web-login-submit = Entrar
web-login-bad = Ese código no sirve. Revíselo y escríbalo otra vez.
web-login-not-shelter = Ese código no es de un albergue registrado para denunciar con personas.
web-login-inbox-token = Ese es el código del buzón del albergue (para descargar casos), no el del formulario. Pida a quien administra Buzón un código del formulario («buzon org token … --scope shelter-form»).
web-login-slow = Demasiados intentos. Espere un minuto y vuelva a intentar.
web-login-expired = La sesión terminó o no es válida. Entre otra vez con el código del albergue.

## Primer paso
web-form-heading = Nueva denuncia con la persona presente
web-form-intro = Usted llena este formulario por {$shelter}, con la persona a su lado. Lea cada pregunta con ella; cada respuesta es suya. Nada se guarda hasta enviar.
web-person-heading = La persona
web-present = La persona está aquí conmigo y está de acuerdo en denunciar
web-person-language = Idioma en que habla la persona (su recibo se escribe en ese idioma)
web-person-language-other = Otro idioma
web-interpreted = ¿Usted interpretó lo que dijo la persona?
web-story-heading = Lo que pasó
web-story = La historia, con las palabras de la persona
web-story-hint = Qué pasó, dónde, quién lo hizo y qué se llevaron. No hace falta poner su nombre aquí. Hasta {$max} caracteres.
web-facts-heading = Los datos
web-violation = Qué abuso
web-perpetrator = Quién lo hizo
web-state = En qué estado
web-when = Cuándo pasó
web-next = Revisar antes de enviar

## Problemas
web-errors = Falta algo. Revise:
web-err-present = Marque que la persona está presente y de acuerdo. Sin eso no se envía nada.
web-err-person-language = Elija el idioma de la persona (u «Otro idioma»).
web-err-interpreted = Diga si usted interpretó.
web-err-story = Escriba la historia (hasta {$max} caracteres).
web-err-violation = Elija qué abuso.
web-err-perpetrator = Elija quién lo hizo (o «No sé»).
web-err-state = Elija el estado (o «No sé»).
web-err-when = Elija cuándo pasó.
web-err-choices = Falta una respuesta de la persona: a quién se envía, la copia del albergue y sus datos.
web-err-no-recipients = Con estas respuestas nadie recibiría la denuncia. Elija los organismos, o una copia para el albergue.
web-err-identity-bodies = Sus datos solo pueden ir a una comisión de derechos humanos, y con estas respuestas ninguna recibe la denuncia.
web-err-identity = Para dar sus datos escriba al menos el nombre y la nacionalidad (edad: un número de 1 a 120, o vacío).
web-err-identity-in-copy = Diga si la copia del albergue lleva también sus datos.
web-err-files = Archivos: hasta {$count} archivos y {$mb} MB en total; fotos (JPEG, PNG, WebP), PDF, audio o video. Elija los archivos otra vez.

## Revisión
web-review-heading = Revise con la persona y envíe
web-review-intro = Lea esto con la persona. Ella decide cada respuesta de abajo.
web-send-heading = ¿A quién se envía?
web-send-routed = A los organismos que corresponden: {$orgs}
web-send-civil = Solo a la sociedad civil: {$orgs}
web-copy-heading = ¿Quiere la persona que {$shelter} reciba una copia?
web-identity-heading = Sus datos
web-identity = ¿Quiere la persona dar sus datos (nombre, nacionalidad, edad, contacto por el albergue) a {$orgs}? Una queja formal ante la CNDH los necesita. Si dice que no, la denuncia va sin nombre.
web-identity-hint = Solo si dijo que sí:
web-identity-name = Nombre
web-identity-nationality = Nacionalidad
web-identity-age = Edad (puede quedar vacío)
web-identity-contact = Cómo contactarla a través del albergue (puede quedar vacío)
web-identity-in-copy = Si {$shelter} recibe copia: ¿lleva también sus datos?
web-files-heading = Archivos (si hay)
web-files = Fotos, documentos, audio o video
web-files-hint = Hasta {$count} archivos y {$mb} MB en total. Las fotos llegan dos veces: una copia sin datos ocultos (lugar, teléfono, hora) y el original como prueba.
web-file = Enviar la denuncia
web-edit = Cambiar respuestas

## Recibo
web-receipt-heading = Denuncia enviada
web-receipt-volunteer = Imprima o copie este recibo para la persona. Buzón no guarda el recibo: si se pierde, no se puede recuperar. Este navegador tampoco lo guarda.
web-receipt-print = Para imprimir, use «Imprimir» del navegador.
web-another = Nueva denuncia
web-already-heading = Ya enviada
web-already-filed = Este formulario ya se envió una vez; no se envió otra. El recibo se mostró la primera vez.

## Rechazos
web-refused-heading = No se pudo
web-refused-origin = Este envío no viene de esta página. No se envió nada.
web-refused-csrf = El formulario caducó o no es de esta sesión. No se envió nada. Vuelva a empezar.
web-unavailable = No se pudo enviar ahora. No se envió nada. Intente de nuevo en un momento.
