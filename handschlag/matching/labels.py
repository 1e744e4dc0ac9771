"""Display names for explanations: languages, weekly time slots, counts; German and English.

Config.language_labels, kind_labels and attribute_labels extend or override these; a code
without any label is shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import Text

LANGUAGES: Mapping[str, Text] = {
    code: Text(de, en)
    for code, de, en in (
        ("am", "Amharisch", "Amharic"),
        ("ar", "Arabisch", "Arabic"),
        ("az", "Aserbaidschanisch", "Azerbaijani"),
        ("bg", "Bulgarisch", "Bulgarian"),
        ("bn", "Bengalisch", "Bengali"),
        ("bs", "Bosnisch", "Bosnian"),
        ("ckb", "Sorani", "Sorani"),
        ("de", "Deutsch", "German"),
        ("el", "Griechisch", "Greek"),
        ("en", "Englisch", "English"),
        ("es", "Spanisch", "Spanish"),
        ("fa", "Farsi", "Farsi"),
        ("fr", "Französisch", "French"),
        ("ha", "Hausa", "Hausa"),
        ("hi", "Hindi", "Hindi"),
        ("hr", "Kroatisch", "Croatian"),
        ("hy", "Armenisch", "Armenian"),
        ("it", "Italienisch", "Italian"),
        ("ka", "Georgisch", "Georgian"),
        ("kmr", "Kurmandschi", "Kurmanji"),
        ("ku", "Kurdisch", "Kurdish"),
        ("pl", "Polnisch", "Polish"),
        ("prs", "Dari", "Dari"),
        ("ps", "Paschtu", "Pashto"),
        ("pt", "Portugiesisch", "Portuguese"),
        ("ro", "Rumänisch", "Romanian"),
        ("ru", "Russisch", "Russian"),
        ("sq", "Albanisch", "Albanian"),
        ("so", "Somali", "Somali"),
        ("sr", "Serbisch", "Serbian"),
        ("sw", "Suaheli", "Swahili"),
        ("ta", "Tamil", "Tamil"),
        ("ti", "Tigrinya", "Tigrinya"),
        ("tr", "Türkisch", "Turkish"),
        ("uk", "Ukrainisch", "Ukrainian"),
        ("ur", "Urdu", "Urdu"),
        ("vi", "Vietnamesisch", "Vietnamese"),
        ("zh", "Chinesisch", "Chinese"),
    )
}

DAYS: Mapping[str, Text] = {
    "mon": Text("montags", "Monday"),
    "tue": Text("dienstags", "Tuesday"),
    "wed": Text("mittwochs", "Wednesday"),
    "thu": Text("donnerstags", "Thursday"),
    "fri": Text("freitags", "Friday"),
    "sat": Text("samstags", "Saturday"),
    "sun": Text("sonntags", "Sunday"),
}
PARTS: Mapping[str, Text] = {
    "morning": Text("vormittags", "mornings"),
    "midday": Text("mittags", "middays"),
    "afternoon": Text("nachmittags", "afternoons"),
    "evening": Text("abends", "evenings"),
}


def label(code: str, *tables: Mapping[str, Text]) -> Text:
    for table in tables:
        if code in table:
            return table[code]
    return Text(code, code)


def slot_text(slot: str) -> Text:
    """ "tue-afternoon" -> "dienstags nachmittags" / "Tuesday afternoons"."""
    day, part = slot.split("-")
    return Text(f"{DAYS[day].de} {PARTS[part].de}", f"{DAYS[day].en} {PARTS[part].en}")


def either(texts: list[Text]) -> Text:
    """ "Tigrinya oder Englisch" / "Tigrinya or English"."""
    return _join(texts, "oder", "or")


def both(texts: list[Text]) -> Text:
    return _join(texts, "und", "and")


def _join(texts: list[Text], de_word: str, en_word: str) -> Text:
    if len(texts) == 1:
        return texts[0]
    de = ", ".join(t.de for t in texts[:-1]) + f" {de_word} {texts[-1].de}"
    en = ", ".join(t.en for t in texts[:-1]) + f" {en_word} {texts[-1].en}"
    return Text(de, en)


def people(count: int) -> Text:
    return (
        Text("1 Person", "1 person") if count == 1 else Text(f"{count} Personen", f"{count} people")
    )


def fitting(count: int, within: Text) -> Text:
    """ "im Umkreis von 5 km passt 1 Person" / "1 person within 5 km fits"."""
    if count == 1:
        return Text(f"{within.de} passt 1 Person", f"1 person {within.en} fits")
    return Text(f"{within.de} passen {count} Personen", f"{count} people {within.en} fit")


def km_text(km: float) -> str:
    """Whole kilometres, or one decimal below 10 km when not whole ("2,5" in German)."""
    if km >= 10 or float(km).is_integer():
        return f"{round(km):d}"
    return f"{km:.1f}"


def waited(days: int) -> Text:
    """ "5 Monaten" / "5 months" (dative in German: "seit 5 Monaten")."""
    if days >= 60:
        months = days // 30
        return Text(f"{months} Monaten", f"{months} months")
    weeks = max(days // 7, 1)
    return Text(
        "einer Woche" if weeks == 1 else f"{weeks} Wochen",
        "1 week" if weeks == 1 else f"{weeks} weeks",
    )
