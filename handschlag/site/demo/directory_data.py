# ruff: noqa: E501 - translated sentences; the formatter's indentation leaves them long
"""The texts of the demo portals (site/demo/directory.py): offer kinds, guide pages and the
portal's welcome, in German and the six portal languages.

An offer KIND is what a town's offer is about (an integration course, migration counselling…);
directory.py instantiates it in Sonneberg and Potsdam with a provider, a place and opening
hours. "{town}" in a text is replaced by the town's name. Providers, places and people are
fictitious; the institutions (integration course, MBE, JMD, job centre…) are the real German
ones, so the texts say what a newcomer really finds there.

Each text tuple is (de, en, ar, uk, fa, tr, ru): the order of models.PORTAL_LANGUAGES.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

Texts = tuple[str, str, str, str, str, str, str]

# the towns' names in Arabic and Farsi script (the other languages write them as German does)
TOWN_NAMES: dict[str, dict[str, str]] = {
    "Sonneberg": {"ar": "زونبرغ", "fa": "زونبرگ"},
    "Potsdam": {"ar": "بوتسدام", "fa": "پوتسدام"},
}
_TURKISH_SUFFIX = re.compile(r"\{town\}'(a|da)\b")


def _turkish_suffix(town: str, suffix: str) -> str:
    """The dative ('a/'e) or locative ('da/'de/'ta/'te) after a town's name: vowel harmony
    with its last vowel, a hard consonant after a voiceless one."""
    vowels = [c for c in town.lower() if c in "aıoueiöü"]
    front = bool(vowels) and vowels[-1] in "eiöü"
    vowel = "e" if front else "a"
    if suffix == "a":
        return f"{town}'{vowel}"
    consonant = "t" if town[-1].lower() in "pçtksşhf" else "d"
    return f"{town}'{consonant}{vowel}"


def with_town(text: str, town: str, language: str) -> str:
    """`text` with "{town}" replaced by the town's name as `language` writes it."""
    if language == "tr":
        text = _TURKISH_SUFFIX.sub(lambda m: _turkish_suffix(town, m.group(1)), text)
    return text.replace("{town}", TOWN_NAMES.get(town, {}).get(language, town))


# the sections of an offer, in the order of each kind's `sections`
OFFER_SECTIONS = ("name", "summary", "description", "eligibility", "required_documents",
                  "cost_note")  # fmt: skip


@dataclass(frozen=True)
class Kind:
    """A kind of offer: its topics, cost, languages the staff speak, and its sections."""

    topics: tuple[str, ...]
    cost: str
    spoken: tuple[str, ...]
    sections: dict[str, Texts]
    min_age: int | None = None
    max_age: int | None = None


def _kind(topics: str, cost: str, spoken: str, *texts: Texts, ages: tuple = (None, None)) -> Kind:
    """`texts` in the order of OFFER_SECTIONS; a missing one is empty in every language."""
    empty: Texts = ("",) * 7  # type: ignore[assignment]
    padded = list(texts) + [empty] * (len(OFFER_SECTIONS) - len(texts))
    return Kind(
        topics=tuple(topics.split()), cost=cost, spoken=tuple(spoken.split()),
        sections=dict(zip(OFFER_SECTIONS, padded, strict=True)), min_age=ages[0], max_age=ages[1],
    )  # fmt: skip


E: Texts = ("",) * 7  # type: ignore[assignment]

KINDS: dict[str, Kind] = {
    "integration": _kind(
        "language",
        "reduced",
        "de en ar",
        (
            "Integrationskurs A1 bis B1",
            "Integration course A1 to B1",
            "دورة الاندماج من A1 إلى B1",
            "Інтеграційний курс від A1 до B1",
            "دوره ادغام از A1 تا B1",
            "Uyum kursu (A1–B1)",
            "Интеграционный курс от A1 до B1",
        ),
        (
            "Deutsch lernen und das Leben in Deutschland kennenlernen.",
            "Learn German and get to know life in Germany.",
            "تعلّم الألمانية وتعرّف على الحياة في ألمانيا.",
            "Вивчайте німецьку та знайомтеся з життям у Німеччині.",
            "آلمانی یاد بگیرید و با زندگی در آلمان آشنا شوید.",
            "Almanca öğrenin ve Almanya'daki hayatı tanıyın.",
            "Изучайте немецкий язык и знакомьтесь с жизнью в Германии.",
        ),
        (
            "Der Kurs hat 600 Stunden Deutsch und 100 Stunden Orientierung. Sie lernen an fünf "
            "Vormittagen pro Woche. Am Ende machen Sie eine Prüfung.",
            "The course has 600 hours of German and 100 hours of orientation. You learn on five "
            "mornings a week. At the end you take an exam.",
            "تتضمن الدورة 600 ساعة لغة ألمانية و100 ساعة توجيه. تتعلم خمسة أيام في الأسبوع صباحًا. "
            "في النهاية تقدّم امتحانًا.",
            "Курс має 600 годин німецької мови та 100 годин орієнтації. Ви навчаєтеся п'ять ранків "
            "на тиждень. Наприкінці ви складаєте іспит.",
            "این دوره ۶۰۰ ساعت زبان آلمانی و ۱۰۰ ساعت آشنایی با جامعه دارد. پنج صبح در هفته کلاس "
            "دارید. در پایان امتحان می‌دهید.",
            "Kurs 600 saat Almanca ve 100 saat oryantasyon dersinden oluşur. Haftada beş sabah ders "
            "yaparsınız. Sonunda bir sınava girersiniz.",
            "Курс включает 600 часов немецкого языка и 100 часов ориентации. Занятия проходят пять "
            "раз в неделю по утрам. В конце вы сдаёте экзамен.",
        ),
        (
            "Für Erwachsene mit einer Berechtigung vom BAMF, von der Ausländerbehörde oder vom "
            "Jobcenter.",
            "For adults with an entitlement from the BAMF, the immigration office or the job "
            "centre.",
            "للبالغين الذين لديهم إذن من المكتب الاتحادي للهجرة (BAMF) أو من دائرة الأجانب أو من "
            "مركز العمل.",
            "Для дорослих із дозволом від BAMF, відомства у справах іноземців або джобцентру.",
            "برای بزرگسالانی که از BAMF، اداره اتباع خارجی یا جاب‌سنتر مجوز شرکت دارند.",
            "BAMF'tan, Yabancılar Dairesi'nden veya iş merkezinden katılım izni olan yetişkinler "
            "için.",
            "Для взрослых с разрешением от BAMF, ведомства по делам иностранцев или джобцентра.",
        ),
        (
            "Berechtigungsschein, Pass oder Ausweis, Aufenthaltstitel",
            "Entitlement certificate, passport or ID card, residence permit",
            "شهادة الإذن بالمشاركة، جواز السفر أو بطاقة الهوية، تصريح الإقامة",
            "Дозвіл на участь, паспорт або посвідчення особи, дозвіл на проживання",
            "برگه مجوز شرکت، پاسپورت یا کارت شناسایی، اجازه اقامت",
            "Katılım izin belgesi, pasaport veya kimlik kartı, oturum izni",
            "Разрешение на участие, паспорт или удостоверение личности, вид на жительство",
        ),
        (
            "2,29 Euro pro Stunde; kostenlos, wenn Sie Bürgergeld oder Leistungen nach dem "
            "Asylbewerberleistungsgesetz bekommen.",
            "2.29 euros per hour; free if you receive Bürgergeld or asylum seeker benefits.",
            "2.29 يورو للساعة؛ مجانًا إذا كنت تحصل على Bürgergeld أو على مساعدات طالبي اللجوء.",
            "2,29 євро за годину; безкоштовно, якщо ви отримуєте Bürgergeld або допомогу для "
            "шукачів притулку.",
            "ساعتی ۲٫۲۹ یورو؛ اگر Bürgergeld یا کمک‌هزینه پناهجویی می‌گیرید، رایگان است.",
            "Saat başına 2,29 Euro; Bürgergeld veya sığınmacı yardımı alıyorsanız ücretsiz.",
            "2,29 евро в час; бесплатно, если вы получаете Bürgergeld или пособие для "
            "просителей убежища.",
        ),
    ),
    "job_language": _kind(
        "language work",
        "free",
        "de en uk ru",
        (
            "Berufssprachkurs B2",
            "Job-related German course B2",
            "دورة اللغة المهنية B2",
            "Професійний мовний курс B2",
            "دوره زبان شغلی B2",
            "Mesleki dil kursu B2",
            "Профессиональный языковой курс B2",
        ),
        (
            "Deutsch für die Arbeit: Telefonate, E-Mails, Gespräche im Team.",
            "German for work: phone calls, emails, talking in a team.",
            "الألمانية للعمل: المكالمات الهاتفية والرسائل الإلكترونية والحديث مع الفريق.",
            "Німецька для роботи: телефонні розмови, листи, спілкування в команді.",
            "آلمانی برای کار: تماس تلفنی، ایمیل و گفت‌وگو با همکاران.",
            "İş için Almanca: telefon görüşmeleri, e-postalar, ekip içinde konuşma.",
            "Немецкий для работы: телефонные разговоры, письма, общение в команде.",
        ),
        (
            "Der Kurs dauert etwa sechs Monate, auch am Abend oder in Teilzeit. Am Ende machen Sie "
            "die Prüfung B2 Beruf.",
            "The course takes about six months, also in the evening or part-time. At the end you "
            "take the B2 job exam.",
            "تستمر الدورة نحو ستة أشهر، ويمكن أيضًا مساءً أو بدوام جزئي. في النهاية تقدّم امتحان "
            "B2 المهني.",
            "Курс триває приблизно шість місяців, також увечері або з частковою зайнятістю. "
            "Наприкінці ви складаєте іспит B2 Beruf.",
            "این دوره حدود شش ماه طول می‌کشد، عصرها یا پاره‌وقت هم ممکن است. در پایان امتحان B2 "
            "شغلی می‌دهید.",
            "Kurs yaklaşık altı ay sürer, akşamları veya yarı zamanlı da olabilir. Sonunda B2 "
            "meslek sınavına girersiniz.",
            "Курс длится около шести месяцев, в том числе вечером или в режиме неполного дня. В "
            "конце вы сдаёте экзамен B2 Beruf.",
        ),
        (
            "Für Menschen mit Deutsch auf B1, die Arbeit suchen oder schon arbeiten.",
            "For people with German at B1 level who are looking for work or already work.",
            "للأشخاص الذين يتقنون الألمانية بمستوى B1 ويبحثون عن عمل أو يعملون بالفعل.",
            "Для людей із німецькою на рівні B1, які шукають роботу або вже працюють.",
            "برای کسانی که آلمانی را در سطح B1 بلدند و دنبال کار هستند یا کار می‌کنند.",
            "Almancası B1 seviyesinde olan, iş arayan veya zaten çalışan kişiler için.",
            "Для людей с немецким на уровне B1, которые ищут работу или уже работают.",
        ),
        (
            "Zeugnis B1, Berechtigung vom Jobcenter oder von der Agentur für Arbeit",
            "B1 certificate, entitlement from the job centre or the employment agency",
            "شهادة B1، إذن من مركز العمل أو من وكالة العمل",
            "Сертифікат B1, дозвіл від джобцентру або агентства зайнятості",
            "مدرک B1، مجوز از جاب‌سنتر یا اداره کار",
            "B1 sertifikası, iş merkezinden veya iş ajansından izin belgesi",
            "Сертификат B1, разрешение от джобцентра или агентства по труду",
        ),
    ),
    "literacy": _kind(
        "language",
        "free",
        "de ar fa ps",
        (
            "Alphabetisierungskurs",
            "Literacy course",
            "دورة محو الأمية",
            "Курс грамотності",
            "دوره سوادآموزی",
            "Okuma yazma kursu",
            "Курс обучения грамоте",
        ),
        (
            "Lesen und schreiben lernen – mit dem deutschen Alphabet.",
            "Learn to read and write – with the German alphabet.",
            "تعلّم القراءة والكتابة بالحروف الألمانية.",
            "Навчіться читати й писати німецькою абеткою.",
            "خواندن و نوشتن را با الفبای آلمانی یاد بگیرید.",
            "Alman alfabesiyle okumayı ve yazmayı öğrenin.",
            "Научитесь читать и писать на немецком алфавите.",
        ),
        (
            "Kleine Gruppen und viel Zeit. Sie lernen langsam und mit Bildern. Danach können Sie "
            "einen Integrationskurs machen.",
            "Small groups and plenty of time. You learn slowly and with pictures. Afterwards you "
            "can take an integration course.",
            "مجموعات صغيرة ووقت كافٍ. تتعلم ببطء وبمساعدة الصور. بعد ذلك يمكنك الالتحاق بدورة "
            "الاندماج.",
            "Невеликі групи і багато часу. Ви вчитеся повільно й за допомогою малюнків. Потім "
            "можете пройти інтеграційний курс.",
            "گروه‌های کوچک و وقت کافی. آرام و با تصویر یاد می‌گیرید. بعد از آن می‌توانید در دوره "
            "ادغام شرکت کنید.",
            "Küçük gruplar ve bolca zaman. Yavaş yavaş ve resimlerle öğrenirsiniz. Sonra uyum "
            "kursuna katılabilirsiniz.",
            "Маленькие группы и много времени. Вы учитесь медленно и с картинками. Потом можно "
            "пройти интеграционный курс.",
        ),
        (
            "Für Erwachsene, die nicht oder nur wenig lesen und schreiben können.",
            "For adults who cannot read and write, or only a little.",
            "للبالغين الذين لا يعرفون القراءة والكتابة أو يعرفونها قليلًا.",
            "Для дорослих, які не вміють або мало вміють читати й писати.",
            "برای بزرگسالانی که خواندن و نوشتن نمی‌دانند یا کم می‌دانند.",
            "Hiç ya da çok az okuma yazma bilen yetişkinler için.",
            "Для взрослых, которые не умеют или плохо умеют читать и писать.",
        ),
    ),
    "language_cafe": _kind(
        "language encounter",
        "free",
        "de en ar uk",
        (
            "Sprachcafé",
            "Language café",
            "مقهى اللغة",
            "Мовне кафе",
            "کافه زبان",
            "Dil kafesi",
            "Языковое кафе",
        ),
        (
            "Deutsch sprechen üben bei Kaffee und Tee – ohne Anmeldung.",
            "Practise speaking German over coffee and tea – no registration.",
            "تدرّب على التحدث بالألمانية مع القهوة والشاي – دون تسجيل.",
            "Практикуйте розмовну німецьку за кавою та чаєм – без реєстрації.",
            "تمرین آلمانی صحبت کردن با قهوه و چای – بدون ثبت‌نام.",
            "Kahve ve çay eşliğinde Almanca konuşma pratiği – kayıt gerekmez.",
            "Практика разговорного немецкого за кофе и чаем – без записи.",
        ),
        (
            "Ehrenamtliche sprechen mit Ihnen über den Alltag. Alle Niveaus sind willkommen, auch "
            "Anfängerinnen und Anfänger. Kinder dürfen mitkommen.",
            "Volunteers talk with you about everyday life. All levels are welcome, beginners too. "
            "Children may come along.",
            "يتحدث معك متطوعون عن الحياة اليومية. جميع المستويات مرحَّب بها، والمبتدئون أيضًا. "
            "يمكن إحضار الأطفال.",
            "Волонтери розмовляють з вами про повсякденне життя. Запрошуємо всі рівні, і "
            "початківців теж. Діти можуть прийти з вами.",
            "داوطلبان درباره زندگی روزمره با شما صحبت می‌کنند. همه سطح‌ها، حتی مبتدی‌ها، خوش "
            "آمده‌اند. کودکان هم می‌توانند بیایند.",
            "Gönüllüler sizinle günlük hayat hakkında konuşur. Her seviye, yeni başlayanlar da hoş "
            "gelir. Çocuklar da gelebilir.",
            "Волонтёры говорят с вами о повседневной жизни. Приглашаем все уровни, и начинающих "
            "тоже. Можно прийти с детьми.",
        ),
        (
            "Für alle, die Deutsch lernen.",
            "For everyone learning German.",
            "لكل من يتعلم الألمانية.",
            "Для всіх, хто вивчає німецьку.",
            "برای همه کسانی که آلمانی یاد می‌گیرند.",
            "Almanca öğrenen herkes için.",
            "Для всех, кто изучает немецкий.",
        ),
    ),
    "mbe": _kind(
        "counselling money",
        "free",
        "de en ar ru tr",
        (
            "Migrationsberatung für Erwachsene (MBE)",
            "Migration counselling for adults (MBE)",
            "استشارة الهجرة للبالغين (MBE)",
            "Міграційна консультація для дорослих (MBE)",
            "مشاوره مهاجرت برای بزرگسالان (MBE)",
            "Yetişkinler için göç danışmanlığı (MBE)",
            "Миграционная консультация для взрослых (MBE)",
        ),
        (
            "Hilfe bei Briefen, Anträgen, Sprache, Arbeit und Wohnung.",
            "Help with letters, applications, language, work and housing.",
            "مساعدة في الرسائل والطلبات واللغة والعمل والسكن.",
            "Допомога з листами, заявами, мовою, роботою та житлом.",
            "کمک در نامه‌ها، درخواست‌ها، زبان، کار و مسکن.",
            "Mektuplar, başvurular, dil, iş ve konut konusunda yardım.",
            "Помощь с письмами, заявлениями, языком, работой и жильём.",
        ),
        (
            "Wir beraten Sie persönlich und vertraulich. Gemeinsam planen wir die nächsten "
            "Schritte. Wir dürfen nichts weitergeben, was Sie uns sagen.",
            "We advise you in person and in confidence. Together we plan the next steps. We may "
            "not pass on anything you tell us.",
            "نقدم لك الاستشارة شخصيًا وبسرية. نخطط معًا للخطوات التالية. لا يحق لنا نقل أي شيء "
            "تخبرنا به.",
            "Ми консультуємо вас особисто й конфіденційно. Разом плануємо наступні кроки. Ми не "
            "маємо права нікому передавати те, що ви нам розповіли.",
            "ما حضوری و محرمانه به شما مشاوره می‌دهیم. با هم قدم‌های بعدی را برنامه‌ریزی می‌کنیم. "
            "اجازه نداریم چیزی را که به ما می‌گویید به دیگران بگوییم.",
            "Size yüz yüze ve gizli danışmanlık veriyoruz. Sonraki adımları birlikte planlıyoruz. "
            "Bize anlattıklarınızı kimseye aktaramayız.",
            "Мы консультируем вас лично и конфиденциально. Вместе планируем следующие шаги. Мы не "
            "имеем права никому передавать то, что вы нам рассказали.",
        ),
        (
            "Für Erwachsene ab 27 Jahren, die neu in Deutschland sind.",
            "For adults aged 27 and over who are new to Germany.",
            "للبالغين من عمر 27 سنة فما فوق القادمين حديثًا إلى ألمانيا.",
            "Для дорослих від 27 років, які нещодавно в Німеччині.",
            "برای بزرگسالان ۲۷ سال به بالا که تازه به آلمان آمده‌اند.",
            "Almanya'ya yeni gelmiş 27 yaş ve üzeri yetişkinler için.",
            "Для взрослых от 27 лет, недавно приехавших в Германию.",
        ),
        (
            "Ihre Briefe und Unterlagen, wenn Sie welche haben",
            "Your letters and documents, if you have any",
            "رسائلك ووثائقك إن وُجدت",
            "Ваші листи та документи, якщо вони є",
            "نامه‌ها و مدارک‌تان، اگر دارید",
            "Varsa mektuplarınız ve belgeleriniz",
            "Ваши письма и документы, если они есть",
        ),
        ages=(27, None),
    ),
    "jmd": _kind(
        "counselling school",
        "free",
        "de en ar uk",
        (
            "Jugendmigrationsdienst (JMD)",
            "Youth migration service (JMD)",
            "خدمة هجرة الشباب (JMD)",
            "Молодіжна міграційна служба (JMD)",
            "خدمات مهاجرت جوانان (JMD)",
            "Gençlik Göç Servisi (JMD)",
            "Молодёжная миграционная служба (JMD)",
        ),
        (
            "Beratung für junge Menschen: Schule, Ausbildung, Beruf.",
            "Advice for young people: school, training, work.",
            "استشارة للشباب: المدرسة والتدريب المهني والعمل.",
            "Консультації для молоді: школа, професійне навчання, робота.",
            "مشاوره برای جوانان: مدرسه، کارآموزی، شغل.",
            "Gençler için danışmanlık: okul, meslek eğitimi, iş.",
            "Консультации для молодёжи: школа, профобучение, работа.",
        ),
        (
            "Wir helfen beim Weg in die Schule oder in eine Ausbildung, bei Bewerbungen und bei "
            "Problemen mit Ämtern. Auch Eltern können kommen.",
            "We help you find your way into school or training, with applications and with "
            "problems with authorities. Parents can come too.",
            "نساعدك في الالتحاق بالمدرسة أو بالتدريب المهني، وفي طلبات العمل، وفي المشكلات مع "
            "الدوائر الرسمية. يمكن للأهل الحضور أيضًا.",
            "Ми допомагаємо вступити до школи або на професійне навчання, з резюме та з "
            "проблемами в установах. Батьки теж можуть прийти.",
            "برای رفتن به مدرسه یا کارآموزی، نوشتن درخواست کار و مشکلات با ادارات کمک می‌کنیم. "
            "پدر و مادرها هم می‌توانند بیایند.",
            "Okula veya meslek eğitimine girişte, başvurularda ve resmi dairelerle sorunlarda "
            "yardım ediyoruz. Anne babalar da gelebilir.",
            "Мы помогаем поступить в школу или на профобучение, с резюме и с проблемами в "
            "учреждениях. Родители тоже могут прийти.",
        ),
        (
            "Für junge Menschen von 12 bis 27 Jahren.",
            "For young people aged 12 to 27.",
            "للشباب من عمر 12 إلى 27 سنة.",
            "Для молоді віком від 12 до 27 років.",
            "برای جوانان ۱۲ تا ۲۷ ساله.",
            "12-27 yaş arası gençler için.",
            "Для молодёжи от 12 до 27 лет.",
        ),
        ages=(12, 27),
    ),
    "asylum": _kind(
        "asylum counselling",
        "free",
        "de en ar fa ti",
        (
            "Asylverfahrensberatung",
            "Asylum procedure counselling",
            "استشارة إجراءات اللجوء",
            "Консультація з процедури надання притулку",
            "مشاوره روند پناهندگی",
            "İltica süreci danışmanlığı",
            "Консультация по процедуре убежища",
        ),
        (
            "Unabhängige Beratung vor und nach der Anhörung beim BAMF.",
            "Independent advice before and after your BAMF interview.",
            "استشارة مستقلة قبل المقابلة في BAMF وبعدها.",
            "Незалежна консультація до і після співбесіди в BAMF.",
            "مشاوره مستقل قبل و بعد از مصاحبه در BAMF.",
            "BAMF görüşmesinden önce ve sonra bağımsız danışmanlık.",
            "Независимая консультация до и после собеседования в BAMF.",
        ),
        (
            "Wir erklären, wie das Asylverfahren abläuft und was in der Anhörung wichtig ist. Wir "
            "lesen mit Ihnen den Bescheid und sagen, welche Fristen gelten.",
            "We explain how the asylum procedure works and what matters in the interview. We read "
            "the decision with you and tell you which deadlines apply.",
            "نشرح لك كيف تسير إجراءات اللجوء وما المهم في المقابلة. نقرأ معك القرار ونخبرك "
            "بالمواعيد النهائية.",
            "Ми пояснюємо, як відбувається процедура надання притулку і що важливо на співбесіді. "
            "Разом читаємо рішення і кажемо, які строки діють.",
            "توضیح می‌دهیم روند پناهندگی چگونه است و در مصاحبه چه چیزی مهم است. تصمیم اداره را "
            "با شما می‌خوانیم و مهلت‌ها را می‌گوییم.",
            "İltica sürecinin nasıl işlediğini ve görüşmede neyin önemli olduğunu anlatıyoruz. "
            "Kararı sizinle birlikte okuyor, sürelerin ne olduğunu söylüyoruz.",
            "Мы объясняем, как проходит процедура убежища и что важно на собеседовании. Вместе "
            "читаем решение и говорим, какие сроки действуют.",
        ),
        (
            "Für Asylsuchende und Geflüchtete mit Duldung.",
            "For asylum seekers and refugees with a toleration (Duldung).",
            "لطالبي اللجوء واللاجئين الحاصلين على Duldung.",
            "Для шукачів притулку та біженців із толеруванням (Duldung).",
            "برای پناهجویان و پناهندگان دارای Duldung.",
            "Sığınmacılar ve Duldung belgeli mülteciler için.",
            "Для просителей убежища и беженцев с Duldung.",
        ),
        (
            "Alle Briefe vom BAMF, Aufenthaltsgestattung oder Duldung",
            "All letters from the BAMF, permission to stay (Aufenthaltsgestattung) or Duldung",
            "جميع رسائل BAMF، وثيقة الإقامة المؤقتة (Aufenthaltsgestattung) أو Duldung",
            "Усі листи від BAMF, дозвіл на перебування (Aufenthaltsgestattung) або Duldung",
            "همه نامه‌های BAMF، برگه اقامت موقت (Aufenthaltsgestattung) یا Duldung",
            "BAMF'tan gelen tüm mektuplar, Aufenthaltsgestattung veya Duldung belgesi",
            "Все письма от BAMF, Aufenthaltsgestattung или Duldung",
        ),
    ),
    "foreigners_office": _kind(
        "authorities asylum",
        "paid",
        "de en",
        (
            "Ausländerbehörde: Aufenthalt verlängern",
            "Immigration office: extend your stay",
            "دائرة الأجانب: تمديد الإقامة",
            "Відомство у справах іноземців: продовження перебування",
            "اداره اتباع خارجی: تمدید اقامت",
            "Yabancılar Dairesi: oturum uzatma",
            "Ведомство по делам иностранцев: продление пребывания",
        ),
        (
            "Aufenthaltstitel beantragen, verlängern oder ändern.",
            "Apply for, extend or change a residence permit.",
            "طلب تصريح الإقامة أو تمديده أو تعديله.",
            "Подати заяву на дозвіл на проживання, продовжити або змінити його.",
            "درخواست، تمدید یا تغییر اجازه اقامت.",
            "Oturum izni başvurusu, uzatma veya değiştirme.",
            "Подать заявление на вид на жительство, продлить или изменить его.",
        ),
        (
            "Bitte kommen Sie nur mit Termin. Den Termin bekommen Sie online oder am Telefon. "
            "Beantragen Sie die Verlängerung acht Wochen, bevor Ihr Titel abläuft.",
            "Please come only with an appointment. You get it online or by phone. Apply for the "
            "extension eight weeks before your permit expires.",
            "يُرجى الحضور بموعد فقط. تحصل على الموعد عبر الإنترنت أو بالهاتف. قدّم طلب التمديد "
            "قبل ثمانية أسابيع من انتهاء تصريحك.",
            "Приходьте, будь ласка, тільки за записом. Записатися можна онлайн або телефоном. "
            "Подавайте заяву на продовження за вісім тижнів до закінчення дозволу.",
            "لطفاً فقط با وقت قبلی بیایید. وقت را آنلاین یا تلفنی می‌گیرید. درخواست تمدید را "
            "هشت هفته پیش از پایان اعتبار اقامت‌تان بدهید.",
            "Lütfen yalnızca randevuyla gelin. Randevuyu internetten veya telefonla alırsınız. "
            "Uzatma başvurusunu izniniz bitmeden sekiz hafta önce yapın.",
            "Приходите, пожалуйста, только по записи. Записаться можно онлайн или по телефону. "
            "Подавайте заявление на продление за восемь недель до окончания срока.",
        ),
        (
            "Für alle ohne deutschen Pass, die im Landkreis wohnen.",
            "For everyone without a German passport who lives in the district.",
            "لكل من يسكن في المنطقة وليس لديه جواز سفر ألماني.",
            "Для всіх без німецького паспорта, хто живе в районі.",
            "برای همه کسانی که پاسپورت آلمانی ندارند و در این منطقه زندگی می‌کنند.",
            "Bölgede yaşayan ve Alman pasaportu olmayan herkes için.",
            "Для всех без немецкого паспорта, кто живёт в районе.",
        ),
        (
            "Pass, biometrisches Foto, Meldebescheinigung, Mietvertrag, Nachweis über Einkommen",
            "Passport, biometric photo, registration certificate, rental contract, proof of income",
            "جواز السفر، صورة بيومترية، شهادة تسجيل السكن، عقد الإيجار، إثبات الدخل",
            "Паспорт, біометричне фото, довідка про реєстрацію, договір оренди, підтвердження "
            "доходу",
            "پاسپورت، عکس بیومتریک، گواهی ثبت محل سکونت، قرارداد اجاره، مدرک درآمد",
            "Pasaport, biyometrik fotoğraf, ikamet belgesi, kira sözleşmesi, gelir belgesi",
            "Паспорт, биометрическое фото, справка о регистрации, договор аренды, подтверждение "
            "дохода",
        ),
        (
            "Ein Aufenthaltstitel kostet meist 50 bis 100 Euro. Wer Bürgergeld bekommt, zahlt "
            "oft weniger.",
            "A residence permit usually costs 50 to 100 euros. People who receive Bürgergeld "
            "often pay less.",
            "يكلّف تصريح الإقامة عادةً بين 50 و100 يورو. من يحصل على Bürgergeld يدفع غالبًا أقل.",
            "Дозвіл на проживання зазвичай коштує від 50 до 100 євро. Хто отримує Bürgergeld, "
            "часто платить менше.",
            "اجازه اقامت معمولاً ۵۰ تا ۱۰۰ یورو هزینه دارد. کسانی که Bürgergeld می‌گیرند، اغلب "
            "کمتر می‌پردازند.",
            "Oturum izni genellikle 50 ile 100 Euro arasındadır. Bürgergeld alanlar çoğu zaman "
            "daha az öder.",
            "Вид на жительство обычно стоит от 50 до 100 евро. Получатели Bürgergeld часто "
            "платят меньше.",
        ),
    ),
    "citizens_office": _kind(
        "authorities",
        "free",
        "de en",
        (
            "Bürgerbüro: Wohnung anmelden",
            "Citizens' office: register your address",
            "مكتب المواطنين: تسجيل السكن",
            "Бюро громадян: реєстрація місця проживання",
            "دفتر خدمات شهروندی: ثبت محل سکونت",
            "Vatandaşlık bürosu: ikamet kaydı",
            "Бюро граждан: регистрация по месту жительства",
        ),
        (
            "Melden Sie Ihre Wohnung innerhalb von zwei Wochen an.",
            "Register your home within two weeks.",
            "سجّل سكنك خلال أسبوعين.",
            "Зареєструйте своє житло протягом двох тижнів.",
            "محل سکونت خود را ظرف دو هفته ثبت کنید.",
            "Evinizi iki hafta içinde kaydettirin.",
            "Зарегистрируйтесь по месту жительства в течение двух недель.",
        ),
        (
            "Sie bekommen sofort eine Meldebescheinigung. Sie brauchen sie für das Bankkonto, die "
            "Schule und viele Ämter. Mit Termin geht es schneller.",
            "You get a registration certificate straight away. You need it for a bank account, "
            "school and many offices. With an appointment it is quicker.",
            "تحصل فورًا على شهادة تسجيل السكن. تحتاجها لفتح حساب بنكي وللمدرسة ولدوائر كثيرة. "
            "مع موعد يكون الأمر أسرع.",
            "Ви одразу отримуєте довідку про реєстрацію. Вона потрібна для банківського рахунку, "
            "школи та багатьох установ. За записом швидше.",
            "گواهی ثبت محل سکونت را همان موقع می‌گیرید. آن را برای حساب بانکی، مدرسه و بسیاری از "
            "ادارات لازم دارید. با وقت قبلی سریع‌تر است.",
            "İkamet belgesini hemen alırsınız. Banka hesabı, okul ve birçok daire için bu belge "
            "gerekir. Randevuyla daha hızlıdır.",
            "Вы сразу получаете справку о регистрации. Она нужна для банковского счёта, школы и "
            "многих учреждений. По записи быстрее.",
        ),
        (
            "Für alle, die in {town} eine Wohnung beziehen.",
            "For everyone who moves into a home in {town}.",
            "لكل من يسكن في بيت جديد في {town}.",
            "Для всіх, хто заселяється в житло в {town}.",
            "برای همه کسانی که در {town} خانه می‌گیرند.",
            "{town}'da bir eve taşınan herkes için.",
            "Для всех, кто въезжает в жильё в {town}.",
        ),
        (
            "Pass oder Ausweis, Wohnungsgeberbestätigung vom Vermieter",
            "Passport or ID card, landlord's confirmation (Wohnungsgeberbestätigung)",
            "جواز السفر أو الهوية، تأكيد المؤجّر (Wohnungsgeberbestätigung)",
            "Паспорт або посвідчення особи, підтвердження орендодавця (Wohnungsgeberbestätigung)",
            "پاسپورت یا کارت شناسایی، تأییدیه صاحب‌خانه (Wohnungsgeberbestätigung)",
            "Pasaport veya kimlik, ev sahibi onayı (Wohnungsgeberbestätigung)",
            "Паспорт или удостоверение личности, подтверждение арендодателя "
            "(Wohnungsgeberbestätigung)",
        ),
    ),
    "jobcenter": _kind(
        "work money",
        "free",
        "de en ar uk ru",
        (
            "Jobcenter: Beratung für Geflüchtete",
            "Job centre: advice for refugees",
            "مركز العمل: استشارة للاجئين",
            "Джобцентр: консультації для біженців",
            "جاب‌سنتر: مشاوره برای پناهندگان",
            "İş merkezi: mültecilere danışmanlık",
            "Джобцентр: консультации для беженцев",
        ),
        (
            "Bürgergeld, Arbeitssuche und Weiterbildung an einem Ort.",
            "Bürgergeld, job search and further training in one place.",
            "Bürgergeld والبحث عن عمل والتدريب الإضافي في مكان واحد.",
            "Bürgergeld, пошук роботи й підвищення кваліфікації в одному місці.",
            "Bürgergeld، کاریابی و آموزش تکمیلی در یک جا.",
            "Bürgergeld, iş arama ve ileri eğitim tek bir yerde.",
            "Bürgergeld, поиск работы и повышение квалификации в одном месте.",
        ),
        (
            "Ein festes Team berät Menschen mit Fluchtgeschichte. Wir planen mit Ihnen Deutschkurs, "
            "Praktikum und Arbeit. Bei Bedarf kommt eine Dolmetscherin dazu.",
            "A dedicated team advises people who have fled their countries. We plan German "
            "courses, internships and work with you. An interpreter joins if needed.",
            "فريق ثابت يقدّم الاستشارة للأشخاص الذين لديهم تجربة لجوء. نخطط معك لدورة اللغة "
            "والتدريب العملي والعمل. عند الحاجة تحضر مترجمة.",
            "Постійна команда консультує людей з досвідом втечі. Разом з вами плануємо мовний "
            "курс, практику та роботу. За потреби залучаємо перекладачку.",
            "یک تیم ثابت به کسانی که از کشورشان گریخته‌اند مشاوره می‌دهد. با شما کلاس زبان، "
            "کارآموزی و کار را برنامه‌ریزی می‌کنیم. در صورت نیاز مترجم هم می‌آید.",
            "Sabit bir ekip, ülkesinden kaçmak zorunda kalmış kişilere danışmanlık verir. Dil "
            "kursu, staj ve işi sizinle birlikte planlarız. Gerekirse bir tercüman da katılır.",
            "Постоянная команда консультирует людей, бежавших из своих стран. Вместе с вами "
            "планируем языковой курс, практику и работу. При необходимости приглашаем "
            "переводчицу.",
        ),
        (
            "Für Menschen mit Aufenthaltserlaubnis, die Bürgergeld bekommen oder beantragen.",
            "For people with a residence permit who receive or apply for Bürgergeld.",
            "للأشخاص الحاصلين على تصريح إقامة ويحصلون على Bürgergeld أو يتقدمون بطلب للحصول عليه.",
            "Для людей з дозволом на проживання, які отримують Bürgergeld або подають на нього "
            "заяву.",
            "برای کسانی که اجازه اقامت دارند و Bürgergeld می‌گیرند یا درخواست داده‌اند.",
            "Oturum izni olan ve Bürgergeld alan ya da başvuran kişiler için.",
            "Для людей с видом на жительство, которые получают Bürgergeld или подают на него "
            "заявление.",
        ),
        (
            "Pass, Aufenthaltstitel, Meldebescheinigung, Kontoauszüge, Mietvertrag",
            "Passport, residence permit, registration certificate, bank statements, rental "
            "contract",
            "جواز السفر، تصريح الإقامة، شهادة تسجيل السكن، كشوف الحساب البنكي، عقد الإيجار",
            "Паспорт, дозвіл на проживання, довідка про реєстрацію, банківські виписки, договір "
            "оренди",
            "پاسپورت، اجازه اقامت، گواهی ثبت محل سکونت، صورت‌حساب بانکی، قرارداد اجاره",
            "Pasaport, oturum izni, ikamet belgesi, banka hesap dökümleri, kira sözleşmesi",
            "Паспорт, вид на жительство, справка о регистрации, банковские выписки, договор аренды",
        ),
    ),
    "recognition": _kind(
        "work",
        "free",
        "de en ar ru",
        (
            "Anerkennungsberatung",
            "Recognition counselling",
            "استشارة الاعتراف بالشهادات",
            "Консультація з визнання кваліфікації",
            "مشاوره ارزشیابی مدارک",
            "Denklik danışmanlığı",
            "Консультация по признанию квалификации",
        ),
        (
            "Ihren Abschluss aus dem Ausland in Deutschland anerkennen lassen.",
            "Get your foreign qualification recognised in Germany.",
            "الاعتراف بشهادتك الأجنبية في ألمانيا.",
            "Визнання вашого іноземного диплома в Німеччині.",
            "ارزشیابی و به رسمیت شناختن مدرک خارجی‌تان در آلمان.",
            "Yurt dışında aldığınız diplomanın Almanya'da tanınması.",
            "Признание вашего иностранного диплома в Германии.",
        ),
        (
            "Wir sagen Ihnen, welche Stelle zuständig ist und welche Papiere Sie brauchen. Wir "
            "helfen beim Antrag und bei den Kosten für Übersetzungen.",
            "We tell you which office is responsible and which papers you need. We help with the "
            "application and with the costs of translations.",
            "نخبرك بالجهة المسؤولة وبالأوراق التي تحتاجها. نساعدك في الطلب وفي تكاليف الترجمة.",
            "Ми підкажемо, яка установа відповідає і які документи потрібні. Допомагаємо із заявою "
            "та витратами на переклади.",
            "به شما می‌گوییم کدام اداره مسئول است و چه مدارکی لازم دارید. در درخواست و هزینه "
            "ترجمه‌ها کمک می‌کنیم.",
            "Hangi kurumun yetkili olduğunu ve hangi belgelere ihtiyacınız olduğunu söylüyoruz. "
            "Başvuruda ve çeviri masraflarında yardım ediyoruz.",
            "Мы подскажем, какое ведомство отвечает и какие документы нужны. Помогаем с "
            "заявлением и расходами на переводы.",
        ),
        (
            "Für alle mit einem Berufs- oder Studienabschluss aus dem Ausland.",
            "For everyone with a vocational or university qualification from abroad.",
            "لكل من يحمل شهادة مهنية أو جامعية من الخارج.",
            "Для всіх, хто має професійну або вищу освіту з-за кордону.",
            "برای همه کسانی که مدرک فنی‌وحرفه‌ای یا دانشگاهی از خارج دارند.",
            "Yurt dışından meslek veya üniversite diploması olan herkes için.",
            "Для всех, у кого есть профессиональное или высшее образование из-за рубежа.",
        ),
        (
            "Zeugnisse und Diplome, Lebenslauf",
            "Certificates and diplomas, CV",
            "الشهادات والدبلومات، السيرة الذاتية",
            "Атестати й дипломи, резюме",
            "کارنامه‌ها و مدارک تحصیلی، رزومه",
            "Karneler ve diplomalar, özgeçmiş",
            "Аттестаты и дипломы, резюме",
        ),
    ),
    "kita": _kind(
        "childcare family",
        "free",
        "de en ar uk",
        (
            "Kita-Platz: Beratung und Anmeldung",
            "Daycare place: advice and registration",
            "مكان في الحضانة: استشارة وتسجيل",
            "Місце в дитсадку: консультація та запис",
            "جای مهدکودک: مشاوره و ثبت‌نام",
            "Kreş yeri: danışmanlık ve kayıt",
            "Место в детском саду: консультация и запись",
        ),
        (
            "Wir helfen Ihnen, einen Platz in einer Kita zu finden.",
            "We help you find a place at a daycare centre.",
            "نساعدك في إيجاد مكان لطفلك في الحضانة.",
            "Ми допомагаємо знайти місце в дитячому садку.",
            "به شما کمک می‌کنیم برای کودک‌تان در مهدکودک جا پیدا کنید.",
            "Kreşte bir yer bulmanıza yardım ediyoruz.",
            "Мы помогаем найти место в детском саду.",
        ),
        (
            "Jedes Kind ab einem Jahr hat ein Recht auf einen Kita-Platz. Melden Sie Ihr Kind "
            "früh an. Wir erklären auch, wie Sie die Kosten sparen können.",
            "Every child aged one and over has the right to a daycare place. Register your child "
            "early. We also explain how you can save on the costs.",
            "لكل طفل من عمر سنة الحق في مكان في الحضانة. سجّل طفلك مبكرًا. نشرح لك أيضًا كيف "
            "توفّر في التكاليف.",
            "Кожна дитина від одного року має право на місце в дитсадку. Запишіть дитину заздалегідь. "
            "Ми також пояснюємо, як заощадити на оплаті.",
            "هر کودک از یک‌سالگی حق دارد در مهدکودک جا داشته باشد. کودک‌تان را زود ثبت‌نام کنید. "
            "توضیح می‌دهیم چطور هزینه‌ها کمتر می‌شود.",
            "Bir yaşından büyük her çocuğun kreşte yer hakkı vardır. Çocuğunuzu erkenden kaydettirin. "
            "Masrafları nasıl azaltabileceğinizi de anlatıyoruz.",
            "Каждый ребёнок с одного года имеет право на место в детском саду. Запишите ребёнка "
            "заранее. Мы также объясняем, как сэкономить на оплате.",
        ),
        (
            "Für Eltern mit Kindern bis sechs Jahre.",
            "For parents with children up to six.",
            "للأهل الذين لديهم أطفال حتى عمر ست سنوات.",
            "Для батьків із дітьми до шести років.",
            "برای والدینی که کودک زیر شش سال دارند.",
            "Altı yaşına kadar çocuğu olan ebeveynler için.",
            "Для родителей с детьми до шести лет.",
        ),
        (
            "Geburtsurkunde des Kindes, Impfpass, Meldebescheinigung",
            "Child's birth certificate, vaccination card, registration certificate",
            "شهادة ميلاد الطفل، دفتر التطعيم، شهادة تسجيل السكن",
            "Свідоцтво про народження дитини, щеплювальний паспорт, довідка про реєстрацію",
            "شناسنامه کودک، کارت واکسن، گواهی ثبت محل سکونت",
            "Çocuğun doğum belgesi, aşı kartı, ikamet belgesi",
            "Свидетельство о рождении ребёнка, прививочный паспорт, справка о регистрации",
        ),
    ),
    "school": _kind(
        "school family",
        "free",
        "de en ar uk tr",
        (
            "Schulanmeldung und Bildungsberatung",
            "School registration and education advice",
            "تسجيل المدرسة والاستشارة التعليمية",
            "Запис до школи та освітня консультація",
            "ثبت‌نام مدرسه و مشاوره تحصیلی",
            "Okul kaydı ve eğitim danışmanlığı",
            "Запись в школу и образовательная консультация",
        ),
        (
            "Welche Schule passt zu Ihrem Kind? Wir beraten und melden an.",
            "Which school suits your child? We advise and register.",
            "أي مدرسة تناسب طفلك؟ نقدّم الاستشارة ونقوم بالتسجيل.",
            "Яка школа підходить вашій дитині? Ми консультуємо та записуємо.",
            "کدام مدرسه برای فرزندتان مناسب است؟ مشاوره می‌دهیم و ثبت‌نام می‌کنیم.",
            "Çocuğunuza hangi okul uygun? Danışmanlık veriyor ve kayıt yapıyoruz.",
            "Какая школа подходит вашему ребёнку? Мы консультируем и записываем.",
        ),
        (
            "In Deutschland müssen alle Kinder ab sechs Jahren zur Schule gehen. Kinder ohne "
            "Deutsch lernen zuerst in einer Sprachklasse. Wir erklären das Schulsystem.",
            "In Germany all children aged six and over must go to school. Children without German "
            "first learn in a language class. We explain the school system.",
            "في ألمانيا يجب على كل الأطفال من عمر ست سنوات الذهاب إلى المدرسة. الأطفال الذين لا "
            "يتكلمون الألمانية يتعلمون أولًا في صف لغة. نشرح لك النظام المدرسي.",
            "У Німеччині всі діти від шести років мають ходити до школи. Діти без німецької "
            "спочатку навчаються в мовному класі. Ми пояснюємо шкільну систему.",
            "در آلمان همه کودکان از شش‌سالگی باید به مدرسه بروند. کودکانی که آلمانی بلد نیستند، "
            "اول در کلاس زبان درس می‌خوانند. نظام مدرسه را توضیح می‌دهیم.",
            "Almanya'da altı yaşından itibaren bütün çocuklar okula gitmek zorundadır. Almanca "
            "bilmeyen çocuklar önce dil sınıfında öğrenir. Okul sistemini anlatıyoruz.",
            "В Германии все дети с шести лет обязаны ходить в школу. Дети без немецкого сначала "
            "учатся в языковом классе. Мы объясняем школьную систему.",
        ),
        (
            "Für Eltern mit Kindern von 6 bis 18 Jahren.",
            "For parents with children aged 6 to 18.",
            "للأهل الذين لديهم أطفال من 6 إلى 18 سنة.",
            "Для батьків із дітьми від 6 до 18 років.",
            "برای والدینی که فرزند ۶ تا ۱۸ ساله دارند.",
            "6-18 yaş arası çocuğu olan ebeveynler için.",
            "Для родителей с детьми от 6 до 18 лет.",
        ),
        (
            "Zeugnisse aus dem Herkunftsland, wenn vorhanden, Meldebescheinigung",
            "School reports from the home country if you have them, registration certificate",
            "الشهادات المدرسية من البلد الأصلي إن وُجدت، شهادة تسجيل السكن",
            "Шкільні табелі з країни походження, якщо є, довідка про реєстрацію",
            "کارنامه‌های مدرسه از کشور مبدأ اگر دارید، گواهی ثبت محل سکونت",
            "Varsa ülkenizden okul karneleri, ikamet belgesi",
            "Школьные табели из страны происхождения, если есть, справка о регистрации",
        ),
    ),
    "homework": _kind(
        "school",
        "free",
        "de en ar",
        (
            "Hausaufgabenhilfe",
            "Homework help",
            "المساعدة في الواجبات المدرسية",
            "Допомога з домашніми завданнями",
            "کمک در تکالیف مدرسه",
            "Ödev yardımı",
            "Помощь с домашними заданиями",
        ),
        (
            "Zweimal pro Woche Hilfe bei den Hausaufgaben – ohne Anmeldung.",
            "Help with homework twice a week – no registration.",
            "مساعدة في الواجبات مرتين في الأسبوع – دون تسجيل.",
            "Двічі на тиждень допомога з домашніми завданнями – без запису.",
            "هفته‌ای دو بار کمک در تکالیف – بدون ثبت‌نام.",
            "Haftada iki kez ödev yardımı – kayıt gerekmez.",
            "Два раза в неделю помощь с домашними заданиями – без записи.",
        ),
        (
            "Studierende und Ehrenamtliche helfen Ihrem Kind in Deutsch, Mathe und Englisch. Es "
            "gibt einen ruhigen Raum und etwas zu trinken.",
            "Students and volunteers help your child with German, maths and English. There is a "
            "quiet room and something to drink.",
            "يساعد طلاب جامعيون ومتطوعون طفلك في الألمانية والرياضيات والإنجليزية. توجد غرفة "
            "هادئة ومشروبات.",
            "Студенти й волонтери допомагають вашій дитині з німецькою, математикою та англійською. "
            "Є тиха кімната і щось попити.",
            "دانشجویان و داوطلبان در آلمانی، ریاضی و انگلیسی به فرزندتان کمک می‌کنند. یک اتاق آرام "
            "و نوشیدنی هست.",
            "Üniversite öğrencileri ve gönüllüler çocuğunuza Almanca, matematik ve İngilizcede "
            "yardım eder. Sessiz bir oda ve içecek var.",
            "Студенты и волонтёры помогают вашему ребёнку с немецким, математикой и английским. "
            "Есть тихая комната и что попить.",
        ),
        (
            "Für Schulkinder der Klassen 1 bis 8.",
            "For pupils in years 1 to 8.",
            "لتلاميذ الصفوف من الأول إلى الثامن.",
            "Для школярів 1–8 класів.",
            "برای دانش‌آموزان کلاس اول تا هشتم.",
            "1-8. sınıf öğrencileri için.",
            "Для школьников 1–8 классов.",
        ),
        (
            "Hausaufgabenheft und Schulbücher",
            "Homework diary and school books",
            "دفتر الواجبات والكتب المدرسية",
            "Щоденник і підручники",
            "دفتر تکالیف و کتاب‌های درسی",
            "Ödev defteri ve okul kitapları",
            "Дневник и учебники",
        ),
        ages=(6, 14),
    ),
    "health": _kind(
        "health",
        "free",
        "de en ar fa uk",
        (
            "Gesundheitssprechstunde",
            "Health consultation",
            "استشارة صحية",
            "Консультація зі здоров'я",
            "مشاوره سلامت",
            "Sağlık danışma saati",
            "Консультация по здоровью",
        ),
        (
            "Fragen zu Krankenversicherung, Ärztinnen und Impfungen.",
            "Questions about health insurance, doctors and vaccinations.",
            "أسئلة حول التأمين الصحي والأطباء والتطعيمات.",
            "Питання про медичне страхування, лікарів і щеплення.",
            "پرسش درباره بیمه درمانی، پزشکان و واکسن‌ها.",
            "Sağlık sigortası, doktorlar ve aşılar hakkında sorular.",
            "Вопросы о медицинской страховке, врачах и прививках.",
        ),
        (
            "Eine Ärztin des Gesundheitsamts berät Sie ohne Termin. Sie erklärt, wie Sie eine "
            "Praxis finden und was die Krankenkasse bezahlt. Dolmetschen ist möglich.",
            "A doctor from the public health office advises you without an appointment. She "
            "explains how to find a practice and what health insurance pays for. Interpreting is "
            "possible.",
            "طبيبة من دائرة الصحة تقدّم لك الاستشارة دون موعد. تشرح لك كيف تجد عيادة وما الذي "
            "يدفعه التأمين الصحي. الترجمة ممكنة.",
            "Лікарка з відділу охорони здоров'я консультує без запису. Вона пояснює, як знайти "
            "лікаря і що оплачує лікарняна каса. Можливий переклад.",
            "یک پزشک از اداره بهداشت بدون وقت قبلی به شما مشاوره می‌دهد. توضیح می‌دهد چطور مطب "
            "پیدا کنید و بیمه چه هزینه‌هایی را می‌پردازد. ترجمه ممکن است.",
            "Sağlık dairesinden bir doktor size randevusuz danışmanlık verir. Nasıl muayenehane "
            "bulacağınızı ve sigortanın neleri ödediğini anlatır. Tercüme mümkündür.",
            "Врач из отдела здравоохранения консультирует без записи. Она объясняет, как найти "
            "врача и что оплачивает больничная касса. Возможен перевод.",
        ),
        (
            "Für alle, auch ohne Krankenversicherung.",
            "For everyone, also without health insurance.",
            "للجميع، حتى دون تأمين صحي.",
            "Для всіх, також без медичного страхування.",
            "برای همه، حتی بدون بیمه درمانی.",
            "Sağlık sigortası olmayanlar dahil herkes için.",
            "Для всех, в том числе без медицинской страховки.",
        ),
        (
            "Gesundheitskarte oder Behandlungsschein, wenn Sie eine haben",
            "Health insurance card or treatment voucher, if you have one",
            "بطاقة التأمين الصحي أو قسيمة العلاج إن وُجدت",
            "Картка медичного страхування або направлення на лікування, якщо є",
            "کارت بیمه یا برگه درمان، اگر دارید",
            "Varsa sağlık kartı veya tedavi belgesi",
            "Карточка медицинской страховки или направление на лечение, если есть",
        ),
    ),
    "psychosocial": _kind(
        "health counselling",
        "free",
        "de en ar fa uk ru",
        (
            "Psychosoziale Beratung",
            "Psychosocial counselling",
            "الاستشارة النفسية والاجتماعية",
            "Психосоціальна консультація",
            "مشاوره روانی‌اجتماعی",
            "Psikososyal danışmanlık",
            "Психосоциальная консультация",
        ),
        (
            "Hilfe, wenn Sorgen, Angst oder schlechte Träume nicht weggehen.",
            "Help when worries, fear or bad dreams do not go away.",
            "مساعدة عندما لا تزول الهموم أو الخوف أو الكوابيس.",
            "Допомога, коли тривога, страх чи погані сни не минають.",
            "کمک وقتی نگرانی، ترس یا خواب‌های بد از بین نمی‌روند.",
            "Endişe, korku veya kötü rüyalar geçmediğinde yardım.",
            "Помощь, когда тревога, страх или плохие сны не проходят.",
        ),
        (
            "Sie sprechen mit einer Fachkraft, vertraulich und in Ihrer Sprache. Wir helfen auch, "
            "eine Therapie zu finden.",
            "You talk to a professional, in confidence and in your language. We also help you find "
            "therapy.",
            "تتحدث مع أخصائي بسرية وبلغتك. نساعدك أيضًا في إيجاد علاج.",
            "Ви говорите з фахівцем конфіденційно і вашою мовою. Ми також допомагаємо знайти "
            "терапію.",
            "با یک متخصص، محرمانه و به زبان خودتان صحبت می‌کنید. برای پیدا کردن درمان هم کمک "
            "می‌کنیم.",
            "Bir uzmanla gizli olarak ve kendi dilinizde konuşursunuz. Terapi bulmanıza da yardım "
            "ediyoruz.",
            "Вы говорите со специалистом конфиденциально и на своём языке. Мы также помогаем найти "
            "терапию.",
        ),
        (
            "Für Erwachsene und Jugendliche mit Fluchterfahrung.",
            "For adults and young people who have fled their countries.",
            "للبالغين والشباب الذين لديهم تجربة لجوء.",
            "Для дорослих і підлітків із досвідом втечі.",
            "برای بزرگسالان و نوجوانانی که تجربه فرار از کشورشان را دارند.",
            "Ülkesinden kaçmak zorunda kalmış yetişkinler ve gençler için.",
            "Для взрослых и подростков, бежавших из своих стран.",
        ),
    ),
    "housing": _kind(
        "housing",
        "free",
        "de en ar uk",
        (
            "Beratung zur Wohnungssuche",
            "Advice on finding a home",
            "استشارة في البحث عن سكن",
            "Консультація з пошуку житла",
            "مشاوره برای پیدا کردن خانه",
            "Ev arama danışmanlığı",
            "Консультация по поиску жилья",
        ),
        (
            "Wohnung finden, Mietvertrag verstehen, Ärger mit dem Vermieter lösen.",
            "Find a home, understand your rental contract, solve trouble with your landlord.",
            "إيجاد سكن وفهم عقد الإيجار وحل المشكلات مع المؤجّر.",
            "Знайти житло, зрозуміти договір оренди, вирішити конфлікт з орендодавцем.",
            "پیدا کردن خانه، فهمیدن قرارداد اجاره، حل مشکل با صاحب‌خانه.",
            "Ev bulmak, kira sözleşmesini anlamak, ev sahibiyle sorunları çözmek.",
            "Найти жильё, понять договор аренды, решить проблемы с арендодателем.",
        ),
        (
            "Wir zeigen, wo Sie Wohnungen finden und wie eine Bewerbung aussieht. Wir lesen "
            "Mietverträge und Nebenkosten-Abrechnungen mit Ihnen.",
            "We show you where to find flats and what an application looks like. We read rental "
            "contracts and utility bills with you.",
            "نريك أين تجد الشقق وكيف يبدو طلب الاستئجار. نقرأ معك عقود الإيجار وفواتير "
            "التكاليف الإضافية.",
            "Ми показуємо, де шукати квартири і як виглядає заявка. Разом читаємо договори оренди "
            "та рахунки за комунальні послуги.",
            "نشان می‌دهیم کجا خانه پیدا کنید و درخواست اجاره چگونه است. قراردادهای اجاره و "
            "صورت‌حساب هزینه‌های جانبی را با شما می‌خوانیم.",
            "Nerede daire bulacağınızı ve başvurunun nasıl olduğunu gösteriyoruz. Kira "
            "sözleşmelerini ve yan gider hesaplarını sizinle okuyoruz.",
            "Мы показываем, где искать квартиры и как выглядит заявка. Вместе читаем договоры "
            "аренды и счета за коммунальные услуги.",
        ),
        (
            "Für alle, die in {town} eine Wohnung suchen.",
            "For everyone looking for a home in {town}.",
            "لكل من يبحث عن سكن في {town}.",
            "Для всіх, хто шукає житло в {town}.",
            "برای همه کسانی که در {town} دنبال خانه هستند.",
            "{town}'da ev arayan herkes için.",
            "Для всех, кто ищет жильё в {town}.",
        ),
    ),
    "women": _kind(
        "women encounter",
        "free",
        "de ar fa uk",
        (
            "Frauentreff",
            "Women's meeting",
            "لقاء النساء",
            "Жіноча зустріч",
            "دورهمی زنان",
            "Kadın buluşması",
            "Женская встреча",
        ),
        (
            "Frauen treffen Frauen: reden, kochen, Ausflüge machen.",
            "Women meet women: talk, cook, go on trips.",
            "نساء يلتقين بنساء: حديث وطبخ ورحلات.",
            "Жінки зустрічаються з жінками: розмови, готування, екскурсії.",
            "زنان با زنان: گفت‌وگو، آشپزی، گردش.",
            "Kadınlar kadınlarla buluşuyor: sohbet, yemek, geziler.",
            "Женщины встречаются с женщинами: разговоры, готовка, экскурсии.",
        ),
        (
            "Ein geschützter Raum nur für Frauen. Einmal im Monat kommt eine Beraterin zu Fragen "
            "wie Familie, Gesundheit und Arbeit. Kinderbetreuung gibt es im Nebenraum.",
            "A safe space for women only. Once a month an adviser comes for questions about "
            "family, health and work. There is childcare in the next room.",
            "مكان آمن للنساء فقط. مرة في الشهر تأتي مستشارة للإجابة عن أسئلة حول الأسرة والصحة "
            "والعمل. توجد رعاية للأطفال في الغرفة المجاورة.",
            "Безпечний простір лише для жінок. Раз на місяць приходить консультантка з питань "
            "сім'ї, здоров'я та роботи. У сусідній кімнаті доглядають за дітьми.",
            "فضایی امن فقط برای زنان. ماهی یک بار یک مشاور برای پرسش‌هایی درباره خانواده، سلامت و "
            "کار می‌آید. در اتاق کناری از کودکان نگهداری می‌شود.",
            "Yalnızca kadınlara özel güvenli bir alan. Ayda bir kez aile, sağlık ve iş konularında "
            "bir danışman gelir. Yan odada çocuk bakımı var.",
            "Безопасное пространство только для женщин. Раз в месяц приходит консультантка по "
            "вопросам семьи, здоровья и работы. В соседней комнате присматривают за детьми.",
        ),
        (
            "Für alle Frauen, mit oder ohne Kinder.",
            "For all women, with or without children.",
            "لجميع النساء، مع أطفال أو دونهم.",
            "Для всіх жінок, з дітьми чи без.",
            "برای همه زنان، با کودک یا بدون کودک.",
            "Çocuklu veya çocuksuz tüm kadınlar için.",
            "Для всех женщин, с детьми или без.",
        ),
    ),
    "lgbtq": _kind(
        "lgbtq counselling",
        "free",
        "de en ar ru",
        (
            "Queer Refugees Treff",
            "Queer refugees meeting",
            "لقاء اللاجئين الكوير",
            "Зустріч квір-біженців",
            "دورهمی پناهندگان کوئیر",
            "Queer mülteci buluşması",
            "Встреча квир-беженцев",
        ),
        (
            "Treffen und Beratung für lesbische, schwule, bi, trans und inter Geflüchtete.",
            "Meetings and advice for lesbian, gay, bi, trans and intersex refugees.",
            "لقاءات واستشارات للاجئين المثليين والمثليات ومزدوجي الميول والعابرين وثنائيي الجنس.",
            "Зустрічі й консультації для лесбійок, геїв, бі-, транс- та інтерсекс-біженців.",
            "دورهمی و مشاوره برای پناهندگان لزبین، گی، دوجنس‌گرا، ترنس و اینترسکس.",
            "Lezbiyen, gey, biseksüel, trans ve interseks mülteciler için buluşma ve danışmanlık.",
            "Встречи и консультации для беженцев-лесбиянок, геев, би-, транс- и интерсекс-людей.",
        ),
        (
            "Hier können Sie offen sprechen. Niemand erfährt, dass Sie hier waren. Wir beraten "
            "auch zum Asylverfahren und zu sicherem Wohnen.",
            "Here you can speak openly. Nobody will find out that you were here. We also advise on "
            "the asylum procedure and safe housing.",
            "هنا يمكنك التحدث بصراحة. لن يعرف أحد أنك كنت هنا. نقدّم أيضًا استشارة حول إجراءات "
            "اللجوء والسكن الآمن.",
            "Тут ви можете говорити відкрито. Ніхто не дізнається, що ви тут були. Ми також "
            "консультуємо щодо процедури притулку та безпечного житла.",
            "اینجا می‌توانید آزادانه صحبت کنید. هیچ‌کس نمی‌فهمد که اینجا بوده‌اید. درباره روند "
            "پناهندگی و مسکن امن هم مشاوره می‌دهیم.",
            "Burada açıkça konuşabilirsiniz. Burada olduğunuzu kimse öğrenmez. İltica süreci ve "
            "güvenli barınma konusunda da danışmanlık veriyoruz.",
            "Здесь можно говорить открыто. Никто не узнает, что вы были здесь. Мы также "
            "консультируем по процедуре убежища и безопасному жилью.",
        ),
        (
            "Für LSBTIQ*-Geflüchtete und alle, die sich nicht sicher sind.",
            "For LGBTIQ* refugees and everyone who is not sure.",
            "للاجئين من مجتمع الميم وكل من ليس متأكدًا.",
            "Для ЛГБТІК*-біженців і всіх, хто не впевнений.",
            "برای پناهندگان دگرباش و همه کسانی که مطمئن نیستند.",
            "LGBTİQ* mülteciler ve emin olmayan herkes için.",
            "Для ЛГБТИК*-беженцев и всех, кто не уверен.",
        ),
    ),
    "sports": _kind(
        "leisure encounter",
        "reduced",
        "de en",
        (
            "Fußball und Schwimmen im Sportverein",
            "Football and swimming at the sports club",
            "كرة القدم والسباحة في النادي الرياضي",
            "Футбол і плавання у спортивному клубі",
            "فوتبال و شنا در باشگاه ورزشی",
            "Spor kulübünde futbol ve yüzme",
            "Футбол и плавание в спортивном клубе",
        ),
        (
            "Mitmachen im Verein: Training für Kinder und Erwachsene.",
            "Join the club: training for children and adults.",
            "شارك في النادي: تدريب للأطفال والبالغين.",
            "Приєднуйтеся до клубу: тренування для дітей і дорослих.",
            "در باشگاه شرکت کنید: تمرین برای کودکان و بزرگسالان.",
            "Kulübe katılın: çocuklar ve yetişkinler için antrenman.",
            "Присоединяйтесь к клубу: тренировки для детей и взрослых.",
        ),
        (
            "Kommen Sie zu einem Probetraining. Sportkleidung leihen wir Ihnen. Im Verein finden "
            "Sie schnell Freundinnen und Freunde.",
            "Come to a trial session. We lend you sports clothes. At the club you quickly make "
            "friends.",
            "تعال إلى تدريب تجريبي. نعيرك ملابس رياضية. في النادي تجد أصدقاء بسرعة.",
            "Приходьте на пробне тренування. Спортивний одяг ми позичимо. У клубі ви швидко "
            "знайдете друзів.",
            "برای یک جلسه تمرین آزمایشی بیایید. لباس ورزشی به شما قرض می‌دهیم. در باشگاه زود "
            "دوست پیدا می‌کنید.",
            "Deneme antrenmanına gelin. Spor kıyafetini biz ödünç veririz. Kulüpte çabucak "
            "arkadaş edinirsiniz.",
            "Приходите на пробную тренировку. Спортивную одежду мы одолжим. В клубе вы быстро "
            "найдёте друзей.",
        ),
        (
            "Für alle ab sechs Jahren.",
            "For everyone aged six and over.",
            "للجميع من عمر ست سنوات.",
            "Для всіх від шести років.",
            "برای همه از شش‌سالگی.",
            "Altı yaşından itibaren herkes için.",
            "Для всех от шести лет.",
        ),
        E,
        (
            "5 Euro im Monat; mit Sozialpass oder Bildungspaket kostenlos.",
            "5 euros a month; free with a social pass or the education package (Bildungspaket).",
            "5 يورو شهريًا؛ مجانًا مع بطاقة الدعم الاجتماعي أو حزمة التعليم (Bildungspaket).",
            "5 євро на місяць; безкоштовно із соціальною карткою або освітнім пакетом "
            "(Bildungspaket).",
            "ماهی ۵ یورو؛ با کارت تخفیف اجتماعی یا بسته آموزشی (Bildungspaket) رایگان.",
            "Ayda 5 Euro; sosyal kart veya eğitim paketi (Bildungspaket) ile ücretsiz.",
            "5 евро в месяц; бесплатно с социальной картой или образовательным пакетом "
            "(Bildungspaket).",
        ),
        ages=(6, None),
    ),
    "bikes": _kind(
        "mobility encounter",
        "free",
        "de en ar fa",
        (
            "Fahrradwerkstatt zum Mitmachen",
            "Do-it-yourself bike workshop",
            "ورشة دراجات بمشاركتك",
            "Велосипедна майстерня своїми руками",
            "کارگاه دوچرخه با مشارکت شما",
            "Kendin yap bisiklet atölyesi",
            "Велосипедная мастерская своими руками",
        ),
        (
            "Fahrrad reparieren lernen und ein gespendetes Rad bekommen.",
            "Learn to repair bikes and get a donated bike.",
            "تعلّم إصلاح الدراجات واحصل على دراجة متبرَّع بها.",
            "Навчіться ремонтувати велосипед і отримайте подарований.",
            "تعمیر دوچرخه را یاد بگیرید و یک دوچرخه اهدایی بگیرید.",
            "Bisiklet tamirini öğrenin ve bağışlanmış bir bisiklet alın.",
            "Научитесь ремонтировать велосипед и получите подаренный.",
        ),
        (
            "Werkzeug und Ersatzteile sind da. Ehrenamtliche zeigen, wie es geht. Wir erklären "
            "auch die Regeln im Straßenverkehr.",
            "Tools and spare parts are there. Volunteers show you how. We also explain the rules "
            "of the road.",
            "الأدوات وقطع الغيار متوفرة. يُريك المتطوعون كيف تعمل. نشرح أيضًا قواعد المرور.",
            "Інструменти й запчастини є. Волонтери покажуть, як це робити. Ми також пояснюємо "
            "правила дорожнього руху.",
            "ابزار و قطعات یدکی هست. داوطلبان نشان می‌دهند چطور کار کنید. قوانین رانندگی در خیابان "
            "را هم توضیح می‌دهیم.",
            "Alet ve yedek parça var. Gönüllüler nasıl yapılacağını gösterir. Trafik kurallarını da "
            "anlatıyoruz.",
            "Инструменты и запчасти есть. Волонтёры покажут, как это делается. Мы также объясняем "
            "правила дорожного движения.",
        ),
        (
            "Für alle, die Fahrrad fahren wollen.",
            "For everyone who wants to ride a bike.",
            "لكل من يريد ركوب الدراجة.",
            "Для всіх, хто хоче їздити на велосипеді.",
            "برای همه کسانی که می‌خواهند دوچرخه‌سواری کنند.",
            "Bisiklete binmek isteyen herkes için.",
            "Для всех, кто хочет ездить на велосипеде.",
        ),
    ),
}

WELCOME: Texts = (
    "Willkommen in {town}! Hier finden Sie Beratung, Deutschkurse und Hilfe in Ihrer Nähe – "
    "kostenlos und in Ihrer Sprache.",
    "Welcome to {town}! Here you find counselling, German courses and help near you – free "
    "of charge and in your language.",
    "أهلًا بك في {town}! هنا تجد الاستشارة ودورات اللغة الألمانية والمساعدة بالقرب منك – "
    "مجانًا وبلغتك.",
    "Ласкаво просимо до {town}! Тут ви знайдете консультації, курси німецької та допомогу "
    "поруч – безкоштовно і вашою мовою.",
    "به {town} خوش آمدید! اینجا مشاوره، کلاس زبان آلمانی و کمک در نزدیکی خود را پیدا "
    "می‌کنید – رایگان و به زبان خودتان.",
    "{town}'a hoş geldiniz! Burada yakınınızdaki danışmanlık, Almanca kursları ve yardımı "
    "bulursunuz – ücretsiz ve kendi dilinizde.",
    "Добро пожаловать в {town}! Здесь вы найдёте консультации, курсы немецкого и помощь рядом "
    "с вами – бесплатно и на вашем языке.",
)

# how to get to a place: "{line}" (a bus or tram line) and "{stop}" (its stop's German name,
# as it is written on the sign) are filled in per place
DIRECTIONS: dict[str, Texts] = {
    "bus": (
        "Bus {line} bis Haltestelle „{stop}“, dann zwei Minuten zu Fuß.",
        "Take bus {line} to the stop “{stop}”, then walk for two minutes.",
        "خذ الحافلة {line} حتى محطة „{stop}“، ثم امشِ دقيقتين.",
        "Автобусом {line} до зупинки „{stop}“, далі дві хвилини пішки.",
        "با اتوبوس {line} تا ایستگاه „{stop}“ بروید، بعد دو دقیقه پیاده.",
        "{line} numaralı otobüsle „{stop}“ durağına gidin, sonra iki dakika yürüyün.",
        "Автобусом {line} до остановки „{stop}“, затем две минуты пешком.",
    ),
    "tram": (
        "Straßenbahn {line} bis „{stop}“. Der Eingang ist auf dem Hof.",
        "Take tram {line} to “{stop}”. The entrance is in the courtyard.",
        "خذ الترام {line} حتى „{stop}“. المدخل في الفناء.",
        "Трамваєм {line} до „{stop}“. Вхід у дворі.",
        "با تراموا {line} تا „{stop}“ بروید. ورودی در حیاط است.",
        "{line} numaralı tramvayla „{stop}“ durağına gidin. Giriş avludadır.",
        "Трамваем {line} до „{stop}“. Вход во дворе.",
    ),
    "walk": (
        "Vom Bahnhof zehn Minuten zu Fuß, Richtung „{stop}“.",
        "Ten minutes' walk from the station, towards “{stop}”.",
        "عشر دقائق سيرًا من محطة القطار باتجاه „{stop}“.",
        "Десять хвилин пішки від вокзалу в напрямку „{stop}“.",
        "ده دقیقه پیاده از ایستگاه قطار، به سمت „{stop}“.",
        "Tren istasyonundan „{stop}“ yönüne on dakika yürüyün.",
        "Десять минут пешком от вокзала в сторону „{stop}“.",
    ),
}


@dataclass(frozen=True)
class GuideText:
    """A guide page: title, summary, sections (heading, body), and the offer kinds it links."""

    topic: str
    slug: str
    title: Texts
    summary: Texts
    sections: list[tuple[Texts, Texts]]
    offers: tuple[str, ...] = field(default_factory=tuple)


GUIDE_TOPICS: dict[str, tuple[Texts, Texts]] = {
    "arrive": (
        ("Ankommen", "Arriving", "الوصول", "Прибуття", "رسیدن", "Varış", "Прибытие"),
        (
            "Die ersten Wochen in {town}: anmelden, Ämter, Beratung.",
            "Your first weeks in {town}: registering, offices, counselling.",
            "أسابيعك الأولى في {town}: التسجيل والدوائر الرسمية والاستشارة.",
            "Перші тижні в {town}: реєстрація, установи, консультації.",
            "هفته‌های اول در {town}: ثبت‌نام، ادارات، مشاوره.",
            "{town}'daki ilk haftalarınız: kayıt, resmi daireler, danışmanlık.",
            "Первые недели в {town}: регистрация, учреждения, консультации.",
        ),
    ),
    "work": (
        (
            "Deutsch und Arbeit",
            "German and work",
            "اللغة الألمانية والعمل",
            "Німецька і робота",
            "آلمانی و کار",
            "Almanca ve iş",
            "Немецкий и работа",
        ),
        (
            "Deutsch lernen und eine Arbeit finden.",
            "Learn German and find work.",
            "تعلّم الألمانية وابحث عن عمل.",
            "Вивчити німецьку й знайти роботу.",
            "آلمانی یاد بگیرید و کار پیدا کنید.",
            "Almanca öğrenin ve iş bulun.",
            "Выучить немецкий и найти работу.",
        ),
    ),
    "family": (
        (
            "Gesundheit und Familie",
            "Health and family",
            "الصحة والأسرة",
            "Здоров'я і сім'я",
            "سلامت و خانواده",
            "Sağlık ve aile",
            "Здоровье и семья",
        ),
        (
            "Arzt, Krankenversicherung, Kita und Schule.",
            "Doctors, health insurance, daycare and school.",
            "الطبيب والتأمين الصحي والحضانة والمدرسة.",
            "Лікар, медичне страхування, дитсадок і школа.",
            "پزشک، بیمه درمانی، مهدکودک و مدرسه.",
            "Doktor, sağlık sigortası, kreş ve okul.",
            "Врач, медицинская страховка, детский сад и школа.",
        ),
    ),
}

GUIDES: list[GuideText] = [
    GuideText(
        "arrive",
        "erste-schritte",
        (
            "Erste Schritte in {town}",
            "First steps in {town}",
            "الخطوات الأولى في {town}",
            "Перші кроки в {town}",
            "اولین قدم‌ها در {town}",
            "{town}'da ilk adımlar",
            "Первые шаги в {town}",
        ),
        (
            "Was Sie in den ersten Tagen tun sollten.",
            "What to do in your first days.",
            "ما يجب أن تفعله في أيامك الأولى.",
            "Що варто зробити в перші дні.",
            "در روزهای اول چه کارهایی انجام دهید.",
            "İlk günlerde yapmanız gerekenler.",
            "Что нужно сделать в первые дни.",
        ),
        [
            (
                (
                    "Die ersten Tage",
                    "Your first days",
                    "الأيام الأولى",
                    "Перші дні",
                    "روزهای اول",
                    "İlk günler",
                    "Первые дни",
                ),
                (
                    "Melden Sie zuerst Ihre Wohnung im Bürgerbüro an. Dann eröffnen Sie ein "
                    "Bankkonto. Heben Sie alle Briefe von Ämtern gut auf.",
                    "First register your home at the citizens' office. Then open a bank account. "
                    "Keep all letters from authorities in a safe place.",
                    "سجّل سكنك أولًا في مكتب المواطنين. ثم افتح حسابًا بنكيًا. احتفظ بكل رسائل "
                    "الدوائر الرسمية في مكان آمن.",
                    "Спочатку зареєструйте житло в бюро громадян. Потім відкрийте банківський "
                    "рахунок. Зберігайте всі листи з установ.",
                    "اول محل سکونت‌تان را در دفتر خدمات شهروندی ثبت کنید. بعد حساب بانکی باز کنید. "
                    "همه نامه‌های ادارات را نگه دارید.",
                    "Önce evinizi vatandaşlık bürosunda kaydettirin. Sonra bir banka hesabı açın. "
                    "Resmi dairelerden gelen tüm mektupları saklayın.",
                    "Сначала зарегистрируйтесь по месту жительства в бюро граждан. Потом откройте "
                    "банковский счёт. Храните все письма из учреждений.",
                ),
            ),
            (
                (
                    "Beratung finden",
                    "Finding counselling",
                    "إيجاد الاستشارة",
                    "Де отримати консультацію",
                    "پیدا کردن مشاوره",
                    "Danışmanlık bulmak",
                    "Где получить консультацию",
                ),
                (
                    "Die Migrationsberatung hilft Erwachsenen bei fast allen Fragen. Junge Menschen "
                    "bis 27 gehen zum Jugendmigrationsdienst. Die Beratung ist kostenlos.",
                    "Migration counselling helps adults with almost every question. Young people up "
                    "to 27 go to the youth migration service. Counselling is free.",
                    "تساعد استشارة الهجرة البالغين في كل الأسئلة تقريبًا. يذهب الشباب حتى عمر 27 سنة "
                    "إلى خدمة هجرة الشباب. الاستشارة مجانية.",
                    "Міграційна консультація допомагає дорослим майже з усіма питаннями. Молодь до "
                    "27 років звертається до молодіжної міграційної служби. Консультації безкоштовні.",
                    "مشاوره مهاجرت تقریباً در همه پرسش‌ها به بزرگسالان کمک می‌کند. جوانان تا ۲۷ سال "
                    "به خدمات مهاجرت جوانان می‌روند. مشاوره رایگان است.",
                    "Göç danışmanlığı yetişkinlere neredeyse her konuda yardım eder. 27 yaşına kadar "
                    "gençler Gençlik Göç Servisi'ne gider. Danışmanlık ücretsizdir.",
                    "Миграционная консультация помогает взрослым почти по всем вопросам. Молодёжь до "
                    "27 лет обращается в молодёжную миграционную службу. Консультации бесплатны.",
                ),
            ),
            (
                (
                    "Deutsch lernen",
                    "Learning German",
                    "تعلّم الألمانية",
                    "Вивчення німецької",
                    "یادگیری آلمانی",
                    "Almanca öğrenmek",
                    "Изучение немецкого",
                ),
                (
                    "Fragen Sie früh nach einem Integrationskurs. Bis der Kurs beginnt, können Sie "
                    "im Sprachcafé üben.",
                    "Ask early about an integration course. Until it starts, you can practise at the "
                    "language café.",
                    "اسأل مبكرًا عن دورة الاندماج. إلى أن تبدأ الدورة يمكنك التدرّب في مقهى اللغة.",
                    "Якомога раніше запитайте про інтеграційний курс. Поки він не почався, можна "
                    "практикуватися в мовному кафе.",
                    "زود درباره دوره ادغام بپرسید. تا دوره شروع شود، می‌توانید در کافه زبان تمرین "
                    "کنید.",
                    "Uyum kursunu erkenden sorun. Kurs başlayana kadar dil kafesinde pratik "
                    "yapabilirsiniz.",
                    "Как можно раньше спросите об интеграционном курсе. Пока он не начался, можно "
                    "практиковаться в языковом кафе.",
                ),
            ),
        ],
        ("citizens_office", "mbe", "jmd", "language_cafe"),
    ),
    GuideText(
        "arrive",
        "anmelden",
        (
            "Anmelden in der Stadt",
            "Registering in the town",
            "التسجيل في المدينة",
            "Реєстрація в місті",
            "ثبت‌نام در شهر",
            "Şehirde ikamet kaydı",
            "Регистрация в городе",
        ),
        (
            "So melden Sie Ihre Wohnung in {town} an.",
            "How to register your home in {town}.",
            "كيف تسجّل سكنك في {town}.",
            "Як зареєструвати житло в {town}.",
            "چطور محل سکونت‌تان را در {town} ثبت کنید.",
            "{town}'da evinizi nasıl kaydettirirsiniz.",
            "Как зарегистрироваться по месту жительства в {town}.",
        ),
        [
            (
                (
                    "Warum anmelden?",
                    "Why register?",
                    "لماذا التسجيل؟",
                    "Навіщо реєструватися?",
                    "چرا ثبت‌نام؟",
                    "Neden kayıt?",
                    "Зачем регистрироваться?",
                ),
                (
                    "Wer in Deutschland wohnt, muss sich innerhalb von zwei Wochen anmelden. Ohne "
                    "Meldebescheinigung bekommen Sie kein Bankkonto und keinen Schulplatz.",
                    "Everyone who lives in Germany must register within two weeks. Without a "
                    "registration certificate you get no bank account and no school place.",
                    "كل من يسكن في ألمانيا يجب أن يسجّل خلال أسبوعين. دون شهادة تسجيل السكن لا تحصل على "
                    "حساب بنكي ولا على مكان في المدرسة.",
                    "Кожен, хто живе в Німеччині, має зареєструватися протягом двох тижнів. Без "
                    "довідки про реєстрацію не буде ні банківського рахунку, ні місця в школі.",
                    "هر کس در آلمان زندگی می‌کند باید ظرف دو هفته ثبت‌نام کند. بدون گواهی ثبت محل "
                    "سکونت نه حساب بانکی می‌گیرید نه جای مدرسه.",
                    "Almanya'da yaşayan herkes iki hafta içinde kayıt yaptırmalıdır. İkamet belgesi "
                    "olmadan banka hesabı ve okul yeri alamazsınız.",
                    "Каждый, кто живёт в Германии, должен зарегистрироваться в течение двух недель. "
                    "Без справки о регистрации не будет ни банковского счёта, ни места в школе.",
                ),
            ),
            (
                (
                    "Was Sie mitbringen",
                    "What to bring",
                    "ما يجب أن تحضره",
                    "Що взяти з собою",
                    "چه چیزی همراه بیاورید",
                    "Yanınızda getirmeniz gerekenler",
                    "Что взять с собой",
                ),
                (
                    "Bringen Sie Ihren Pass und die Bestätigung Ihres Vermieters mit. Für Kinder "
                    "brauchen Sie die Geburtsurkunde.",
                    "Bring your passport and your landlord's confirmation. For children you need the "
                    "birth certificate.",
                    "أحضر جواز سفرك وتأكيد المؤجّر. للأطفال تحتاج إلى شهادة الميلاد.",
                    "Візьміть паспорт і підтвердження від орендодавця. Для дітей потрібне свідоцтво "
                    "про народження.",
                    "پاسپورت و تأییدیه صاحب‌خانه را همراه بیاورید. برای کودکان شناسنامه لازم است.",
                    "Pasaportunuzu ve ev sahibinizin onayını getirin. Çocuklar için doğum belgesi "
                    "gerekir.",
                    "Возьмите паспорт и подтверждение арендодателя. Для детей нужно свидетельство о "
                    "рождении.",
                ),
            ),
        ],
        ("citizens_office", "foreigners_office"),
    ),
    GuideText(
        "work",
        "deutsch-lernen",
        (
            "Deutsch lernen",
            "Learning German",
            "تعلّم اللغة الألمانية",
            "Вивчення німецької",
            "یادگیری زبان آلمانی",
            "Almanca öğrenmek",
            "Изучение немецкого",
        ),
        (
            "Welcher Kurs passt zu Ihnen?",
            "Which course suits you?",
            "أي دورة تناسبك؟",
            "Який курс вам підходить?",
            "کدام دوره برای شما مناسب است؟",
            "Size hangi kurs uygun?",
            "Какой курс вам подходит?",
        ),
        [
            (
                (
                    "Der richtige Kurs",
                    "The right course",
                    "الدورة المناسبة",
                    "Правильний курс",
                    "دوره مناسب",
                    "Doğru kurs",
                    "Правильный курс",
                ),
                (
                    "Der Integrationskurs führt bis B1. Wer noch nicht lesen und schreiben kann, "
                    "beginnt mit einem Alphabetisierungskurs. Für den Beruf gibt es Kurse bis B2.",
                    "The integration course goes up to B1. If you cannot read and write yet, start "
                    "with a literacy course. For work there are courses up to B2.",
                    "تصل دورة الاندماج إلى المستوى B1. من لا يعرف القراءة والكتابة بعد يبدأ بدورة محو "
                    "الأمية. للعمل توجد دورات حتى B2.",
                    "Інтеграційний курс веде до рівня B1. Хто ще не вміє читати й писати, починає з "
                    "курсу грамотності. Для роботи є курси до B2.",
                    "دوره ادغام تا سطح B1 است. کسی که هنوز خواندن و نوشتن بلد نیست، با دوره "
                    "سوادآموزی شروع می‌کند. برای کار دوره‌هایی تا B2 هست.",
                    "Uyum kursu B1'e kadar gider. Henüz okuma yazma bilmeyenler okuma yazma kursuyla "
                    "başlar. İş için B2'ye kadar kurslar var.",
                    "Интеграционный курс ведёт до уровня B1. Кто ещё не умеет читать и писать, "
                    "начинает с курса грамоты. Для работы есть курсы до B2.",
                ),
            ),
            (
                (
                    "Üben im Alltag",
                    "Practising every day",
                    "التدرّب في الحياة اليومية",
                    "Практика щодня",
                    "تمرین در زندگی روزمره",
                    "Günlük hayatta pratik",
                    "Практика каждый день",
                ),
                (
                    "Sprechen Sie so oft wie möglich Deutsch: beim Einkaufen, im Verein, im "
                    "Sprachcafé. Fehler sind normal.",
                    "Speak German as often as you can: when shopping, at a club, at the language "
                    "café. Mistakes are normal.",
                    "تحدّث بالألمانية قدر الإمكان: عند التسوق وفي النادي وفي مقهى اللغة. الأخطاء أمر "
                    "طبيعي.",
                    "Говоріть німецькою якомога частіше: у магазині, у клубі, у мовному кафе. "
                    "Помилки – це нормально.",
                    "تا می‌توانید آلمانی صحبت کنید: هنگام خرید، در باشگاه، در کافه زبان. اشتباه کردن "
                    "طبیعی است.",
                    "Olabildiğince sık Almanca konuşun: alışverişte, kulüpte, dil kafesinde. Hata "
                    "yapmak normaldir.",
                    "Говорите по-немецки как можно чаще: в магазине, в клубе, в языковом кафе. "
                    "Ошибки – это нормально.",
                ),
            ),
        ],
        ("integration", "literacy", "job_language", "language_cafe"),
    ),
    GuideText(
        "work",
        "arbeit-finden",
        (
            "Arbeit finden",
            "Finding work",
            "إيجاد عمل",
            "Пошук роботи",
            "پیدا کردن کار",
            "İş bulmak",
            "Поиск работы",
        ),
        (
            "Jobcenter, Anerkennung und Bewerbung.",
            "Job centre, recognition and applying.",
            "مركز العمل والاعتراف بالشهادات وطلبات العمل.",
            "Джобцентр, визнання дипломів і резюме.",
            "جاب‌سنتر، ارزشیابی مدرک و درخواست کار.",
            "İş merkezi, denklik ve iş başvurusu.",
            "Джобцентр, признание дипломов и резюме.",
        ),
        [
            (
                (
                    "Jobcenter",
                    "Job centre",
                    "مركز العمل",
                    "Джобцентр",
                    "جاب‌سنتر",
                    "İş merkezi",
                    "Джобцентр",
                ),
                (
                    "Wenn Sie Bürgergeld bekommen, ist das Jobcenter für Sie da. Es bezahlt auch "
                    "Deutschkurse und Weiterbildungen.",
                    "If you receive Bürgergeld, the job centre is there for you. It also pays for "
                    "German courses and further training.",
                    "إذا كنت تحصل على Bürgergeld فمركز العمل مسؤول عنك. وهو يدفع أيضًا تكاليف دورات "
                    "اللغة والتدريب الإضافي.",
                    "Якщо ви отримуєте Bürgergeld, вами опікується джобцентр. Він також оплачує "
                    "мовні курси та підвищення кваліфікації.",
                    "اگر Bürgergeld می‌گیرید، جاب‌سنتر مسئول شماست. هزینه کلاس زبان و آموزش تکمیلی "
                    "را هم می‌پردازد.",
                    "Bürgergeld alıyorsanız iş merkezi sizinle ilgilenir. Dil kursları ve ileri "
                    "eğitimlerin masrafını da karşılar.",
                    "Если вы получаете Bürgergeld, вами занимается джобцентр. Он также оплачивает "
                    "языковые курсы и повышение квалификации.",
                ),
            ),
            (
                (
                    "Abschlüsse anerkennen lassen",
                    "Getting qualifications recognised",
                    "الاعتراف بالشهادات",
                    "Визнання дипломів",
                    "ارزشیابی مدارک",
                    "Diplomaların denkliği",
                    "Признание дипломов",
                ),
                (
                    "Haben Sie einen Beruf gelernt oder studiert? Lassen Sie den Abschluss anerkennen. "
                    "Dann finden Sie leichter eine Arbeit, die zu Ihnen passt.",
                    "Did you learn a trade or study? Get your qualification recognised. Then it is "
                    "easier to find work that suits you.",
                    "هل تعلّمت مهنة أو درست في الجامعة؟ اطلب الاعتراف بشهادتك. عندها تجد عملًا "
                    "يناسبك بسهولة أكبر.",
                    "Ви здобули професію чи навчалися в університеті? Визнайте свій диплом. Тоді "
                    "легше знайти роботу, яка вам підходить.",
                    "حرفه‌ای آموخته‌اید یا دانشگاه رفته‌اید؟ مدرک‌تان را ارزشیابی کنید. آن وقت راحت‌تر "
                    "کاری مناسب خودتان پیدا می‌کنید.",
                    "Bir meslek mi öğrendiniz ya da üniversite mi okudunuz? Diplomanızı tanıtın. "
                    "Böylece size uygun bir işi daha kolay bulursunuz.",
                    "Вы получили профессию или учились в университете? Признайте свой диплом. Тогда "
                    "легче найти работу, которая вам подходит.",
                ),
            ),
        ],
        ("jobcenter", "recognition", "job_language"),
    ),
    GuideText(
        "family",
        "arzt-und-krankenversicherung",
        (
            "Arzt und Krankenversicherung",
            "Doctors and health insurance",
            "الطبيب والتأمين الصحي",
            "Лікар і медичне страхування",
            "پزشک و بیمه درمانی",
            "Doktor ve sağlık sigortası",
            "Врач и медицинская страховка",
        ),
        (
            "Wie Sie zum Arzt gehen und was im Notfall zu tun ist.",
            "How to see a doctor and what to do in an emergency.",
            "كيف تذهب إلى الطبيب وماذا تفعل في حالة الطوارئ.",
            "Як піти до лікаря і що робити в надзвичайній ситуації.",
            "چطور به پزشک مراجعه کنید و در مواقع اضطراری چه کنید.",
            "Doktora nasıl gidilir ve acil durumda ne yapılır.",
            "Как пойти к врачу и что делать в экстренном случае.",
        ),
        [
            (
                (
                    "Die Krankenversicherung",
                    "Health insurance",
                    "التأمين الصحي",
                    "Медичне страхування",
                    "بیمه درمانی",
                    "Sağlık sigortası",
                    "Медицинская страховка",
                ),
                (
                    "In Deutschland brauchen alle eine Krankenversicherung. Sie bekommen eine Karte. "
                    "Zeigen Sie die Karte bei jedem Arztbesuch.",
                    "In Germany everyone needs health insurance. You get a card. Show the card every "
                    "time you see a doctor.",
                    "في ألمانيا يحتاج الجميع إلى تأمين صحي. تحصل على بطاقة. أظهر البطاقة في كل زيارة "
                    "للطبيب.",
                    "У Німеччині всім потрібне медичне страхування. Ви отримуєте картку. Показуйте її "
                    "при кожному візиті до лікаря.",
                    "در آلمان همه به بیمه درمانی نیاز دارند. یک کارت می‌گیرید. کارت را در هر مراجعه "
                    "به پزشک نشان دهید.",
                    "Almanya'da herkesin sağlık sigortası olmalıdır. Bir kart alırsınız. Her doktor "
                    "ziyaretinde kartı gösterin.",
                    "В Германии всем нужна медицинская страховка. Вы получаете карточку. Показывайте "
                    "её при каждом визите к врачу.",
                ),
            ),
            (
                (
                    "Zum Arzt gehen",
                    "Seeing a doctor",
                    "الذهاب إلى الطبيب",
                    "Візит до лікаря",
                    "رفتن به پزشک",
                    "Doktora gitmek",
                    "Поход к врачу",
                ),
                (
                    "Gehen Sie zuerst zu einer Hausärztin oder einem Hausarzt. Rufen Sie vorher an "
                    "und machen Sie einen Termin.",
                    "First go to a general practitioner (Hausarzt). Call beforehand and make an "
                    "appointment.",
                    "اذهب أولًا إلى طبيب الأسرة (Hausarzt). اتصل قبل ذلك واحجز موعدًا.",
                    "Спочатку йдіть до сімейного лікаря (Hausarzt). Заздалегідь зателефонуйте і "
                    "запишіться.",
                    "اول نزد پزشک عمومی (Hausarzt) بروید. قبلش تلفن کنید و وقت بگیرید.",
                    "Önce aile hekimine (Hausarzt) gidin. Önceden arayıp randevu alın.",
                    "Сначала идите к семейному врачу (Hausarzt). Заранее позвоните и запишитесь.",
                ),
            ),
            (
                (
                    "Im Notfall",
                    "In an emergency",
                    "في حالة الطوارئ",
                    "У надзвичайній ситуації",
                    "در مواقع اضطراری",
                    "Acil durumda",
                    "В экстренном случае",
                ),
                (
                    "Rufen Sie die 112. Der Anruf ist kostenlos. Nachts und am Wochenende hilft der "
                    "ärztliche Bereitschaftsdienst unter 116 117.",
                    "Call 112. The call is free. At night and at weekends, the on-call medical "
                    "service helps on 116 117.",
                    "اتصل بالرقم 112. المكالمة مجانية. في الليل وفي عطلة نهاية الأسبوع تساعدك الخدمة "
                    "الطبية المناوبة على الرقم 116 117.",
                    "Телефонуйте 112. Дзвінок безкоштовний. Уночі та у вихідні допомагає чергова "
                    "медична служба за номером 116 117.",
                    "با ۱۱۲ تماس بگیرید. تماس رایگان است. شب‌ها و آخر هفته‌ها خدمات پزشکی کشیک با "
                    "شماره ۱۱۶۱۱۷ کمک می‌کند.",
                    "112'yi arayın. Arama ücretsizdir. Geceleri ve hafta sonları nöbetçi doktor "
                    "hizmetine 116 117'den ulaşabilirsiniz.",
                    "Звоните 112. Звонок бесплатный. Ночью и в выходные помогает дежурная врачебная "
                    "служба по номеру 116 117.",
                ),
            ),
        ],
        ("health", "psychosocial"),
    ),
    GuideText(
        "family",
        "kita-und-schule",
        (
            "Kita und Schule",
            "Daycare and school",
            "الحضانة والمدرسة",
            "Дитсадок і школа",
            "مهدکودک و مدرسه",
            "Kreş ve okul",
            "Детский сад и школа",
        ),
        (
            "Ein Platz für Ihr Kind in {town}.",
            "A place for your child in {town}.",
            "مكان لطفلك في {town}.",
            "Місце для вашої дитини в {town}.",
            "جایی برای فرزندتان در {town}.",
            "{town}'da çocuğunuz için bir yer.",
            "Место для вашего ребёнка в {town}.",
        ),
        [
            (
                (
                    "Die Kita",
                    "Daycare",
                    "الحضانة",
                    "Дитячий садок",
                    "مهدکودک",
                    "Kreş",
                    "Детский сад",
                ),
                (
                    "In der Kita spielen und lernen Kinder mit anderen Kindern. So lernen sie schnell "
                    "Deutsch. Melden Sie Ihr Kind früh an.",
                    "At daycare, children play and learn with other children. That way they learn "
                    "German quickly. Register your child early.",
                    "في الحضانة يلعب الأطفال ويتعلمون مع أطفال آخرين. هكذا يتعلمون الألمانية بسرعة. "
                    "سجّل طفلك مبكرًا.",
                    "У дитсадку діти граються й навчаються з іншими дітьми. Так вони швидко вивчають "
                    "німецьку. Запишіть дитину заздалегідь.",
                    "در مهدکودک کودکان با کودکان دیگر بازی می‌کنند و یاد می‌گیرند. این‌طور زود آلمانی "
                    "یاد می‌گیرند. کودک‌تان را زود ثبت‌نام کنید.",
                    "Kreşte çocuklar başka çocuklarla oynar ve öğrenir. Böylece Almancayı hızla "
                    "öğrenirler. Çocuğunuzu erkenden kaydettirin.",
                    "В детском саду дети играют и учатся с другими детьми. Так они быстро учат "
                    "немецкий. Запишите ребёнка заранее.",
                ),
            ),
            (
                ("Die Schule", "School", "المدرسة", "Школа", "مدرسه", "Okul", "Школа"),
                (
                    "Alle Kinder ab sechs Jahren gehen zur Schule. Die Schule ist kostenlos. Die "
                    "Bildungsberatung hilft Ihnen, die richtige Schule zu finden.",
                    "All children aged six and over go to school. School is free. Education advice "
                    "helps you find the right school.",
                    "يذهب كل الأطفال من عمر ست سنوات إلى المدرسة. المدرسة مجانية. تساعدك الاستشارة "
                    "التعليمية في إيجاد المدرسة المناسبة.",
                    "Усі діти від шести років ходять до школи. Школа безкоштовна. Освітня консультація "
                    "допоможе знайти відповідну школу.",
                    "همه کودکان از شش‌سالگی به مدرسه می‌روند. مدرسه رایگان است. مشاوره تحصیلی به شما "
                    "کمک می‌کند مدرسه مناسب را پیدا کنید.",
                    "Altı yaşından itibaren bütün çocuklar okula gider. Okul ücretsizdir. Eğitim "
                    "danışmanlığı doğru okulu bulmanıza yardım eder.",
                    "Все дети с шести лет ходят в школу. Школа бесплатная. Образовательная "
                    "консультация поможет найти подходящую школу.",
                ),
            ),
        ],
        ("kita", "school", "homework"),
    ),
]

# The picture on "Anmelden in der Stadt" and its description for people who cannot see it.
IMAGE_ALT: Texts = (
    "Zeichnung: ein Formular, ein Pass und ein Hausschlüssel auf einem Tisch.",
    "Drawing: a form, a passport and a house key on a table.",
    "رسم: استمارة وجواز سفر ومفتاح بيت على طاولة.",
    "Малюнок: бланк, паспорт і ключ від дому на столі.",
    "نقاشی: یک فرم، یک پاسپورت و یک کلید خانه روی میز.",
    "Çizim: masada bir form, bir pasaport ve bir ev anahtarı.",
    "Рисунок: бланк, паспорт и ключ от дома на столе.",
)

# Written after the translations (directory.py): the German text changes, so the
# translations made from the old text turn "outdated" — what an editor meets every week.
CHANGED_BRING: str = (
    "Bringen Sie Ihren Pass und die Bestätigung Ihres Vermieters mit. Für Kinder brauchen Sie "
    "die Geburtsurkunde. Seit diesem Jahr geht die Anmeldung nur noch mit Termin."
)
CHANGED_INTEGRATION_SUMMARY: str = (
    "Deutsch lernen und das Leben in Deutschland kennenlernen – neuer Kurs ab dem 1. Februar."
)
# A section added to "Kita und Schule" after the translators' last round: "missing" in most
# languages (only English is done).
NEW_SECTION: tuple[str, str, str, str] = (
    "Ferien",
    "In den Schulferien gibt es Ferienspiele für Kinder. Fragen Sie in der Schule nach.",
    "Holidays",
    "During the school holidays there are holiday activities for children. Ask at the school.",
)


@dataclass(frozen=True)
class Place:
    """A place of offers: name, street, postcode, coordinates, how to get there (a key of
    DIRECTIONS with its line and stop), accessibility."""

    name: str
    street: str
    postcode: str
    latitude: float
    longitude: float
    directions: tuple[str, str, str]
    accessibility: tuple[str, ...] = ()


# weekday numbers (0 = Monday) as a string, opens, closes
Slot = tuple[str, str, str]


@dataclass(frozen=True)
class Instance:
    """One offer of a town: its kind, provider, place, weekly hours, by appointment only?"""

    kind: str
    provider: str
    place: str
    slots: tuple[Slot, ...]
    by_appointment: bool = False


# providers: key -> name ("{town}" filled in); the same keys in both towns
PROVIDERS: dict[str, str] = {
    "vhs": "Volkshochschule {town}",
    "lingua": "Sprachschule Lingua Brücke",
    "bruecke": "Brückenhaus e. V.",
    "jmd": "Jugendmigrationsdienst {town}",
    "stadt": "Stadtverwaltung {town}",
    "abh": "Ausländerbehörde {town}",
    "jobcenter": "Jobcenter {town}",
    "iq": "Anerkennungsberatung Netzwerk Perspektive",
    "gesundheitsamt": "Gesundheitsamt {town}",
    "wohnen": "Wohnraumhilfe {town} e. V.",
    "frauen": "Frauentreff Mosaik e. V.",
    "queer": "Queer Welcome {town}",
    "sport": "SV Blau-Weiß {town} e. V.",
    "lernpaten": "Lernpaten {town} e. V.",
    "cafe": "Café International e. V.",
    "rad": "Radwerk {town} e. V.",
}

# the offers of each town (both towns have the same; places and providers are the town's own)
OFFERS: tuple[Instance, ...] = (
    Instance("integration", "vhs", "vhs", (("01234", "08:30", "12:30"),)),
    Instance("integration", "lingua", "familie", (("0123", "13:00", "17:00"),)),
    Instance("job_language", "vhs", "vhs", (("13", "17:30", "20:30"),)),
    Instance("literacy", "vhs", "vhs", (("024", "09:00", "12:00"),)),
    Instance("language_cafe", "cafe", "cafe", (("3", "15:00", "18:00"),)),
    Instance("mbe", "bruecke", "beratung", (("03", "09:00", "12:00"), ("1", "13:00", "16:00"))),
    Instance("jmd", "jmd", "beratung", (("13", "13:00", "17:00"),)),
    Instance("asylum", "bruecke", "beratung", (("2", "09:00", "13:00"),), by_appointment=True),
    Instance("foreigners_office", "abh", "abh", (("013", "08:00", "12:00"), ("1", "14:00", "18:00")),
             by_appointment=True),
    Instance("citizens_office", "stadt", "rathaus",
             (("024", "08:00", "12:00"), ("1", "13:00", "18:00"))),
    Instance("jobcenter", "jobcenter", "jobcenter", (("01234", "08:00", "12:00"),)),
    Instance("recognition", "iq", "beratung", (("3", "10:00", "15:00"),), by_appointment=True),
    Instance("kita", "stadt", "rathaus", (("1", "09:00", "12:00"), ("3", "14:00", "17:00"))),
    Instance("school", "stadt", "rathaus", (("2", "09:00", "12:00"),)),
    Instance("homework", "lernpaten", "familie", (("13", "14:30", "16:30"),)),
    Instance("health", "gesundheitsamt", "gesundheit", (("2", "13:00", "15:00"),)),
    Instance("psychosocial", "bruecke", "beratung", (("02", "10:00", "14:00"),),
             by_appointment=True),
    Instance("housing", "wohnen", "cafe", (("1", "10:00", "13:00"),)),
    Instance("women", "frauen", "familie", (("4", "09:30", "11:30"),)),
    Instance("lgbtq", "queer", "cafe", (("2", "18:00", "20:00"),)),
    Instance("sports", "sport", "sport", (("13", "17:00", "19:00"), ("5", "10:00", "12:00"))),
    Instance("bikes", "rad", "cafe", (("5", "10:00", "14:00"),)),
)  # fmt: skip


@dataclass(frozen=True)
class Town:
    slug: str
    places: dict[str, Place]
    phone_prefix: str
    # the offer (kind) closed for a while, the one that ended, and the one whose contact
    # never answered "Ist das noch richtig?"
    closed: str
    ended: str
    unchecked: str


TOWNS: tuple[Town, ...] = (
    Town(
        "sonneberg",
        {
            "rathaus": Place("Rathaus Sonneberg – Bürgerbüro", "Bahnhofstraße 1", "96515",
                             50.3572, 11.1703, ("walk", "", "Rathaus"),
                             ("step_free", "lift", "wheelchair_toilet")),
            "vhs": Place("Volkshochschule im Schulzentrum", "Schulstraße 12", "96515",
                         50.3611, 11.1668, ("bus", "2", "Schulzentrum"), ("step_free",)),
            "beratung": Place("Brückenhaus – Beratungszentrum", "Köppelsdorfer Straße 40",
                              "96515", 50.3548, 11.1790, ("bus", "1", "Köppelsdorf Mitte"),
                              ("step_free", "children_welcome")),
            "abh": Place("Landratsamt, Haus 2", "Bahnhofsplatz 3", "96515", 50.3535, 11.1678,
                         ("walk", "", "Bahnhofsplatz"), ("lift",)),
            "jobcenter": Place("Jobcenter Sonneberg", "Gustav-König-Straße 8", "96515",
                               50.3626, 11.1735, ("bus", "3", "Gustav-König-Straße"),
                               ("step_free", "lift")),
            "familie": Place("Familienzentrum Wolkenrasen", "Am Wolkenrasen 5", "96515",
                             50.3680, 11.1560, ("bus", "4", "Wolkenrasen"),
                             ("step_free", "children_welcome")),
            "gesundheit": Place("Gesundheitsamt Sonneberg", "Hüttensteinacher Straße 3",
                                "96515", 50.3502, 11.1742, ("bus", "1", "Gesundheitsamt"),
                                ("step_free", "wheelchair_toilet")),
            "sport": Place("Sportplatz am Eichberg", "Eichbergstraße 20", "96515", 50.3660,
                           11.1800, ("bus", "2", "Eichberg")),
            "cafe": Place("Begegnungscafé am Markt", "Marktplatz 4", "96515", 50.3590, 11.1715,
                          ("walk", "", "Markt"), ("step_free", "children_welcome")),
        },
        "03675 70", closed="sports", ended="homework", unchecked="housing",
    ),
    Town(
        "potsdam",
        {
            "rathaus": Place("Bürgerservice im Stadthaus", "Friedrich-Ebert-Straße 79",
                             "14469", 52.4025, 13.0580, ("tram", "92", "Nauener Tor"),
                             ("step_free", "lift", "wheelchair_toilet")),
            "vhs": Place("Volkshochschule im Bildungsforum", "Am Kanal 47", "14467", 52.3955,
                         13.0640, ("tram", "91", "Platz der Einheit"), ("step_free", "lift")),
            "beratung": Place("Haus der Begegnung Schlaatz", "Schilfhof 28", "14478", 52.3700,
                              13.0870, ("tram", "96", "Magnus-Zeller-Platz"),
                              ("step_free", "children_welcome")),
            "abh": Place("Ausländerbehörde, Haus 3", "Hegelallee 6", "14467", 52.4040, 13.0560,
                         ("tram", "92", "Reiterweg"), ("lift",)),
            "jobcenter": Place("Jobcenter Potsdam", "Horstweg 102", "14478", 52.3830, 13.0860,
                               ("tram", "94", "Horstweg"), ("step_free", "lift")),
            "familie": Place("Familienzentrum Drewitz", "Konrad-Wolf-Allee 30", "14480",
                             52.3560, 13.1230, ("tram", "92", "Drewitz"),
                             ("step_free", "children_welcome")),
            "gesundheit": Place("Gesundheitsamt Potsdam", "Behlertstraße 3", "14467", 52.4060,
                                13.0670, ("bus", "603", "Behlertstraße"),
                                ("step_free", "wheelchair_toilet")),
            "sport": Place("Sportpark Luftschiffhafen", "Olympischer Weg 7", "14471", 52.3920,
                           13.0230, ("tram", "91", "Luftschiffhafen"), ("step_free",)),
            "cafe": Place("Nachbarschaftscafé Babelsberg", "Karl-Liebknecht-Straße 21",
                          "14482", 52.3910, 13.0960, ("tram", "94", "Rathaus Babelsberg"),
                          ("step_free", "children_welcome")),
        },
        "0331 28", closed="bikes", ended="literacy", unchecked="women",
    ),
)  # fmt: skip
