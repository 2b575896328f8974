# Buzón — العربية: استمارة الويب للمآوي التي لديها حاسوب (/shelter). يملؤها متطوع من
# المأوى؛ الشخص المهاجر حاضر وهو من يقرر.
# Needs review by a native speaker (Arabic) who works with migrants.

web-brand = Buzón · المآوي
web-language = لغة الصفحة
web-language-change = تغيير
web-logout = خروج
web-back = العودة إلى الاستمارة
web-choose = اختر…

## الدخول
web-login-heading = دخول المأوى
web-login-intro = اكتب رمز الدخول إلى استمارة المأوى (يعطيه من يدير Buzón بالأمر "buzon org token … --scope shelter-form"). تدوم الجلسة 8 ساعات في هذا المتصفح، أو حتى تخرج. لا يُحفظ شيء من الشكوى قبل إرسالها.
web-login-token = رمز دخول المأوى
web-login-submit = دخول
web-login-bad = هذا الرمز لا يعمل. تحقق منه واكتبه مرة أخرى.
web-login-not-shelter = هذا الرمز ليس لمأوى مسموح لها بتقديم الشكاوى مع الأشخاص.
web-login-inbox-token = هذا رمز صندوق المأوى (لتنزيل القضايا)، وليس رمز الاستمارة. اطلب ممن يدير Buzón رمزًا للاستمارة ("buzon org token … --scope shelter-form").
web-login-slow = محاولات كثيرة. انتظر دقيقة ثم حاول مرة أخرى.
web-login-expired = انتهت الجلسة أو أنها غير صالحة. ادخل مرة أخرى برمز المأوى.

## الخطوة الأولى
web-form-heading = شكوى جديدة، والشخص حاضر
web-form-intro = تملأ هذه الاستمارة باسم {$shelter}، والشخص بجانبك. اقرأ كل سؤال معه؛ كل جواب هو جوابه. لا يُحفظ شيء قبل الإرسال.
web-person-heading = الشخص
web-present = الشخص هنا معي وموافق على تقديم الشكوى
web-person-language = لغة الشخص (يُكتب إيصاله بهذه اللغة)
web-person-language-other = لغة أخرى
web-interpreted = هل ترجمت ما قاله الشخص؟
web-story-heading = ماذا حدث
web-story = القصة بكلمات الشخص نفسه
web-story-hint = ماذا حدث، وأين، ومن فعله، وماذا أُخذ. لا حاجة لكتابة اسمه هنا. حتى {$max} حرف.
web-facts-heading = المعلومات
web-violation = نوع الانتهاك
web-perpetrator = من فعله
web-state = في أي ولاية
web-when = متى حدث
web-next = المراجعة قبل الإرسال

## مشكلات
web-errors = ينقص شيء. يرجى التحقق:
web-err-present = ضع علامة أن الشخص حاضر وموافق. بدون ذلك لا يُرسل شيء.
web-err-person-language = اختر لغة الشخص (أو "لغة أخرى").
web-err-interpreted = قل هل ترجمت.
web-err-story = اكتب القصة (حتى {$max} حرف).
web-err-violation = اختر نوع الانتهاك.
web-err-perpetrator = اختر من فعله (أو "لا أعرف").
web-err-state = اختر الولاية (أو "لا أعرف").
web-err-when = اختر متى حدث.
web-err-choices = ينقص جواب من أجوبة الشخص: من يستلم الشكوى، ونسخة المأوى، وبياناته.
web-err-no-recipients = بهذه الأجوبة لن يستلم أحد الشكوى. اختر الهيئات، أو نسخة لالمأوى.
web-err-identity-bodies = لا يمكن إرسال بياناته إلا إلى لجنة لحقوق الإنسان، وبهذه الأجوبة لا تستلم أي لجنة الشكوى.
web-err-identity = لإعطاء البيانات اكتب الاسم والجنسية على الأقل (العمر: رقم من 1 إلى 120، أو فارغ).
web-err-identity-in-copy = قل هل تحمل نسخة المأوى بياناته أيضاً.
web-err-files = الملفات: حتى {$count} ملفات و{$mb} ميغابايت في المجموع؛ صور (JPEG، PNG، WebP)، PDF، صوت أو فيديو. اختر الملفات مرة أخرى.

## المراجعة
web-review-heading = راجع مع الشخص ثم أرسل
web-review-intro = اقرأ هذا مع الشخص. هو من يقرر كل جواب أدناه.
web-send-heading = من يستلم الشكوى؟
web-send-routed = الهيئات المختصة: {$orgs}
web-send-civil = المجتمع المدني فقط: {$orgs}
web-copy-heading = هل يريد الشخص أن تستلم {$shelter} نسخة؟
web-identity-heading = بياناته
web-identity = هل يريد الشخص إعطاء بياناته (الاسم، الجنسية، العمر، وسيلة تواصل عبر المأوى) إلى {$orgs}؟ الشكوى الرسمية أمام CNDH تحتاجها. إن لم يرد، تُرسل الشكوى بلا اسم.
web-identity-hint = فقط إذا قال نعم:
web-identity-name = الاسم
web-identity-nationality = الجنسية
web-identity-age = العمر (يمكن تركه فارغاً)
web-identity-contact = كيف يمكن التواصل معه عبر المأوى (يمكن تركه فارغاً)
web-identity-in-copy = إذا استلمت {$shelter} نسخة: هل تحمل بياناته أيضاً؟
web-files-heading = الملفات (إن وجدت)
web-files = صور، مستندات، صوت أو فيديو
web-files-hint = حتى {$count} ملفات و{$mb} ميغابايت في المجموع. تصل الصور مرتين: نسخة بلا بيانات مخفية (المكان، الهاتف، الوقت) والأصل كدليل.
web-file = إرسال الشكوى
web-edit = تغيير الأجوبة

## الإيصال
web-receipt-heading = أُرسلت الشكوى
web-receipt-volunteer = اطبع هذا الإيصال أو انسخه للشخص. لا يحتفظ Buzón بالإيصال: إذا ضاع لا يمكن استرجاعه. وهذا المتصفح لا يحتفظ به أيضاً.
web-receipt-print = للطباعة استخدم "طباعة" في المتصفح.
web-another = شكوى جديدة
web-already-heading = أُرسلت من قبل
web-already-filed = أُرسلت هذه الاستمارة مرة من قبل؛ ولم تُرسل مرة ثانية. ظهر الإيصال في المرة الأولى.

## الرفض
web-refused-heading = غير ممكن
web-refused-origin = هذا الطلب لا يأتي من هذه الصفحة. لم يُرسل شيء.
web-refused-csrf = انتهت صلاحية الاستمارة أو أنها ليست من هذه الجلسة. لم يُرسل شيء. ابدأ من جديد.
web-unavailable = تعذّر الإرسال الآن. لم يُرسل شيء. حاول مرة أخرى بعد قليل.
