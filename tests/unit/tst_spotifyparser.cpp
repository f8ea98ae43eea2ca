#include "domain/album.h"
#include "parsertesting.h"
#include "providers/spotifyparser.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <tuple>

using namespace aime;

namespace {

constexpr QLatin1String Provider("spotify");

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

QDateTime utc(int year, int month, int day, int hour, int minute, int second)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC);
}

QString text(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

const QString Image640 = QStringLiteral("https://i.scdn.co/image/ab67616d0000b273");

Album spotifyAlbum(const QString &id, const QString &title, const QString &artist, int year,
                   const QString &releaseDate, const QString &format, int trackCount,
                   const QString &coverUrl, const QString &barcode = {}, const QString &label = {})
{
    Album album;
    album.title = title;
    album.artist = artist;
    album.year = year;
    album.releaseDate = releaseDate;
    album.format = format;
    album.trackCount = trackCount;
    album.coverUrl = coverUrl;
    album.barcode = barcode;
    album.label = label;
    SourceRef source;
    source.provider = QStringLiteral("spotify");
    source.externalId = id;
    source.url = QLatin1String("https://open.spotify.com/album/") + id;
    source.format = format;
    source.barcode = barcode;
    source.label = label;
    album.sources = {source};
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
    QCOMPARE(actual.genres, expected.genres);
    QCOMPARE(actual.barcode, expected.barcode);
    QCOMPARE(actual.format, expected.format);
    QCOMPARE(actual.trackCount, expected.trackCount);
    QCOMPARE(actual.coverUrl, expected.coverUrl);
    QVERIFY(actual.coverFile.isEmpty());
    QVERIFY(actual.aiDescription.isEmpty());
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
    QCOMPARE(a.addedAt, e.addedAt);
    QVERIFY(a.fetchedAt.isNull());
    QVERIFY(a == e); // catches a field added to SourceRef but not compared above
}

void compareTrackSamples(const QList<Track> &actual, int size, const QList<int> &indexes,
                         const QList<Track> &samples)
{
    QCOMPARE(actual.size(), size);
    QCOMPARE(indexes.size(), samples.size());
    for (qsizetype i = 0; i < indexes.size(); ++i)
        QCOMPARE(actual.at(indexes.at(i)), samples.at(i));
}

// Each parser by name, so one hostile table covers all of them.
testing::ParseOutcome run(const QString &parser, const QByteArray &body)
{
    if (parser == QLatin1String("search"))
        return testing::outcomeOf(SpotifyParser::searchAlbums(body));
    if (parser == QLatin1String("album"))
        return testing::outcomeOf(SpotifyParser::album(body));
    if (parser == QLatin1String("tracks"))
        return testing::outcomeOf(SpotifyParser::albumTracks(body));
    if (parser == QLatin1String("saved"))
        return testing::outcomeOf(SpotifyParser::savedAlbums(body));
    if (parser == QLatin1String("token"))
        return testing::outcomeOf(SpotifyParser::token(body));
    qFatal("unknown parser");
}

QString subjectOf(const QString &parser)
{
    if (parser == QLatin1String("search"))
        return QStringLiteral("Spotify search");
    if (parser == QLatin1String("album"))
        return QStringLiteral("Spotify album");
    if (parser == QLatin1String("tracks"))
        return QStringLiteral("Spotify album tracks");
    if (parser == QLatin1String("saved"))
        return QStringLiteral("Spotify saved albums");
    return QStringLiteral("Spotify token");
}

// A search page of count simplified albums, built as text so it can reach 10 MB quickly.
QByteArray bigSearchPage(int count)
{
    QByteArray items;
    items.reserve(count * 330);
    for (int i = 0; i < count; ++i) {
        const QByteArray n = QByteArray::number(i).rightJustified(6, '0');
        if (i > 0)
            items += ',';
        items += "{\"album_type\":\"album\",\"total_tracks\":10,\"external_urls\":{\"spotify\":"
                 "\"https://open.spotify.com/album/Big"
            + n + "\"},\"id\":\"Big" + n
            + "\",\"images\":[{\"url\":\"https://i.scdn.co/image/ab67616d0000b273" + n
            + "\",\"height\":640,\"width\":640}],\"name\":\"Album " + n
            + "\",\"release_date\":\"2001-02-03\",\"release_date_precision\":\"day\","
              "\"type\":\"album\",\"artists\":[{\"id\":\"Art"
            + n + "\",\"name\":\"Artist " + n + "\",\"type\":\"artist\"}]}";
    }
    return "{\"albums\":{\"href\":\"https://api.spotify.com/v1/search\",\"limit\":10,\"next\":null,"
           "\"offset\":0,\"previous\":null,\"total\":"
        + QByteArray::number(count) + ",\"items\":[" + items + "]}}";
}

} // namespace

class TestSpotifyParser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void searchAlbums_data();
    void searchAlbums();
    void album_data();
    void album();
    void embeddedTracksNext_data();
    void embeddedTracksNext();
    void albumTracks();
    void savedAlbums_data();
    void savedAlbums();
    void token_data();
    void token();
    void errorMessage_data();
    void errorMessage();
    void acceptsEdgeValues_data();
    void acceptsEdgeValues();
    void rejectsHostileBodies_data();
    void rejectsHostileBodies();
    void parsesLargeBodies_data();
    void parsesLargeBodies();
};

void TestSpotifyParser::initTestCase()
{
    const QString folder = qEnvironmentVariable("AIME_FIXTURES");
    QVERIFY2(!folder.isEmpty(), "AIME_FIXTURES must name the tests/fixtures folder");
    QVERIFY2(QFile::exists(fixturePath(QStringLiteral("album.json"))),
             qPrintable(QLatin1String("no Spotify fixtures under ") + folder));
}

void TestSpotifyParser::searchAlbums_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("offset");
    QTest::addColumn<QUrl>("next");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("index");
    QTest::addColumn<Album>("expected");

    const QString firstPage = QStringLiteral("search-page.json");
    const QUrl next(
        QStringLiteral("https://api.spotify.com/v1/search?offset=3&limit=3&query=blur&type=album"));
    QTest::newRow("first page, day precision, widest image first")
        << firstPage << 812 << 0 << next << 3 << 0
        << spotifyAlbum(QStringLiteral("1bgkxe4t0HNeLn9rhrx79x"),
                        QStringLiteral("Blur: The Best Of"), QStringLiteral("Blur"), 2000,
                        QStringLiteral("2000-10-30"), QStringLiteral("Album"), 18,
                        Image640 + QLatin1String("8dbc63f02dc02e02ceb88d69"));
    QTest::newRow("first page, with available_markets")
        << firstPage << 812 << 0 << next << 3 << 1
        << spotifyAlbum(QStringLiteral("7Iysv86PToy51uQ9GlyRPG"), QStringLiteral("Parklife"),
                        QStringLiteral("Blur"), 1994, QStringLiteral("1994-04-25"),
                        QStringLiteral("Album"), 16,
                        Image640 + QLatin1String("84c769e99ae82699f1ac9759"));
    QTest::newRow("first page, single, two artists, month precision, widest image last")
        << firstPage << 812 << 0 << next << 3 << 2
        << spotifyAlbum(QStringLiteral("OGqBevUPZogJmXqrOZtF3E"), QStringLiteral("Girls & Boys"),
                        QStringLiteral("Blur, Pet Shop Boys"), 1994, QStringLiteral("1994-03"),
                        QStringLiteral("Single"), 4,
                        Image640 + QLatin1String("2af3f933fec8c75eefe0c41b"));

    const QString lastPage = QStringLiteral("search-last-page.json");
    QTest::newRow("last page, compilation, year precision, no images")
        << lastPage << 812 << 810 << QUrl() << 2 << 0
        << spotifyAlbum(QStringLiteral("JeJrcoKx2S51eNwvUmLdhq"),
                        QStringLiteral("Blur Present the Special Collectors Edition"),
                        QStringLiteral("Blur"), 1994, QStringLiteral("1994"),
                        QStringLiteral("Compilation"), 14, QString());
    QTest::newRow("last page, image without sizes")
        << lastPage << 812 << 810 << QUrl() << 2 << 1
        << spotifyAlbum(QStringLiteral("JFyYbiB25Hus44uXZLfbVB"),
                        QStringLiteral("Modern Life Is Rubbish"), QStringLiteral("Blur"), 1993,
                        QStringLiteral("1993-05-10"), QStringLiteral("Album"), 15,
                        Image640 + QLatin1String("24078ff8868c5ab27746d6cd"));
}

void TestSpotifyParser::searchAlbums()
{
    QFETCH(QString, file);
    QFETCH(int, total);
    QFETCH(int, offset);
    QFETCH(QUrl, next);
    QFETCH(int, count);
    QFETCH(int, index);
    QFETCH(Album, expected);

    const QByteArray json = fixture(file);
    QVERIFY2(!json.isEmpty(), qPrintable(fixturePath(file)));
    const ParseResult<AlbumListPage> result = SpotifyParser::searchAlbums(json);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(result.error.isEmpty());
    QCOMPARE(result.value->total, total);
    QCOMPARE(result.value->offset, offset);
    QCOMPARE(result.value->next, next);
    QCOMPARE(result.value->albums.size(), count);
    const Album &album = result.value->albums.at(index);
    compareAlbums(album, expected);
    QVERIFY(album.tracks.isEmpty()); // simplified albums carry none
}

void TestSpotifyParser::album_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Album>("expected");
    QTest::addColumn<int>("tracksSize");
    QTest::addColumn<QList<int>>("indexes");
    QTest::addColumn<QList<Track>>("samples");

    QTest::newRow("full album, label, 55 tracks over 3 discs, first 50 embedded")
        << QStringLiteral("album.json")
        << spotifyAlbum(QStringLiteral("3Kq7xYwTn2LbVfGh8RmPzA"),
                        QStringLiteral("Ambient Works Anthology"),
                        QStringLiteral("Various Artists"), 2019, QStringLiteral("2019-11-22"),
                        QStringLiteral("Compilation"), 55,
                        Image640 + QLatin1String("a0a5086e30aca8bf37d277ed"),
                        QStringLiteral("0804297831229"), QStringLiteral("Ghostly International"))
        << 50 << QList<int> {0, 20, 49}
        << QList<Track> {{1, 1, QStringLiteral("Drift slow"), 181079},
                         {2, 1, QStringLiteral("Lantern glass"), 307982},
                         {3, 10, QStringLiteral("Lantern drift"), 415707}};

    QTest::newRow("dev mode: no label, popularity or available_markets")
        << QStringLiteral("album-devmode.json")
        << spotifyAlbum(QStringLiteral("7u6zL7kqpgLPISZYXNTgYk"), QStringLiteral("Alive 2007"),
                        QStringLiteral("Daft Punk"), 2007, QStringLiteral("2007-11-16"),
                        QStringLiteral("Album"), 12,
                        Image640 + QLatin1String("35a804f54c711839e52aca34"),
                        QStringLiteral("5099951165857"))
        << 12 << QList<int> {0, 9, 11}
        << QList<Track> {
               {1, 1, QStringLiteral("Robot Rock / Oh Yeah"), 387506},
               {1, 10,
                QStringLiteral(
                    "The Prime Time of Your Life / Brainwasher / Rollin' & Scratchin' / Alive"),
                622640},
               {1, 12, QStringLiteral("Superheroes / Human After All / Rock'n Roll"), 352053}};

    QTest::newRow("year precision, EAN only, image without sizes")
        << QStringLiteral("album-precision-year.json")
        << spotifyAlbum(
               QStringLiteral("5xRmVt9QkLwPz3HnBcJd2e"), QStringLiteral("Songs for a Rainy Year"),
               QStringLiteral("Harbour Lights"), 1969, QStringLiteral("1969"),
               QStringLiteral("Compilation"), 4,
               QStringLiteral("https://i.scdn.co/image/ab67616d0000b2737d1c3e5f9a2b4c6d8e0f1a2b"),
               QStringLiteral("5012345678900"))
        << 4 << QList<int> {0, 3}
        << QList<Track> {{1, 1, QStringLiteral("Rain on the Esplanade"), 182400},
                         {1, 4, QStringLiteral("Weathervane"), 174213}};
}

void TestSpotifyParser::album()
{
    QFETCH(QString, file);
    QFETCH(Album, expected);
    QFETCH(int, tracksSize);
    QFETCH(QList<int>, indexes);
    QFETCH(QList<Track>, samples);

    const QByteArray json = fixture(file);
    QVERIFY2(!json.isEmpty(), qPrintable(fixturePath(file)));
    const ParseResult<Album> result = SpotifyParser::album(json);
    QVERIFY2(result.ok(), qPrintable(result.error));
    compareAlbums(*result.value, expected);
    compareTrackSamples(result.value->tracks, tracksSize, indexes, samples);
}

void TestSpotifyParser::embeddedTracksNext_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QUrl>("expected");

    QTest::newRow("album with more tracks")
        << fixture(QStringLiteral("album.json"))
        << QUrl(QStringLiteral("https://api.spotify.com/v1/albums/3Kq7xYwTn2LbVfGh8RmPzA/"
                               "tracks?offset=50&limit=50"));
    QTest::newRow("complete album") << fixture(QStringLiteral("album-devmode.json")) << QUrl();
    QTest::newRow("album that album() rejects")
        << removed(QStringLiteral("album.json"), QStringLiteral("name")) << QUrl();
    QTest::newRow("not JSON") << QByteArray("{\"tracks\": {\"next\": \"https://x\"") << QUrl();
    QTest::newRow("error body") << fixture(QStringLiteral("error-expired-token.json")) << QUrl();
}

void TestSpotifyParser::embeddedTracksNext()
{
    QFETCH(QByteArray, json);
    QFETCH(QUrl, expected);

    QVERIFY(!json.isEmpty());
    QCOMPARE(SpotifyParser::embeddedTracksNext(json), expected);
}

void TestSpotifyParser::albumTracks()
{
    const QByteArray json = fixture(QStringLiteral("album-tracks-page.json"));
    QVERIFY(!json.isEmpty());
    const ParseResult<TrackPage> result = SpotifyParser::albumTracks(json);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.value->total, 55);
    QCOMPARE(result.value->next, QUrl());
    const QList<Track> expected {
        {3, 11, QStringLiteral("Quiet drift"), 257159},
        {3, 12, QStringLiteral("Static river"), 397028},
        {3, 13, QStringLiteral("Salt salt"), 341101},
        {3, 14, QStringLiteral("Salt salt (Edit)"), 417979},
        {3, 15, QStringLiteral("Quiet hollow"), 196406},
    };
    QCOMPARE(result.value->tracks.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i)
        QCOMPARE(result.value->tracks.at(i), expected.at(i));
}

void TestSpotifyParser::savedAlbums_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<Album>("expected");
    QTest::addColumn<int>("tracksSize");
    QTest::addColumn<QList<int>>("indexes");
    QTest::addColumn<QList<Track>>("samples");

    Album amen = spotifyAlbum(
        QStringLiteral("7ggEMmVTUloqdMw18rv0ve"), QStringLiteral("Whatever and Ever Amen"),
        QStringLiteral("Ben Folds Five"), 1997, QStringLiteral("1997-02-10"),
        QStringLiteral("Album"), 12, Image640 + QLatin1String("f9b311674d88e9ed9f8061a5"),
        QStringLiteral("074646776223"), QStringLiteral("550 Music/Epic"));
    amen.sources.first().addedAt = utc(2014, 7, 8, 18, 18, 33);
    QTest::newRow("with label")
        << 0 << amen << 12 << QList<int> {0, 11}
        << QList<Track> {{1, 1, QStringLiteral("One Angry Dwarf and 200 Solemn Faces"), 233866},
                         {1, 12, QStringLiteral("Evaporated"), 321893}};

    Album kidA = spotifyAlbum(
        QStringLiteral("6GjwtEZcfenmOf6l18N7T7"), QStringLiteral("Kid A"),
        QStringLiteral("Radiohead"), 2000, QStringLiteral("2000-10-02"), QStringLiteral("Album"),
        10, Image640 + QLatin1String("9ea412795a9d6df8a5c7989d"), QStringLiteral("634904078164"));
    kidA.sources.first().addedAt = utc(2021, 11, 3, 9, 41, 7);
    QTest::newRow("dev mode") << 1 << kidA << 10 << QList<int> {7}
                              << QList<Track> {{1, 8, QStringLiteral("Idioteque"), 309600}};
}

void TestSpotifyParser::savedAlbums()
{
    QFETCH(int, index);
    QFETCH(Album, expected);
    QFETCH(int, tracksSize);
    QFETCH(QList<int>, indexes);
    QFETCH(QList<Track>, samples);

    const QByteArray json = fixture(QStringLiteral("saved-albums.json"));
    QVERIFY(!json.isEmpty());
    const ParseResult<AlbumListPage> result = SpotifyParser::savedAlbums(json);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.value->total, 57);
    QCOMPARE(result.value->offset, 0);
    QCOMPARE(result.value->next,
             QUrl(QStringLiteral("https://api.spotify.com/v1/me/albums?offset=2&limit=2")));
    QCOMPARE(result.value->albums.size(), 2);
    const Album &album = result.value->albums.at(index);
    compareAlbums(album, expected);
    QCOMPARE(album.sources.first().addedAt.timeSpec(), Qt::UTC);
    compareTrackSamples(album.tracks, tracksSize, indexes, samples);
}

void TestSpotifyParser::token_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("accessToken");
    QTest::addColumn<QString>("tokenType");
    QTest::addColumn<QString>("refreshToken");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<int>("expiresIn");

    const QString libraryRead = QStringLiteral("user-library-read");
    QTest::newRow("authorization code, with refresh token")
        << fixture(QStringLiteral("token-authorization-code.json"))
        << QStringLiteral("BQDa7tYd3Xo4k86cb854fb245a2a13c8d2ed188c5b8e06244a2fb")
        << QStringLiteral("Bearer")
        << QStringLiteral("AQCb18f2ab262cc798a77c863720b6afbddda657efe9d587ed8d988a8cc8b0c")
        << libraryRead << 3600;
    QTest::newRow("refresh without a new refresh token")
        << fixture(QStringLiteral("token-refresh-no-refresh-token.json"))
        << QStringLiteral("BQBz0Kq9wLm1e192a0ef5d110b43992dce6fa0e481819ca9f9706")
        << QStringLiteral("Bearer") << QString() << libraryRead << 3600;
    QTest::newRow("client credentials: no refresh token, no scope")
        << fixture(QStringLiteral("token-client-credentials.json"))
        << QStringLiteral("BQAHVkZFKuMbhSYNA6wYqAwnOv9lIAQ4c418dda088248bff69c69349bb504")
        << QStringLiteral("Bearer") << QString() << QString() << 3600;
    const QByteArray lowerCase = R"({"access_token":"abc","token_type":"bearer","expires_in":60,)"
                                 R"("scope":"","refresh_token":null})";
    QTest::newRow("lower-case bearer, empty scope, null refresh token")
        << lowerCase << QStringLiteral("abc") << QStringLiteral("bearer") << QString() << QString()
        << 60;
}

void TestSpotifyParser::token()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, accessToken);
    QFETCH(QString, tokenType);
    QFETCH(QString, refreshToken);
    QFETCH(QString, scope);
    QFETCH(int, expiresIn);

    QVERIFY(!json.isEmpty());
    const ParseResult<SpotifyToken> result = SpotifyParser::token(json);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.value->accessToken, accessToken);
    QCOMPARE(result.value->tokenType, tokenType);
    QCOMPARE(result.value->refreshToken, refreshToken);
    QCOMPARE(result.value->scope, scope);
    QCOMPARE(result.value->expiresInSeconds, expiresIn);
}

void TestSpotifyParser::errorMessage_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("Web API 401") << fixture(QStringLiteral("error-expired-token.json"))
                                 << QStringLiteral("Spotify error 401: The access token expired");
    QTest::newRow("dev mode 403")
        << fixture(QStringLiteral("error-not-registered.json"))
        << QStringLiteral("Spotify error 403: User not registered in the Developer Dashboard");
    QTest::newRow("Web API 400") << fixture(QStringLiteral("error-invalid-limit.json"))
                                 << QStringLiteral("Spotify error 400: Invalid limit");
    QTest::newRow("token endpoint with description")
        << fixture(QStringLiteral("error-invalid-grant.json"))
        << QStringLiteral("Spotify sign-in error (invalid_grant): code_verifier was incorrect");
    QTest::newRow("token endpoint without description")
        << fixture(QStringLiteral("error-invalid-client.json"))
        << QStringLiteral("Spotify sign-in error (invalid_client)");
    QTest::newRow("status only") << QByteArray(R"({"error":{"status":429}})")
                                 << QStringLiteral("Spotify error 429");
    QTest::newRow("message only, spread over lines")
        << QByteArray(R"({"error":{"message":"  Service\n unavailable "}})")
        << QStringLiteral("Spotify error: Service unavailable");
    const QString longText(5000, u'x');
    QTest::newRow("long message is cut")
        << (QByteArray(R"({"error":{"status":500,"message":")") + longText.toUtf8() + "\"}}")
        << QString(QLatin1String("Spotify error 500: ") + longText.left(300) + u'…');
    QTest::newRow("album body") << fixture(QStringLiteral("album-devmode.json")) << QString();
    QTest::newRow("empty body") << QByteArray() << QString();
    QTest::newRow("not JSON") << QByteArray("<html>Bad gateway</html>") << QString();
    QTest::newRow("array") << QByteArray(R"([{"error":"invalid_grant"}])") << QString();
    QTest::newRow("error is a number") << QByteArray(R"({"error":42})") << QString();
    QTest::newRow("error is an empty object") << QByteArray(R"({"error":{}})") << QString();
    QTest::newRow("error is an empty string") << QByteArray(R"({"error":""})") << QString();
    QTest::newRow("status is not a number")
        << QByteArray(R"({"error":{"status":"401"}})") << QString();
}

void TestSpotifyParser::errorMessage()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);

    QCOMPARE(SpotifyParser::errorMessage(json), expected);
}

// Bodies that are unusual but valid: each must parse, to exactly these values.
void TestSpotifyParser::acceptsEdgeValues_data()
{
    QTest::addColumn<QString>("parser");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QVariant>("expected");

    const QString album = QStringLiteral("album.json");
    const QString search = QStringLiteral("search-page.json");
    const auto row = [](const char *name, const char *parser, const QByteArray &json,
                        const char *field, const QVariant &expected) {
        QTest::newRow(name) << QString::fromLatin1(parser) << json << QString::fromLatin1(field)
                            << expected;
    };

    row("search: empty items", "search",
        edited(search, QStringLiteral("albums.items"), QJsonArray()), "count", 0);
    row("search: next is null", "search",
        edited(search, QStringLiteral("albums.next"), QJsonValue::Null), "next", QUrl());
    row("album: label is null", "album", edited(album, QStringLiteral("label"), QJsonValue::Null),
        "label", QString());
    row("album: genres filled", "album",
        edited(album, QStringLiteral("genres"),
               QJsonArray {QStringLiteral("ambient"), QStringLiteral("electronica")}),
        "genres", QStringList {QStringLiteral("ambient"), QStringLiteral("electronica")});
    row("album: date longer than its year precision", "album",
        edited(QStringLiteral("album-precision-year.json"), QStringLiteral("release_date"),
               QStringLiteral("1969-01-01")),
        "releaseDate", QStringLiteral("1969"));
    row("album: year 0000 means unknown", "album",
        edited(QStringLiteral("album-precision-year.json"), QStringLiteral("release_date"),
               QStringLiteral("0000")),
        "year", 0);
    row("album: no release date", "album", removed(album, QStringLiteral("release_date")),
        "releaseDate", QString());
    row("album: leap day", "album",
        edited(album, QStringLiteral("release_date"), QStringLiteral("2020-02-29")), "releaseDate",
        QStringLiteral("2020-02-29"));
    row("album: no images", "album", edited(album, QStringLiteral("images"), QJsonArray()),
        "coverUrl", QString());
    row("album: unknown album_type kept", "album",
        edited(album, QStringLiteral("album_type"), QStringLiteral("ep")), "format",
        QStringLiteral("Ep"));
    row("album: no external_ids", "album", removed(album, QStringLiteral("external_ids")),
        "barcode", QString());
    row("album: empty upc falls back to ean", "album",
        edited(album, QStringLiteral("external_ids"),
               QJsonObject {{QStringLiteral("upc"), QString()},
                            {QStringLiteral("ean"), QStringLiteral("4006381333931")}}),
        "barcode", QStringLiteral("4006381333931"));
    row("album: no total_tracks uses the tracks total", "album",
        removed(album, QStringLiteral("total_tracks")), "trackCount", 55);
    row("album: no disc_number means disc 1", "album",
        removed(album, QStringLiteral("tracks.items[49].disc_number")), "lastDisc", 1);
    row("album: empty artists", "album", edited(album, QStringLiteral("artists"), QJsonArray()),
        "artist", QString());
    row("album: unicode title", "album",
        edited(album, QStringLiteral("name"), text("Ágætis byrjun")), "title",
        text("Ágætis byrjun"));
    row("tracks: empty page", "tracks",
        edited(QStringLiteral("album-tracks-page.json"), QStringLiteral("items"), QJsonArray()),
        "count", 0);
    row("saved: added_at with offset is kept as UTC", "saved",
        edited(QStringLiteral("saved-albums.json"), QStringLiteral("items[0].added_at"),
               QStringLiteral("2014-07-08T20:18:33+02:00")),
        "addedAt", utc(2014, 7, 8, 18, 18, 33));
    row("saved: album without embedded tracks", "saved",
        removed(QStringLiteral("saved-albums.json"), QStringLiteral("items[1].album.tracks")),
        "lastTracks", 0);
}

void TestSpotifyParser::acceptsEdgeValues()
{
    QFETCH(QString, parser);
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(QVariant, expected);

    QVariant actual;
    if (parser == QLatin1String("album")) {
        const ParseResult<Album> result = SpotifyParser::album(json);
        QVERIFY2(result.ok(), qPrintable(result.error));
        const Album &album = *result.value;
        const QHash<QString, QVariant> fields {
            {QStringLiteral("label"), album.label},
            {QStringLiteral("genres"), album.genres},
            {QStringLiteral("releaseDate"), album.releaseDate},
            {QStringLiteral("year"), album.year},
            {QStringLiteral("coverUrl"), album.coverUrl},
            {QStringLiteral("format"), album.format},
            {QStringLiteral("barcode"), album.barcode},
            {QStringLiteral("trackCount"), album.trackCount},
            {QStringLiteral("lastDisc"), album.tracks.isEmpty() ? -1 : album.tracks.last().disc},
            {QStringLiteral("artist"), album.artist},
            {QStringLiteral("title"), album.title},
        };
        QVERIFY(fields.contains(field));
        actual = fields.value(field);
        QCOMPARE(album.sources.first().barcode, album.barcode);
    } else if (parser == QLatin1String("search") || parser == QLatin1String("saved")) {
        const ParseResult<AlbumListPage> result = parser == QLatin1String("search")
            ? SpotifyParser::searchAlbums(json)
            : SpotifyParser::savedAlbums(json);
        QVERIFY2(result.ok(), qPrintable(result.error));
        const AlbumListPage &page = *result.value;
        if (field == QLatin1String("count"))
            actual = int(page.albums.size());
        else if (field == QLatin1String("next"))
            actual = page.next;
        else if (field == QLatin1String("addedAt"))
            actual = page.albums.first().sources.first().addedAt;
        else if (field == QLatin1String("lastTracks"))
            actual = int(page.albums.last().tracks.size());
    } else if (parser == QLatin1String("tracks")) {
        const ParseResult<TrackPage> result = SpotifyParser::albumTracks(json);
        QVERIFY2(result.ok(), qPrintable(result.error));
        actual = int(result.value->tracks.size());
    }
    QVERIFY2(actual.isValid(), "the row names a field this test does not read");
    QCOMPARE(actual, expected);
}

void TestSpotifyParser::rejectsHostileBodies_data()
{
    QTest::addColumn<QString>("parser");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("fragment");

    // Bodies no parser may accept.
    const QByteArray deepArray(10000, '[');
    const QByteArray deepInObject
        = "{\"albums\":" + QByteArray(10000, '[') + QByteArray(10000, ']') + '}';
    const QByteArray hugeUnterminated = "{\"name\":\"" + QByteArray(10 * 1024 * 1024, 'a');
    const QList<std::tuple<const char *, QByteArray, QString>> garbage {
        {"empty body", QByteArray(), QStringLiteral("empty response")},
        {"whitespace only", QByteArray(" \r\n\t "), QStringLiteral("empty response")},
        {"truncated object", QByteArray("{\"albums\": {\"items\": ["),
         QStringLiteral("invalid JSON at byte")},
        {"garbage after the object", QByteArray("{} trailing"),
         QStringLiteral("invalid JSON at byte")},
        {"HTML error page", QByteArray("<html><body>502 Bad Gateway</body></html>"),
         QStringLiteral("invalid JSON")},
        {"top-level array", QByteArray("[]"),
         QStringLiteral("expected a JSON object, got an array")},
        {"top-level array of objects", QByteArray("[{\"id\":\"abc\",\"name\":\"x\"}]"),
         QStringLiteral("expected a JSON object, got an array")},
        {"top-level string", QByteArray("\"album\""), QStringLiteral("invalid JSON")},
        {"top-level number", QByteArray("42"), QStringLiteral("invalid JSON")},
        {"top-level null", QByteArray("null"), QStringLiteral("invalid JSON")},
        {"invalid UTF-8", QByteArray("{\"name\":\"\xff\xfe\"}"), QStringLiteral("invalid JSON")},
        {"NUL inside", QByteArray(QByteArray("{\"name\":") + '\0' + "\"x\"}"),
         QStringLiteral("invalid JSON")},
        {"10,000 levels of [", deepArray, QStringLiteral("invalid JSON")},
        {"10,000 levels inside an object", deepInObject, QStringLiteral("invalid JSON")},
        {"10 MB unterminated string", hugeUnterminated, QStringLiteral("invalid JSON")},
        {"Web API error body", fixture(QStringLiteral("error-not-registered.json")),
         QStringLiteral("the response is an error: Spotify error 403: User not registered in the "
                        "Developer Dashboard")},
        {"token error body", fixture(QStringLiteral("error-invalid-grant.json")),
         QStringLiteral("the response is an error: Spotify sign-in error (invalid_grant): "
                        "code_verifier was incorrect")},
    };
    for (const char *parser : {"search", "album", "tracks", "saved", "token"}) {
        for (const auto &[name, json, fragment] : garbage) {
            QTest::addRow("%s: %s", parser, name)
                << QString::fromLatin1(parser) << json << fragment;
        }
    }

    const auto row = [](const char *name, const char *parser, const QByteArray &json,
                        const QString &fragment) {
        QTest::newRow(name) << QString::fromLatin1(parser) << json << fragment;
    };
    const QJsonValue undefined(QJsonValue::Undefined);
    const QJsonValue null(QJsonValue::Null);

    const QString search = QStringLiteral("search-page.json");
    const auto s = [&](const char *path, const QJsonValue &value) {
        return value.isUndefined() ? removed(search, QString::fromLatin1(path))
                                   : edited(search, QString::fromLatin1(path), value);
    };
    row("search: empty object", "search", "{}", QStringLiteral("missing \"albums\""));
    row("search: albums is null", "search", s("albums", null),
        QStringLiteral("\"albums\" is null"));
    row("search: albums is an array", "search", s("albums", QJsonArray()),
        QStringLiteral("\"albums\" is not an object"));
    row("search: items missing", "search", s("albums.items", undefined),
        QStringLiteral("missing \"albums.items\""));
    row("search: items is an object", "search", s("albums.items", QJsonObject()),
        QStringLiteral("\"albums.items\" is not an array"));
    row("search: total missing", "search", s("albums.total", undefined),
        QStringLiteral("missing \"albums.total\""));
    row("search: total is a string", "search", s("albums.total", QStringLiteral("812")),
        QStringLiteral("\"albums.total\" is not a whole number"));
    row("search: total is a fraction", "search", s("albums.total", 812.5),
        QStringLiteral("\"albums.total\" is not a whole number"));
    row("search: total is negative", "search", s("albums.total", -1),
        QStringLiteral("\"albums.total\" is out of range"));
    row("search: total is 1e300", "search", s("albums.total", 1e300),
        QStringLiteral("\"albums.total\" is out of range"));
    row("search: next is not a URL", "search", s("albums.next", QStringLiteral("page 2")),
        QStringLiteral("\"albums.next\" is not an http(s) URL"));
    row("search: next is a javascript URL", "search",
        s("albums.next", QStringLiteral("javascript:alert(1)")),
        QStringLiteral("\"albums.next\" is not an http(s) URL"));
    row("search: item is null", "search", s("albums.items[1]", null),
        QStringLiteral("\"albums.items[1]\" is not an object"));
    row("search: item is a string", "search", s("albums.items[2]", QStringLiteral("album")),
        QStringLiteral("\"albums.items[2]\" is not an object"));
    row("search: item without id", "search", s("albums.items[1].id", undefined),
        QStringLiteral("missing \"albums.items[1].id\""));
    row("search: item with empty id", "search", s("albums.items[2].id", QString()),
        QStringLiteral("\"albums.items[2].id\" is empty"));
    row("search: item with a path for an id", "search",
        s("albums.items[2].id", QStringLiteral("../../me/albums")),
        QStringLiteral("\"albums.items[2].id\" is not a Spotify id"));
    row("search: item id is a number", "search", s("albums.items[0].id", 42),
        QStringLiteral("\"albums.items[0].id\" is not a string"));
    row("search: item name is a number", "search", s("albums.items[1].name", 42),
        QStringLiteral("\"albums.items[1].name\" is not a string"));
    row("search: item name is null", "search", s("albums.items[1].name", null),
        QStringLiteral("\"albums.items[1].name\" is null"));
    row("search: item without artists", "search", s("albums.items[0].artists", undefined),
        QStringLiteral("missing \"albums.items[0].artists\""));
    row("search: artists is an object", "search", s("albums.items[0].artists", QJsonObject()),
        QStringLiteral("\"albums.items[0].artists\" is not an array"));
    row("search: artist without name", "search", s("albums.items[2].artists[1].name", undefined),
        QStringLiteral("missing \"albums.items[2].artists[1].name\""));
    row("search: image url is a number", "search", s("albums.items[0].images[1].url", 1),
        QStringLiteral("\"albums.items[0].images[1].url\" is not a string"));
    row("search: image width is a string", "search",
        s("albums.items[0].images[0].width", QStringLiteral("640")),
        QStringLiteral("\"albums.items[0].images[0].width\" is not a whole number"));
    row("search: release_date is a number", "search", s("albums.items[0].release_date", 2000),
        QStringLiteral("\"albums.items[0].release_date\" is not a string"));
    row("search: release_date in another shape", "search",
        s("albums.items[0].release_date", QStringLiteral("30/10/2000")),
        QStringLiteral("\"albums.items[0].release_date\" is not a date"));
    row("search: release_date month 13", "search",
        s("albums.items[0].release_date", QStringLiteral("2000-13-01")),
        QStringLiteral("\"albums.items[0].release_date\" is not a date"));
    row("search: release_date 30 February", "search",
        s("albums.items[0].release_date", QStringLiteral("2000-02-30")),
        QStringLiteral("\"albums.items[0].release_date\" is not a date"));
    row("search: external url with another scheme", "search",
        s("albums.items[0].external_urls.spotify", QStringLiteral("file:///etc/passwd")),
        QStringLiteral("\"albums.items[0].external_urls.spotify\" is not an http(s) URL"));
    row("search: album_type is a number", "search", s("albums.items[0].album_type", 1),
        QStringLiteral("\"albums.items[0].album_type\" is not a string"));

    const QString album = QStringLiteral("album.json");
    const auto a = [&](const char *path, const QJsonValue &value) {
        return value.isUndefined() ? removed(album, QString::fromLatin1(path))
                                   : edited(album, QString::fromLatin1(path), value);
    };
    row("album: empty object", "album", "{}", QStringLiteral("missing \"id\""));
    row("album: missing id", "album", a("id", undefined), QStringLiteral("missing \"id\""));
    row("album: missing name", "album", a("name", undefined), QStringLiteral("missing \"name\""));
    row("album: name is a number", "album", a("name", 1999),
        QStringLiteral("\"name\" is not a string"));
    row("album: name is an object", "album", a("name", QJsonObject()),
        QStringLiteral("\"name\" is not a string"));
    row("album: id is null", "album", a("id", null), QStringLiteral("\"id\" is null"));
    row("album: artists is null", "album", a("artists", null),
        QStringLiteral("\"artists\" is null"));
    row("album: tracks missing", "album", a("tracks", undefined),
        QStringLiteral("missing \"tracks\""));
    row("album: tracks is an array", "album", a("tracks", QJsonArray()),
        QStringLiteral("\"tracks\" is not an object"));
    row("album: tracks.items is an object", "album", a("tracks.items", QJsonObject()),
        QStringLiteral("\"tracks.items\" is not an array"));
    row("album: tracks.total missing", "album", a("tracks.total", undefined),
        QStringLiteral("missing \"tracks.total\""));
    row("album: track without name", "album", a("tracks.items[3].name", undefined),
        QStringLiteral("missing \"tracks.items[3].name\""));
    row("album: track item is null", "album", a("tracks.items[3]", null),
        QStringLiteral("\"tracks.items[3]\" is not an object"));
    row("album: track_number is a string", "album",
        a("tracks.items[3].track_number", QStringLiteral("4")),
        QStringLiteral("\"tracks.items[3].track_number\" is not a whole number"));
    row("album: negative duration", "album", a("tracks.items[3].duration_ms", -5),
        QStringLiteral("\"tracks.items[3].duration_ms\" is out of range"));
    row("album: fractional duration", "album", a("tracks.items[3].duration_ms", 1.5),
        QStringLiteral("\"tracks.items[3].duration_ms\" is not a whole number"));
    row("album: tracks.next is a number", "album", a("tracks.next", 12),
        QStringLiteral("\"tracks.next\" is not a string"));
    row("album: external_ids is a string", "album", a("external_ids", QStringLiteral("upc")),
        QStringLiteral("\"external_ids\" is not an object"));
    row("album: upc is a number", "album", a("external_ids.upc", 804297831229.0),
        QStringLiteral("\"external_ids.upc\" is not a string"));
    row("album: label is a number", "album", a("label", 7),
        QStringLiteral("\"label\" is not a string"));
    row("album: genre is a number", "album", a("genres", QJsonArray {1}),
        QStringLiteral("\"genres[0]\" is not a string"));
    row("album: genres is an object", "album", a("genres", QJsonObject()),
        QStringLiteral("\"genres\" is not an array"));
    row("album: total_tracks is a string", "album", a("total_tracks", QStringLiteral("55")),
        QStringLiteral("\"total_tracks\" is not a whole number"));

    const QString tracks = QStringLiteral("album-tracks-page.json");
    row("tracks: empty object", "tracks", "{}", QStringLiteral("missing \"total\""));
    row("tracks: items missing", "tracks", removed(tracks, QStringLiteral("items")),
        QStringLiteral("missing \"items\""));
    row("tracks: items is an object", "tracks",
        edited(tracks, QStringLiteral("items"), QJsonObject()),
        QStringLiteral("\"items\" is not an array"));
    row("tracks: item is an array", "tracks",
        edited(tracks, QStringLiteral("items[2]"), QJsonArray()),
        QStringLiteral("\"items[2]\" is not an object"));
    row("tracks: next is not a URL", "tracks",
        edited(tracks, QStringLiteral("next"), QStringLiteral("nope")),
        QStringLiteral("\"next\" is not an http(s) URL"));

    const QString saved = QStringLiteral("saved-albums.json");
    row("saved: empty object", "saved", "{}", QStringLiteral("missing \"total\""));
    row("saved: item without added_at", "saved",
        removed(saved, QStringLiteral("items[0].added_at")),
        QStringLiteral("missing \"items[0].added_at\""));
    row("saved: added_at is not a time", "saved",
        edited(saved, QStringLiteral("items[1].added_at"), QStringLiteral("yesterday")),
        QStringLiteral("\"items[1].added_at\" is not an ISO 8601 time"));
    row("saved: album is null", "saved", edited(saved, QStringLiteral("items[1].album"), null),
        QStringLiteral("\"items[1].album\" is null"));
    row("saved: album without name", "saved", removed(saved, QStringLiteral("items[1].album.name")),
        QStringLiteral("missing \"items[1].album.name\""));
    row("saved: broken embedded track", "saved",
        edited(saved, QStringLiteral("items[0].album.tracks.items[11].name"), 5),
        QStringLiteral("\"items[0].album.tracks.items[11].name\" is not a string"));

    const QString token = QStringLiteral("token-authorization-code.json");
    row("token: empty object", "token", "{}", QStringLiteral("missing \"access_token\""));
    row("token: no access_token", "token", removed(token, QStringLiteral("access_token")),
        QStringLiteral("missing \"access_token\""));
    row("token: empty access_token", "token",
        edited(token, QStringLiteral("access_token"), QString()),
        QStringLiteral("\"access_token\" is empty"));
    row("token: not a bearer token", "token",
        edited(token, QStringLiteral("token_type"), QStringLiteral("mac")),
        QStringLiteral("\"token_type\" is \"mac\", expected \"Bearer\""));
    row("token: no token_type", "token", removed(token, QStringLiteral("token_type")),
        QStringLiteral("missing \"token_type\""));
    row("token: expires_in is a string", "token",
        edited(token, QStringLiteral("expires_in"), QStringLiteral("3600")),
        QStringLiteral("\"expires_in\" is not a whole number"));
    row("token: no expires_in", "token", removed(token, QStringLiteral("expires_in")),
        QStringLiteral("missing \"expires_in\""));
    row("token: refresh_token is a number", "token",
        edited(token, QStringLiteral("refresh_token"), 5),
        QStringLiteral("\"refresh_token\" is not a string"));
}

void TestSpotifyParser::rejectsHostileBodies()
{
    QFETCH(QString, parser);
    QFETCH(QByteArray, json);
    QFETCH(QString, fragment);

    testing::verifyRejected(run(parser, json), subjectOf(parser), fragment);
}

void TestSpotifyParser::parsesLargeBodies_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("lastTitle");

    QTest::newRow("search page of 35,000 items")
        << bigSearchPage(35000) << 35000 << QStringLiteral("Album 034999");
    const QString hugeTitle(10 * 1024 * 1024, u'é');
    QTest::newRow("album named with 10 M characters")
        << edited(QStringLiteral("album-devmode.json"), QStringLiteral("name"), hugeTitle) << 1
        << hugeTitle;
}

void TestSpotifyParser::parsesLargeBodies()
{
    QFETCH(QByteArray, json);
    QFETCH(int, count);
    QFETCH(QString, lastTitle);

    QVERIFY2(json.size() > 10 * 1000 * 1000, qPrintable(QString::number(json.size())));
    if (count == 1) {
        const ParseResult<Album> result = SpotifyParser::album(json);
        QVERIFY2(result.ok(), qPrintable(result.error.left(200)));
        QCOMPARE(result.value->title.size(), lastTitle.size());
        QVERIFY(result.value->title == lastTitle);
        QCOMPARE(result.value->tracks.size(), 12);
        return;
    }
    const ParseResult<AlbumListPage> result = SpotifyParser::searchAlbums(json);
    QVERIFY2(result.ok(), qPrintable(result.error.left(200)));
    QCOMPARE(result.value->total, count);
    QCOMPARE(result.value->albums.size(), count);
    const Album &last = result.value->albums.last();
    QCOMPARE(last.title, lastTitle);
    QCOMPARE(last.artist, QStringLiteral("Artist 034999"));
    QCOMPARE(last.year, 2001);
    QCOMPARE(last.sources.first().externalId, QStringLiteral("Big034999"));
    QCOMPARE(last.coverUrl, Image640 + QLatin1String("034999"));
}

QTEST_GUILESS_MAIN(TestSpotifyParser)

#include "tst_spotifyparser.moc"
