# Buzón — English: shelter enrolment and assisted complaints (a shelter volunteer types; the
# migrant is present and decides).

## Enrolment (SHELTER <code>)
shelter-enrolled = Enrolled as volunteer {$volunteer} of {$shelter}. To file with a person, send NEW.
shelter-code-refused = That code does not work: it may have expired or been used. Ask the shelter for a new one.
assist-not-enrolled = This phone is not enrolled with a shelter. To enrol it, ask the shelter for a code and send: SHELTER code. To report for yourself, tell us what happened.

## Assisted complaint (NEW)
assist-consent = Filing with {$shelter}. Is the person with you, and do they agree to file?
assist-consent-yes = Yes, present and agrees
assist-consent-no = No
assist-declined = Nothing was sent. Send NEW when the person is ready.
assist-revoked = This phone is no longer enrolled with the shelter. The unfinished complaint was erased.
person-language-prompt = Which language did the person speak?
person-language-other = Another language
interpreted-prompt = Did you interpret what they said?
answer-yes = Yes
answer-no = No
shelter-copy-prompt = Does the person want {$shelter} to keep a copy?
identity-prompt = A formal complaint to {$orgs} needs the person's name. Give name, nationality and age to {$orgs} only?
identity-give = Yes, give details
identity-anonymous = No, anonymous
identity-name-prompt = Write the person's full name.
identity-nationality-prompt = What is their nationality?
identity-age-prompt = How old are they? Send the number, or 0 to not say.
identity-contact-prompt = How can they be reached through the shelter? Write it, or send 0 if there is no way.
identity-in-copy-prompt = Should the copy for {$shelter} include their details too?
confirm-identity = Their details go only to: {$orgs}.
confirm-anonymous = No name: anonymous.
assist-no-files = No photos or files here: details are typed, and only the chosen bodies get them.
assist-no-recipients = Without the shelter's copy the complaint would reach no one. Choose who gets it.
assisted-done = Complaint sent. The next message is the person's receipt: copy it on paper for them. Then delete this chat. NEW for the next person.
assisted-receipt = Complaint receipt: {$receipt}. Keep it. To know if it was received, send from any phone to {$where}: STATUS {$receipt_digits}

## Help
help-assist-consent = Go on only if the person is with you and wants to file. With 0 nothing is sent.
help-person-language = Choose the language the person spoke; their receipt is written in it. 0 if another.
help-interpreted = Say whether you translated what the person told.
help-shelter-copy = The person decides: with 1 the shelter gets its own copy; with 2 it does not see it.
help-identity-consent = The person decides. Their details go only to those bodies, never to Migration. With 2 the complaint is anonymous.
help-identity-name = The name as the person wants it to appear.
help-identity-nationality = The person's country, for example Honduras.
help-identity-age = Age in years, or 0.
help-identity-contact = A way to reach them through the shelter, never their phone unless they want. 0 if none.
help-identity-in-copy = The person decides: with 1 the shelter's copy carries their details; with 2 it does not.
