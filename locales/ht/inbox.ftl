# Tit complaint.md, `buzon inbox pull` ekri yo pou analis yo.
md-title = Plent {$case}
md-filed = Depoze le
md-channel = Kanal
md-language = Lang moun nan
md-violation = Vyolasyon
md-perpetrator = Responsab
md-state = Eta
md-when = Ki lè
md-routed = Voye bay
md-civil-only = Moun nan chwazi sèlman òganizasyon sosyete sivil yo
md-narrative = Istwa (pwòp mo moun nan, san chanjman)
md-reply-key = Kle pou reponn moun nan (age)
md-withdrawn = Moun nan retire plent sa a {$day}. Pa sèvi ak li, pa pataje l; efase l dapre règ konsèvasyon done nou yo.
md-attachments = Fichye
md-file = fichye a jan moun nan te voye l
md-working-copy = kopi pou travay, san metadone (GPS, aparèy, lè)
md-original-evidence = orijinal san chanjman, ak metadone: prèv
