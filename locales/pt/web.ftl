# Buzón — português: o formulário web dos abrigos com computador (/shelter). Um voluntário do
# abrigo o preenche; a pessoa migrante está presente e decide.

web-brand = Buzón · abrigos
web-language = Idioma da página
web-language-change = Mudar
web-logout = Sair
web-back = Voltar ao formulário
web-choose = Escolha…

## Entrada
web-login-heading = Entrada do abrigo
web-login-intro = Digite o código de acesso ao formulário do abrigo (dado por quem administra o Buzón, com "buzon org token … --scope shelter-form"). A sessão dura 8 horas neste navegador, ou até você sair. Nada da denúncia é guardado até você enviá-la.
web-login-token = Código de acesso do abrigo
web-login-submit = Entrar
web-login-bad = Esse código não serve. Confira e digite de novo.
web-login-not-shelter = Esse código não é de um abrigo autorizado a denunciar com pessoas.
web-login-inbox-token = Esse é o código da caixa do abrigo (para baixar casos), não o do formulário. Peça a quem administra o Buzón um código do formulário ("buzon org token … --scope shelter-form").
web-login-slow = Tentativas demais. Espere um minuto e tente de novo.
web-login-expired = A sessão terminou ou não é válida. Entre de novo com o código do abrigo.

## Primeiro passo
web-form-heading = Nova denúncia, com a pessoa presente
web-form-intro = Você preenche este formulário por {$shelter}, com a pessoa ao seu lado. Leia cada pergunta com ela; cada resposta é dela. Nada é guardado até enviar.
web-person-heading = A pessoa
web-present = A pessoa está aqui comigo e concorda em denunciar
web-person-language = Idioma da pessoa (o recibo dela é escrito nesse idioma)
web-person-language-other = Outro idioma
web-interpreted = Você interpretou o que a pessoa disse?
web-story-heading = O que aconteceu
web-story = A história, com as palavras da pessoa
web-story-hint = O que aconteceu, onde, quem fez, o que levaram. Não precisa pôr o nome dela aqui. Até {$max} caracteres.
web-facts-heading = Os dados do caso
web-violation = Que abuso
web-perpetrator = Quem fez
web-state = Em que estado
web-when = Quando aconteceu
web-next = Revisar antes de enviar

## Problemas
web-errors = Falta algo. Confira:
web-err-present = Marque que a pessoa está presente e de acordo. Sem isso nada é enviado.
web-err-person-language = Escolha o idioma da pessoa (ou "Outro idioma").
web-err-interpreted = Diga se você interpretou.
web-err-story = Escreva a história (até {$max} caracteres).
web-err-violation = Escolha que abuso.
web-err-perpetrator = Escolha quem fez (ou "Não sei").
web-err-state = Escolha o estado (ou "Não sei").
web-err-when = Escolha quando aconteceu.
web-err-choices = Falta uma resposta da pessoa: quem recebe, a cópia do abrigo e os dados dela.
web-err-no-recipients = Com estas respostas ninguém receberia a denúncia. Escolha os órgãos, ou uma cópia para o abrigo.
web-err-identity-bodies = Os dados dela só podem ir a uma comissão de direitos humanos, e com estas respostas nenhuma recebe a denúncia.
web-err-identity = Para dar os dados, escreva pelo menos o nome e a nacionalidade (idade: um número de 1 a 120, ou vazio).
web-err-identity-in-copy = Diga se a cópia do abrigo leva também os dados dela.
web-err-files = Arquivos: até {$count} arquivos e {$mb} MB no total; fotos (JPEG, PNG, WebP), PDF, áudio ou vídeo. Escolha os arquivos de novo.

## Revisão
web-review-heading = Revise com a pessoa e envie
web-review-intro = Leia isto com a pessoa. Ela decide cada resposta abaixo.
web-send-heading = Quem recebe?
web-send-routed = Os órgãos responsáveis: {$orgs}
web-send-civil = Só a sociedade civil: {$orgs}
web-copy-heading = A pessoa quer que {$shelter} receba uma cópia?
web-identity-heading = Os dados dela
web-identity = A pessoa quer dar os dados dela (nome, nacionalidade, idade, um contato pelo abrigo) a {$orgs}? Uma queixa formal à CNDH precisa deles. Se não, a denúncia vai sem nome.
web-identity-hint = Só se ela disse que sim:
web-identity-name = Nome
web-identity-nationality = Nacionalidade
web-identity-age = Idade (pode ficar vazio)
web-identity-contact = Como contatá-la pelo abrigo (pode ficar vazio)
web-identity-in-copy = Se {$shelter} recebe cópia: ela leva também os dados?
web-files-heading = Arquivos (se houver)
web-files = Fotos, documentos, áudio ou vídeo
web-files-hint = Até {$count} arquivos e {$mb} MB no total. As fotos chegam duas vezes: uma cópia sem dados ocultos (lugar, telefone, hora) e o original como prova.
web-file = Enviar a denúncia
web-edit = Mudar respostas

## Recibo
web-receipt-heading = Denúncia enviada
web-receipt-volunteer = Imprima ou copie este recibo para a pessoa. O Buzón não guarda o recibo: se ele se perder, não pode ser recuperado. Este navegador também não o guarda.
web-receipt-print = Para imprimir, use "Imprimir" do navegador.
web-another = Nova denúncia
web-already-heading = Já enviada
web-already-filed = Este formulário já foi enviado uma vez; não foi enviado de novo. O recibo foi mostrado na primeira vez.

## Recusas
web-refused-heading = Não foi possível
web-refused-origin = Este envio não vem desta página. Nada foi enviado.
web-refused-csrf = O formulário expirou ou não é desta sessão. Nada foi enviado. Comece de novo.
web-unavailable = Não foi possível enviar agora. Nada foi enviado. Tente de novo daqui a pouco.
