#include "domain/album.h"
#include "parsertesting.h"
#include "providers/musicbrainzparser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <tuple>

using namespace aime;

namespace {

constexpr QLatin1String Provider("musicbrainz");

QString fixturePath(const QString &name)
{
    return testing::fixturePath(Provider, name);
}

QByteArray fixture(const QString &name)
{
    return testing::fixture(Provider, name);
}

QByteArray edited(const QString &name, const QString &path, const QJsonValue &value)
{
    return testing::edited(fixture(name), path, value);
}

QByteArray removed(const QString &name, const QString &path)
{
    return testing::removed(fixture(name), path);
}

Album mbAlbum(const QString &kind, const QString &id, const QString &title, const QString &artist,
              int year, const QString &releaseDate, const QString &format, int trackCount = 0)
{
    Album album;
    album.title = title;
    album.artist = artist;
    album.year = year;
    album.releaseDate = releaseDate;
    album.format = format;
    album.trackCount = trackCount;
    SourceRef source;
    source.provider = QStringLiteral("musicbrainz");
    source.externalId = id;
    source.url = QLatin1String("https://musicbrainz.org/") + kind + u'/' + id;
    source.format = format;
    album.sources = {source};
    return album;
}

Album releaseAlbum(const QString &id, const QString &title, const QString &artist, int year,
                   const QString &releaseDate, const QString &format, int trackCount,
                   const QString &barcode, const QString &label, const QString &catalogNumber)
{
    Album album = mbAlbum(QStringLiteral("release"), id, title, artist, year, releaseDate, format,
                          trackCount);
    album.barcode = barcode;
    album.label = label;
    SourceRef &source = album.sources.first();
    source.barcode = barcode;
    source.label = label;
    source.catalogNumber = catalogNumber;
    return album;
}

// Every field but the tracks, which the tests check by size and samples.
void compareAlbums(const Album &actual, const Album &expected)
{
    QCOMPARE(actual.id, qint64(0));
    QCOMPARE(actual.title, expected.title);
    QCOMPARE(actual.artist, expected.artist);
    QCOMPARE(actual.year, expected.year);
    QCOMPARE(actual.releaseDate, expected.releaseDate);
    QCOMPARE(actual.label, expected.label);
    QCOMPARE(actual.genres, QStringList());
    QCOMPARE(actual.barcode, expected.barcode);
    QCOMPARE(actual.format, expected.format);
    QCOMPARE(actual.trackCount, expected.trackCount);
    QCOMPARE(actual.coverUrl, QString());
    QVERIFY(actual.addedAt.isNull());
    QCOMPARE(actual.sources.size(), 1);
    const SourceRef &a = actual.sources.first();
    const SourceRef &e = expected.sources.first();
    QCOMPARE(a.provider, e.provider);
    QCOMPARE(a.externalId, e.externalId);
    QCOMPARE(a.url, e.url);
    QCOMPARE(a.format, e.format);
    QCOMPARE(a.barcode, e.barcode);
    QCOMPARE(a.label, e.label);
    QCOMPARE(a.catalogNumber, e.catalogNumber);
    QVERIFY(a.addedAt.isNull());
    QVERIFY(a.fetchedAt.isNull());
    QVERIFY(a == e); // catches a field added to SourceRef but not compared above
}

// Each parser by name, so one hostile table covers all of them.
testing::ParseOutcome run(const QString &parser, const QByteArray &body)
{
    if (parser == QLatin1String("search"))
        return testing::outcomeOf(MusicBrainzParser::releaseGroupSearch(body));
    if (parser == QLatin1String("release"))
        return testing::outcomeOf(MusicBrainzParser::release(body));
    if (parser == QLatin1String("cover"))
        return testing::outcomeOf(MusicBrainzParser::coverArtFront(body, 500));
    qFatal("unknown parser");
}

QString subjectOf(const QString &parser)
{
    if (parser == QLatin1String("search"))
        return QStringLiteral("MusicBrainz release-group search");
    if (parser == QLatin1String("release"))
        return QStringLiteral("MusicBrainz release");
    return QStringLiteral("Cover Art Archive");
}

// A search answer of count release groups, built as text so it can reach 10 MB quickly.
QByteArray bigSearch(int count)
{
    QByteArray groups;
    groups.reserve(count * 420);
    for (int i = 0; i < count; ++i) {
        const QByteArray n = QByteArray::number(i).rightJustified(12, '0');
        if (i > 0)
            groups += ',';
        groups += "{\"id\":\"00000000-0000-4000-8000-" + n
            + "\",\"type-id\":\"f529b476-6e62-324f-b0aa-1f3e33d313fc\",\"score\":50,\"count\":1,"
              "\"title\":\"Group "
            + n
            + "\",\"first-release-date\":\"1990-01-02\",\"primary-type\":\"Album\","
              "\"secondary-types\":[],\"artist-credit\":[{\"name\":\"Artist "
            + n + "\",\"artist\":{\"id\":\"11111111-0000-4000-8000-" + n
            + "\",\"name\":\"Artist\",\"sort-name\":\"Artist\"}}],\"releases\":[]}";
    }
    return "{\"created\":\"2026-05-01T10:00:00.000Z\",\"count\":" + QByteArray::number(count)
        + ",\"offset\":0,\"release-groups\":[" + groups + "]}";
}

} // namespace

class TestMusicBrainzParser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void releaseGroupSearch_data();
    void releaseGroupSearch();
    void release_data();
    void release();
    void coverArtFront_data();
    void coverArtFront();
    void errorMessage_data();
    void errorMessage();
    void acceptsEdgeValues_data();
    void acceptsEdgeValues();
    void rejectsHostileBodies_data();
    void rejectsHostileBodies();
    void parsesLargeBodies_data();
    void parsesLargeBodies();
};

void TestMusicBrainzParser::initTestCase()
{
    const QString folder = qEnvironmentVariable("AIME_FIXTURES");
    QVERIFY2(!folder.isEmpty(), "AIME_FIXTURES must name the tests/fixtures folder");
    QVERIFY2(QFile::exists(fixturePath(QStringLiteral("release-two-media.json"))),
             qPrintable(QLatin1String("no MusicBrainz fixtures under ") + folder));
}

void TestMusicBrainzParser::releaseGroupSearch_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<Album>("expected");
    QTest::addColumn<QStringList>("releases"); // official first

    const QString group = QStringLiteral("release-group");
    QTest::newRow("album, one credit, day precision")
        << 0
        << mbAlbum(group, QStringLiteral("b1392450-e666-3926-a536-22c65f834433"),
                   QStringLiteral("OK Computer"), QStringLiteral("Radiohead"), 1997,
                   QStringLiteral("1997-05-21"), QStringLiteral("Album"))
        << QStringList {QStringLiteral("0b6b4ba0-d36f-47bd-b4ea-6a5b91842d29")};
    QTest::newRow("two credits with a join phrase, month precision")
        << 1
        << mbAlbum(group, QStringLiteral("7b2b1bb4-6a6c-4a31-8a26-44e4e6a1d6e3"),
                   QStringLiteral("Watch the Throne"), QStringLiteral("JAY-Z & Kanye West"), 2011,
                   QStringLiteral("2011-08"), QStringLiteral("Album"))
        << QStringList {QStringLiteral("d1b5d1a6-0c9f-4d3e-8e8b-3f5a0c2b7e11"),
                        QStringLiteral("e2c6a1b4-7d3f-4e2a-9b1c-5f6e7d8c9a0b")};
    QTest::newRow("no primary type, empty date")
        << 2
        << mbAlbum(group, QStringLiteral("3c5e9a1f-8d2b-4f6a-9e7c-0b1d2a3c4e5f"),
                   QStringLiteral("Live at Glastonbury 1997"), QStringLiteral("Radiohead"), 0,
                   QString(), QString())
        << QStringList {QStringLiteral("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")};
}

void TestMusicBrainzParser::releaseGroupSearch()
{
    QFETCH(int, index);
    QFETCH(Album, expected);
    QFETCH(QStringList, releases);

    const QByteArray json = fixture(QStringLiteral("release-group-search.json"));
    QVERIFY(!json.isEmpty());
    const ParseResult<AlbumListPage> result = MusicBrainzParser::releaseGroupSearch(json);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.value->total, 3);
    QCOMPARE(result.value->offset, 0);
    QCOMPARE(result.value->next, QUrl());
    QCOMPARE(result.value->albums.size(), 3);
    const Album &album = result.value->albums.at(index);
    // The group's releases ride along for "Add to collection", official ones first.
    QJsonArray releaseIds;
    for (const QString &release : releases)
        releaseIds.append(release);
    expected.sources.first().extra.insert(MusicBrainzParser::releasesKey, releaseIds);
    compareAlbums(album, expected);
    QVERIFY(album.tracks.isEmpty());
}

void TestMusicBrainzParser::release_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Album>("expected");
    QTest::addColumn<QList<int>>("indexes");
    QTest::addColumn<QList<Track>>("samples");

    QTest::newRow("two CDs, two labels")
        << QStringLiteral("release-two-media.json")
        << releaseAlbum(QStringLiteral("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
                        QStringLiteral("The Fragile"), QStringLiteral("Nine Inch Nails"), 1999,
                        QStringLiteral("1999-09-21"), QStringLiteral("CD"), 23,
                        QStringLiteral("606949047325"), QStringLiteral("Nothing Records"),
                        QStringLiteral("069490473-2"))
        << QList<int> {0, 11, 12, 22}
        << QList<Track> {{1, 1, QStringLiteral("Somewhat Damaged"), 271000},
                         {1, 12, QStringLiteral("The Great Below"), 317000},
                         {2, 1, QStringLiteral("The Way Out Is Through"), 257000},
                         {2, 11, QStringLiteral("Ripe (With Decay)"), 394000}};
    QTest::newRow("vinyl: null barcode, null length, no track positions")
        << QStringLiteral("release-null-barcode.json")
        << releaseAlbum(QStringLiteral("5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"),
                        QStringLiteral("My Life in the Bush of Ghosts"),
                        QStringLiteral("Brian Eno & David Byrne"), 1981, QStringLiteral("1981"),
                        QStringLiteral("12\" Vinyl"), 11, QString(), QStringLiteral("Sire"),
                        QStringLiteral("SRK 6093"))
        << QList<int> {0, 2, 10}
        << QList<Track> {{1, 1, QStringLiteral("America Is Waiting"), 216000},
                         {1, 3, QStringLiteral("Regiment"), 0},
                         {1, 11, QStringLiteral("Mountain of Needles"), 160000}};
}

void TestMusicBrainzParser::release()
{
    QFETCH(QString, file);
    QFETCH(Album, expected);
    QFETCH(QList<int>, indexes);
    QFETCH(QList<Track>, samples);

    const QByteArray json = fixture(file);
    QVERIFY2(!json.isEmpty(), qPrintable(fixturePath(file)));
    const ParseResult<Album> result = MusicBrainzParser::release(json);
    QVERIFY2(result.ok(), qPrintable(result.error));
    compareAlbums(*result.value, expected);
    QCOMPARE(result.value->tracks.size(), expected.trackCount);
    for (qsizetype i = 0; i < indexes.size(); ++i)
        QCOMPARE(result.value->tracks.at(indexes.at(i)), samples.at(i));
}

void TestMusicBrainzParser::coverArtFront_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("size");
    QTest::addColumn<QUrl>("expected");

    const QByteArray numeric = fixture(QStringLiteral("caa-numeric-id.json"));
    const QString numericBase = QStringLiteral(
        "https://coverartarchive.org/release/513ff8a4-1add-435c-9ac7-710e569248e5/34782911204");
    QTest::newRow("numeric id, front second, 250")
        << numeric << 250 << QUrl(numericBase + QLatin1String("-250.jpg"));
    QTest::newRow("numeric id, 500")
        << numeric << 500 << QUrl(numericBase + QLatin1String("-500.jpg"));
    QTest::newRow("numeric id, 1200")
        << numeric << 1200 << QUrl(numericBase + QLatin1String("-1200.jpg"));
    QTest::newRow("numeric id, 300 takes large")
        << numeric << 300 << QUrl(numericBase + QLatin1String("-500.jpg"));
    QTest::newRow("numeric id, 100 takes small")
        << numeric << 100 << QUrl(numericBase + QLatin1String("-250.jpg"));

    const QByteArray string = fixture(QStringLiteral("caa-string-id.json"));
    const QString stringBase = QStringLiteral(
        "https://coverartarchive.org/release/76df3287-6cda-33eb-8e9a-044b5e15ffdd/829521842");
    QTest::newRow("string id, legacy keys only, 250 takes small")
        << string << 250 << QUrl(stringBase + QLatin1String("-250.jpg"));
    QTest::newRow("string id, 500 takes large")
        << string << 500 << QUrl(stringBase + QLatin1String("-500.jpg"));
    QTest::newRow("string id, 1200 takes large")
        << string << 1200 << QUrl(stringBase + QLatin1String("-500.jpg"));

    const QString caaNumeric = QStringLiteral("caa-numeric-id.json");
    QTest::newRow("no thumbnails: the image itself")
        << removed(caaNumeric, QStringLiteral("images[1].thumbnails")) << 500
        << QUrl(numericBase + QLatin1String(".png"));
    QTest::newRow("null thumbnail skipped")
        << edited(caaNumeric, QStringLiteral("images[1].thumbnails.500"), QJsonValue::Null) << 500
        << QUrl(numericBase + QLatin1String("-500.jpg")); // from "large"
    QTest::newRow("loopback http kept")
        << edited(caaNumeric, QStringLiteral("images[1].thumbnails.500"),
                  QStringLiteral("http://127.0.0.1:8080/release/x/1-500.jpg"))
        << 500 << QUrl(QStringLiteral("http://127.0.0.1:8080/release/x/1-500.jpg"));
    QTest::newRow("https kept")
        << edited(caaNumeric, QStringLiteral("images[1].thumbnails.250"),
                  QStringLiteral("https://archive.org/download/mbid-x/x_thumb250.jpg"))
        << 250 << QUrl(QStringLiteral("https://archive.org/download/mbid-x/x_thumb250.jpg"));
}

void TestMusicBrainzParser::coverArtFront()
{
    QFETCH(QByteArray, json);
    QFETCH(int, size);
    QFETCH(QUrl, expected);

    QVERIFY(!json.isEmpty());
    const ParseResult<QUrl> result = MusicBrainzParser::coverArtFront(json, size);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(*result.value, expected);
}

void TestMusicBrainzParser::errorMessage_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("not found") << fixture(QStringLiteral("error-not-found.json"))
                               << QStringLiteral("MusicBrainz error: Not Found");
    QTest::newRow("invalid mbid") << fixture(QStringLiteral("error-invalid-mbid.json"))
                                  << QStringLiteral("MusicBrainz error: Invalid mbid.");
    QTest::newRow("rate limited")
        << fixture(QStringLiteral("error-rate-limited.json"))
        << QStringLiteral("MusicBrainz error: Your requests are exceeding the allowable rate "
                          "limit. Please see http://wiki.musicbrainz.org/XMLWebService for more "
                          "information.");
    const QString longText(2000, u'z');
    QTest::newRow("long message is cut")
        << (QByteArray("{\"error\":\"") + longText.toUtf8() + "\"}")
        << QString(QLatin1String("MusicBrainz error: ") + longText.left(300) + u'…');
    QTest::newRow("release body") << fixture(QStringLiteral("release-two-media.json")) << QString();
    QTest::newRow("empty body") << QByteArray() << QString();
    QTest::newRow("XML error (bad fmt)")
        << QByteArray("<?xml version=\"1.0\"?><error><text>Not Found</text></error>") << QString();
    QTest::newRow("error is an object") << QByteArray(R"({"error":{"message":"x"}})") << QString();
    QTest::newRow("error is blank") << QByteArray(R"({"error":"  "})") << QString();
}

void TestMusicBrainzParser::errorMessage()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);

    QCOMPARE(MusicBrainzParser::errorMessage(json), expected);
}

// Bodies that are unusual but valid: each must parse, to exactly these values.
void TestMusicBrainzParser::acceptsEdgeValues_data()
{
    QTest::addColumn<QString>("parser");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QVariant>("expected");

    const auto row = [](const char *name, const char *parser, const QByteArray &json,
                        const char *field, const QVariant &expected) {
        QTest::newRow(name) << QString::fromLatin1(parser) << json << QString::fromLatin1(field)
                            << expected;
    };
    const QString search = QStringLiteral("release-group-search.json");
    const QString release = QStringLiteral("release-two-media.json");

    row("search: offset past the end", "search",
        edited(search, QStringLiteral("release-groups"), QJsonArray()), "count", 0);
    row("search: score as a string (older answers)", "search",
        edited(search, QStringLiteral("release-groups[0].score"), QStringLiteral("100")), "count",
        3);
    row("search: primary-type null", "search",
        edited(search, QStringLiteral("release-groups[0].primary-type"), QJsonValue::Null),
        "firstFormat", QString());
    row("search: no joinphrase on the last credit", "search",
        removed(search, QStringLiteral("release-groups[1].artist-credit[1].joinphrase")),
        "secondArtist", QStringLiteral("JAY-Z & Kanye West"));
    row("release: empty barcode", "release", edited(release, QStringLiteral("barcode"), QString()),
        "barcode", QString());
    row("release: no label-info", "release",
        edited(release, QStringLiteral("label-info"), QJsonArray()), "label", QString());
    row("release: label null keeps the catalogue number", "release",
        edited(release, QStringLiteral("label-info[0].label"), QJsonValue::Null), "catalogNumber",
        QStringLiteral("069490473-2"));
    row("release: catalogue number null", "release",
        edited(release, QStringLiteral("label-info[0].catalog-number"), QJsonValue::Null),
        "catalogNumber", QString());
    row("release: no media", "release", edited(release, QStringLiteral("media"), QJsonArray()),
        "trackCount", 0);
    row("release: medium format null", "release",
        edited(release, QStringLiteral("media[0].format"), QJsonValue::Null), "format", QString());
    row("release: no track-count counts the tracks", "release",
        removed(release, QStringLiteral("media[1].track-count")), "trackCount", 23);
    row("release: empty date", "release", edited(release, QStringLiteral("date"), QString()),
        "year", 0);
    row("release: no date", "release", removed(release, QStringLiteral("date")), "releaseDate",
        QString());
    row("release: medium title null", "release",
        edited(release, QStringLiteral("media[0].title"), QJsonValue::Null), "trackCount", 23);
}

void TestMusicBrainzParser::acceptsEdgeValues()
{
    QFETCH(QString, parser);
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(QVariant, expected);

    QVariant actual;
    if (parser == QLatin1String("search")) {
        const ParseResult<AlbumListPage> result = MusicBrainzParser::releaseGroupSearch(json);
        QVERIFY2(result.ok(), qPrintable(result.error));
        const QList<Album> &albums = result.value->albums;
        if (field == QLatin1String("count"))
            actual = int(albums.size());
        else if (field == QLatin1String("firstFormat"))
            actual = albums.first().format;
        else if (field == QLatin1String("secondArtist"))
            actual = albums.at(1).artist;
    } else {
        const ParseResult<Album> result = MusicBrainzParser::release(json);
        QVERIFY2(result.ok(), qPrintable(result.error));
        const Album &album = *result.value;
        const QHash<QString, QVariant> fields {
            {QStringLiteral("barcode"), album.barcode},
            {QStringLiteral("label"), album.label},
            {QStringLiteral("catalogNumber"), album.sources.first().catalogNumber},
            {QStringLiteral("trackCount"), album.trackCount},
            {QStringLiteral("format"), album.format},
            {QStringLiteral("year"), album.year},
            {QStringLiteral("releaseDate"), album.releaseDate},
        };
        QVERIFY(fields.contains(field));
        actual = fields.value(field);
    }
    QVERIFY2(actual.isValid(), "the row names a field this test does not read");
    QCOMPARE(actual, expected);
}

void TestMusicBrainzParser::rejectsHostileBodies_data()
{
    QTest::addColumn<QString>("parser");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("fragment");

    // Bodies no parser may accept.
    const QByteArray deepArray(10000, '[');
    const QByteArray deepInObject
        = "{\"media\":" + QByteArray(10000, '[') + QByteArray(10000, ']') + '}';
    const QByteArray hugeUnterminated = "{\"title\":\"" + QByteArray(10 * 1024 * 1024, 'a');
    const QList<std::tuple<const char *, QByteArray, QString>> garbage {
        {"empty body", QByteArray(), QStringLiteral("empty response")},
        {"whitespace only", QByteArray("\n\n"), QStringLiteral("empty response")},
        {"truncated object", QByteArray("{\"release-groups\": [{\"id\":"),
         QStringLiteral("invalid JSON at byte")},
        {"garbage after the object", QByteArray("{}}"), QStringLiteral("invalid JSON at byte")},
        {"XML (bad fmt)", QByteArray("<?xml version=\"1.0\"?><metadata/>"),
         QStringLiteral("invalid JSON")},
        {"top-level array", QByteArray("[]"),
         QStringLiteral("expected a JSON object, got an array")},
        {"top-level array of objects", QByteArray("[{\"id\":\"x\"}]"),
         QStringLiteral("expected a JSON object, got an array")},
        {"top-level string", QByteArray("\"release\""), QStringLiteral("invalid JSON")},
        {"top-level number", QByteArray("7"), QStringLiteral("invalid JSON")},
        {"invalid UTF-8", QByteArray("{\"title\":\"\xc3\x28\"}"), QStringLiteral("invalid JSON")},
        {"10,000 levels of [", deepArray, QStringLiteral("invalid JSON")},
        {"10,000 levels inside an object", deepInObject, QStringLiteral("invalid JSON")},
        {"10 MB unterminated string", hugeUnterminated, QStringLiteral("invalid JSON")},
    };
    for (const char *parser : {"search", "release", "cover"}) {
        for (const auto &[name, json, fragment] : garbage)
            QTest::addRow("%s: %s", parser, name)
                << QString::fromLatin1(parser) << json << fragment;
    }

    const auto row = [](const char *name, const char *parser, const QByteArray &json,
                        const QString &fragment) {
        QTest::newRow(name) << QString::fromLatin1(parser) << json << fragment;
    };
    const QJsonValue undefined(QJsonValue::Undefined);
    const QJsonValue null(QJsonValue::Null);
    const QString notFound
        = QStringLiteral("the response is an error: MusicBrainz error: Not Found");

    const QString search = QStringLiteral("release-group-search.json");
    const auto s = [&](const char *path, const QJsonValue &value) {
        return value.isUndefined() ? removed(search, QString::fromLatin1(path))
                                   : edited(search, QString::fromLatin1(path), value);
    };
    row("search: error body", "search", fixture(QStringLiteral("error-not-found.json")), notFound);
    row("search: empty object", "search", "{}", QStringLiteral("missing \"count\""));
    row("search: count is a string", "search", s("count", QStringLiteral("3")),
        QStringLiteral("\"count\" is not a whole number"));
    row("search: offset missing", "search", s("offset", undefined),
        QStringLiteral("missing \"offset\""));
    row("search: release-groups missing", "search", s("release-groups", undefined),
        QStringLiteral("missing \"release-groups\""));
    row("search: release-groups is an object", "search", s("release-groups", QJsonObject()),
        QStringLiteral("\"release-groups\" is not an array"));
    row("search: release-groups is null", "search", s("release-groups", null),
        QStringLiteral("\"release-groups\" is null"));
    row("search: group is null", "search", s("release-groups[1]", null),
        QStringLiteral("\"release-groups[1]\" is not an object"));
    row("search: group without id", "search", s("release-groups[1].id", undefined),
        QStringLiteral("missing \"release-groups[1].id\""));
    row("search: id is not an MBID", "search",
        s("release-groups[2].id", QStringLiteral("okcomputer")),
        QStringLiteral("\"release-groups[2].id\" is not an MBID"));
    row("search: id is a path", "search",
        s("release-groups[0].id", QStringLiteral("../../../../../../../../../../../etc/passwd")),
        QStringLiteral("\"release-groups[0].id\" is not an MBID"));
    row("search: id in braces", "search",
        s("release-groups[0].id", QStringLiteral("{b1392450-e666-3926-a536-22c65f834433}")),
        QStringLiteral("\"release-groups[0].id\" is not an MBID"));
    row("search: title is a number", "search", s("release-groups[0].title", 5),
        QStringLiteral("\"release-groups[0].title\" is not a string"));
    row("search: title is null", "search", s("release-groups[0].title", null),
        QStringLiteral("\"release-groups[0].title\" is null"));
    row("search: artist-credit missing", "search", s("release-groups[0].artist-credit", undefined),
        QStringLiteral("missing \"release-groups[0].artist-credit\""));
    row("search: credit without name", "search",
        s("release-groups[1].artist-credit[1].name", undefined),
        QStringLiteral("missing \"release-groups[1].artist-credit[1].name\""));
    row("search: joinphrase is a number", "search",
        s("release-groups[1].artist-credit[0].joinphrase", 1),
        QStringLiteral("\"release-groups[1].artist-credit[0].joinphrase\" is not a string"));
    row("search: date in another shape", "search",
        s("release-groups[0].first-release-date", QStringLiteral("May 1997")),
        QStringLiteral("\"release-groups[0].first-release-date\" is not a date"));
    row("search: primary-type is a number", "search", s("release-groups[0].primary-type", 1),
        QStringLiteral("\"release-groups[0].primary-type\" is not a string"));

    const QString release = QStringLiteral("release-two-media.json");
    const auto r = [&](const char *path, const QJsonValue &value) {
        return value.isUndefined() ? removed(release, QString::fromLatin1(path))
                                   : edited(release, QString::fromLatin1(path), value);
    };
    row("release: error body", "release", fixture(QStringLiteral("error-not-found.json")),
        notFound);
    row("release: empty object", "release", "{}", QStringLiteral("missing \"id\""));
    row("release: missing id", "release", r("id", undefined), QStringLiteral("missing \"id\""));
    row("release: missing title", "release", r("title", undefined),
        QStringLiteral("missing \"title\""));
    row("release: title is an array", "release", r("title", QJsonArray()),
        QStringLiteral("\"title\" is not a string"));
    row("release: media missing", "release", r("media", undefined),
        QStringLiteral("missing \"media\""));
    row("release: media is an object", "release", r("media", QJsonObject()),
        QStringLiteral("\"media\" is not an array"));
    row("release: medium without position", "release", r("media[1].position", undefined),
        QStringLiteral("missing \"media[1].position\""));
    row("release: medium without tracks", "release", r("media[1].tracks", undefined),
        QStringLiteral("missing \"media[1].tracks\""));
    row("release: track title null", "release", r("media[1].tracks[4].title", null),
        QStringLiteral("\"media[1].tracks[4].title\" is null"));
    row("release: track length is a string", "release",
        r("media[0].tracks[0].length", QStringLiteral("271000")),
        QStringLiteral("\"media[0].tracks[0].length\" is not a whole number"));
    row("release: track is a string", "release", r("media[0].tracks[3]", QStringLiteral("track")),
        QStringLiteral("\"media[0].tracks[3]\" is not an object"));
    row("release: barcode is a number", "release", r("barcode", 606949047325.0),
        QStringLiteral("\"barcode\" is not a string"));
    row("release: label-info entry is a string", "release",
        r("label-info[0]", QStringLiteral("Sire")),
        QStringLiteral("\"label-info[0]\" is not an object"));
    row("release: label is a string", "release", r("label-info[0].label", QStringLiteral("Sire")),
        QStringLiteral("\"label-info[0].label\" is not an object"));
    row("release: date without padding", "release", r("date", QStringLiteral("1999-9-21")),
        QStringLiteral("\"date\" is not a date"));
    row("release: artist-credit is null", "release", r("artist-credit", null),
        QStringLiteral("\"artist-credit\" is null"));

    const QString cover = QStringLiteral("caa-numeric-id.json");
    const auto c = [&](const char *path, const QJsonValue &value) {
        return value.isUndefined() ? removed(cover, QString::fromLatin1(path))
                                   : edited(cover, QString::fromLatin1(path), value);
    };
    row("cover: empty object", "cover", "{}", QStringLiteral("missing \"images\""));
    row("cover: MusicBrainz error body", "cover", fixture(QStringLiteral("error-not-found.json")),
        QStringLiteral("missing \"images\""));
    row("cover: no images", "cover", c("images", QJsonArray()),
        QStringLiteral("no image is marked front"));
    row("cover: only a back image", "cover", c("images[1]", undefined),
        QStringLiteral("no image is marked front"));
    row("cover: images is an object", "cover", c("images", QJsonObject()),
        QStringLiteral("\"images\" is not an array"));
    row("cover: image is null", "cover", c("images[0]", null),
        QStringLiteral("\"images[0]\" is not an object"));
    row("cover: front is a string", "cover", c("images[0].front", QStringLiteral("yes")),
        QStringLiteral("\"images[0].front\" is not true or false"));
    row("cover: thumbnail is a number", "cover", c("images[1].thumbnails.500", 500),
        QStringLiteral("\"images[1].thumbnails.500\" is not a string"));
    row("cover: thumbnails is an array", "cover", c("images[1].thumbnails", QJsonArray()),
        QStringLiteral("\"images[1].thumbnails\" is not an object"));
    row("cover: file URL", "cover",
        c("images[1].thumbnails.500", QStringLiteral("file:///etc/passwd")),
        QStringLiteral("\"images[1].thumbnails.500\" is not an http(s) URL"));
    row("cover: no thumbnails and no image", "cover",
        removed(QStringLiteral("caa-string-id.json"), QStringLiteral("images[0].image"))
            .replace("\"thumbnails\"", "\"thumbs\""),
        QStringLiteral("missing \"images[0].image\""));
}

void TestMusicBrainzParser::rejectsHostileBodies()
{
    QFETCH(QString, parser);
    QFETCH(QByteArray, json);
    QFETCH(QString, fragment);

    testing::verifyRejected(run(parser, json), subjectOf(parser), fragment);
}

void TestMusicBrainzParser::parsesLargeBodies_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("lastTitle");

    QTest::newRow("search of 30,000 release groups")
        << bigSearch(30000) << 30000 << QStringLiteral("Group 000000029999");
    const QString hugeTitle(10 * 1024 * 1024, u'ß');
    QTest::newRow("release titled with 10 M characters")
        << edited(QStringLiteral("release-null-barcode.json"), QStringLiteral("title"), hugeTitle)
        << 1 << hugeTitle;
}

void TestMusicBrainzParser::parsesLargeBodies()
{
    QFETCH(QByteArray, json);
    QFETCH(int, count);
    QFETCH(QString, lastTitle);

    QVERIFY2(json.size() > 10 * 1000 * 1000, qPrintable(QString::number(json.size())));
    if (count == 1) {
        const ParseResult<Album> result = MusicBrainzParser::release(json);
        QVERIFY2(result.ok(), qPrintable(result.error.left(200)));
        QCOMPARE(result.value->title.size(), lastTitle.size());
        QVERIFY(result.value->title == lastTitle);
        QCOMPARE(result.value->tracks.size(), 11);
        return;
    }
    const ParseResult<AlbumListPage> result = MusicBrainzParser::releaseGroupSearch(json);
    QVERIFY2(result.ok(), qPrintable(result.error.left(200)));
    QCOMPARE(result.value->total, count);
    QCOMPARE(result.value->albums.size(), count);
    const Album &last = result.value->albums.last();
    QCOMPARE(last.title, lastTitle);
    QCOMPARE(last.artist, QStringLiteral("Artist 000000029999"));
    QCOMPARE(last.year, 1990);
    QCOMPARE(last.sources.first().externalId,
             QStringLiteral("00000000-0000-4000-8000-000000029999"));
}

QTEST_GUILESS_MAIN(TestMusicBrainzParser)

#include "tst_musicbrainzparser.moc"
