# Titres de complaint.md, écrits par `buzon inbox pull` pour les analystes.
md-title = Plainte {$case}
md-filed = Déposée le
md-channel = Canal
md-language = Langue de la personne
md-violation = Violation
md-perpetrator = Responsable
md-state = État
md-when = Quand
md-routed = Envoyée à
md-civil-only = La personne a choisi seulement les organisations de la société civile
md-narrative = Récit (mots de la personne, sans changement)
md-reply-key = Clé pour répondre à la personne (age)
md-withdrawn = La personne a retiré cette plainte le {$day}. Ne l'utilisez pas et ne la partagez pas ; supprimez-la selon vos règles de conservation.
md-attachments = Fichiers
md-file = fichier tel que la personne l'a envoyé
md-working-copy = copie de travail, sans métadonnées (GPS, appareil, heure)
md-original-evidence = original intact, avec métadonnées : preuve
