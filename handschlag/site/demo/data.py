"""The demo world: people, organisations and promises in the seed towns.

Only the demo loader uses this; production never contains demo accounts.
"""

DEMO_PASSWORD = "handschlag-demo"  # noqa: S105 - documented demo password, demo data only

# key, email, first name, last name, moderator?
PEOPLE = [
    ("moderator", "moderation@demo.handschlag.example", "Miriam", "Krause", True),
    ("company", "firma@demo.handschlag.example", "Jens", "Hofmann", False),
    ("initiative", "initiative@demo.handschlag.example", "Amira", "Haddad", False),
    ("initiative_member", "helfer@demo.handschlag.example", "Lukas", "Brandt", False),
    ("municipality", "kommune@demo.handschlag.example", "Sabine", "Winter", False),
    ("volunteer", "ehrenamt@demo.handschlag.example", "Tobias", "Meyer", False),
    ("foundation", "stiftung@demo.handschlag.example", "Clara", "Neumann", False),
]

# key, name, kind, town slug, verified, admin key, member keys
ORGANISATIONS = [
    ("techwerk", "Techwerk Sonneberg GmbH", "company", "sonneberg", True, "company", []),
    ("willkommen", "Willkommen in Sonneberg e. V.", "initiative", "sonneberg", True,
     "initiative", ["initiative_member"]),
    ("stadt_potsdam", "Landeshauptstadt Potsdam – Integrationsbüro", "municipality", "potsdam",
     True, "municipality", []),
    ("hanse_bau", "Hanse Bau Stralsund", "company", "stralsund", False, "company", []),
    ("elbbruecke", "Elbbrücke Torgau", "initiative", "torgau", False, "initiative_member", []),
    ("goldstadt", "Goldstadt Stiftung Pforzheim", "foundation", "pforzheim", True, "foundation",
     []),
    ("kalletal_hilft", "Kalletal hilft", "association", "kalletal", False, "volunteer", []),
]  # fmt: skip

# Each promise: key, owner key, organisation key (or None), town slug (None = nationwide),
# category, title, description, quantity, unit, value, condition, report requirements,
# capacity, eligibility, state, days until deadline (negative = past).
PROMISES = [
    ("tablets", "company", "techwerk", "sonneberg", "equipment",
     "Zehn Tablets für eine Willkommensklasse",
     "Zehn gebrauchte, zurückgesetzte Tablets mit Hülle und Ladegerät, eingerichtet mit "
     "Lern-Apps für Deutsch als Zweitsprache.", 10, "Tablets", 2500,
     "… eine Initiative damit ein Schulhalbjahr lang eine Willkommensklasse beim Deutschlernen "
     "unterstützt.",
     "Wie wurden die Tablets genutzt, wie viele Kinder haben mitgemacht, was würden Sie "
     "anderen raten? Ein Foto ohne erkennbare Gesichter.", 1, "organisations", "published", 40),
    ("praktikum", "company", "techwerk", "sonneberg", "training",
     "Drei Praktikumsplätze in der Elektronikfertigung",
     "Vier Wochen Praktikum mit fester Ansprechperson, Arbeitskleidung und Fahrtkostenzuschuss.",
     3, "Plätze", None,
     "… jemand die Praktikantinnen und Praktikanten vorher zu einem Bewerbungstraining begleitet.",
     "Wer hat teilgenommen (ohne Namen), wie lief das Training, was kam danach?", 3, "anyone",
     "published", 55),
    ("raum", "municipality", "stadt_potsdam", "potsdam", "space",
     "Ein Raum für das Sprachcafé – jeden Donnerstag",
     "Der Gemeinschaftsraum im Bürgerhaus am Schlaatz, mit Küche, für 25 Personen.", 1,
     "Raum", None,
     "… eine Initiative dort ein Jahr lang jeden Donnerstag ein offenes Sprachcafé anbietet.",
     "Wie viele Menschen kamen, welche Sprachen wurden gesprochen?", 1, "organisations",
     "published", 90),
    ("fahrraeder", "company", "hanse_bau", "stralsund", "mobility",
     "Zwölf Fahrräder für den Weg zur Arbeit",
     "Aufbereitete Fahrräder mit Schloss und Licht, durchgesehen von unserer Werkstatt.", 12,
     "Fahrräder", 1800,
     "… Ehrenamtliche einen Fahrradkurs für Erwachsene anbieten, die noch nicht Rad fahren.",
     "Wie viele Menschen haben Radfahren gelernt?", 2, "anyone", "published", 30),
    ("hausaufgaben", "initiative_member", "elbbruecke", "torgau", "language",
     "Hausaufgabenhilfe zweimal pro Woche",
     "Zwei Lehramtsstudierende geben Hausaufgabenhilfe für Kinder der Klassen 3 bis 6.", 2,
     "Nachmittage pro Woche", None,
     "… die Schule einen ruhigen Raum und Zugang zu den Lehrkräften ermöglicht.",
     "Wie hat sich die Hausaufgabensituation verändert?", 1, "verified", "published", 20),
    ("stipendium", "foundation", "goldstadt", "pforzheim", "money",
     "500 Euro Starthilfe für Führerscheine",
     "Zuschuss zu den Kosten eines Führerscheins für junge Geflüchtete in Ausbildung.", 5,
     "Zuschüsse", 2500,
     "… ein Betrieb bestätigt, dass der Führerschein für die Ausbildung gebraucht wird.",
     "Wofür wurde der Führerschein gebraucht, was hat er verändert?", 5, "verified",
     "published", 120),
    ("fussball", "volunteer", "kalletal_hilft", "kalletal", "leisure",
     "Trainingszeiten und Trikots für ein gemischtes Fußballteam",
     "Der Sportplatz am Samstagvormittag und 20 Trikots.", 20, "Trikots", 600,
     "… jemand ein Team aus Alteingesessenen und Neuangekommenen trainiert.",
     "Wie hat sich das Team entwickelt?", 1, "anyone", "published", 75),
    ("beratung", "municipality", "stadt_potsdam", None, "expertise",
     "Unsere Checkliste für Willkommensbüros – mit Einführung",
     "Zwei Stunden Videoberatung zu unserem Willkommensbüro-Konzept, mit allen Vorlagen.", 6,
     "Beratungen", None,
     "… eine andere Kommune danach ihr eigenes Willkommensbüro plant und darüber berichtet.",
     "Was haben Sie übernommen, was angepasst?", 6, "organisations", "published", 150),
    ("laptops", "company", "hanse_bau", "stralsund", "equipment",
     "Fünf Laptops für Bewerbungstrainings",
     "Fünf Laptops mit Office-Paket.", 5, "Laptops", 1500,
     "… eine Initiative damit wöchentlich Bewerbungen mit Geflüchteten schreibt.",
     "Wie viele Bewerbungen, wie viele Einladungen?", 1, "organisations", "published", 10),
    ("nähkurs", "volunteer", None, "burgenlandkreis", "leisure",
     "Nähmaschinen für ein Nähcafé",
     "Vier Nähmaschinen aus einem aufgelösten Kursraum.", 4, "Nähmaschinen", None,
     "… jemand ein wöchentliches Nähcafé für Frauen organisiert.",
     "Wer kam, was wurde genäht?", 1, "anyone", "published", 4),
    ("dolmetschen", "initiative", "willkommen", "sonneberg", "expertise",
     "Dolmetschen bei Elternabenden (Arabisch, Ukrainisch)",
     "Ehrenamtliche Sprachmittlerinnen begleiten Elternabende.", 8, "Termine", None,
     "… die Schule Einladungen zwei Wochen vorher schickt und einen Raum für Vorgespräche hat.",
     "Wie viele Eltern kamen mehr als vorher?", 4, "anyone", "published", 60),
    ("kita", "municipality", "stadt_potsdam", "potsdam", "language",
     "Vorlesepaten in drei Kitas",
     "Drei Kitas öffnen ihre Vorlesestunde für mehrsprachige Vorlesepaten.", 3, "Kitas", None,
     "… Ehrenamtliche einmal pro Woche in einer Herkunftssprache vorlesen.",
     "Welche Sprachen, welche Bücher?", 3, "anyone", "published", 100),
    ("jobmesse", "foundation", "goldstadt", "pforzheim", "jobs",
     "Stand auf der Ausbildungsmesse für eine Initiative",
     "Ein kostenloser Stand auf der Pforzheimer Ausbildungsmesse.", 1, "Stand", 800,
     "… eine Initiative Jugendliche mit Fluchtgeschichte zur Messe begleitet.",
     "Wie viele Jugendliche, wie viele Kontakte?", 1, "organisations", "published", 35),
    ("werkzeug", "company", "techwerk", "sonneberg", "equipment",
     "Werkzeugkisten für eine Reparaturwerkstatt",
     "Zehn Werkzeugkisten.", 10, "Kisten", 900,
     "… eine offene Reparaturwerkstatt mit Geflüchteten entsteht.",
     "Was wurde repariert?", 2, "anyone", "pending", 70),
    ("deutschkurs", "initiative", "willkommen", "sonneberg", "language",
     "Deutschkurs am Abend für Berufstätige",
     "Zwei Abende pro Woche, A2 bis B1.", 15, "Plätze", None,
     "… ein Arbeitgeber die Teilnahme als Arbeitszeit anrechnet.",
     "Wie viele haben die Prüfung bestanden?", 1, "organisations", "pending", 80),
    ("ferien", "volunteer", None, "kalletal", "leisure",
     "Ferienfreizeit für zehn Kinder",
     "Eine Woche Zeltlager.", 10, "Plätze", None,
     "… jemand die Anmeldung mit den Familien organisiert.",
     "Wie war die Woche?", 1, "anyone", "returned", 50),
    ("busticket", "company", "hanse_bau", "stralsund", "mobility",
     "Monatstickets für Praktikanten",
     "Zehn Monatstickets.", 10, "Tickets", 490,
     "… ein Betrieb Praktika anbietet.",
     "Wer wurde übernommen?", 1, "anyone", "draft", 45),
    ("spielplatz", "municipality", "stadt_potsdam", "potsdam", "space",
     "Gemeinschaftsgarten-Parzelle",
     "Eine Parzelle im Gemeinschaftsgarten.", 1, "Parzelle", None,
     "… eine Gruppe von Familien sie ein Jahr lang pflegt.",
     "Was ist gewachsen?", 1, "anyone", "withdrawn", 30),
    ("wintermaentel", "foundation", "goldstadt", "pforzheim", "equipment",
     "Wintermäntel für Kinder",
     "50 Wintermäntel in verschiedenen Größen.", 50, "Mäntel", 2000,
     "… eine Initiative die Verteilung nach Größen organisiert.",
     "Wie viele Kinder wurden versorgt?", 1, "anyone", "expired", -10),
    ("mentoring", "initiative_member", "elbbruecke", "berlin", "jobs",
     "Mentoring für den Berufseinstieg in Berlin",
     "Sechs Mentorinnen und Mentoren aus der IT begleiten ein halbes Jahr.", 6, "Tandems",
     None,
     "… ein Träger die Tandems vermittelt und begleitet.",
     "Wie viele haben eine Stelle gefunden?", 6, "organisations", "published", 140),
    ("computerkurs", "company", "techwerk", "torgau", "training",
     "Computerkurs für Seniorinnen und Neuangekommene",
     "Ein Schulungsraum mit zwölf Rechnern an vier Samstagen.", 4, "Samstage", None,
     "… Ehrenamtliche gemischte Kursgruppen aus Alteingesessenen und Neuangekommenen leiten.",
     "Was haben die Gruppen voneinander gelernt?", 1, "anyone", "published", 25),
]  # fmt: skip

TABLETS_REPORT = (
    "Seit Februar lernen zwölf Kinder der Willkommensklasse an der Regelschule Sonneberg mit "
    "den Tablets von Techwerk. Zweimal pro Woche kommen Ehrenamtliche von „Willkommen in "
    "Sonneberg“ in den Unterricht und üben mit kleinen Gruppen Wortschatz und Aussprache.\n\n"
    "Was gut funktioniert hat: feste Tandems aus einem älteren und einem jüngeren Kind, und "
    "dass die Tablets in der Schule bleiben – so ging keines verloren. Was wir anders machen "
    "würden: früher mit der Schul-IT sprechen, damit das WLAN für alle Geräte freigeschaltet "
    "ist.\n\nUnser Rat an andere Städte: Fragen Sie ein örtliches Unternehmen direkt – die "
    "Bereitschaft war viel größer, als wir dachten."
)

# The same report as written with the report form's prompts (title, lead, four sections).
TABLETS_TITLE = "Wie zehn Tablets eine Willkommensklasse verändert haben"
TABLETS_LEAD = (
    "Zwölf Kinder, zwei Ehrenamtliche, ein Unternehmen aus der Stadt: ein Halbjahr "
    "Deutschlernen mit Tablets in Sonneberg."
)
TABLETS_SECTIONS = {
    "happened": "Seit Februar lernen zwölf Kinder der Willkommensklasse an der Regelschule "
    "Sonneberg mit den Tablets von Techwerk. Zweimal pro Woche kommen Ehrenamtliche von "
    "„Willkommen in Sonneberg“ in den Unterricht und üben mit kleinen Gruppen Wortschatz und "
    "Aussprache.",
    "worked": "Feste Tandems aus einem älteren und einem jüngeren Kind, und dass die Tablets in "
    "der Schule bleiben – so ging keines verloren.",
    "differently": "Früher mit der Schul-IT sprechen, damit das WLAN für alle Geräte "
    "freigeschaltet ist.",
    "advice": "Fragen Sie ein örtliches Unternehmen direkt – die Bereitschaft war viel größer, "
    "als wir dachten.",
}

EDITORIAL = (
    "Nachmachen ausdrücklich erwünscht: So übertragen Sie ein Versprechen auf Ihre Stadt",
    "Ein gutes Beispiel aus einer Stadt kann in vielen anderen funktionieren. So geht es.",
    "Auf jeder Seite eines erfüllten Versprechens finden Sie den Knopf „Nachmachen“. Er legt "
    "einen Entwurf an, den Sie an Ihre Stadt anpassen: Ort, Frist, Menge.\n\n"
    "Bevor Sie ihn einreichen, lesen Sie den Bericht der Initiative, die das Original eingelöst "
    "hat. Dort steht, was gut lief – und was sie heute anders machen würde.",
)
