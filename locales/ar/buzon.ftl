# Buzón — العربية. Arabic cannot be folded into GSM-7: every reply travels as UCS-2, and three
# SMS segments hold only 201 UTF-16 characters, menu lines included. Keep every text terse.
# The command words are the Latin ones (a phone may lack an Arabic keyboard):
# EXIT, HELP, STATUS, LANG. Menu state names are the short Latin names seen on signs, so the
# reporter can also type them.
# needs review by a native speaker (wording chosen for terseness).

language-name = العربية
locale-order = 8

## اللغة
language-prompt = خدمة Buzón للشكاوى الآمنة. اختر لغتك / Elija su idioma:

## الموافقة
consent = لرقابة موظفي الهجرة وحقوق الإنسان والنيابة والمآوي، لا لسلطات الهجرة. لا نحفظ رقمك أو اسمك. شركة الهاتف ترى أنك راسلتنا. احذف الرسائل. مساعدة: مساعدة
consent-continue = متابعة
consent-language = اللغة
consent-leave = خروج ومسح

## القصة
story-prompt = اكتب ما حدث بكلماتك. يمكنك إرسال عدة رسائل. عندما تنتهي أرسل 1.
story-have = وصلتنا رسالتك. أضف المزيد إن أردت، أو أرسل 1 للمتابعة.
story-more = وصلت. أضف المزيد، أو أرسل 1 للمتابعة.
story-empty = اكتب ما حدث أولا.
story-full = قصتك طويلة. أرسل 1.

## نوع الإساءة
violation-prompt = ماذا حدث؟
violation-1 = سرقة
violation-2 = ابتزاز
violation-3 = ضرب
violation-4 = خطف
violation-5 = احتجاز تعسفي
violation-6 = عنف جنسي
violation-7 = تعذيب
violation-8 = تهديد
violation-9 = ظروف سيئة/بلا علاج
violation-10 = أوراق/لجوء/ترحيل
violation-11 = إهانة/تمييز
violation-12 = اتجار/سخرة
violation-13 = مفقود
violation-14 = قتل
violation-15 = تعسف آخر

## المسؤول
perpetrator-prompt = من فعلها؟
perpetrator-1 = الهجرة (INM)
perpetrator-2 = الحرس الوطني
perpetrator-3 = الجيش/البحرية
perpetrator-4 = شرطة الولاية
perpetrator-5 = شرطة البلدية/المرور
perpetrator-6 = موظف آخر
perpetrator-7 = أمن خاص/القطار
perpetrator-8 = عصابات/جريمة منظمة
perpetrator-9 = مهرب أو لص أو غيره
perpetrator-0 = لا أعرف

## المكان
state-prompt = أين حدث؟
state-unknown = لا أعرف
state-footer = أو اكتب الاسم
state-AGU = Aguascalientes
state-BCN = Baja Cal.
state-BCS = Baja Cal. Sur
state-CAM = Campeche
state-CHP = Chiapas
state-CHH = Chihuahua
state-CMX = CDMX
state-COA = Coahuila
state-COL = Colima
state-DUR = Durango
state-GUA = Guanajuato
state-GRO = Guerrero
state-HID = Hidalgo
state-JAL = Jalisco
state-MEX = Edomex
state-MIC = Michoacán
state-MOR = Morelos
state-NAY = Nayarit
state-NLE = N. León
state-OAX = Oaxaca
state-PUE = Puebla
state-QUE = Querétaro
state-ROO = Quintana Roo
state-SLP = SLP
state-SIN = Sinaloa
state-SON = Sonora
state-TAB = Tabasco
state-TAM = Tamaulipas
state-TLA = Tlaxcala
state-VER = Veracruz
state-YUC = Yucatán
state-ZAC = Zacatecas

## متى
when-prompt = متى حدث ذلك؟
when-1 = اليوم أو أمس
when-2 = هذا الأسبوع
when-3 = هذا الشهر
when-4 = قبل/لا أعرف

## الجهات
recipients-prompt = ستذهب شكواك إلى: {$orgs}.
recipients-send = أرسلها لهم
recipients-civil = للمنظمات المدنية فقط

## التأكيد
confirm-summary = ماذا: {$violation}. من: {$perpetrator}. أين: {$state}. متى: {$when}.
confirm-send = إرسال
confirm-restart = من جديد
confirm-cancel = إلغاء ومسح

## تم
done = أرسلنا شكواك. إيصالك:
    {"\u2066"}{$receipt}{"\u2069"}
    اكتبه على ورقة دون اسمك. لتعرف هل وصلت، أرسل إلى {"\u2066"}{$where}{"\u2069"} بالإنجليزية:
    {"\u2066"}STATUS {$receipt_digits}{"\u2069"}

## في أي وقت
bye = مسحنا المحادثة. يمكنك الكتابة لنا مجددا متى شئت.
invalid = لم نفهم ردك.
unreadable = تعذرت قراءة رسالتك.
too-long = رسالتك طويلة، قسمها.
erase-confirm = مسح كل شيء؟ أرسل 0 مرة أخرى. وإلا فأجب عن السؤال.

## المساعدة (HELP)
help-start = نستقبل شكاوى الإساءة للمهاجرين. أجب برقم الخيار. لمسح كل شيء اكتب بالإنجليزية: EXIT
help-language = أرسل رقم لغتك.
help-consent = أرسل 1 لتكتب ما حدث. لا نرسل شيئا قبل أن تؤكد في النهاية. لمسح كل شيء اكتب: EXIT
help-story = اكتب ما حدث: من فعل، ماذا فعل، وأين. لا تكتب اسمك. أرسل 1 عندما تنتهي.
help-violation = اختر الرقم الأقرب لما حدث. إن حدث أكثر من أمر، اختر الأخطر واكتب الباقي في قصتك.
help-perpetrator = اختر من فعلها. إن لم تعرف، أرسل 0.
help-state = اختر الولاية، أو اكتب اسمها، أو أرسل 0 إن لم تعرف.
help-when = اختر متى حدث ذلك تقريبا.
help-recipients = أرسل 1 لتذهب الشكوى لهذه الجهات، أو 2 لتذهب للمنظمات المدنية فقط، ويمكنها أن تساعدك.
help-confirm = أرسل 1 لإرسال الشكوى وأخذ إيصال، أو 2 للبدء من جديد، أو 0 للمسح.

## الحالة (STATUS)
status-bad-receipt = أرسل كلمة STATUS بالإنجليزية ثم أرقام إيصالك الـ16.
status-unknown = لم نجد هذا الإيصال. تأكد من الأرقام.
status-header = شكواك:
status-delivered = {$org}: وصلت {$day}، لم تُفتح بعد
status-received = {$org}: استلموها {$day}

## رسائل كثيرة
rate-limited = وصلتنا رسائل كثيرة منك. انتظر دقائق ثم اكتب مجددا. ما أرسلته محفوظ.

## سحب الشكوى (WITHDRAW)
withdraw-done = سحبنا شكواك ومسحنا ما لم يستلمه أحد. من استلمها سيعرف أنك سحبتها. إيصالك لم يعد يعمل.
withdraw-bad-receipt = أرسل كلمة WITHDRAW بالإنجليزية ثم أرقام إيصالك الـ16.

## Telegram
telegram-unsupported = أستطيع قراءة النص والرسائل الصوتية والصور والمستندات والفيديو. أرسل رسالتك بطريقة أخرى.
telegram-edited = لا أقرأ الرسائل المعدّلة. أرسل التصحيح في رسالة جديدة.
attachment-received = استلمنا: { $kind }.
attachment-full = لدينا الآن أكبر عدد ممكن من الملفات للشكوى الواحدة.
attachment-too-large = هذا الملف كبير جدا (الحد 20 ميغابايت). أرسل ملفا أصغر.
attachment-type = لا نستطيع استلام هذا النوع من الملفات. أرسل نصا أو رسالة صوتية أو صورة أو فيديو أو ملف PDF.
attachment-failed = لم نستطع استلام ملفك. أرسله مرة أخرى من فضلك.
attachment-kind-voice = رسالة صوتية
attachment-kind-audio = ملف صوتي
attachment-kind-photo = صورة
attachment-kind-video = فيديو
attachment-kind-document = مستند
confirm-attachments = الملفات: { $count } × { $kind }
erase-offer = هل نمسح هذه المحادثة من هاتفك؟ إن فتّش أحد هاتفك فلن يراها.
erase-keep-receipt = مسح كل شيء ما عدا الإيصال
erase-all = مسح كل شيء (اكتب الإيصال قبل ذلك)
erase-no = لا، لا تمسح
command-start = تقديم شكوى
command-help = مساعدة في هذه الخطوة
command-language = تغيير اللغة
command-status = معرفة حالة الشكوى بالإيصال
command-cancel = الخروج ومسح ما كتبته
command-delete = مسح المحادثة من هذا الهاتف
stale-menu = هذه القائمة لم تعد صالحة. أجب عن آخر سؤال.
