# Títulos de complaint.md, escritos por `buzon inbox pull` para os analistas.
md-title = Denúncia {$case}
md-filed = Apresentada em
md-channel = Canal
md-language = Idioma da pessoa
md-violation = Violação
md-perpetrator = Responsável
md-state = Estado
md-when = Quando
md-routed = Enviada para
md-civil-only = A pessoa escolheu só organizações da sociedade civil
md-narrative = Relato (palavras da pessoa, sem mudanças)
md-reply-key = Chave para responder à pessoa (age)
md-withdrawn = A pessoa retirou esta denúncia em {$day}. Não use nem compartilhe; apague conforme suas regras de guarda de dados.
md-attachments = Arquivos
md-file = arquivo como a pessoa enviou
md-working-copy = cópia de trabalho, sem metadados (GPS, aparelho, hora)
md-original-evidence = original intacto, com metadados: prova
