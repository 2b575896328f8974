# Buzón — English. Messages travel by SMS: short, plain, no jargon. See locales/README.md.

language-name = English
locale-order = 2

## Language
language-prompt = Buzón: safe complaints. Elija su idioma / Choose your language:

## Consent
consent = Buzón sends your complaint to the office that watches migration agents, the national human-rights commission, prosecutors and shelters. Never to Migration. We keep neither your number nor your name. The phone company (or Telegram) does see that you wrote to us. Anyone holding your phone can read these messages: delete them. Help: send HELP.
consent-continue = Continue
consent-language = Change language
consent-leave = Leave and erase

## Story
story-prompt = Tell us what happened, in your own words. You can send several messages. When you are done, send 1.
story-have = We have your message. Add more if you like, or send 1 to go on.
story-more = Received. Add more, or send 1 to go on.
story-empty = First tell us what happened.
story-full = Your story is already long. Send 1 to go on.

## Kind of abuse
violation-prompt = What happened? Send the number:
violation-1 = Robbery or theft
violation-2 = Extortion or bribe
violation-3 = Beating or injury
violation-4 = Kidnapping or locked up
violation-5 = Arbitrary detention
violation-6 = Sexual abuse or harassment
violation-7 = Torture or cruel treatment
violation-8 = Threats
violation-9 = Bad detention conditions, no medical care
violation-10 = Papers taken, asylum denied, deported
violation-11 = Insults or discrimination
violation-12 = Trafficking or forced labour
violation-13 = Missing person
violation-14 = Killing
violation-15 = Other abuse of authority

## Perpetrator
perpetrator-prompt = Who did it? Send the number:
perpetrator-1 = Migration agents (INM)
perpetrator-2 = National Guard
perpetrator-3 = Army or Navy
perpetrator-4 = State or investigative police
perpetrator-5 = Municipal or traffic police
perpetrator-6 = Other official
perpetrator-7 = Private or railway security
perpetrator-8 = Organised crime
perpetrator-9 = Smuggler, robber or other person
perpetrator-0 = I don't know

## Place
state-prompt = In which state did it happen? Send the number:
state-unknown = I don't know / other
state-footer = Or write the name of the state.
state-AGU = Aguascalientes
state-BCN = Baja California
state-BCS = Baja California Sur
state-CAM = Campeche
state-CHP = Chiapas
state-CHH = Chihuahua
state-CMX = Mexico City
state-COA = Coahuila
state-COL = Colima
state-DUR = Durango
state-GUA = Guanajuato
state-GRO = Guerrero
state-HID = Hidalgo
state-JAL = Jalisco
state-MEX = State of Mexico
state-MIC = Michoacán
state-MOR = Morelos
state-NAY = Nayarit
state-NLE = Nuevo León
state-OAX = Oaxaca
state-PUE = Puebla
state-QUE = Querétaro
state-ROO = Quintana Roo
state-SLP = San Luis Potosí
state-SIN = Sinaloa
state-SON = Sonora
state-TAB = Tabasco
state-TAM = Tamaulipas
state-TLA = Tlaxcala
state-VER = Veracruz
state-YUC = Yucatán
state-ZAC = Zacatecas

## When
when-prompt = When did it happen?
when-1 = Today or yesterday
when-2 = This week
when-3 = This month
when-4 = Earlier / not sure

## Recipients
recipients-prompt = Your complaint will go to: {$orgs}.
recipients-send = Send it to them
recipients-civil = Only civil-society organisations

## Confirm
confirm-summary = What: {$violation}. Who: {$perpetrator}. Where: {$state}. When: {$when}. Story: {$words} words. To: {$orgs}.
confirm-send = Send
confirm-restart = Start again
confirm-cancel = Cancel and erase

## Done
done = Complaint sent. Your receipt: {$receipt}. Write it on paper, not with your name. To check whether it was received, send to {$where}: STATUS {$receipt_digits}

## At any step
bye = We erased your conversation. You can write again at any time.
invalid = We did not understand.
unreadable = We could not read that. Try again.
too-long = Too long: send it in parts.
erase-confirm = Erase everything? Send 0 again. If not, answer the question.

## Help (HELP)
help-start = Buzón takes complaints about abuse of migrants. Answer with the number of an option. EXIT erases everything.
help-language = Send the number of your language.
help-consent = Send 1 to go on and tell what happened. Nothing is sent until you confirm at the end. EXIT erases everything.
help-story = Write what happened: who, what they did, where. Do not write your name. Send 1 when done.
help-violation = Choose the number that best describes the abuse. If there were several, choose the worst and tell the rest in your story.
help-perpetrator = Choose who did it. If you do not know, send 0.
help-state = Choose the state where it happened, write its name, or send 0 if you do not know.
help-when = Choose roughly when it happened.
help-recipients = With 1 the complaint goes to those bodies. With 2 it goes only to civil-society organisations, which can support you.
help-confirm = With 1 it is sent and you get a receipt. With 2 you start again. With 0 it is erased.

## Status (STATUS <receipt>)
status-bad-receipt = Send STATUS and the 16 digits of your receipt.
status-unknown = We found no case with that receipt. Please check the digits.
status-header = Your complaint:
status-delivered = {$org}: delivered on {$day}, not opened yet.
status-received = {$org}: received on {$day}.

## Withdraw (WITHDRAW <receipt>)
withdraw-done = Your complaint is withdrawn. What nobody had opened is erased; bodies that already had it will know you withdrew it. Your receipt no longer works.
withdraw-bad-receipt = Send WITHDRAW and the 16 digits of your receipt.

## Too many messages
rate-limited = We got many messages from you in a row. Please wait a few minutes and write again; what you sent is saved.
## Telegram
telegram-unsupported = I can read text, voice notes, photos, documents and videos. Please send your message another way.
telegram-edited = I do not read edited messages. Send the correction as a new message.
attachment-received = Received: { $kind }.
attachment-full = We already have as many files as fit in one complaint.
attachment-too-large = That file is too large (20 MB at most). Please send a smaller one.
attachment-type = We cannot take that kind of file. Send text, a voice note, a photo, a video or a PDF.
attachment-failed = We could not receive your file. Please send it again.
attachment-kind-voice = voice note
attachment-kind-audio = audio
attachment-kind-photo = photo
attachment-kind-video = video
attachment-kind-document = document
confirm-attachments = Files: { $count } × { $kind }
erase-offer = Shall we erase this conversation from your phone? If someone checks it, it will not be there.
erase-keep-receipt = Erase all but the receipt
erase-all = Erase everything (write the receipt down first)
erase-no = Do not erase
command-start = Start a complaint
command-help = Help with this step
command-language = Change language
command-status = Check a case with your receipt
command-cancel = Leave and erase what you wrote
command-delete = Erase this conversation from this phone
stale-menu = That menu is no longer valid. Please answer the last question.
