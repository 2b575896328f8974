# Buzón — English: the web form for shelters with a computer (/shelter). A shelter volunteer
# fills it in; the migrant is present and decides.

web-brand = Buzón · shelters
web-language = Page language
web-language-change = Change
web-logout = Log out
web-back = Back to the form
web-choose = Choose…

## Login
web-login-heading = Shelter login
web-login-intro = Type the shelter's web form access code (given by whoever runs Buzón, with "buzon org token … --scope shelter-form"). The session lasts 8 hours in this browser, or until you log out. Nothing of a complaint is stored until you file it.
web-login-token = Shelter access code
web-login-submit = Log in
web-login-bad = That code does not work. Check it and type it again.
web-login-not-shelter = That code is not a shelter's that may file with people.
web-login-inbox-token = That is the shelter's inbox code (for downloading cases), not the web form's. Ask whoever runs Buzón for a web form code ("buzon org token … --scope shelter-form").
web-login-slow = Too many tries. Wait a minute and try again.
web-login-expired = The session ended or is not valid. Log in again with the shelter's code.

## First step
web-form-heading = New complaint, with the person present
web-form-intro = You fill in this form for {$shelter}, with the person beside you. Read each question with them; every answer is theirs. Nothing is stored until you file.
web-person-heading = The person
web-present = The person is here with me and agrees to file
web-person-language = The person's language (their receipt is written in it)
web-person-language-other = Another language
web-interpreted = Did you interpret what the person said?
web-story-heading = What happened
web-story = The story, in the person's words
web-story-hint = What happened, where, who did it, what was taken. No need to put their name here. Up to {$max} characters.
web-facts-heading = The facts
web-violation = What abuse
web-perpetrator = Who did it
web-state = In which state
web-when = When it happened
web-next = Review before filing

## Problems
web-errors = Something is missing. Please check:
web-err-present = Tick that the person is present and agrees. Without it nothing is sent.
web-err-person-language = Choose the person's language (or "Another language").
web-err-interpreted = Say whether you interpreted.
web-err-story = Write the story (up to {$max} characters).
web-err-violation = Choose what abuse.
web-err-perpetrator = Choose who did it (or "Don't know").
web-err-state = Choose the state (or "Don't know").
web-err-when = Choose when it happened.
web-err-choices = One of the person's answers is missing: who receives it, the shelter's copy, and their details.
web-err-no-recipients = With these answers nobody would receive the complaint. Choose the bodies, or a copy for the shelter.
web-err-identity-bodies = Their details can only go to a human-rights commission, and with these answers none receives the complaint.
web-err-identity = To give their details, write at least the name and nationality (age: a number from 1 to 120, or empty).
web-err-identity-in-copy = Say whether the shelter's copy carries their details too.
web-err-files = Files: up to {$count} files and {$mb} MB in all; pictures (JPEG, PNG, WebP), PDF, audio or video. Choose the files again.

## Review
web-review-heading = Review with the person and file
web-review-intro = Read this with the person. They decide every answer below.
web-send-heading = Who receives it?
web-send-routed = The bodies responsible: {$orgs}
web-send-civil = Civil society only: {$orgs}
web-copy-heading = Does the person want {$shelter} to receive a copy?
web-identity-heading = Their details
web-identity = Does the person want to give their details (name, nationality, age, a contact through the shelter) to {$orgs}? A formal complaint to the CNDH needs them. If not, the complaint goes without a name.
web-identity-hint = Only if they said yes:
web-identity-name = Name
web-identity-nationality = Nationality
web-identity-age = Age (may stay empty)
web-identity-contact = How to reach them through the shelter (may stay empty)
web-identity-in-copy = If {$shelter} receives a copy: does it carry their details too?
web-files-heading = Files (if any)
web-files = Pictures, documents, audio or video
web-files-hint = Up to {$count} files and {$mb} MB in all. Pictures arrive twice: a copy without hidden data (place, phone, time) and the original as evidence.
web-file = File the complaint
web-edit = Change answers

## Receipt
web-receipt-heading = Complaint filed
web-receipt-volunteer = Print or copy this receipt for the person. Buzón does not keep the receipt: if it is lost it cannot be recovered. This browser does not keep it either.
web-receipt-print = To print, use the browser's "Print".
web-another = New complaint
web-already-heading = Already filed
web-already-filed = This form was already filed once; it was not filed again. The receipt was shown the first time.

## Refusals
web-refused-heading = Not possible
web-refused-origin = This request does not come from this page. Nothing was sent.
web-refused-csrf = The form expired or belongs to another session. Nothing was sent. Please start again.
web-unavailable = It could not be filed now. Nothing was sent. Try again in a moment.
