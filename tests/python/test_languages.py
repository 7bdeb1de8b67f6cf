"""Every language as itself, with no language argument: the same short news story, written for
this test in each language, is detected as its language, split into its eight whole sentences
(in Thai, which has no sentence-final punctuation, at the spaces between them),
and summarized with that language's stemmer and stopwords; the one sentence that shares no word
with the story (the weather) is never chosen."""

from __future__ import annotations

import pytest

import precis

# (language, stemmer, sentences); the seventh sentence of each is the off-topic one.
STORIES = {
    "en": (
        "en",
        [
            "The city of Lindholm opened its new public library on Saturday after three years of construction.",
            "The library holds more than two hundred thousand books and offers free internet access to every visitor.",
            "Mayor Anna Berg said the library would become the heart of cultural life in the city.",
            "On the first day, more than five thousand people visited the library and borrowed almost four "
            "thousand books.",
            "The building was designed by a local architect and has solar panels on its roof.",
            "Children can attend reading lessons in the library every afternoon.",
            "It rained briefly in the morning, but the sun came out before noon.",
            "The library will be open every day of the week, including Sundays.",
        ],
    ),
    "de": (
        "de",
        [
            "Die Stadt Lindholm hat am Samstag nach drei Jahren Bauzeit ihre neue öffentliche Bibliothek eröffnet.",
            "Die Bibliothek besitzt mehr als zweihunderttausend Bücher und bietet allen Besuchern kostenlosen "
            "Internetzugang.",
            "Bürgermeisterin Anna Berg sagte, die Bibliothek werde das Herz des kulturellen Lebens der Stadt.",
            "Am ersten Tag besuchten mehr als fünftausend Menschen die Bibliothek und liehen fast viertausend "
            "Bücher aus.",
            "Das Gebäude wurde von einem örtlichen Architekten entworfen und hat Solarzellen auf dem Dach.",
            "Kinder können jeden Nachmittag in der Bibliothek an Lesestunden teilnehmen.",
            "Am Morgen regnete es kurz, doch vor Mittag kam die Sonne heraus.",
            "Die Bibliothek ist an jedem Tag der Woche geöffnet, auch sonntags.",
        ],
    ),
    "es": (
        "es",
        [
            "La ciudad de Lindholm inauguró el sábado su nueva biblioteca pública tras tres años de obras.",
            "La biblioteca tiene más de doscientos mil libros y ofrece acceso gratuito a internet a todos los "
            "visitantes.",
            "La alcaldesa Anna Berg dijo que la biblioteca se convertirá en el corazón de la vida cultural de la "
            "ciudad.",
            "El primer día, más de cinco mil personas visitaron la biblioteca y se llevaron prestados casi cuatro "
            "mil libros.",
            "El edificio fue diseñado por un arquitecto local y tiene paneles solares en el tejado.",
            "Los niños pueden asistir a clases de lectura en la biblioteca todas las tardes.",
            "Por la mañana llovió un poco, pero el sol salió antes del mediodía.",
            "La biblioteca abrirá todos los días de la semana, incluidos los domingos.",
        ],
    ),
    "fr": (
        "fr",
        [
            "La ville de Lindholm a inauguré samedi sa nouvelle bibliothèque publique après trois ans de travaux.",
            "La bibliothèque compte plus de deux cent mille livres et offre un accès gratuit à internet à tous les "
            "visiteurs.",
            "La maire Anna Berg a déclaré que la bibliothèque deviendrait le cœur de la vie culturelle de la ville.",
            "Le premier jour, plus de cinq mille personnes ont visité la bibliothèque et emprunté près de quatre "
            "mille livres.",
            "Le bâtiment a été conçu par un architecte local et porte des panneaux solaires sur son toit.",
            "Les enfants peuvent suivre des séances de lecture à la bibliothèque chaque après-midi.",
            "Il a plu un peu le matin, mais le soleil est revenu avant midi.",
            "La bibliothèque sera ouverte tous les jours de la semaine, y compris le dimanche.",
        ],
    ),
    "ru": (
        "ru",
        [
            "В субботу город Линдхольм открыл новую публичную библиотеку после трёх лет строительства.",
            "В библиотеке более двухсот тысяч книг, и каждый посетитель может бесплатно пользоваться интернетом.",
            "Мэр Анна Берг сказала, что библиотека станет сердцем культурной жизни города.",
            "В первый день библиотеку посетили более пяти тысяч человек и взяли почти четыре тысячи книг.",
            "Здание спроектировал местный архитектор, а на его крыше установлены солнечные панели.",
            "Дети могут каждый день после обеда приходить в библиотеку на уроки чтения.",
            "Утром ненадолго пошёл дождь, но до полудня выглянуло солнце.",
            "Библиотека будет открыта каждый день недели, включая воскресенье.",
        ],
    ),
    "ar": (
        "ar",
        [
            "افتتحت مدينة ليندهولم يوم السبت مكتبتها العامة الجديدة بعد ثلاث سنوات من البناء.",
            "تضم المكتبة أكثر من مئتي ألف كتاب وتوفر الإنترنت مجانا لكل الزوار.",
            "قالت رئيسة البلدية آنا بيرغ إن المكتبة ستصبح قلب الحياة الثقافية في المدينة.",
            "في اليوم الأول زار المكتبة أكثر من خمسة آلاف شخص واستعاروا نحو أربعة آلاف كتاب.",
            "صمم المبنى مهندس معماري محلي وتوجد على سطحه ألواح شمسية.",
            "يستطيع الأطفال حضور دروس القراءة في المكتبة كل يوم بعد الظهر.",
            "هطل المطر قليلا في الصباح، ثم صفت السماء بسرعة.",
            "ستفتح المكتبة أبوابها كل أيام الأسبوع بما فيها يوم الأحد.",
        ],
    ),
    "zh": (
        "",
        [
            "林德霍尔姆市在经过三年的建设后，于周六开放了新的公共图书馆。",
            "图书馆藏书超过二十万册，并为所有读者提供免费上网服务。",
            "市长安娜·贝格表示，图书馆将成为城市文化生活的中心。",
            "开馆第一天，有五千多人参观了图书馆，借走了近四千本书。",
            "这座建筑由本地建筑师设计，屋顶装有太阳能板。",
            "孩子们每天下午都可以在图书馆参加阅读课。",
            "早上下了一会儿雨，不久天就晴了。",
            "图书馆每周七天开放，星期日也不例外。",
        ],
    ),
    "zh-Hant": (
        "",
        [
            "林德霍爾姆市在經過三年的建設後，於週六開放了新的公共圖書館。",
            "圖書館藏書超過二十萬冊，並為所有讀者提供免費上網服務。",
            "市長安娜·貝格表示，圖書館將成為城市文化生活的中心。",
            "開館第一天，有五千多人參觀了圖書館，借走了近四千本書。",
            "這座建築由本地建築師設計，屋頂裝有太陽能板。",
            "孩子們每天下午都可以在圖書館參加閱讀課。",
            "早上下了一會兒雨，不久天就晴了。",
            "圖書館每週七天開放，星期日也不例外。",
        ],
    ),
    "th": (
        "",
        [
            "เมืองลินด์โฮล์มเปิดห้องสมุดประชาชนแห่งใหม่เมื่อวันเสาร์หลังจากก่อสร้างมาสามปี",
            "ห้องสมุดมีหนังสือมากกว่าสองแสนเล่มและให้บริการอินเทอร์เน็ตฟรีแก่ผู้มาใช้บริการทุกคน",
            "นายกเทศมนตรีเบิร์กกล่าวว่าห้องสมุดจะเป็นหัวใจของชีวิตทางวัฒนธรรมของเมือง",
            "ในวันแรกมีผู้เข้าชมห้องสมุดมากกว่าห้าพันคนและยืมหนังสือไปเกือบสี่พันเล่ม",
            "อาคารนี้ออกแบบโดยสถาปนิกท้องถิ่นและมีแผงโซลาร์เซลล์บนหลังคา",
            "เด็กๆ สามารถเข้าเรียนการอ่านที่ห้องสมุดได้ทุกบ่าย",
            "ตอนเช้าฝนตกเล็กน้อยแต่แดดออกก่อนเที่ยง",
            "ห้องสมุดจะเปิดให้บริการทุกวันรวมถึงวันอาทิตย์",
        ],
    ),
    "ja": (
        "",
        [
            "リンドホルム市は三年間の工事を経て、土曜日に新しい公立図書館を開館した。",
            "図書館には二十万冊以上の本があり、すべての利用者が無料でインターネットを使える。",
            "アンナ・ベルク市長は、図書館が市の文化活動の中心になると述べた。",
            "初日には五千人以上が図書館を訪れ、四千冊近くの本を借りた。",
            "建物は地元の建築家が設計し、屋根には太陽光パネルが設置されている。",
            "子どもたちは毎日午後、図書館で読書の授業に参加できる。",
            "朝は少し雨が降ったが、すぐに晴れた。",
            "図書館は日曜日を含め、毎日開いている。",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(STORIES))
def test_a_story_is_summarized_in_its_own_language(name: str) -> None:
    stemmer, sentences = STORIES[name]
    language = name.split("-")[0]
    joiner = "" if language in ("zh", "ja") else " "
    text = joiner.join(sentences)

    guess = precis.detect_language(text)
    assert (guess.language, guess.reliable) == (language, True)
    assert guess.confidence > 0.9

    summary = precis.summarize(text, sentences=3)
    assert summary.diagnostics.language == language
    assert summary.diagnostics.language_confidence == guess.confidence
    assert "language_uncertain" not in summary.diagnostics.warnings
    assert summary.diagnostics.stemmer == stemmer
    assert summary.diagnostics.stopword_count > 0
    # Whole sentences, never cut at a comma: the segmentation gives back the eight sentences.
    assert [s.text for s in precis.sentences(text)] == sentences
    assert len(summary) == 3
    assert all(s.text in sentences for s in summary.sentences)
    assert sentences[6] not in [s.text for s in summary.sentences]
    # One sentence a line, with no space added where the language writes none.
    assert summary.text == "\n".join(s.text for s in summary.sentences)
    if not joiner:
        assert " " not in summary.text


def test_a_short_or_mixed_text_says_the_language_is_uncertain() -> None:
    short = precis.summarize("Ok. Fine.")
    assert "language_uncertain" in short.diagnostics.warnings
    assert short.diagnostics.language == "en"
    mixed = precis.detect_language("Bonjour tout le monde. Guten Morgen alle zusammen.")
    assert mixed.candidates[0].probability < 0.999
    assert {c.language for c in mixed.candidates} >= {"fr", "de"}


def test_a_given_language_is_used_as_it_is() -> None:
    summary = precis.summarize("Die Bibliothek ist geöffnet. Sie hat viele Bücher.", language="nl")
    assert summary.diagnostics.language == "nl"
    assert summary.diagnostics.language_confidence == 1.0
    assert "language_uncertain" not in summary.diagnostics.warnings


def test_detect_language_accepts_any_str() -> None:
    for text in ["", "\ud800 lone surrogate", "\x00" * 10, "🙂" * 1000, "a" * 1_000_000]:
        guess = precis.detect_language(text)
        assert guess.language in precis.detectable_languages()
        assert 0.0 <= guess.confidence <= 1.0
    assert precis.LanguageGuess.from_json(
        precis.detect_language("Guten Tag").to_json()
    ) == precis.detect_language("Guten Tag")


def test_turkish_folds_dotted_and_dotless_i_as_turkish_does() -> None:
    text = "İstanbul ve İzmir arasında yeni bir hat yapılacak. Ilık bir günde İle birlikte açıldı. Istanbul sevindi."
    analysis = precis.analyze(text)
    assert analysis.diagnostics.language == "tr"
    vocabulary = set(analysis.vocabulary)
    assert "izmir" in vocabulary and "ılık" in vocabulary
    assert not any("\u0307" in term for term in vocabulary)  # no i with a combining dot
    assert "ile" not in vocabulary and "i̇le" not in vocabulary  # the stopword, capitalized
