# Headings of complaint.md, written by `buzon inbox pull` for analysts (Arabic).
md-title = شكوى {$case}
md-filed = تاريخ التقديم
md-channel = القناة
md-language = لغة الشخص
md-violation = الانتهاك
md-perpetrator = المسؤول
md-state = الولاية
md-when = متى
md-routed = أُرسلت إلى
md-civil-only = اختار الشخص منظمات المجتمع المدني فقط
md-narrative = القصة (كلمات الشخص كما هي، دون تغيير)
md-reply-key = مفتاح الرد على الشخص (age)
md-withdrawn = سحب الشخص هذه الشكوى في {$day}. لا تستخدموها ولا تشاركوها، واحذفوها وفق قواعد الحفظ لديكم.
md-attachments = الملفات
md-file = الملف كما أرسله الشخص
md-working-copy = نسخة عمل، دون بيانات وصفية (الموقع GPS، الجهاز، الوقت)
md-original-evidence = الأصل دون أي تعديل، مع البيانات الوصفية: دليل
