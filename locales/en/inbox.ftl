# Headings of complaint.md, written by `buzon inbox pull` for analysts.
md-title = Complaint {$case}
md-filed = Filed on
md-channel = Channel
md-language = Reporter's language
md-violation = Violation
md-perpetrator = Perpetrator
md-state = State
md-when = When
md-routed = Sent to
md-civil-only = The reporter chose civil-society organisations only
md-narrative = Story (the reporter's own words, unchanged)
md-reply-key = Key for replies to the reporter (age)
md-withdrawn = The reporter withdrew this complaint on {$day}. Do not use or share it; delete it under your retention rules.
md-attachments = Files
md-file = file as the person sent it
md-working-copy = working copy, metadata (GPS, device, time) removed
md-original-evidence = untouched original, metadata included: evidence
