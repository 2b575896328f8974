# Buzón — العربية: تسجيل المآوي والشكاوى بمرافقة (يكتب متطوع المأوى، والشخص المهاجر حاضر ويقرر).
# needs review by a native speaker

## التسجيل (ALBERGUE <code>)
shelter-enrolled = سجلناك متطوعا {$volunteer} في {$shelter}. لشكوى مع شخص أرسل: NUEVA
shelter-code-refused = الرمز لا يعمل: انتهى أو استُخدم. اطلب غيره من المأوى.
assist-not-enrolled = هذا الهاتف غير مسجل لدى مأوى. للتسجيل اطلب رمزا من المأوى وأرسل: ALBERGUE الرمز. لتقديم شكواك أنت، احك لنا ما حدث.

## شكوى بمرافقة (NUEVA)
assist-consent = شكوى مع {$shelter}. هل الشخص معك ويوافق على الشكوى؟
assist-consent-yes = نعم، حاضر ويوافق
assist-consent-no = لا
assist-declined = لم نرسل شيئا. أرسل NUEVA حين يكون الشخص جاهزا.
assist-revoked = لم يعد هذا الهاتف مسجلا لدى المأوى. مسحنا الشكوى غير المكتملة.
person-language-prompt = بأي لغة تكلم الشخص؟
person-language-other = لغة أخرى
interpreted-prompt = هل ترجمت كلامه؟
answer-yes = نعم
answer-no = لا
shelter-copy-prompt = هل يريد الشخص أن يحتفظ {$shelter} بنسخة؟
identity-prompt = الشكوى الرسمية لدى {$orgs} تحتاج اسم الشخص. هل يعطي اسمه وجنسيته وعمره لهم فقط؟
identity-give = نعم، يعطيها
identity-anonymous = لا، دون اسم
identity-name-prompt = اكتب اسم الشخص الكامل.
identity-nationality-prompt = ما جنسيته؟
identity-age-prompt = كم عمره؟ أرسل الرقم، أو 0 إن لم يرد ذكره.
identity-contact-prompt = كيف نصل إليه عبر المأوى؟ اكتب الطريقة، أو أرسل 0 إن لم توجد.
identity-in-copy-prompt = هل تحمل نسخة {$shelter} بياناته أيضا؟
confirm-identity = الهوية لـ{$orgs}
confirm-anonymous = دون اسم.
assist-no-files = لا صور ولا ملفات هنا: البيانات تُكتب فقط.
assist-no-recipients = دون نسخة المأوى لن تصل الشكوى لأحد. اختر الجهة.
assisted-done = أرسلنا الشكوى. الرسالة التالية إيصال الشخص: انسخه له على ورقة، ثم امسح المحادثة. NUEVA لشخص آخر.
assisted-receipt = إيصال الشكوى:
    {"\u2066"}{$receipt}{"\u2069"}
    احفظه. لتعرف هل وصلت، أرسل من أي هاتف إلى {"\u2066"}{$where}{"\u2069"} بالإنجليزية:
    {"\u2066"}STATUS {$receipt_digits}{"\u2069"}

## المساعدة
help-assist-consent = تابع فقط إن كان الشخص معك ويريد الشكوى. مع 0 لا نرسل شيئا.
help-person-language = اختر لغة الشخص، وبها يُكتب إيصاله. 0 إن كانت غيرها.
help-interpreted = قل هل ترجمت أنت ما رواه الشخص.
help-shelter-copy = الشخص يقرر: مع 1 يأخذ المأوى نسخته، ومع 2 لا يراها.
help-identity-consent = الشخص يقرر. بياناته لهذه الجهات فقط، لا للهجرة أبدا. مع 2 تكون الشكوى دون اسم.
help-identity-name = الاسم كما يريده الشخص.
help-identity-nationality = بلد الشخص، مثلا هندوراس.
help-identity-age = العمر بالسنوات، أو 0.
help-identity-contact = طريقة للوصول إليه عبر المأوى، لا هاتفه إلا إن أراد. 0 إن لم توجد.
help-identity-in-copy = الشخص يقرر: مع 1 تحمل نسخة المأوى بياناته، ومع 2 لا.
