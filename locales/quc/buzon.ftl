# needs review by a native speaker
# K'iche' — partial locale: only the name and a greeting are in K'iche'; every other message
# comes from Spanish. "Utz apetik" = welcome (to someone arriving). Not machine-made: please have
# a K'iche' speaker confirm the wording and spelling before release.

language-name = K'iche'
locale-coverage = partial
locale-order = 6
greeting = Utz apetik. Lo demás sigue en español. Si prefiere hablar, en Telegram puede mandarnos notas de voz.
