#include "export/discogscsvwriter.h"
#include "import/discogscsvreader.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QTest>

using namespace aime;

namespace {

const QByteArray SampleHeader
    = "Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added,"
      "Collection Media Condition,Collection Sleeve Condition,Collection Notes\n";
const QByteArray MantronixRow
    = "TENR 137,Mantronix,Who Is It?,10 Records,\"12\"\"\",,1987,129186,Uncategorized,"
      "2020-03-09 22:40:50,Very Good Plus (VG+),Very Good Plus (VG+),\n";
const QByteArray CocoaTeaRow
    = "VP 4123,Cocoa Tea,The Sweet Sound Of Cocoa Tea,17 North Parade,\"2xCD, Comp\",,2008,"
      "1952156,Uncategorized,2021-04-06 11:25:59,Near Mint (NM or M-),Near Mint (NM or M-),\n";
// The sample of PROVIDERS.md 2.9, byte for byte.
const QByteArray SampleCsv = SampleHeader + MantronixRow + CocoaTeaRow;

// The ten standard columns plus Collection Notes, for short hand-written rows.
const QByteArray NotesHeader = "Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,"
                               "CollectionFolder,Date Added,Collection Notes\n";

QByteArray notesRow(const QByteArray &artist, const QByteArray &title, const QByteArray &releaseId,
                    const QByteArray &notes = QByteArray())
{
    return "CAT 1," + artist + ',' + title + ",Label,LP,,1990," + releaseId
        + ",Uncategorized,2020-01-02 03:04:05," + notes + '\n';
}

QByteArray withLineBreak(QByteArray csv, const QByteArray &lineBreak)
{
    return csv.replace("\n", lineBreak);
}

QString utf8(const char *text)
{
    return QString::fromUtf8(text);
}

QDateTime utc(int year, int month, int day, int hour, int minute, int second)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC);
}

SourceRef &sourceOf(Album &album)
{
    return album.sources.first();
}

// An album as the reader makes it: one source, "local" unless a release id is given.
Album albumFor(const QString &artist, const QString &title, const QString &releaseId = QString())
{
    Album album;
    album.artist = artist;
    album.title = title;
    SourceRef source;
    if (releaseId.isEmpty()) {
        source.provider = QStringLiteral("local");
    } else {
        source.provider = QStringLiteral("discogs");
        source.externalId = releaseId;
        source.url = QStringLiteral("https://www.discogs.com/release/") + releaseId;
    }
    album.sources = {source};
    return album;
}

void setLabel(Album &album, const QString &label)
{
    album.label = label;
    sourceOf(album).label = label;
}

void setFormat(Album &album, const QString &format)
{
    album.format = format;
    sourceOf(album).format = format;
}

Album mantronix()
{
    Album album = albumFor(QStringLiteral("Mantronix"), QStringLiteral("Who Is It?"),
                           QStringLiteral("129186"));
    album.year = 1987;
    setLabel(album, QStringLiteral("10 Records"));
    setFormat(album, QStringLiteral("12\""));
    SourceRef &source = sourceOf(album);
    source.catalogNumber = QStringLiteral("TENR 137");
    source.folder = QStringLiteral("Uncategorized");
    source.addedAt = utc(2020, 3, 9, 22, 40, 50);
    source.extra = QJsonObject {
        {QStringLiteral("Collection Media Condition"), QStringLiteral("Very Good Plus (VG+)")},
        {QStringLiteral("Collection Sleeve Condition"), QStringLiteral("Very Good Plus (VG+)")},
    };
    return album;
}

Album cocoaTea()
{
    Album album
        = albumFor(QStringLiteral("Cocoa Tea"), QStringLiteral("The Sweet Sound Of Cocoa Tea"),
                   QStringLiteral("1952156"));
    album.year = 2008;
    setLabel(album, QStringLiteral("17 North Parade"));
    setFormat(album, QStringLiteral("2xCD, Comp"));
    SourceRef &source = sourceOf(album);
    source.catalogNumber = QStringLiteral("VP 4123");
    source.folder = QStringLiteral("Uncategorized");
    source.addedAt = utc(2021, 4, 6, 11, 25, 59);
    source.extra = QJsonObject {
        {QStringLiteral("Collection Media Condition"), QStringLiteral("Near Mint (NM or M-)")},
        {QStringLiteral("Collection Sleeve Condition"), QStringLiteral("Near Mint (NM or M-)")},
    };
    return album;
}

// What notesRow() produces, before the case at hand changes it.
Album notesAlbum(const QString &artist, const QString &title, const QString &releaseId)
{
    Album album = albumFor(artist, title, releaseId);
    album.year = 1990;
    setLabel(album, QStringLiteral("Label"));
    setFormat(album, QStringLiteral("LP"));
    SourceRef &source = sourceOf(album);
    source.catalogNumber = QStringLiteral("CAT 1");
    source.folder = QStringLiteral("Uncategorized");
    source.addedAt = utc(2020, 1, 2, 3, 4, 5);
    return album;
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// QCOMPARE returns from this helper only; callers check QTest::currentTestFailed().
void compareAlbums(const Album &actual, const Album &expected)
{
    QCOMPARE(actual.artist, expected.artist);
    QCOMPARE(actual.title, expected.title);
    QCOMPARE(actual.year, expected.year);
    QCOMPARE(actual.releaseDate, expected.releaseDate);
    QCOMPARE(actual.label, expected.label);
    QCOMPARE(actual.format, expected.format);
    QCOMPARE(actual.sources.size(), expected.sources.size());
    for (qsizetype i = 0; i < actual.sources.size(); ++i) {
        const SourceRef &a = actual.sources.at(i);
        const SourceRef &e = expected.sources.at(i);
        QCOMPARE(a.provider, e.provider);
        QCOMPARE(a.externalId, e.externalId);
        QCOMPARE(a.url, e.url);
        QCOMPARE(a.format, e.format);
        QCOMPARE(a.label, e.label);
        QCOMPARE(a.catalogNumber, e.catalogNumber);
        QCOMPARE(a.rating, e.rating);
        QCOMPARE(a.folder, e.folder);
        QCOMPARE(a.addedAt, e.addedAt);
        QCOMPARE(a.addedAt.isNull(), e.addedAt.isNull());
        QCOMPARE(compactJson(a.extra), compactJson(e.extra));
        QVERIFY(a == e); // catches a field added to SourceRef but not compared above
    }
}

struct ReadResult
{
    bool headerOk = false;
    QString headerError;
    QStringList extraColumns;
    QList<DiscogsCsvRow> rows;
    QList<CsvRowError> errors;
    bool atEnd = false;
};

ReadResult readAll(const QByteArray &csv, int batchSize = 100)
{
    QBuffer buffer;
    buffer.setData(csv);
    buffer.open(QIODevice::ReadOnly);
    DiscogsCsvReader reader(&buffer);
    ReadResult result;
    result.headerOk = reader.readHeader();
    result.headerError = reader.errorString();
    result.extraColumns = reader.extraColumns();
    if (!result.headerOk)
        return result;
    // Bounded, so a reader that never reports the end fails the test instead of hanging it.
    for (qsizetype calls = 0; calls <= csv.size() + 1; ++calls) {
        if (!reader.readBatch(batchSize, &result.rows, &result.errors))
            break;
    }
    result.atEnd = reader.atEnd();
    return result;
}

QList<int> linesOf(const QList<DiscogsCsvRow> &rows)
{
    QList<int> lines;
    for (const DiscogsCsvRow &row : rows)
        lines.append(row.line);
    return lines;
}

QList<int> linesOf(const QList<CsvRowError> &errors)
{
    QList<int> lines;
    for (const CsvRowError &error : errors)
        lines.append(error.line);
    return lines;
}

} // namespace

class TestDiscogsCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void mapsRecordToAlbum_data();
    void mapsRecordToAlbum();
    void keepsExtraColumnsInFileOrder_data();
    void keepsExtraColumnsInFileOrder();
    void rejectsHeader_data();
    void rejectsHeader();
    void reportsBrokenRecords_data();
    void reportsBrokenRecords();
    void readsLargeFileInBatches_data();
    void readsLargeFileInBatches();
    void batchNeverExceedsMaxRecords_data();
    void batchNeverExceedsMaxRecords();
    void batchOfZeroReadsNothing();
    void quotesOnlyWhenNeeded_data();
    void quotesOnlyWhenNeeded();
    void writesHeaderLine();
    void writesSampleRowsBack_data();
    void writesSampleRowsBack();
    void writerRoundTrip_data();
    void writerRoundTrip();
};

void TestDiscogsCsvReader::mapsRecordToAlbum_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<int>("rowCount");
    QTest::addColumn<int>("rowIndex");
    QTest::addColumn<int>("expectedLine");
    QTest::addColumn<Album>("expected");

    QTest::newRow("sample, first row") << SampleCsv << 2 << 0 << 2 << mantronix();
    QTest::newRow("sample, second row") << SampleCsv << 2 << 1 << 3 << cocoaTea();
    QTest::newRow("utf-8 bom") << QByteArray("\xEF\xBB\xBF" + SampleCsv) << 2 << 0 << 2
                               << mantronix();
    QTest::newRow("crlf") << withLineBreak(SampleCsv, "\r\n") << 2 << 1 << 3 << cocoaTea();
    QTest::newRow("lone cr") << withLineBreak(SampleCsv, "\r") << 2 << 1 << 3 << cocoaTea();
    QTest::newRow("no line break after last row")
        << SampleCsv.chopped(1) << 2 << 1 << 3 << cocoaTea();
    QTest::newRow("blank lines are skipped but counted")
        << QByteArray(SampleHeader + "\n\r\n   \n" + MantronixRow + "\n" + CocoaTeaRow + "\n\n")
        << 2 << 1 << 7 << cocoaTea();

    {
        Album album = notesAlbum(QStringLiteral("Kruder & Dorfmeister"),
                                 QStringLiteral("Hello, \"World\""), QStringLiteral("42"));
        setFormat(album, QStringLiteral("7\", EP"));
        QTest::newRow("comma and doubled quotes") << QByteArray(
            NotesHeader
            + "CAT 1,Kruder & Dorfmeister,\"Hello, \"\"World\"\"\",Label,\"7\"\", EP\",,1990,42,"
              "Uncategorized,2020-01-02 03:04:05,\n")
                                                  << 1 << 0 << 2 << album;
    }
    {
        Album album = notesAlbum(QStringLiteral("B"), QStringLiteral("After"), QStringLiteral("2"));
        QTest::newRow("row after embedded newlines keeps its line")
            << QByteArray(NotesHeader + notesRow("A", "\"Multi\nline\ntitle\"", "1", "\"one\ntwo\"")
                          + notesRow("B", "After", "2"))
            << 2 << 1 << 6 << album;
    }
    {
        Album album = notesAlbum(QStringLiteral("A"), QStringLiteral("Title"), QStringLiteral("1"));
        sourceOf(album).extra = QJsonObject {
            {QStringLiteral("Collection Notes"), QStringLiteral("one\ntwo, \"three\"")}};
        QTest::newRow("embedded newline kept in the value")
            << QByteArray(NotesHeader + notesRow("A", "Title", "1", "\"one\ntwo, \"\"three\"\"\""))
            << 1 << 0 << 2 << album;
    }
    {
        Album album = notesAlbum(QStringLiteral("A"), QStringLiteral("Title"), QStringLiteral("1"));
        sourceOf(album).extra
            = QJsonObject {{QStringLiteral("Collection Notes"), QStringLiteral("one\r\ntwo")}};
        QTest::newRow("crlf inside a quoted value is kept and counted once") << withLineBreak(
            NotesHeader + notesRow("A", "Title", "1", "\"one\ntwo\"") + notesRow("B", "T", "2"),
            "\r\n") << 2 << 0 << 2 << album;
    }
    {
        Album album = notesAlbum(QStringLiteral("B"), QStringLiteral("T"), QStringLiteral("2"));
        QTest::newRow("crlf inside a quoted value, later row") << withLineBreak(
            NotesHeader + notesRow("A", "Title", "1", "\"one\ntwo\"") + notesRow("B", "T", "2"),
            "\r\n") << 2 << 1 << 4 << album;
    }

    QTest::newRow("only artist and title columns")
        << QByteArray("Artist,Title\nMantronix,Who Is It?\n") << 1 << 0 << 2
        << albumFor(QStringLiteral("Mantronix"), QStringLiteral("Who Is It?"));
    {
        Album album = albumFor(QStringLiteral("Mantronix"), QStringLiteral("Who Is It?"),
                               QStringLiteral("129186"));
        album.year = 1987;
        setFormat(album, QStringLiteral("12\""));
        sourceOf(album).rating = 4;
        sourceOf(album).addedAt = utc(2020, 3, 9, 22, 40, 50);
        QTest::newRow("reordered columns, some missing")
            << QByteArray("release_id,Title,Date Added,Artist,Rating,Released,Format\n"
                          "129186,Who Is It?,2020-03-09 22:40:50,Mantronix,4,1987,\"12\"\"\"\n")
            << 1 << 0 << 2 << album;
    }
    {
        Album album = albumFor(QStringLiteral("Mantronix"), QStringLiteral("Who Is It?"),
                               QStringLiteral("129186"));
        sourceOf(album).extra = QJsonObject {
            {QStringLiteral("Collection Owner"), QStringLiteral("Sam")},
            {QStringLiteral("Collection Genre"), QStringLiteral("Hip Hop, Electro")},
            {QStringLiteral("Something Else"), QStringLiteral("x")},
        };
        QTest::newRow("extra owner, genre and unknown columns")
            << QByteArray("Collection Owner,Artist,Title,release_id,Collection Genre,Something "
                          "Else,Collection Notes\n"
                          "Sam,Mantronix,Who Is It?,129186,\"Hip Hop, Electro\",x,\n")
            << 1 << 0 << 2 << album;
    }

    const auto releasedCase
        = [](const char *name, const QByteArray &released, int year, const QString &releaseDate) {
              Album album = albumFor(QStringLiteral("A"), QStringLiteral("T"));
              album.year = year;
              album.releaseDate = releaseDate;
              QTest::newRow(name) << QByteArray("Artist,Title,Released\nA,T," + released + '\n')
                                  << 1 << 0 << 2 << album;
          };
    releasedCase("released 0", "0", 0, QString());
    releasedCase("released empty", "", 0, QString());
    releasedCase("released year", "1987", 1987, QString());
    releasedCase("released year with zero month and day", "1987-00-00", 1987,
                 QStringLiteral("1987-00-00"));
    releasedCase("released date with zero day", "1987-05-00", 1987, QStringLiteral("1987-05-00"));
    releasedCase("released full date", "1987-05-12", 1987, QStringLiteral("1987-05-12"));
    releasedCase("released text kept for export", "unknown", 0, QStringLiteral("unknown"));

    const auto artistCase = [](const char *name, const QByteArray &artistField,
                               const QString &artist, const QString &original) {
        Album album = albumFor(artist, QStringLiteral("T"));
        if (!original.isEmpty())
            sourceOf(album).extra = QJsonObject {{QStringLiteral("Artist"), original}};
        QTest::newRow(name) << QByteArray("Artist,Title\n" + artistField + ",T\n") << 1 << 0 << 2
                            << album;
    };
    artistCase("disambiguation suffix removed", "Justice (2)", QStringLiteral("Justice"),
               QStringLiteral("Justice (2)"));
    artistCase("two-digit suffix removed", "Justice (12)", QStringLiteral("Justice"),
               QStringLiteral("Justice (12)"));
    artistCase("non-numeric parentheses kept", "Prince (Live)", QStringLiteral("Prince (Live)"),
               QString());
    artistCase("suffix in the middle kept", "Foo (2) Bar", QStringLiteral("Foo (2) Bar"),
               QString());
    artistCase("suffix without space kept", "Foo(2)", QStringLiteral("Foo(2)"), QString());
    artistCase("unquoted artist trimmed", "  Mantronix  ", QStringLiteral("Mantronix"), QString());
    artistCase("quoted artist keeps its spaces", "\" Mantronix \"", QStringLiteral(" Mantronix "),
               QString());
    artistCase("accents decoded as utf-8", "Bj\xC3\xB6rk", utf8("Bj\xC3\xB6rk"), QString());

    const auto ratingCase = [](const char *name, const QByteArray &rating, int expected) {
        Album album = albumFor(QStringLiteral("A"), QStringLiteral("T"));
        sourceOf(album).rating = expected;
        QTest::newRow(name) << QByteArray("Artist,Title,Rating\nA,T," + rating + '\n') << 1 << 0
                            << 2 << album;
    };
    ratingCase("rating 1", "1", 1);
    ratingCase("rating 5", "5", 5);
    ratingCase("rating 0", "0", 0);
    ratingCase("rating 6 out of range", "6", 0);
    ratingCase("rating text", "good", 0);
    ratingCase("rating negative", "-3", 0);

    {
        Album album = notesAlbum(QStringLiteral("A"), QStringLiteral("T"), QString());
        QTest::newRow("empty release_id is a local album")
            << QByteArray(NotesHeader + notesRow("A", "T", "")) << 1 << 0 << 2 << album;
    }
    {
        Album album
            = notesAlbum(QStringLiteral("A"), QStringLiteral("T"), QStringLiteral("129186"));
        QTest::newRow("release_id trimmed")
            << QByteArray(NotesHeader + notesRow("A", "T", " 129186 ")) << 1 << 0 << 2 << album;
    }
    {
        Album album = notesAlbum(QStringLiteral("A"), QStringLiteral("T"), QStringLiteral("1"));
        sourceOf(album).addedAt = QDateTime();
        QTest::newRow("invalid date added is null, not an error") << QByteArray(
            NotesHeader + "CAT 1,A,T,Label,LP,,1990,1,Uncategorized,2020-13-45 99:00:00,\n")
                                                                  << 1 << 0 << 2 << album;
    }
    {
        Album album = notesAlbum(QStringLiteral("A"), QStringLiteral("T"), QStringLiteral("1"));
        sourceOf(album).addedAt = utc(2021, 3, 28, 2, 30, 0);
        QTest::newRow("date added in a european dst gap is still valid") << QByteArray(
            NotesHeader + "CAT 1,A,T,Label,LP,,1990,1,Uncategorized,2021-03-28 02:30:00,\n")
                                                                         << 1 << 0 << 2 << album;
    }
    {
        Album album = notesAlbum(QStringLiteral("A"), QStringLiteral("T"), QStringLiteral("1"));
        sourceOf(album).catalogNumber = QStringLiteral("none");
        sourceOf(album).extra
            = QJsonObject {{QStringLiteral("Collection Notes"), QStringLiteral("  spaced  ")}};
        QTest::newRow("catalog none and spaced notes kept verbatim") << QByteArray(
            NotesHeader
            + "none,A,T,Label,LP,,1990,1,Uncategorized,2020-01-02 03:04:05,  spaced  \n")
                                                                     << 1 << 0 << 2 << album;
    }
}

void TestDiscogsCsvReader::mapsRecordToAlbum()
{
    QFETCH(QByteArray, csv);
    QFETCH(int, rowCount);
    QFETCH(int, rowIndex);
    QFETCH(int, expectedLine);
    QFETCH(Album, expected);

    const ReadResult result = readAll(csv);
    QVERIFY2(result.headerOk, qPrintable(result.headerError));
    QVERIFY2(result.errors.isEmpty(), qPrintable(result.errors.value(0).reason));
    QCOMPARE(result.rows.size(), rowCount);
    QCOMPARE(result.rows.at(rowIndex).line, expectedLine);
    compareAlbums(result.rows.at(rowIndex).album, expected);
}

void TestDiscogsCsvReader::keepsExtraColumnsInFileOrder_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("sample") << SampleCsv
                            << QStringList {QStringLiteral("Collection Media Condition"),
                                            QStringLiteral("Collection Sleeve Condition"),
                                            QStringLiteral("Collection Notes")};
    QTest::newRow("sample with bom") << QByteArray("\xEF\xBB\xBF" + SampleCsv)
                                     << QStringList {QStringLiteral("Collection Media Condition"),
                                                     QStringLiteral("Collection Sleeve Condition"),
                                                     QStringLiteral("Collection Notes")};
    QTest::newRow("owner and genre, names trimmed")
        << QByteArray("Collection Owner,Artist, Title ,Collection Genre , Date Added\n")
        << QStringList {QStringLiteral("Collection Owner"), QStringLiteral("Collection Genre")};
    QTest::newRow("only required columns") << QByteArray("Title,Artist\n") << QStringList();
    QTest::newRow("header names are case-sensitive")
        << QByteArray("Artist,Title,date added,Release_ID\n")
        << QStringList {QStringLiteral("date added"), QStringLiteral("Release_ID")};
}

void TestDiscogsCsvReader::keepsExtraColumnsInFileOrder()
{
    QFETCH(QByteArray, csv);
    QFETCH(QStringList, expected);

    const ReadResult result = readAll(csv);
    QVERIFY2(result.headerOk, qPrintable(result.headerError));
    QCOMPARE(result.extraColumns, expected);
}

void TestDiscogsCsvReader::rejectsHeader_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("errorFragment");

    QTest::newRow("empty input") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("only blank lines") << QByteArray("\n\r\n  \n") << QStringLiteral("empty");
    QTest::newRow("only a bom") << QByteArray("\xEF\xBB\xBF") << QStringLiteral("empty");
    QTest::newRow("no title column")
        << QByteArray("Catalog#,Artist,Label,release_id\nX,Mantronix,10 Records,129186\n")
        << QStringLiteral("no \"Title\" column");
    QTest::newRow("no artist column")
        << QByteArray("Catalog#,Title\nX,Who Is It?\n") << QStringLiteral("no \"Artist\" column");
    QTest::newRow("lowercase names do not count")
        << QByteArray("artist,title\nA,T\n") << QStringLiteral("no \"Artist\" or \"Title\" column");
    QTest::newRow("not a csv header")
        << QByteArray("hello world\n") << QStringLiteral("no \"Artist\"");
    QTest::newRow("duplicate column")
        << QByteArray("Artist,Title,Collection Notes,Collection Notes\n")
        << QStringLiteral("\"Collection Notes\" twice");
    QTest::newRow("unclosed quote in header")
        << QByteArray("Artist,\"Title\nA,T\n") << QStringLiteral("never closed");
}

void TestDiscogsCsvReader::rejectsHeader()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, errorFragment);

    QBuffer buffer;
    buffer.setData(csv);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    DiscogsCsvReader reader(&buffer);
    QVERIFY(!reader.readHeader());
    QVERIFY2(reader.errorString().contains(errorFragment), qPrintable(reader.errorString()));

    QList<DiscogsCsvRow> rows;
    QList<CsvRowError> errors;
    QVERIFY(!reader.readBatch(10, &rows, &errors));
    QVERIFY(rows.isEmpty());
    QVERIFY(errors.isEmpty());
}

void TestDiscogsCsvReader::reportsBrokenRecords_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QList<int>>("goodLines");
    QTest::addColumn<QList<int>>("errorLines");
    QTest::addColumn<QString>("reasonFragment");

    const QByteArray good1 = notesRow("Good One", "First", "1");
    const QByteArray good2 = notesRow("Good Two", "Second", "2");
    const auto between = [&](const char *name, const QByteArray &broken, const QString &reason) {
        QTest::newRow(name) << QByteArray(NotesHeader + good1 + broken + good2) << QList<int> {2, 4}
                            << QList<int> {3} << reason;
    };
    between("non-numeric release_id", notesRow("A", "T", "abc"),
            QStringLiteral("release_id \"abc\" is not a number"));
    between("negative release_id", notesRow("A", "T", "-5"),
            QStringLiteral("release_id \"-5\" is not a number"));
    between("release_id with a letter", notesRow("A", "T", "12a"),
            QStringLiteral("\"12a\" is not a number"));
    between("zero release_id", notesRow("A", "T", "0"),
            QStringLiteral("release_id \"0\" is not a valid"));
    between("release_id too large", notesRow("A", "T", "99999999999999999999999"),
            QStringLiteral("is not a valid"));
    between("empty title", notesRow("A", "", "3"), QStringLiteral("Title is empty"));
    between("whitespace title", notesRow("A", "   ", "3"), QStringLiteral("Title is empty"));
    between("quoted whitespace title", notesRow("A", "\"  \"", "3"),
            QStringLiteral("Title is empty"));
    between("empty artist", notesRow("", "T", "3"), QStringLiteral("Artist is empty"));
    between("too few fields", QByteArray("CAT 1,A,T,Label,LP\n"),
            QStringLiteral("has 5 fields, expected 11"));
    between("one field", QByteArray("just text\n"), QStringLiteral("has 1 field, expected 11"));
    between("too many fields", notesRow("A", "T", "3", "note,extra"),
            QStringLiteral("has 12 fields, expected 11"));

    QTest::newRow("too few fields in the real sample")
        << QByteArray(SampleHeader + MantronixRow
                      + "TENR 137,Mantronix,Who Is It?,10 Records,\"12\"\"\"\n" + CocoaTeaRow)
        << QList<int> {2, 4} << QList<int> {3} << QStringLiteral("has 5 fields, expected 13");
    QTest::newRow("broken row after a multi-line row")
        << QByteArray(NotesHeader + notesRow("A", "T", "1", "\"line one\nline two\nline three\"")
                      + notesRow("B", "T", "abc") + good2)
        << QList<int> {2, 6} << QList<int> {5} << QStringLiteral("is not a number");
    QTest::newRow("multi-line broken row reports its first line")
        << QByteArray(NotesHeader + good1 + notesRow("B", "T", "3", "\"one\ntwo\",surplus") + good2)
        << QList<int> {2, 5} << QList<int> {3} << QStringLiteral("has 12 fields");
    QTest::newRow("broken rows in crlf file") << withLineBreak(
        NotesHeader + good1 + notesRow("A", "", "3") + notesRow("", "T", "4") + good2, "\r\n")
                                              << QList<int> {2, 5} << QList<int> {3, 4}
                                              << QStringLiteral("Title is empty");
    QTest::newRow("unclosed quote swallows the rest of the file")
        << QByteArray(NotesHeader + good1 + good2 + notesRow("A", "T", "3", "\"never closed")
                      + notesRow("Would Be", "Good", "4"))
        << QList<int> {2, 3} << QList<int> {4}
        << QStringLiteral("not closed before the end of the file");
    QTest::newRow("unclosed quote in the last field of the file")
        << QByteArray(NotesHeader + good1
                      + "CAT 1,A,T,Label,LP,,1990,3,Uncategorized,2020-01-02 03:04:05,\"open")
        << QList<int> {2} << QList<int> {3} << QStringLiteral("not closed");
}

void TestDiscogsCsvReader::reportsBrokenRecords()
{
    QFETCH(QByteArray, csv);
    QFETCH(QList<int>, goodLines);
    QFETCH(QList<int>, errorLines);
    QFETCH(QString, reasonFragment);

    const ReadResult result = readAll(csv);
    QVERIFY2(result.headerOk, qPrintable(result.headerError));
    QCOMPARE(linesOf(result.rows), goodLines);
    QCOMPARE(linesOf(result.errors), errorLines);
    const QString reason = result.errors.first().reason;
    QVERIFY2(reason.contains(reasonFragment), qPrintable(reason));
    QVERIFY(result.atEnd);
}

void TestDiscogsCsvReader::readsLargeFileInBatches_data()
{
    QTest::addColumn<int>("rowCount");
    QTest::addColumn<int>("batchSize");
    QTest::addColumn<QByteArray>("lineBreak");
    QTest::addColumn<int>("multiLineEvery");

    QTest::newRow("10000 rows, batches of 500") << 10000 << 500 << QByteArray("\n") << 0;
    QTest::newRow("10000 rows, crlf, multi-line notes") << 10000 << 500 << QByteArray("\r\n") << 97;
    QTest::newRow("10001 rows, uneven batches") << 10001 << 333 << QByteArray("\n") << 13;
    QTest::newRow("12000 rows, one batch") << 12000 << 20000 << QByteArray("\n") << 0;
}

void TestDiscogsCsvReader::readsLargeFileInBatches()
{
    QFETCH(int, rowCount);
    QFETCH(int, batchSize);
    QFETCH(QByteArray, lineBreak);
    QFETCH(int, multiLineEvery);

    // Multi-byte characters (2, 3 and 4 bytes in UTF-8) land on 64 KiB chunk boundaries somewhere.
    QByteArray csv = withLineBreak(NotesHeader, lineBreak);
    QList<int> expectedLines;
    int line = 2;
    for (int i = 0; i < rowCount; ++i) {
        const bool multiLine = multiLineEvery > 0 && i % multiLineEvery == 0;
        const QByteArray notes = multiLine
            ? "\"first" + lineBreak + "second, \"\"quoted\"\"" + lineBreak + "third\""
            : QByteArray("plain note");
        const QByteArray number = QByteArray::number(i);
        csv += "CAT-" + number + ",Art\xC3\xAFst " + number + ",T\xE2\x9C\x93tle \xF0\x9F\x8E\xB5 "
            + number + ",Label,LP,3,1990," + QByteArray::number(i + 1)
            + ",Uncategorized,2020-01-02 03:04:05," + notes + lineBreak;
        expectedLines.append(line);
        line += multiLine ? 3 : 1;
    }

    QBuffer buffer;
    buffer.setData(csv);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    DiscogsCsvReader reader(&buffer);
    QVERIFY2(reader.readHeader(), qPrintable(reader.errorString()));
    QVERIFY(!reader.atEnd());

    QList<DiscogsCsvRow> rows;
    QList<CsvRowError> errors;
    int calls = 0;
    while (true) {
        const qsizetype before = rows.size() + errors.size();
        const bool more = reader.readBatch(batchSize, &rows, &errors);
        const qsizetype added = rows.size() + errors.size() - before;
        QVERIFY(added <= batchSize);
        if (!more) {
            QCOMPARE(added, qsizetype(0));
            break;
        }
        QVERIFY(added > 0);
        if (++calls == 1 && batchSize < rowCount)
            QVERIFY2(reader.bytesConsumed() < csv.size(), "the first batch read the whole file");
        QVERIFY(calls <= rowCount);
    }

    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).reason));
    QCOMPARE(rows.size(), qsizetype(rowCount));
    QCOMPARE(calls, (rowCount + batchSize - 1) / batchSize);
    QCOMPARE(linesOf(rows), expectedLines);
    QCOMPARE(rows.constLast().line, expectedLines.constLast());
    for (int i = 0; i < rowCount; ++i) {
        const Album &album = rows.at(i).album;
        const QString number = QString::number(i);
        QCOMPARE(album.title, utf8("T\xE2\x9C\x93tle \xF0\x9F\x8E\xB5 ") + number);
        QCOMPARE(album.artist, utf8("Art\xC3\xAFst ") + number);
        QCOMPARE(album.sources.first().externalId, QString::number(i + 1));
    }
    QVERIFY(reader.atEnd());
    QCOMPARE(reader.bytesConsumed(), qint64(csv.size()));
}

void TestDiscogsCsvReader::batchNeverExceedsMaxRecords_data()
{
    QTest::addColumn<int>("maxRecords");

    QTest::newRow("1") << 1;
    QTest::newRow("2") << 2;
    QTest::newRow("3") << 3;
    QTest::newRow("7") << 7;
    QTest::newRow("more than there are") << 100;
}

void TestDiscogsCsvReader::batchNeverExceedsMaxRecords()
{
    QFETCH(int, maxRecords);

    // 5 good and 3 broken records, with blank lines that must not count as records.
    const QByteArray csv = NotesHeader + notesRow("A", "T", "1") + notesRow("A", "", "2") + "\n"
        + notesRow("A", "T", "3") + notesRow("A", "T", "x") + notesRow("A", "T", "5") + "\n\n"
        + notesRow("A", "T", "6", "\"two\nlines\"") + "CAT,A\n" + notesRow("A", "T", "8");
    const int recordCount = 8;

    QBuffer buffer;
    buffer.setData(csv);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    DiscogsCsvReader reader(&buffer);
    QVERIFY(reader.readHeader());

    QList<DiscogsCsvRow> rows;
    QList<CsvRowError> errors;
    int batches = 0;
    qsizetype recordsSoFar = 0;
    while (reader.readBatch(maxRecords, &rows, &errors)) {
        const qsizetype added = rows.size() + errors.size() - recordsSoFar;
        recordsSoFar += added;
        QVERIFY2(added >= 1 && added <= maxRecords, qPrintable(QString::number(added)));
        QVERIFY(++batches <= recordCount);
    }
    QCOMPARE(rows.size(), qsizetype(5));
    QCOMPARE(errors.size(), qsizetype(3));
    QCOMPARE(batches, (recordCount + maxRecords - 1) / maxRecords);
    QCOMPARE(linesOf(rows), (QList<int> {2, 5, 7, 10, 13}));
    QCOMPARE(linesOf(errors), (QList<int> {3, 6, 12}));
    QVERIFY(reader.atEnd());
}

void TestDiscogsCsvReader::batchOfZeroReadsNothing()
{
    QBuffer buffer;
    buffer.setData(SampleCsv);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    DiscogsCsvReader reader(&buffer);
    QVERIFY(reader.readHeader());

    QList<DiscogsCsvRow> rows;
    QList<CsvRowError> errors;
    QVERIFY(reader.readBatch(0, &rows, &errors));
    QVERIFY(rows.isEmpty());
    QVERIFY(!reader.atEnd());
    QVERIFY(reader.readBatch(2, &rows, &errors));
    QCOMPARE(rows.size(), qsizetype(2));
    QVERIFY(reader.atEnd());
    QVERIFY(!reader.readBatch(0, &rows, &errors));
    QVERIFY(!reader.readBatch(5, &rows, &errors));
    QCOMPARE(rows.size(), qsizetype(2));
}

void TestDiscogsCsvReader::quotesOnlyWhenNeeded_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << QStringLiteral("Who Is It?") << QStringLiteral("Who Is It?");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("comma") << QStringLiteral("2xCD, Comp") << QStringLiteral("\"2xCD, Comp\"");
    QTest::newRow("inch quote") << QStringLiteral("12\"") << QStringLiteral("\"12\"\"\"");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
    QTest::newRow("carriage return") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
    QTest::newRow("leading space") << QStringLiteral(" a") << QStringLiteral("\" a\"");
    QTest::newRow("trailing space") << QStringLiteral("a ") << QStringLiteral("\"a \"");
    QTest::newRow("inner space") << QStringLiteral("a b") << QStringLiteral("a b");
    QTest::newRow("accents") << utf8("Bj\xC3\xB6rk") << utf8("Bj\xC3\xB6rk");
}

void TestDiscogsCsvReader::quotesOnlyWhenNeeded()
{
    QFETCH(QString, field);
    QFETCH(QString, expected);

    QCOMPARE(DiscogsCsvWriter::quoted(field), expected);
}

void TestDiscogsCsvReader::writesHeaderLine()
{
    QCOMPARE(DiscogsCsvWriter::headerLine({QStringLiteral("Collection Media Condition"),
                                           QStringLiteral("Collection Sleeve Condition"),
                                           QStringLiteral("Collection Notes")}),
             QString::fromUtf8(SampleHeader));
    QCOMPARE(DiscogsCsvWriter::headerLine({QStringLiteral("Odd, name")}),
             QStringLiteral(
                 "Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,"
                 "Date Added,\"Odd, name\"\n"));
}

void TestDiscogsCsvReader::writesSampleRowsBack_data()
{
    QTest::addColumn<Album>("album");
    QTest::addColumn<QByteArray>("expectedLine");

    QTest::newRow("mantronix") << mantronix() << MantronixRow;
    QTest::newRow("cocoa tea") << cocoaTea() << CocoaTeaRow;
    {
        Album album = albumFor(QStringLiteral("Justice"), QStringLiteral("T"), QStringLiteral("7"));
        sourceOf(album).extra
            = QJsonObject {{QStringLiteral("Artist"), QStringLiteral("Justice (3)")}};
        QTest::newRow("original artist with suffix")
            << album << QByteArray(",Justice (3),T,,,,0,7,,,,,\n");
    }
    {
        Album album = albumFor(QStringLiteral("Renamed"), QStringLiteral("T"), QStringLiteral("7"));
        sourceOf(album).extra
            = QJsonObject {{QStringLiteral("Artist"), QStringLiteral("Justice (3)")}};
        QTest::newRow("edited artist wins over stale original")
            << album << QByteArray(",Renamed,T,,,,0,7,,,,,\n");
    }
    {
        Album album = albumFor(QStringLiteral("A"), QStringLiteral("T"), QStringLiteral("5"));
        sourceOf(album).provider = QStringLiteral("spotify");
        album.label = QStringLiteral("Album Label");
        album.format = QStringLiteral("Album Format");
        QTest::newRow("non-discogs source writes no release_id, album label and format")
            << album << QByteArray(",A,T,Album Label,Album Format,,0,,,,,,\n");
    }
}

void TestDiscogsCsvReader::writesSampleRowsBack()
{
    QFETCH(Album, album);
    QFETCH(QByteArray, expectedLine);

    const QStringList extraColumns {QStringLiteral("Collection Media Condition"),
                                    QStringLiteral("Collection Sleeve Condition"),
                                    QStringLiteral("Collection Notes")};
    QCOMPARE(DiscogsCsvWriter::rowLine(album, album.sources.first(), extraColumns),
             QString::fromUtf8(expectedLine));
}

void TestDiscogsCsvReader::writerRoundTrip_data()
{
    QTest::addColumn<QList<Album>>("albums");
    QTest::addColumn<QStringList>("extraColumns");

    const QStringList conditionColumns {QStringLiteral("Collection Media Condition"),
                                        QStringLiteral("Collection Sleeve Condition"),
                                        QStringLiteral("Collection Notes")};
    QList<Album> all {mantronix(), cocoaTea()};
    const auto addCase = [&](const char *name, const Album &album) {
        QTest::newRow(name) << QList<Album> {album} << conditionColumns;
        all.append(album);
    };

    addCase("sample row", mantronix());
    {
        Album album
            = albumFor(QStringLiteral("Quote \"Unquote\""),
                       QStringLiteral("Title, with \"commas\", \"\""), QStringLiteral("11"));
        setLabel(album, QStringLiteral("Label A, Label B"));
        setFormat(album, QStringLiteral("7\", 45 RPM, Single"));
        sourceOf(album).catalogNumber = QStringLiteral("CAT 1, CAT 2");
        addCase("quotes and commas", album);
    }
    {
        Album album = albumFor(QStringLiteral("Line\nBreaker"), QStringLiteral("First\nSecond\n"),
                               QStringLiteral("12"));
        sourceOf(album).extra
            = QJsonObject {{QStringLiteral("Collection Notes"), QStringLiteral("a\r\nb\rc\n\nd")}};
        addCase("embedded newlines", album);
    }
    {
        Album album = albumFor(utf8("Bj\xC3\xB6rk & Sigur R\xC3\xB3s"),
                               utf8("\xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x8E\xB5 \xC3\x80 la carte"),
                               QStringLiteral("13"));
        setLabel(album,
                 utf8("\xC3\x89"
                      "ditions Ca\xC3\xB1"
                      "a"));
        sourceOf(album).folder = utf8("F\xC3\xBCr Sp\xC3\xA4ter");
        addCase("accents and emoji", album);
    }
    {
        Album album
            = albumFor(QStringLiteral("Justice"), QStringLiteral("Cross"), QStringLiteral("14"));
        sourceOf(album).extra
            = QJsonObject {{QStringLiteral("Artist"), QStringLiteral("Justice (3)")}};
        addCase("disambiguated artist", album);
    }
    {
        Album album = albumFor(QStringLiteral("Home Taper"), QStringLiteral("Demo"));
        sourceOf(album).folder = QStringLiteral("Tapes");
        addCase("local album without release id", album);
    }
    {
        Album album = albumFor(QStringLiteral("A"), QStringLiteral("Dated"), QStringLiteral("15"));
        album.year = 1987;
        album.releaseDate = QStringLiteral("1987-05-00");
        sourceOf(album).rating = 5;
        sourceOf(album).addedAt = utc(1999, 12, 31, 23, 59, 59);
        addCase("partial release date, rating, date added", album);
    }
    {
        Album album
            = albumFor(QStringLiteral("A"), QStringLiteral("Unknown year"), QStringLiteral("16"));
        sourceOf(album).rating = 1;
        addCase("unknown year", album);
    }
    {
        Album album = albumFor(QStringLiteral(" Spaced Artist "),
                               QStringLiteral("  Spaced Title  "), QStringLiteral("17"));
        setFormat(album, QStringLiteral(" LP "));
        addCase("surrounding spaces", album);
    }
    {
        Album album
            = albumFor(QStringLiteral("A"), QStringLiteral("Conditions"), QStringLiteral("18"));
        sourceOf(album).extra = QJsonObject {
            {QStringLiteral("Collection Media Condition"), QStringLiteral("Mint (M)")},
            {QStringLiteral("Collection Notes"), QStringLiteral("\"quoted\", then,\nmore")},
        };
        addCase("condition and notes", album);
    }
    QTest::newRow("all albums in one file") << all << conditionColumns;

    Album owned
        = albumFor(QStringLiteral("Owner"), QStringLiteral("Custom fields"), QStringLiteral("19"));
    sourceOf(owned).extra = QJsonObject {
        {QStringLiteral("Collection Owner"), QStringLiteral("Sam, Jo")},
        {QStringLiteral("Collection Genre"), QStringLiteral("Dub\nTechno")},
    };
    QTest::newRow("custom extra columns")
        << QList<Album> {owned, mantronix()}
        << QStringList {QStringLiteral("Collection Owner"), QStringLiteral("Collection Genre"),
                        QStringLiteral("Collection Media Condition"),
                        QStringLiteral("Collection Sleeve Condition")};
}

void TestDiscogsCsvReader::writerRoundTrip()
{
    QFETCH(QList<Album>, albums);
    QFETCH(QStringList, extraColumns);

    QString text = DiscogsCsvWriter::headerLine(extraColumns);
    for (const Album &album : albums)
        text += DiscogsCsvWriter::rowLine(album, album.sources.first(), extraColumns);

    const ReadResult result = readAll(text.toUtf8(), 3);
    QVERIFY2(result.headerOk, qPrintable(result.headerError));
    QCOMPARE(result.extraColumns, extraColumns);
    QVERIFY2(result.errors.isEmpty(), qPrintable(result.errors.value(0).reason));
    QCOMPARE(result.rows.size(), albums.size());
    for (qsizetype i = 0; i < albums.size(); ++i) {
        compareAlbums(result.rows.at(i).album, albums.at(i));
        if (QTest::currentTestFailed()) {
            qWarning("album %lld differs", static_cast<long long>(i));
            return;
        }
    }
}

QTEST_GUILESS_MAIN(TestDiscogsCsvReader)

#include "tst_discogscsvreader.moc"
