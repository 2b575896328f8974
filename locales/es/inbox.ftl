# Headings of complaint.md, written by `buzon inbox pull` for analysts.
md-title = Denuncia {$case}
md-filed = Presentada el
md-channel = Canal
md-language = Idioma de la persona
md-violation = Violación
md-perpetrator = Responsable
md-state = Estado
md-when = Cuándo
md-routed = Enviada a
md-civil-only = La persona eligió solo organizaciones civiles
md-narrative = Relato (palabras de la persona, sin cambios)
md-reply-key = Clave para responder a la persona (age)
md-withdrawn = La persona retiró esta denuncia el {$day}. No la use ni la comparta; bórrela de acuerdo con sus reglas de resguardo.
md-attachments = Archivos
md-file = archivo tal como lo envió la persona
md-working-copy = copia de trabajo, sin metadatos (GPS, dispositivo, hora)
md-original-evidence = original intacto, con metadatos: evidencia
