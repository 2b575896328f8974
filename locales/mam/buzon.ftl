# needs review by a native speaker
# Mam — partial locale: only the name and a greeting are in Mam; every other message comes from
# Spanish. "Tz'oka" = come in / welcome (Mam varies a lot from town to town; please have a Mam
# speaker confirm the word and spelling, or replace it with the greeting of the main variant).

language-name = Mam
locale-coverage = partial
locale-order = 7
greeting = Tz'oka. Lo demás sigue en español. Si prefiere hablar, en Telegram puede mandarnos notas de voz.
