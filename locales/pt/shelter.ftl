# Buzón — português (do Brasil): cadastro de abrigos e denúncias acompanhadas (quem escreve é
# um voluntário do abrigo; a pessoa migrante está presente e decide).

## Cadastro (ABRIGO <código>)
shelter-enrolled = Cadastrado como voluntário {$volunteer} de {$shelter}. Para denunciar com uma pessoa, envie NOVA.
shelter-code-refused = Esse código não serve: venceu ou já foi usado. Peça outro ao abrigo.
assist-not-enrolled = Este celular não está registrado com um abrigo. Para registrar, peça um código ao abrigo e envie: ABRIGO código. Para denunciar você mesmo, conte o que aconteceu.

## Denúncia acompanhada (NOVA)
assist-consent = Denúncia com {$shelter}. A pessoa está com você e aceita denunciar?
assist-consent-yes = Sim, está e aceita
assist-consent-no = Não
assist-declined = Nada foi enviado. Envie NOVA quando ela estiver pronta.
assist-revoked = Este celular não está mais cadastrado no abrigo. Apagamos a denúncia incompleta.
person-language-prompt = Em que idioma a pessoa falou?
person-language-other = Outro idioma
interpreted-prompt = Você traduziu o que ela disse?
answer-yes = Sim
answer-no = Não
shelter-copy-prompt = A pessoa quer que {$shelter} guarde uma cópia?
identity-prompt = Uma queixa formal a {$orgs} precisa do nome da pessoa. Dar nome, nacionalidade e idade só para {$orgs}?
identity-give = Sim, dar os dados
identity-anonymous = Não, anônima
identity-name-prompt = Escreva o nome completo da pessoa.
identity-nationality-prompt = Qual a nacionalidade dela?
identity-age-prompt = Qual a idade dela? Envie o número, ou 0 para não dizer.
identity-contact-prompt = Como contatar a pessoa pelo abrigo? Escreva, ou envie 0 se não houver.
identity-in-copy-prompt = A cópia de {$shelter} também leva os dados dela?
confirm-identity = Dados dela só para: {$orgs}.
confirm-anonymous = Sem nome: anônima.
assist-no-files = Aqui não se enviam fotos nem arquivos: os dados são escritos, e só os órgãos escolhidos os recebem.
assist-no-recipients = Sem cópia para o abrigo, a queixa não chegaria a ninguém. Escolha para quem enviar.
assisted-done = Denúncia enviada. A próxima mensagem é o recibo da pessoa: copie num papel para ela. Depois apague esta conversa. NOVA para outra pessoa.
assisted-receipt = Recibo da denúncia: {$receipt}. Guarde. Para saber se receberam, envie de qualquer celular para o {$where}: STATUS {$receipt_digits}

## Ajuda
help-assist-consent = Siga só se a pessoa está com você e quer denunciar. Com 0 nada é enviado.
help-person-language = Escolha o idioma em que a pessoa falou; o recibo dela sai nesse idioma. 0 se for outro.
help-interpreted = Diga se você traduziu o que a pessoa contou.
help-shelter-copy = A pessoa decide: com 1 o abrigo recebe a própria cópia; com 2 não recebe.
help-identity-consent = A pessoa decide. Os dados vão só para esses órgãos, nunca para a Migração. Com 2 a denúncia é anônima.
help-identity-name = O nome como a pessoa quer que apareça.
help-identity-nationality = O país da pessoa, por exemplo Honduras.
help-identity-age = A idade em anos, ou 0.
help-identity-contact = Um jeito de achar a pessoa pelo abrigo, nunca o celular dela sem ela querer. 0 se não houver.
help-identity-in-copy = A pessoa decide: com 1 a cópia do abrigo leva os dados dela; com 2 não.
