#include "domain/album.h"
#include "parsertesting.h"
#include "providers/discogsparser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <initializer_list>
#include <utility>

using namespace aime;

namespace {

enum class Endpoint { Search, Release, Collection, Identity };

} // namespace

Q_DECLARE_METATYPE(aime::AlbumListPage)
Q_DECLARE_METATYPE(Endpoint)

namespace {

constexpr qsizetype TenMegabytes = 10 * 1024 * 1024;

constexpr QLatin1String Provider("discogs");

QString fixturePath(const QString &name)
{
    return testing::fixturePath(Provider, name);
}

// initTestCase checks that every fixture can be read, so an empty result here is a test failure
// already reported.
QByteArray fixture(const char *name)
{
    return testing::fixture(Provider, QString::fromUtf8(name));
}

QStringList names(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list.append(QString::fromUtf8(text));
    return list;
}

QJsonValue text(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

const QJsonValue Removed(QJsonValue::Undefined);

// Replaces (or, with Removed, deletes) the value at a path such as "results/0/title".
QJsonValue replaced(const QJsonValue &node, const QStringList &path, const QJsonValue &value)
{
    if (path.isEmpty())
        return value;
    const QString &step = path.first();
    const QStringList rest = path.mid(1);
    if (node.isArray()) {
        QJsonArray array = node.toArray();
        const int index = step.toInt();
        if (rest.isEmpty() && value.isUndefined())
            array.removeAt(index);
        else
            array.replace(index, replaced(array.at(index), rest, value));
        return array;
    }
    QJsonObject object = node.toObject();
    if (rest.isEmpty() && value.isUndefined())
        object.remove(step);
    else
        object.insert(step, replaced(object.value(step), rest, value));
    return object;
}

// A fixture with one value changed: the rest of the body stays valid, so the failure can only
// come from that value.
QByteArray edited(const char *name, const char *path, const QJsonValue &value)
{
    const QJsonValue root = QJsonDocument::fromJson(fixture(name)).object();
    const QJsonValue changed
        = replaced(root, QString::fromUtf8(path).split(QLatin1Char('/')), value);
    return QJsonDocument(changed.toObject()).toJson(QJsonDocument::Compact);
}

// JSON written with single quotes, so that test bodies read without escapes.
QByteArray json(const char *singleQuoted)
{
    return QByteArray(singleQuoted).replace('\'', '"');
}

// The smallest release the parser accepts, with extra members spliced in.
QByteArray releaseWith(const QByteArray &members = {})
{
    QByteArray body = json("{'id': 1, 'title': 'Untitled', 'artists': [{'name': 'Nobody'}]");
    if (!members.isEmpty())
        body += ", " + members;
    return body + '}';
}

Track track(int disc, int position, const char *title, qint64 durationMs)
{
    Track track;
    track.disc = disc;
    track.position = position;
    track.title = QString::fromUtf8(title);
    track.durationMs = durationMs;
    return track;
}

QDateTime utc(int year, int month, int day, int hour, int minute, int second)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC);
}

QJsonObject extra(std::initializer_list<std::pair<const char *, const char *>> members)
{
    QJsonObject object;
    for (const auto &[key, value] : members)
        object.insert(QString::fromUtf8(key), QString::fromUtf8(value));
    return object;
}

// What one album from the parser should hold; the shared fields go to the album and its source.
struct Want
{
    const char *artist = "";
    const char *title = "";
    int year = 0;
    const char *releaseDate = "";
    const char *format = "";
    const char *label = "";
    const char *catalogNumber = "";
    const char *barcode = "";
    QStringList genres {};
    const char *coverUrl = "";
    const char *externalId = "";
    const char *url = "";
    int rating = 0;
    const char *folder = "";
    QDateTime addedAt {};
    QJsonObject extra {};
    QList<Track> tracks {};
};

Album albumFrom(const Want &want)
{
    Album album;
    album.artist = QString::fromUtf8(want.artist);
    album.title = QString::fromUtf8(want.title);
    album.year = want.year;
    album.releaseDate = QString::fromUtf8(want.releaseDate);
    album.format = QString::fromUtf8(want.format);
    album.label = QString::fromUtf8(want.label);
    album.barcode = QString::fromUtf8(want.barcode);
    album.genres = want.genres;
    album.coverUrl = QString::fromUtf8(want.coverUrl);
    album.tracks = want.tracks;
    album.trackCount = int(want.tracks.size());

    SourceRef source;
    source.provider = QStringLiteral("discogs");
    source.externalId = QString::fromUtf8(want.externalId);
    source.url = QString::fromUtf8(want.url);
    source.format = album.format;
    source.barcode = album.barcode;
    source.label = album.label;
    source.catalogNumber = QString::fromUtf8(want.catalogNumber);
    source.rating = want.rating;
    source.folder = QString::fromUtf8(want.folder);
    source.addedAt = want.addedAt;
    source.extra = want.extra;
    album.sources = {source};
    return album;
}

// One line per track, so a mismatch shows every track side by side.
QStringList trackLines(const QList<Track> &tracks)
{
    QStringList lines;
    for (const Track &track : tracks)
        lines.append(QStringLiteral("%1:%2 %3 (%4 ms)")
                         .arg(track.disc)
                         .arg(track.position)
                         .arg(track.title)
                         .arg(track.durationMs));
    return lines;
}

void compareAlbum(const Album &actual, const Album &expected)
{
    QCOMPARE(actual.id, qint64(0));
    QCOMPARE(actual.artist, expected.artist);
    QCOMPARE(actual.title, expected.title);
    QCOMPARE(actual.year, expected.year);
    QCOMPARE(actual.releaseDate, expected.releaseDate);
    QCOMPARE(actual.format, expected.format);
    QCOMPARE(actual.label, expected.label);
    QCOMPARE(actual.barcode, expected.barcode);
    QCOMPARE(actual.genres, expected.genres);
    QCOMPARE(actual.coverUrl, expected.coverUrl);
    QCOMPARE(trackLines(actual.tracks), trackLines(expected.tracks));
    QCOMPARE(actual.trackCount, expected.trackCount);
    QCOMPARE(actual.sources.size(), qsizetype(1));

    const SourceRef &source = actual.sources.first();
    const SourceRef &want = expected.sources.first();
    QCOMPARE(source.provider, want.provider);
    QCOMPARE(source.externalId, want.externalId);
    QCOMPARE(source.url, want.url);
    QCOMPARE(source.format, want.format);
    QCOMPARE(source.barcode, want.barcode);
    QCOMPARE(source.label, want.label);
    QCOMPARE(source.catalogNumber, want.catalogNumber);
    QCOMPARE(source.rating, want.rating);
    QCOMPARE(source.folder, want.folder);
    QCOMPARE(source.addedAt, want.addedAt);
    if (source.addedAt.isValid())
        QCOMPARE(source.addedAt.timeSpec(), Qt::UTC);
    QCOMPARE(QJsonDocument(source.extra).toJson(QJsonDocument::Compact),
             QJsonDocument(want.extra).toJson(QJsonDocument::Compact));
    QVERIFY(!source.fetchedAt.isValid());
}

void comparePage(const AlbumListPage &actual, const AlbumListPage &expected)
{
    QCOMPARE(actual.total, expected.total);
    QCOMPARE(actual.offset, expected.offset);
    QCOMPARE(actual.next, expected.next);
    QCOMPARE(actual.albums.size(), expected.albums.size());
    for (qsizetype i = 0; i < actual.albums.size(); ++i) {
        compareAlbum(actual.albums.at(i), expected.albums.at(i));
        if (QTest::currentTestFailed()) {
            qInfo("... in album %lld", static_cast<long long>(i));
            return;
        }
    }
}

AlbumListPage page(int total, int offset, const char *next, const QList<Want> &albums)
{
    AlbumListPage page;
    page.total = total;
    page.offset = offset;
    page.next = QUrl(QString::fromUtf8(next));
    for (const Want &want : albums)
        page.albums.append(albumFrom(want));
    return page;
}

testing::ParseOutcome parse(Endpoint endpoint, const QByteArray &body)
{
    switch (endpoint) {
    case Endpoint::Search: {
        const ParseResult<AlbumListPage> result = DiscogsParser::search(body);
        return {result.ok(), result.error};
    }
    case Endpoint::Release: {
        const ParseResult<Album> result = DiscogsParser::release(body);
        return {result.ok(), result.error};
    }
    case Endpoint::Collection: {
        const ParseResult<AlbumListPage> result = DiscogsParser::collectionPage(body);
        return {result.ok(), result.error};
    }
    case Endpoint::Identity: {
        const ParseResult<DiscogsIdentity> result = DiscogsParser::identity(body);
        return {result.ok(), result.error};
    }
    }
    return {};
}

const char *subjectOf(Endpoint endpoint)
{
    switch (endpoint) {
    case Endpoint::Search:
        return "Discogs search";
    case Endpoint::Release:
        return "Discogs release";
    case Endpoint::Collection:
        return "Discogs collection";
    case Endpoint::Identity:
        return "Discogs identity";
    }
    return "";
}

const char *fixtureOf(Endpoint endpoint)
{
    switch (endpoint) {
    case Endpoint::Search:
        return "search-page1.json";
    case Endpoint::Release:
        return "release-vinyl.json";
    case Endpoint::Collection:
        return "collection-page1.json";
    case Endpoint::Identity:
        return "identity.json";
    }
    return "";
}

enum class Match { Exact, Prefix };

void addFailure(Endpoint endpoint, const char *what, const QByteArray &body,
                const QString &expected, Match match = Match::Exact)
{
    QTest::addRow("%s: %s", subjectOf(endpoint), what)
        << endpoint << body << expected << (match == Match::Prefix);
}

// A value as JSON text; QJsonDocument holds only arrays and objects, hence the wrapping.
QByteArray jsonText(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

// One changed value in the endpoint's fixture, with the message that must name it.
void addFieldFailure(Endpoint endpoint, const char *path, const QJsonValue &value,
                     const QByteArray &message)
{
    // The value is part of the row's name, as one path is tried with several values; cut short,
    // as the name is printed with every result.
    QByteArray what = QByteArray(path) + " removed";
    if (!value.isUndefined())
        what = QByteArray(path) + " = " + jsonText(value).left(40);
    addFailure(endpoint, what.constData(), edited(fixtureOf(endpoint), path, value),
               QString::fromUtf8(subjectOf(endpoint)) + QLatin1String(": ")
                   + QString::fromUtf8(message));
}

// A search page of at least ten megabytes of well-formed results; with breakLast, the last
// result has no title.
QByteArray largeSearchPage(int *count, bool breakLast = false)
{
    const QByteArray item = json(
        "{'id': #, 'type': 'release', 'title': 'Artist # - Title #', 'country': 'UK', 'year': "
        "'1999', 'format': ['Vinyl', 'LP', 'Album'], 'label': ['Label #'], 'genre': ['Rock'], "
        "'style': ['Indie Rock'], 'barcode': ['5012345678900'], 'catno': 'CAT #', 'uri': "
        "'/release/#-Artist-Title', 'resource_url': 'https://api.discogs.com/releases/#', "
        "'cover_image': 'https://i.discogs.com/cover/#.jpeg', 'community': {'want': 1, 'have': "
        "2}}");
    QByteArray results;
    results.reserve(TenMegabytes + 2 * item.size());
    int n = 0;
    while (results.size() < TenMegabytes) {
        if (n > 0)
            results += ',';
        ++n;
        results += QByteArray(item).replace('#', QByteArray::number(n));
    }
    if (breakLast) {
        const qsizetype title = results.lastIndexOf(json("'title': "));
        results.replace(title, 9, json("'name': "));
    }
    *count = n;
    return json("{'pagination': {'page': 1, 'pages': 1, 'per_page': ") + QByteArray::number(n)
        + json(", 'items': ") + QByteArray::number(n) + json(", 'urls': {}}, 'results': [")
        + results + "]}";
}

} // namespace

class TestDiscogsParser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void search_data();
    void search();
    void release_data();
    void release();
    void collectionPage_data();
    void collectionPage();
    void identity();
    void errorMessage_data();
    void errorMessage();

    void trackPositions_data();
    void trackPositions();
    void durations_data();
    void durations();
    void formatText_data();
    void formatText();
    void releaseDates_data();
    void releaseDates();
    void optionalFieldsMayBeMissing_data();
    void optionalFieldsMayBeMissing();
    void emptyListPages_data();
    void emptyListPages();

    void hostileBodies_data();
    void hostileBodies();
    void tenMegabyteSearchPage();
    void brokenLastItemFailsTenMegabytePage();
    void tenMegabyteTitle();
};

void TestDiscogsParser::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("AIME_FIXTURES"),
             "AIME_FIXTURES must name the tests/fixtures folder");
    const char *const files[] = {
        "search-page1.json",     "search-last.json",     "release-vinyl.json", "release-cd.json",
        "collection-page1.json", "collection-last.json", "identity.json",      "error-401.json",
        "error-404.json",        "error-429.json",
    };
    for (const char *name : files) {
        QFile file(fixturePath(QString::fromUtf8(name)));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QVERIFY2(file.size() > 0, qPrintable(file.fileName()));
    }
}

void TestDiscogsParser::search_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<AlbumListPage>("expected");

    QTest::newRow("page 1 of 3")
        << fixture("search-page1.json")
        << page(8, 0,
                "https://api.discogs.com/database/"
                "search?q=never+gonna&type=release&per_page=3&page=2",
                {
                    {
                        .artist = "Rick Astley",
                        .title = "Never Gonna Give You Up",
                        .year = 1987,
                        .format = "7\", Single",
                        .label = "RCA",
                        .catalogNumber = "PB 41447",
                        .barcode = "5012394144777",
                        .genres = names({"Electronic", "Pop", "Synth-pop"}),
                        .coverUrl = "https://i.discogs.com/cover/rs:fit/h:600/w:600/249504.jpeg",
                        .externalId = "249504",
                        .url = "https://www.discogs.com/release/"
                               "249504-Rick-Astley-Never-Gonna-Give-You-Up",
                    },
                    {
                        // Only the flat "format" list; only matrix
                        // runouts under "barcode".
                        .artist = "DJ Healer",
                        .title = "Nothing 2 Loose",
                        .year = 2018,
                        .format = "12\", Album",
                        .label = "All Possible Worlds",
                        .catalogNumber = "APW-2",
                        .genres = names({"Electronic", "Ambient", "Breakbeat", "House"}),
                        .coverUrl = "https://i.discogs.com/cover/rs:fit/h:600/w:600/11849140.jpeg",
                        .externalId = "11849140",
                        .url = "https://www.discogs.com/release/11849140-DJ-Healer-Nothing-2-Loose",
                    },
                    {
                        .artist = "Nirvana",
                        .title = "Local Anaesthetic",
                        .year = 1971,
                        .format = "LP, Album",
                        .label = "Vertigo",
                        .genres = names({"Rock", "Psychedelic Rock", "Prog Rock"}),
                        .coverUrl = "https://i.discogs.com/cover/rs:fit/h:600/w:600/m42312.jpeg",
                        .externalId = "m42312",
                        .url = "https://www.discogs.com/master/42312-Nirvana-Local-Anaesthetic",
                        .extra = extra({{"Artist", "Nirvana (2)"}}),
                    },
                });
    QTest::newRow("last page")
        << fixture("search-last.json")
        << page(
               8, 6, "",
               {
                   {
                       .artist = "Cocoa Tea",
                       .title = "The Sweet Sound Of Cocoa Tea",
                       .year = 2008,
                       .format = "2xCD, Comp",
                       .label = "17 North Parade",
                       .catalogNumber = "VP 4123",
                       .barcode = "0 54645 41232 6",
                       .genres = names({"Reggae", "Roots Reggae", "Dancehall"}),
                       .coverUrl = "https://i.discogs.com/cover/rs:fit/h:600/w:600/1952156.jpeg",
                       .externalId = "1952156",
                       .url = "https://www.discogs.com/release/"
                              "1952156-Cocoa-Tea-The-Sweet-Sound-Of-Cocoa-Tea",
                   },
                   {
                       // Split on the first " - " only; no year.
                       .artist = "Various",
                       .title = "Trance Nation - Ibiza",
                       .format = "2xLP, Comp, Mixed",
                       .catalogNumber = "none",
                       .genres = names({"Electronic", "Trance", "Progressive Trance"}),
                       .externalId = "7654321",
                       .url = "https://www.discogs.com/release/7654321-Various-Trance-Nation-Ibiza",
                   },
               });
}

void TestDiscogsParser::search()
{
    QFETCH(QByteArray, body);
    QFETCH(AlbumListPage, expected);

    const ParseResult<AlbumListPage> result = DiscogsParser::search(body);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(result.error.isEmpty());
    comparePage(*result.value, expected);
}

void TestDiscogsParser::release_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Album>("expected");

    QTest::newRow("2xLP, sides A-D, headings, barcode, released -00")
        << fixture("release-vinyl.json")
        << albumFrom({
               .artist = "The Cure",
               .title = "Kiss Me Kiss Me Kiss Me",
               .year = 1987,
               .releaseDate = "1987-05-00",
               .format = "2xLP, Album",
               .label = "Fiction Records",
               .catalogNumber = "FIXH 13",
               .barcode = "0 42283 19711 7",
               .genres = names({"Rock", "New Wave", "Alternative Rock"}),
               .coverUrl = "https://i.discogs.com/img/3184017-front.jpeg",
               .externalId = "3184017",
               .url = "https://www.discogs.com/release/3184017-The-Cure-Kiss-Me-Kiss-Me-Kiss-Me",
               .tracks = {track(1, 1, "The Kiss", 377000), track(1, 2, "Catch", 162000),
                          track(1, 3, "Why Can't I Be You?", 191000),
                          track(1, 4, "How Beautiful You Are...", 310000),
                          track(2, 1, "Hey You!!!", 142000), track(2, 2, "Shiver And Shake", 0),
                          track(2, 3, "Just Like Heaven", 210000), track(2, 4, "Fight", 267000)},
           });
    QTest::newRow("2xCD, disc-track positions, index entry, no barcode, year 0")
        << fixture("release-cd.json")
        << albumFrom({
               .artist = "Massive Attack Vs. Mad Professor",
               .title = "No Protection",
               .year = 2012,
               .releaseDate = "2012",
               .format = "2xCD, Album, RE, RM",
               .label = "Circa",
               .catalogNumber = "WBRCD 2X",
               .genres = names({"Electronic", "Reggae", "Dub", "Trip Hop"}),
               .coverUrl = "https://i.discogs.com/img/5520611-inlay.jpeg",
               .externalId = "5520611",
               .url = "https://www.discogs.com/release/5520611",
               .tracks
               = {track(1, 1, "Radiation Ruling The Nation (Protection)", 477000),
                  track(1, 2, "Bumper Ball Dub (Karmacoma)", 308000),
                  track(1, 3, "Trinity Dub (Three)", 0), track(2, 1, "Eternal Feedback", 3723000),
                  track(2, 2, "Moving Dub (Live)", 394000),
                  track(2, 4, "Backward Sucking (Heat Miser)", 320000)},
           });
}

void TestDiscogsParser::release()
{
    QFETCH(QByteArray, body);
    QFETCH(Album, expected);

    const ParseResult<Album> result = DiscogsParser::release(body);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(result.error.isEmpty());
    compareAlbum(*result.value, expected);
}

void TestDiscogsParser::collectionPage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<AlbumListPage>("expected");

    QTest::newRow("page 1 of 2")
        << fixture("collection-page1.json")
        << page(5, 0,
                "https://api.discogs.com/users/aime-collector/collection/folders/0/"
                "releases?page=2&per_page=3",
                {
                    {
                        // "anv" is not used; the name is.
                        .artist = "Kruder & Dorfmeister",
                        .title = "The K&D Sessions™",
                        .year = 2015,
                        .format = "5xLP, Comp, RE, RM",
                        .label = "!K7 Records",
                        .catalogNumber = "!K7073LP",
                        .genres = names({"Electronic", "Downtempo", "Dub", "Trip Hop"}),
                        .coverUrl = "https://i.discogs.com/cover/6794957-600.jpeg",
                        .externalId = "6794957",
                        .url = "https://www.discogs.com/release/6794957",
                        .folder = "Uncategorized",
                        .addedAt = utc(2015, 4, 14, 10, 23, 29),
                        .extra = extra({{"instance_id", "101"}, {"folder_id", "1"}}),
                    },
                    {
                        .artist = "Nirvana",
                        .title = "Local Anaesthetic",
                        .year = 1971,
                        .format = "LP, Album",
                        .label = "Vertigo",
                        .catalogNumber = "6360 031",
                        .genres = names({"Rock", "Psychedelic Rock", "Prog Rock"}),
                        .coverUrl = "https://i.discogs.com/cover/1389912-600.jpeg",
                        .externalId = "1389912",
                        .url = "https://www.discogs.com/release/1389912",
                        .rating = 4,
                        .addedAt = utc(2021, 11, 30, 22, 45, 0),
                        .extra = extra({{"Artist", "Nirvana (2)"},
                                        {"instance_id", "88412390"},
                                        {"folder_id", "2345678"}}),
                    },
                    {
                        // Two labels: the first one is the label.
                        .artist = "Kraftwerk",
                        .title = "The Mix",
                        .year = 2009,
                        .format = "2xLP, Album, RE, RM",
                        .label = "Kling Klang",
                        .catalogNumber = "50999 9 66052 1 9",
                        .genres = names({"Electronic", "Electro", "Synth-pop"}),
                        .coverUrl = "https://i.discogs.com/cover/2058319-600.jpeg",
                        .externalId = "2058319",
                        .url = "https://www.discogs.com/release/2058319",
                        .rating = 5,
                        .folder = "Uncategorized",
                        .addedAt = utc(2019, 2, 3, 18, 0, 0),
                        .extra = extra({{"instance_id", "90211877"}, {"folder_id", "1"}}),
                    },
                });
    QTest::newRow("last page")
        << fixture("collection-last.json")
        << page(5, 3, "",
                {
                    {
                        .artist = "Kuniyuki Takahashi Feat. Henrik Schwarz",
                        .title = "The Session 2",
                        .year = 2013,
                        .format = "12\"",
                        .label = "Mule Musiq",
                        .catalogNumber = "mule musiq 160",
                        .genres = names({"Electronic", "Deep House"}),
                        .externalId = "4598694",
                        .url = "https://www.discogs.com/release/4598694",
                        .rating = 3,
                        .folder = "Uncategorized",
                        .addedAt = utc(2023, 6, 1, 0, 15, 0),
                        .extra = extra({{"instance_id", "120455012"}, {"folder_id", "1"}}),
                    },
                    {
                        // No labels, no cover_image: the thumb stands in.
                        .artist = "Cocoa Tea",
                        .title = "The Sweet Sound Of Cocoa Tea",
                        .year = 2008,
                        .format = "2xCD, Comp",
                        .genres = names({"Reggae", "Roots Reggae", "Dancehall"}),
                        .coverUrl = "https://i.discogs.com/thumb/1952156-150.jpeg",
                        .externalId = "1952156",
                        .url = "https://www.discogs.com/release/1952156",
                        .folder = "Uncategorized",
                        .addedAt = utc(2023, 6, 1, 0, 16, 30),
                        .extra = extra({{"instance_id", "120455013"}, {"folder_id", "1"}}),
                    },
                });
}

void TestDiscogsParser::collectionPage()
{
    QFETCH(QByteArray, body);
    QFETCH(AlbumListPage, expected);

    const ParseResult<AlbumListPage> result = DiscogsParser::collectionPage(body);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(result.error.isEmpty());
    comparePage(*result.value, expected);
}

void TestDiscogsParser::identity()
{
    const ParseResult<DiscogsIdentity> result = DiscogsParser::identity(fixture("identity.json"));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.value->id, qint64(3144612));
    QCOMPARE(result.value->username, QStringLiteral("aime-collector"));
    QCOMPARE(result.value->resourceUrl,
             QStringLiteral("https://api.discogs.com/users/aime-collector"));
}

void TestDiscogsParser::errorMessage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");

    QTest::newRow("401") << fixture("error-401.json")
                         << "You must authenticate to access this resource.";
    QTest::newRow("404") << fixture("error-404.json") << "Release not found.";
    QTest::newRow("429") << fixture("error-429.json") << "You are making requests too quickly.";
    QTest::newRow("release body") << fixture("release-vinyl.json") << "";
    QTest::newRow("empty") << QByteArray() << "";
    QTest::newRow("malformed") << json("{'message': 'cut o") << "";
    QTest::newRow("message not a string") << json("{'message': 42}") << "";
    QTest::newRow("array") << json("[{'message': 'inside an array'}]") << "";
    QTest::newRow("html error page")
        << QByteArray("<html><body>502 Bad Gateway</body></html>") << "";
}

void TestDiscogsParser::errorMessage()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);

    QCOMPARE(DiscogsParser::errorMessage(body), message);
}

void TestDiscogsParser::trackPositions_data()
{
    QTest::addColumn<QByteArray>("positions"); // separated by '|'
    QTest::addColumn<QString>("expected"); // disc:position per track

    QTest::newRow("vinyl sides") << QByteArray("A1|A2|B1|C1|C2|D1") << "1:1 1:2 1:3 2:1 2:2 2:3";
    QTest::newRow("one track a side") << QByteArray("A|B") << "1:1 1:2";
    QTest::newRow("double A side") << QByteArray("A|AA") << "1:1 1:2";
    QTest::newRow("third record") << QByteArray("E1|E2|F1") << "3:1 3:2 3:3";
    QTest::newRow("lower case sides") << QByteArray("a1|b1|c1") << "1:1 1:2 2:1";
    QTest::newRow("sub-track letters") << QByteArray("A1a|A1b|A2") << "1:1 1:2 1:3";
    QTest::newRow("disc-track") << QByteArray("1-1|1-2|2-1|2-2") << "1:1 1:2 2:1 2:2";
    QTest::newRow("disc.track") << QByteArray("1.1|1.2|2.5") << "1:1 1:2 2:5";
    QTest::newRow("prefixed disc") << QByteArray("CD1-1|CD2-3") << "1:1 2:3";
    QTest::newRow("disc with lettered track") << QByteArray("1-1|2-1a|2-1b") << "1:1 2:1 2:2";
    QTest::newRow("plain numbers") << QByteArray("1|2|3") << "1:1 1:2 1:3";
    QTest::newRow("no positions") << QByteArray("||") << "1:1 1:2 1:3";
    QTest::newRow("empty continues its disc") << QByteArray("2-1||2-3") << "2:1 2:2 2:3";
    QTest::newRow("unfamiliar text") << QByteArray("Video|Bonus") << "1:1 1:2";
    QTest::newRow("vinyl side then bonus") << QByteArray("C1|Bonus") << "2:1 2:2";
    QTest::newRow("white space") << QByteArray(" A1 | B1 ") << "1:1 1:2";
}

void TestDiscogsParser::trackPositions()
{
    QFETCH(QByteArray, positions);
    QFETCH(QString, expected);

    QByteArray tracklist;
    const QList<QByteArray> list = positions.split('|');
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i > 0)
            tracklist += ", ";
        tracklist += json("{'position': '") + list.at(i) + json("', 'type_': 'track', 'title': 'T")
            + QByteArray::number(i) + json("', 'duration': ''}");
    }
    const ParseResult<Album> result
        = DiscogsParser::release(releaseWith(json("'tracklist': [") + tracklist + ']'));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QStringList actual;
    for (const Track &track : result.value->tracks)
        actual.append(QStringLiteral("%1:%2").arg(track.disc).arg(track.position));
    QCOMPARE(actual.join(QLatin1Char(' ')), expected);
    QCOMPARE(qsizetype(result.value->trackCount), list.size());
}

void TestDiscogsParser::durations_data()
{
    QTest::addColumn<QByteArray>("duration");
    QTest::addColumn<qint64>("milliseconds");

    QTest::newRow("minutes") << QByteArray("4:35") << qint64(275000);
    QTest::newRow("hours") << QByteArray("1:02:03") << qint64(3723000);
    QTest::newRow("long minutes") << QByteArray("120:00") << qint64(7200000);
    QTest::newRow("zero minutes") << QByteArray("0:59") << qint64(59000);
    QTest::newRow("surrounding spaces") << QByteArray(" 3:30 ") << qint64(210000);
    QTest::newRow("empty") << QByteArray("") << qint64(0);
    QTest::newRow("one-digit seconds") << QByteArray("4:5") << qint64(0);
    QTest::newRow("seconds past 59") << QByteArray("4:60") << qint64(0);
    QTest::newRow("dot") << QByteArray("4.35") << qint64(0);
    QTest::newRow("question mark") << QByteArray("?") << qint64(0);
    QTest::newRow("negative") << QByteArray("-1:30") << qint64(0);
    QTest::newRow("trailing colon") << QByteArray("4:35:") << qint64(0);
    QTest::newRow("four parts") << QByteArray("1:00:00:00") << qint64(0);
    QTest::newRow("absurd minutes") << QByteArray("99999:00") << qint64(0);
}

void TestDiscogsParser::durations()
{
    QFETCH(QByteArray, duration);
    QFETCH(qint64, milliseconds);

    const ParseResult<Album> result = DiscogsParser::release(releaseWith(
        json("'tracklist': [{'position': '1', 'type_': 'track', 'title': 'T', 'duration': '")
        + duration + json("'}]")));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.value->tracks.size(), 1);
    QCOMPARE(result.value->tracks.first().durationMs, milliseconds);
}

void TestDiscogsParser::formatText_data()
{
    QTest::addColumn<QByteArray>("formats");
    QTest::addColumn<QString>("expected");

    // '7\\'' becomes the JSON string "7\"": seven inches.
    QTest::newRow("7-inch single")
        << json("[{'name': 'Vinyl', 'qty': '1', 'descriptions': ['7\\'', 'Single', '45 RPM']}]")
        << "7\", Single";
    QTest::newRow("2xLP reissue") << json(
        "[{'name': 'Vinyl', 'qty': '2', 'descriptions': ['LP', 'Album', 'Reissue']}]")
                                  << "2xLP, Album, RE";
    QTest::newRow("quantity as a number")
        << json("[{'name': 'Vinyl', 'qty': 2, 'descriptions': ['LP', 'Album']}]") << "2xLP, Album";
    QTest::newRow("CD compilation")
        << json("[{'name': 'CD', 'qty': '2', 'descriptions': ['Compilation']}]") << "2xCD, Comp";
    QTest::newRow("vinyl without a size")
        << json("[{'name': 'Vinyl', 'qty': '1', 'descriptions': ['Album']}]") << "Vinyl, Album";
    QTest::newRow("two formats") << json(
        "[{'name': 'Vinyl', 'qty': '1', 'descriptions': ['LP', 'Album']}, {'name': 'CD', "
        "'qty': '1', 'descriptions': ['Album']}]")
                                 << "LP, Album + CD, Album";
    QTest::newRow("box set") << json(
        "[{'name': 'Box Set', 'qty': '1', 'descriptions': ['Compilation', 'Limited "
        "Edition']}, {'name': 'Vinyl', 'qty': '4', 'descriptions': ['LP']}]")
                             << "Box, Comp, Ltd + 4xLP";
    QTest::newRow("all media") << json(
        "[{'name': 'All Media', 'qty': '1', 'descriptions': ['Limited Edition']}]")
                               << "Ltd";
    QTest::newRow("cassette") << json(
        "[{'name': 'Cassette', 'qty': '1', 'descriptions': ['Album']}]")
                              << "Cass, Album";
    QTest::newRow("stereo left out")
        << json("[{'name': 'Vinyl', 'qty': '1', 'descriptions': ['LP', 'Album', 'Stereo']}]")
        << "LP, Album";
    QTest::newRow("unknown description kept")
        << json("[{'name': 'Vinyl', 'qty': '1', 'descriptions': ['LP', 'Album', 'Coloured']}]")
        << "LP, Album, Coloured";
    QTest::newRow("no descriptions") << json("[{'name': 'CD', 'qty': '1'}]") << "CD";
    QTest::newRow("empty quantity") << json("[{'name': 'CD', 'qty': ''}]") << "CD";
    QTest::newRow("no formats") << QByteArray("[]") << "";
}

void TestDiscogsParser::formatText()
{
    QFETCH(QByteArray, formats);
    QFETCH(QString, expected);

    const ParseResult<Album> result
        = DiscogsParser::release(releaseWith(json("'formats': ") + formats));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.value->format, expected);
    QCOMPARE(result.value->sources.first().format, expected);
}

void TestDiscogsParser::releaseDates_data()
{
    QTest::addColumn<QByteArray>("members");
    QTest::addColumn<int>("year");
    QTest::addColumn<QString>("releaseDate");

    QTest::newRow("unknown day") << json("'year': 1987, 'released': '1987-05-00'") << 1987
                                 << "1987-05-00";
    QTest::newRow("year 0, unknown month and day")
        << json("'year': 0, 'released': '1979-00-00'") << 1979 << "1979-00-00";
    QTest::newRow("no year, year only") << json("'released': '1996'") << 1996 << "1996";
    QTest::newRow("full date") << json("'year': 2001, 'released': '2001-03-12'") << 2001
                               << "2001-03-12";
    QTest::newRow("unknown") << json("'year': 0") << 0 << "";
    QTest::newRow("unfamiliar text kept")
        << json("'year': 0, 'released': 'circa 1970'") << 0 << "circa 1970";
    QTest::newRow("released null") << json("'year': 1987, 'released': null") << 1987 << "";
}

void TestDiscogsParser::releaseDates()
{
    QFETCH(QByteArray, members);
    QFETCH(int, year);
    QFETCH(QString, releaseDate);

    const ParseResult<Album> result = DiscogsParser::release(releaseWith(members));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.value->year, year);
    QCOMPARE(result.value->releaseDate, releaseDate);
}

void TestDiscogsParser::optionalFieldsMayBeMissing_data()
{
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("absent") << releaseWith();
    QTest::newRow("null") << releaseWith(json(
        "'year': null, 'released': null, 'uri': null, 'labels': null, 'formats': null, 'genres': "
        "null, 'styles': null, 'identifiers': null, 'tracklist': null, 'images': null"));
    QTest::newRow("empty") << releaseWith(
        json("'year': 0, 'released': '', 'uri': '', 'labels': [], 'formats': [], 'genres': [], "
             "'styles': [], 'identifiers': [], 'tracklist': [], 'images': []"));
    QTest::newRow("empty members") << releaseWith(
        json("'labels': [{}], 'formats': [{}], 'identifiers': [{}], 'images': [{}]"));
}

void TestDiscogsParser::optionalFieldsMayBeMissing()
{
    QFETCH(QByteArray, body);

    const ParseResult<Album> result = DiscogsParser::release(body);
    QVERIFY2(result.ok(), qPrintable(result.error));
    compareAlbum(*result.value,
                 albumFrom({
                     .artist = "Nobody",
                     .title = "Untitled",
                     .externalId = "1",
                     .url = "https://www.discogs.com/release/1",
                 }));
}

void TestDiscogsParser::emptyListPages_data()
{
    QTest::addColumn<Endpoint>("endpoint");
    QTest::addColumn<QByteArray>("body");

    const QByteArray pagination
        = json("'pagination': {'page': 1, 'pages': 1, 'per_page': 50, 'items': 0, 'urls': {}}");
    QTest::newRow("search") << Endpoint::Search
                            << QByteArray("{" + pagination + json(", 'results': []}"));
    QTest::newRow("collection") << Endpoint::Collection
                                << QByteArray("{" + pagination + json(", 'releases': []}"));
}

void TestDiscogsParser::emptyListPages()
{
    QFETCH(Endpoint, endpoint);
    QFETCH(QByteArray, body);

    const ParseResult<AlbumListPage> result = endpoint == Endpoint::Search
        ? DiscogsParser::search(body)
        : DiscogsParser::collectionPage(body);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(result.value->albums.isEmpty());
    QCOMPARE(result.value->total, 0);
    QCOMPARE(result.value->offset, 0);
    QVERIFY(result.value->next.isEmpty());
}

void TestDiscogsParser::hostileBodies_data()
{
    QTest::addColumn<Endpoint>("endpoint");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("prefixOnly");

    const QByteArray deepArrays(10000, '[');
    QByteArray deepObjects;
    for (int i = 0; i < 10000; ++i)
        deepObjects += json("{'a': ");
    const QByteArray unterminatedString = json("{'title': '") + QByteArray(TenMegabytes, 'x');
    const QByteArray binary("\x00\xff\xfe{\x01[\x7f", 7);

    for (const Endpoint endpoint :
         {Endpoint::Search, Endpoint::Release, Endpoint::Collection, Endpoint::Identity}) {
        const QString subject = QString::fromUtf8(subjectOf(endpoint)) + QLatin1String(": ");
        const QString notJson = subject + QLatin1String("the body is not valid JSON (");
        addFailure(endpoint, "empty body", QByteArray(),
                   subject + QLatin1String("the body is empty"));
        addFailure(endpoint, "white space", QByteArray(" \r\n\t "), notJson, Match::Prefix);
        addFailure(endpoint, "cut short", fixture(fixtureOf(endpoint)).left(40), notJson,
                   Match::Prefix);
        addFailure(endpoint, "trailing garbage", fixture(fixtureOf(endpoint)) + "}}", notJson,
                   Match::Prefix);
        addFailure(endpoint, "binary", binary, notJson, Match::Prefix);
        addFailure(endpoint, "HTML", QByteArray("<html><body>502 Bad Gateway</body></html>"),
                   notJson, Match::Prefix);
        addFailure(endpoint, "bare string", QByteArray("\"hello\""), notJson, Match::Prefix);
        addFailure(endpoint, "10,000 levels of [", deepArrays, notJson, Match::Prefix);
        addFailure(endpoint, "10,000 levels of {", deepObjects, notJson, Match::Prefix);
        addFailure(endpoint, "unterminated 10 MB string", unterminatedString, notJson,
                   Match::Prefix);
        addFailure(endpoint, "empty array", QByteArray("[]"),
                   subject + QLatin1String("the body is an array, expected an object"));
        addFailure(endpoint, "fixture inside an array", '[' + fixture(fixtureOf(endpoint)) + ']',
                   subject + QLatin1String("the body is an array, expected an object"));
    }

    const QJsonValue null(QJsonValue::Null);
    const Endpoint search = Endpoint::Search;
    addFieldFailure(search, "results", Removed, "missing \"results\"");
    addFieldFailure(search, "results", QJsonObject(),
                    "\"results\" is an object, expected an array");
    addFieldFailure(search, "results", null, "\"results\" is null, expected an array");
    addFieldFailure(search, "pagination", Removed, "missing \"pagination\"");
    addFieldFailure(search, "pagination", QJsonArray(),
                    "\"pagination\" is an array, expected an object");
    addFieldFailure(search, "pagination/page", text("1"),
                    "\"pagination.page\" is a string, expected a number");
    addFieldFailure(search, "pagination/per_page", 0,
                    "\"pagination.per_page\" is 0, expected a whole number from 1 to 2147483647");
    addFieldFailure(search, "pagination/items", -1,
                    "\"pagination.items\" is -1, expected a whole number from 0 to 2147483647");
    addFieldFailure(search, "pagination/items", Removed, "missing \"pagination.items\"");
    addFieldFailure(search, "pagination/urls/next", 17,
                    "\"pagination.urls.next\" is a number, expected a string");
    addFieldFailure(search, "pagination/urls/next", text("page two"),
                    "\"pagination.urls.next\" is not an absolute URL");
    addFieldFailure(search, "results/1/id", Removed, "missing \"results[1].id\"");
    addFieldFailure(search, "results/0/id", text("249504"),
                    "\"results[0].id\" is a string, expected a number");
    addFieldFailure(search, "results/0/id", 1.5,
                    "\"results[0].id\" is 1.5, expected a whole number of at least 1");
    addFieldFailure(search, "results/0/id", -3,
                    "\"results[0].id\" is -3, expected a whole number of at least 1");
    addFieldFailure(search, "results/2/title", Removed, "missing \"results[2].title\"");
    addFieldFailure(search, "results/0/title", 1987,
                    "\"results[0].title\" is a number, expected a string");
    addFieldFailure(search, "results/0/title", null,
                    "\"results[0].title\" is null, expected a string");
    addFieldFailure(search, "results/0/title", text(""), "\"results[0].title\" is empty");
    addFieldFailure(search, "results/1/title", text("Nothing 2 Loose"),
                    "\"results[1].title\" is \"Nothing 2 Loose\", expected \"Artist - Title\"");
    addFieldFailure(search, "results/1/title", text("DJ Healer - "),
                    "\"results[1].title\" is \"DJ Healer - \", expected \"Artist - Title\"");
    const QByteArray longTitle(100000, 'x');
    addFieldFailure(search, "results/1/title", QString::fromLatin1(longTitle),
                    "\"results[1].title\" is \"" + longTitle.left(60)
                        + "\u2026\", expected \"Artist - Title\"");
    addFieldFailure(search, "results/0", null, "\"results[0]\" is null, expected an object");
    addFieldFailure(search, "results/2", text("release"),
                    "\"results[2]\" is a string, expected an object");
    addFieldFailure(search, "results/0/type", text("artist"),
                    "\"results[0].type\" is \"artist\", expected \"release\" or \"master\"");
    addFieldFailure(search, "results/0/year", 1987,
                    "\"results[0].year\" is a number, expected a string");
    addFieldFailure(search, "results/1/format/1", 12,
                    "\"results[1].format[1]\" is a number, expected a string");
    addFieldFailure(search, "results/0/genre", text("Pop"),
                    "\"results[0].genre\" is a string, expected an array");
    addFieldFailure(search, "results/0/formats/0/descriptions", QJsonObject(),
                    "\"results[0].formats[0].descriptions\" is an object, expected an array");

    const Endpoint release = Endpoint::Release;
    addFieldFailure(release, "id", Removed, "missing \"id\"");
    addFieldFailure(release, "id", text("3184017"), "\"id\" is a string, expected a number");
    addFieldFailure(release, "id", 0, "\"id\" is 0, expected a whole number of at least 1");
    addFieldFailure(release, "id", 1e300,
                    "\"id\" is 1e+300, expected a whole number of at least 1");
    addFieldFailure(release, "title", Removed, "missing \"title\"");
    addFieldFailure(release, "title", 42, "\"title\" is a number, expected a string");
    addFieldFailure(release, "title", null, "\"title\" is null, expected a string");
    addFieldFailure(release, "title", text("   "), "\"title\" is empty");
    addFieldFailure(release, "title", QJsonArray {text("Kiss")},
                    "\"title\" is an array, expected a string");
    addFieldFailure(release, "artists", Removed, "missing \"artists\"");
    addFieldFailure(release, "artists", QJsonArray(),
                    "\"artists\" is empty, expected at least one artist");
    addFieldFailure(release, "artists/0/name", Removed, "missing \"artists[0].name\"");
    addFieldFailure(release, "artists/0", text("The Cure"),
                    "\"artists[0]\" is a string, expected an object");
    addFieldFailure(release, "artists/0/join", false,
                    "\"artists[0].join\" is a boolean, expected a string");
    addFieldFailure(release, "year", text("1987"), "\"year\" is a string, expected a number");
    addFieldFailure(release, "year", 1987.5,
                    "\"year\" is 1987.5, expected a whole number from 0 to 9999");
    addFieldFailure(release, "released", 1987, "\"released\" is a number, expected a string");
    addFieldFailure(release, "tracklist", QJsonObject(),
                    "\"tracklist\" is an object, expected an array");
    addFieldFailure(release, "tracklist/3/title", 5,
                    "\"tracklist[3].title\" is a number, expected a string");
    addFieldFailure(release, "tracklist/3/title", Removed, "missing \"tracklist[3].title\"");
    addFieldFailure(release, "tracklist/2", null, "\"tracklist[2]\" is null, expected an object");
    addFieldFailure(release, "tracklist/1/duration", 377,
                    "\"tracklist[1].duration\" is a number, expected a string");
    addFieldFailure(release, "labels/0", text("Fiction Records"),
                    "\"labels[0]\" is a string, expected an object");
    addFieldFailure(release, "identifiers/1/value", 42283197117.0,
                    "\"identifiers[1].value\" is a number, expected a string");
    addFieldFailure(release, "formats/0/descriptions", QJsonObject(),
                    "\"formats[0].descriptions\" is an object, expected an array");
    addFieldFailure(release, "formats/0/qty", true,
                    "\"formats[0].qty\" is a boolean, expected a string");
    addFieldFailure(release, "images/1", text("https://i.discogs.com/img/3184017-front.jpeg"),
                    "\"images[1]\" is a string, expected an object");
    addFieldFailure(release, "genres/0", QJsonObject(),
                    "\"genres[0]\" is an object, expected a string");

    const Endpoint collection = Endpoint::Collection;
    addFieldFailure(collection, "releases", Removed, "missing \"releases\"");
    addFieldFailure(collection, "releases", text("none"),
                    "\"releases\" is a string, expected an array");
    addFieldFailure(collection, "pagination", Removed, "missing \"pagination\"");
    addFieldFailure(collection, "pagination/page", 2147483647,
                    "\"pagination.page\" is too large for its per_page");
    addFieldFailure(collection, "releases/1", QJsonArray(),
                    "\"releases[1]\" is an array, expected an object");
    addFieldFailure(collection, "releases/2/basic_information", Removed,
                    "missing \"releases[2].basic_information\"");
    addFieldFailure(collection, "releases/1/basic_information/title", Removed,
                    "missing \"releases[1].basic_information.title\"");
    addFieldFailure(collection, "releases/0/basic_information/id", null,
                    "\"releases[0].basic_information.id\" is null, expected a number");
    addFieldFailure(
        collection, "releases/1/basic_information/artists/0/name", 7,
        "\"releases[1].basic_information.artists[0].name\" is a number, expected a string");
    addFieldFailure(collection, "releases/2/basic_information/artists", Removed,
                    "missing \"releases[2].basic_information.artists\"");
    addFieldFailure(collection, "releases/2/rating", 7,
                    "\"releases[2].rating\" is 7, expected a whole number from 0 to 5");
    addFieldFailure(collection, "releases/2/rating", text("5"),
                    "\"releases[2].rating\" is a string, expected a number");
    addFieldFailure(
        collection, "releases/0/date_added", text("yesterday"),
        "\"releases[0].date_added\" is \"yesterday\", expected an ISO 8601 date with an offset");
    addFieldFailure(collection, "releases/0/date_added", text("2015-04-14T03:23:29"),
                    "\"releases[0].date_added\" is \"2015-04-14T03:23:29\", expected an ISO 8601 "
                    "date with an offset");
    addFieldFailure(collection, "releases/0/instance_id", text("101"),
                    "\"releases[0].instance_id\" is a string, expected a number");
    addFieldFailure(collection, "releases/0/folder_id", -1,
                    "\"releases[0].folder_id\" is -1, expected a whole number of at least 0");

    const Endpoint identity = Endpoint::Identity;
    addFieldFailure(identity, "id", Removed, "missing \"id\"");
    addFieldFailure(identity, "id", text("3144612"), "\"id\" is a string, expected a number");
    addFieldFailure(identity, "username", Removed, "missing \"username\"");
    addFieldFailure(identity, "username", 5, "\"username\" is a number, expected a string");
    addFieldFailure(identity, "username", text(""), "\"username\" is empty");
    addFieldFailure(identity, "resource_url", 5, "\"resource_url\" is a number, expected a string");
}

void TestDiscogsParser::hostileBodies()
{
    QFETCH(Endpoint, endpoint);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QFETCH(bool, prefixOnly);

    const testing::ParseOutcome outcome = parse(endpoint, body);
    QVERIFY(!outcome.ok);
    QVERIFY(!outcome.error.isEmpty());
    if (prefixOnly)
        QVERIFY2(outcome.error.startsWith(expected), qPrintable(outcome.error));
    else
        QCOMPARE(outcome.error, expected);
}

void TestDiscogsParser::tenMegabyteSearchPage()
{
    int count = 0;
    const QByteArray body = largeSearchPage(&count);
    QVERIFY(body.size() >= TenMegabytes);

    const ParseResult<AlbumListPage> result = DiscogsParser::search(body);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.value->albums.size(), qsizetype(count));
    QCOMPARE(result.value->total, count);
    QVERIFY(result.value->next.isEmpty());
    const QString number = QString::number(count);
    const Album &last = result.value->albums.last();
    QCOMPARE(last.artist, QString(QLatin1String("Artist ") + number));
    QCOMPARE(last.title, QString(QLatin1String("Title ") + number));
    QCOMPARE(last.year, 1999);
    QCOMPARE(last.format, QStringLiteral("LP, Album"));
    QCOMPARE(last.barcode, QStringLiteral("5012345678900"));
    QCOMPARE(last.sources.first().externalId, number);
    QCOMPARE(last.sources.first().catalogNumber, QString(QLatin1String("CAT ") + number));
}

void TestDiscogsParser::brokenLastItemFailsTenMegabytePage()
{
    int count = 0;
    const QByteArray body = largeSearchPage(&count, true);
    QVERIFY(body.size() >= TenMegabytes);

    const ParseResult<AlbumListPage> result = DiscogsParser::search(body);
    QVERIFY(!result.ok());
    QCOMPARE(result.error,
             QStringLiteral("Discogs search: missing \"results[%1].title\"").arg(count - 1));
}

void TestDiscogsParser::tenMegabyteTitle()
{
    const QByteArray title(TenMegabytes, 'x');
    const ParseResult<Album> result = DiscogsParser::release(
        json("{'id': 7, 'title': '") + title + json("', 'artists': [{'name': 'Long Player'}]}"));
    QVERIFY2(result.ok(), qPrintable(result.error.left(200)));
    QCOMPARE(result.value->title.size(), TenMegabytes);
    QCOMPARE(result.value->title, QString::fromLatin1(title));
    QCOMPARE(result.value->artist, QStringLiteral("Long Player"));
}

QTEST_GUILESS_MAIN(TestDiscogsParser)

#include "tst_discogsparser.moc"
