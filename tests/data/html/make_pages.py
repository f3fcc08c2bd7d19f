#!/usr/bin/env python3
"""Writes the test pages of tests/data/html/: one small news page per
language and script (a header menu, the article, a related-links box, a
footer), in UTF-8 and again in legacy encodings, and pages.tsv, which lists
what test_html.c checks in each page. The texts were written for lede's
tests. Run it from anywhere; it rewrites the files next to it."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# code, dir, title, paragraph 1, paragraph 2, subheading, paragraph 3,
# menu words, related-link words, footer words
LANGS = [
    ("en", "ltr", "City opens a new library",
     "On Saturday a new public library opened in the city centre. Hundreds of residents, "
     "who had waited a long time for this day, came to the ceremony.",
     "The building took two years to finish. The architects kept the old facade, but "
     "inside they made bright reading rooms and a room for children.",
     "What comes next",
     "The city says the library will open every day of the week. In the autumn it will "
     "start free courses for adults and pupils.",
     ["Home", "News", "Sport", "Culture"], ["Museum extends its opening hours",
                                            "Skating rink planned for the park"],
     "All rights reserved."),
    ("de", "ltr", "Stadt eröffnet neue Bibliothek",
     "Am Samstag wurde im Stadtzentrum eine neue öffentliche Bibliothek eröffnet. Hunderte "
     "Einwohner, die lange auf diesen Tag gewartet hatten, kamen zur Feier.",
     "Der Bau dauerte zwei Jahre. Die Architekten bewahrten die alte Fassade, schufen "
     "innen aber helle Lesesäle und einen Raum für Kinder.",
     "Wie es weitergeht",
     "Die Stadt sagt, die Bibliothek werde an jedem Tag der Woche geöffnet sein. Im Herbst "
     "beginnen kostenlose Kurse für Erwachsene und Schüler.",
     ["Startseite", "Nachrichten", "Sport", "Kultur"], ["Museum verlängert Öffnungszeiten",
                                                        "Eisbahn im Park geplant"],
     "Alle Rechte vorbehalten."),
    ("fr", "ltr", "La ville ouvre une nouvelle bibliothèque",
     "Samedi, une nouvelle bibliothèque publique a ouvert ses portes au centre-ville. Des "
     "centaines d'habitants, qui attendaient ce jour depuis longtemps, ont assisté à la "
     "cérémonie.",
     "Le bâtiment a été construit en deux ans. Les architectes ont gardé l'ancienne "
     "façade, mais ont créé à l'intérieur des salles lumineuses et un espace pour les "
     "enfants.",
     "Et après ?",
     "La mairie affirme que la bibliothèque sera ouverte tous les jours. À l'automne, des "
     "cours gratuits commenceront pour les adultes et les élèves.",
     ["Accueil", "Actualités", "Sport", "Culture"], ["Le musée prolonge ses horaires",
                                                     "Une patinoire prévue au parc"],
     "Tous droits réservés."),
    ("ru", "ltr", "Город открыл новую библиотеку",
     "В субботу в центре города открылась новая публичная библиотека. На церемонии "
     "присутствовали сотни жителей, которые давно ждали этого дня.",
     "Здание строили два года. Архитекторы сохранили старый фасад, но внутри появились "
     "светлые залы и комната для детей.",
     "Что будет дальше",
     "В администрации обещают, что библиотека будет работать без выходных. Осенью здесь "
     "начнутся бесплатные курсы для взрослых и школьников.",
     ["Главная", "Новости", "Спорт", "Культура"], ["Музей продлил часы работы",
                                                   "В парке появится каток"],
     "Все права защищены."),
    ("el", "ltr", "Η πόλη εγκαινιάζει νέα βιβλιοθήκη",
     "Το Σάββατο άνοιξε μια νέα δημόσια βιβλιοθήκη στο κέντρο της πόλης. Στην τελετή "
     "παρευρέθηκαν εκατοντάδες κάτοικοι που περίμεναν καιρό αυτή τη μέρα.",
     "Το κτίριο χτίστηκε μέσα σε δύο χρόνια. Οι αρχιτέκτονες κράτησαν την παλιά πρόσοψη, "
     "αλλά μέσα δημιούργησαν φωτεινές αίθουσες και ένα δωμάτιο για παιδιά.",
     "Τα επόμενα βήματα",
     "Ο δήμος λέει ότι η βιβλιοθήκη θα λειτουργεί κάθε μέρα. Το φθινόπωρο θα ξεκινήσουν "
     "δωρεάν μαθήματα για ενήλικες και μαθητές.",
     ["Αρχική", "Ειδήσεις", "Αθλητικά", "Πολιτισμός"], ["Το μουσείο επεκτείνει το ωράριο",
                                                        "Παγοδρόμιο στο πάρκο"],
     "Με επιφύλαξη παντός δικαιώματος."),
    ("ar", "rtl", "المدينة تفتتح مكتبة جديدة",
     "افتتحت يوم السبت مكتبة عامة جديدة في وسط المدينة. وحضر الحفل مئات السكان الذين "
     "انتظروا هذا اليوم طويلاً.",
     "استغرق بناء المبنى عامين. وحافظ المهندسون على الواجهة القديمة، لكنهم أضافوا في "
     "الداخل قاعات مضيئة وغرفة للأطفال.",
     "الخطوات المقبلة",
     "وقالت البلدية إن المكتبة ستعمل طوال أيام الأسبوع. وستبدأ في الخريف دورات مجانية "
     "للكبار وطلاب المدارس.",
     ["الرئيسية", "أخبار", "رياضة", "ثقافة"], ["المتحف يمدد ساعات العمل",
                                               "حلبة تزلج في الحديقة"],
     "جميع الحقوق محفوظة."),
    ("hi", "ltr", "शहर में नया पुस्तकालय खुला",
     "शनिवार को शहर के केंद्र में एक नया सार्वजनिक पुस्तकालय खुला। समारोह में सैकड़ों "
     "निवासी शामिल हुए, जो लंबे समय से इस दिन का इंतज़ार कर रहे थे।",
     "इमारत को बनाने में दो साल लगे। वास्तुकारों ने पुराने अग्रभाग को बचाए रखा, लेकिन "
     "अंदर रोशन कक्ष और बच्चों के लिए एक कमरा बनाया।",
     "आगे की योजना",
     "नगर निगम ने कहा कि पुस्तकालय हर दिन खुला रहेगा। पतझड़ में यहाँ वयस्कों और "
     "छात्रों के लिए मुफ़्त कक्षाएँ शुरू होंगी।",
     ["मुखपृष्ठ", "समाचार", "खेल", "संस्कृति"], ["संग्रहालय का समय बढ़ा",
                                               "पार्क में स्केटिंग रिंक"],
     "सर्वाधिकार सुरक्षित।"),
    ("ja", "ltr", "市が新しい図書館を開館",
     "土曜日、市の中心部に新しい公立図書館が開館しました。式典には、この日を待ち望んでいた"
     "数百人の市民が集まりました。",
     "建物は二年かけて建設されました。設計者は古い外観を残しながら、内部に明るい閲覧室と"
     "子ども向けの部屋を設けました。",
     "今後の予定",
     "市によると、図書館は年中無休で運営されます。秋からは大人と子どものための無料講座も"
     "始まる予定です。",
     ["ホーム", "ニュース", "スポーツ", "文化"], ["美術館が開館時間を延長",
                                                 "公園にスケート場を計画"],
     "無断転載を禁じます。"),
    ("zh", "ltr", "市政府开放新图书馆",
     "星期六，一座新的公共图书馆在市中心开放。数百名市民参加了开幕式，他们已经期待这一天"
     "很久了。",
     "这座建筑用了两年时间建成。建筑师保留了原来的外墙，但在内部设计了明亮的阅览室和儿童"
     "活动室。",
     "下一步计划",
     "市政府表示，图书馆将全年无休。今年秋天，这里还将为成年人和学生开设免费课程。",
     ["首页", "新闻", "体育", "文化"], ["博物馆延长开放时间", "公园将建滑冰场"],
     "版权所有。"),
    ("ko", "ltr", "시, 새 도서관 개관",
     "토요일 시내 중심가에 새 공공 도서관이 문을 열었습니다. 개관식에는 이날을 기다려 온 "
     "시민 수백 명이 참석했습니다.",
     "건물은 2년에 걸쳐 지어졌습니다. 설계자들은 옛 외관을 살리면서 내부에 밝은 열람실과 "
     "어린이 공간을 마련했습니다.",
     "앞으로의 계획",
     "시는 도서관이 연중무휴로 운영될 것이라고 밝혔습니다. 가을부터는 어른과 학생을 위한 "
     "무료 강좌도 열릴 예정입니다.",
     ["홈", "뉴스", "스포츠", "문화"], ["미술관 운영 시간 연장", "공원에 스케이트장 조성"],
     "무단 전재 및 재배포 금지."),
]

# (language, file suffix, encoding for Python, how the page declares it, the
# label it declares, the encoding lede reports: the label as written when
# iconv reads it by that name, else the name lede reads its encoding with, a
# superset where the Encoding Standard's is one); declare: "meta" <meta
# charset>, "equiv" http-equiv Content-Type, "none" nothing, "bom" a byte
# order mark.
ENCODED = [
    ("ru", "cp1251", "cp1251", "equiv", "windows-1251", "windows-1251"),
    ("ru", "koi8r", "koi8_r", "meta", "KOI8-R", "KOI8-R"),
    ("ja", "sjis", "shift_jis", "meta", "Shift_JIS", "CP932"),
    ("ja", "eucjp", "euc_jp", "equiv", "EUC-JP", "EUC-JP-MS"),
    ("ko", "euckr", "euc_kr", "meta", "EUC-KR", "CP949"),
    ("zh", "gbk", "gbk", "meta", "GB2312", "GB18030"),
    ("el", "iso88597", "iso8859_7", "meta", "ISO-8859-7", "ISO-8859-7"),
    ("ar", "cp1256", "cp1256", "meta", "windows-1256", "windows-1256"),
    ("fr", "latin1", "latin_1", "meta", "ISO-8859-1", "WINDOWS-1252"),
    ("de", "cp1252-undeclared", "cp1252", "none", "", "WINDOWS-1252"),
    ("en", "utf16le", "utf-16-le", "bom", "", "UTF-16LE"),
    ("ru", "utf16be", "utf-16-be", "bom", "", "UTF-16BE"),
]


def page(lang, declare, label):
    code, direction, title, p1, p2, sub, p3, menu, related, footer = lang
    if declare == "meta":
        head = f'<meta charset="{label}">'
    elif declare == "equiv":
        head = f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'
    else:
        head = ""
    menu_items = "\n".join(f'<li><a href="/{i}">{w}</a></li>' for i, w in enumerate(menu))
    related_items = "\n".join(f'<li><a href="/r{i}">{w}</a></li>'
                              for i, w in enumerate(related))
    return f"""<!DOCTYPE html>
<html lang="{code}" dir="{direction}">
<head>
{head}
<title>{title} | Example News</title>
<meta property="og:title" content="{title}">
<meta name="author" content="Alex Example">
<meta property="article:published_time" content="2024-03-02T10:00:00Z">
<style>body {{ font-family: serif; }} p::before {{ content: "style text"; }}</style>
<script>var widget = "<p>script text</p>";</script>
</head>
<body>
<header class="site-header">
<nav class="main-menu">
<ul>
{menu_items}
</ul>
</nav>
</header>
<main>
<article>
<h1>{title}</h1>
<p class="byline">Alex Example, 2 March 2024</p>
<p>{p1}</p>
<p>{p2}</p>
<h2>{sub}</h2>
<p>{p3}</p>
</article>
<aside class="sidebar related-links">
<ul>
{related_items}
</ul>
</aside>
</main>
<footer class="site-footer"><p>{footer}</p></footer>
</body>
</html>
"""


def main():
    rows = []
    by_code = {lang[0]: lang for lang in LANGS}
    for lang in LANGS:
        name = f"lang-{lang[0]}.html"
        with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(page(lang, "meta", "utf-8"))
        rows.append((name, "UTF-8", lang))
    for code, suffix, pyenc, declare, label, reported in ENCODED:
        lang = by_code[code]
        name = f"lang-{code}-{suffix}.html"
        data = page(lang, declare, label).encode(pyenc)
        if declare == "bom":
            data = ("\ufeff".encode(pyenc)) + data
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
        rows.append((name, reported, lang))
    with open(os.path.join(HERE, "pages.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# file\tencoding\tlanguage\ttitle\tparagraph 1\tsubheading\tparagraph 3"
                "\tmenu word\trelated link\tfooter\n")
        for name, enc, lang in rows:
            code, _, title, p1, _, sub, p3, menu, related, footer = lang
            f.write("\t".join([name, enc, code, title, p1, sub, p3, menu[1], related[0],
                               footer]) + "\n")


if __name__ == "__main__":
    main()
