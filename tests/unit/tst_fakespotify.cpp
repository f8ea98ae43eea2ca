#include "fakespotify.h"
#include "providers/spotifyparser.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <memory>
#include <utility>

using namespace aime;
using aime::fakes::FakeSpotify;
using aime::fakes::FakeSpotifyOptions;

namespace {

constexpr int Timeout = 5000;
// RFC 7636 appendix B: a real S256 pair, so the fake's hashing is checked against the standard.
const QString Verifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
const QString Challenge = QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
const QString Redirect = QStringLiteral("http://127.0.0.1:43123/callback");
const QString LibraryScope = QStringLiteral("user-library-read");

using Parameters = QList<std::pair<QString, QString>>;

// One answer as the client saw it.
struct Answer
{
    int status = 0; // 0: no answer within the timeout
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    // The Web API's nested error.
    int errorStatus() const { return json().value(u"error").toObject().value(u"status").toInt(); }
    QString errorMessage() const
    {
        return json().value(u"error").toObject().value(u"message").toString();
    }
    // The token endpoint's OAuth error.
    QString oauthError() const { return json().value(u"error").toString(); }
    QString oauthDescription() const { return json().value(u"error_description").toString(); }
    QUrlQuery locationQuery() const
    {
        return QUrlQuery(QUrl(QString::fromUtf8(header("Location"))));
    }
};

// Form encoding that leaves nothing to interpretation: everything but unreserved characters is
// percent-encoded, '+' and '&' in values included.
QByteArray formEncoded(const Parameters &parameters)
{
    QByteArrayList items;
    for (const auto &[key, value] : parameters)
        items.append(QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value));
    return items.join('&');
}

QUrl withQuery(QUrl url, const Parameters &parameters)
{
    url.setQuery(QString::fromLatin1(formEncoded(parameters)));
    return url;
}

QUrl apiEndpoint(const FakeSpotify &fake, const QString &path, const Parameters &parameters = {})
{
    QUrl url = fake.apiUrl();
    url.setPath(url.path() + path);
    return parameters.isEmpty() ? url : withQuery(url, parameters);
}

QUrl authorizeUrl(const FakeSpotify &fake, const Parameters &parameters)
{
    QUrl url = fake.accountsUrl();
    url.setPath(QStringLiteral("/authorize"));
    return withQuery(url, parameters);
}

Parameters authorizeParameters(const FakeSpotify &fake, const QString &redirect = Redirect,
                               const QString &scope = LibraryScope)
{
    return {{QStringLiteral("client_id"), fake.clientId()},
            {QStringLiteral("response_type"), QStringLiteral("code")},
            {QStringLiteral("redirect_uri"), redirect},
            {QStringLiteral("scope"), scope},
            {QStringLiteral("code_challenge_method"), QStringLiteral("S256")},
            {QStringLiteral("code_challenge"), Challenge},
            {QStringLiteral("state"), QStringLiteral("s+t a&t=e/1")}};
}

QByteArray basicAuthorization(const QString &id, const QString &secret)
{
    return "Basic " + (id + u':' + secret).toUtf8().toBase64();
}

// The longest word of a text, letters only.
QString longestWord(const QString &text)
{
    QString longest;
    for (const QString &word :
         text.split(QRegularExpression(QStringLiteral("[^\\p{L}]+")), Qt::SkipEmptyParts)) {
        if (word.size() > longest.size())
            longest = word;
    }
    return longest;
}

Album parsedAlbum(const FakeSpotify &fake, int index)
{
    const ParseResult<Album> parsed
        = SpotifyParser::album(fake.albumBody(FakeSpotify::albumId(index)));
    return parsed.ok() ? *parsed.value : Album();
}

// The body with the fake's own address taken out, so two fakes on two ports compare equal.
QByteArray withoutBase(const FakeSpotify &fake, QByteArray body)
{
    return body.replace(fake.accountsUrl().toString().toUtf8(), "BASE");
}

} // namespace

class TestFakeSpotify : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();

    void clientCredentials_data();
    void clientCredentials();
    void searchLimits_data();
    void searchLimits();
    void searchPaging_data();
    void searchPaging();
    void albumTracksPaging_data();
    void albumTracksPaging();
    void devModeFields_data();
    void devModeFields();
    void apiErrors_data();
    void apiErrors();
    void authorize_data();
    void authorize();
    void authorizeDenied();
    void codeExchange_data();
    void codeExchange();
    void refreshRotates_data();
    void refreshRotates();
    void savedAlbums_data();
    void savedAlbums();
    void savedAlbumsNeedScope();
    void expiredToken_data();
    void expiredToken();
    void userNotRegistered();
    void rateLimited();
    void catalogueShape();
    void determinism();
    void albumCountIsClamped();

private:
    Answer send(QNetworkRequest request, const QByteArray &verb = "GET",
                const QByteArray &body = {});
    Answer get(const QUrl &url, const QString &token);
    Answer postToken(const FakeSpotify &fake, const Parameters &form,
                     const QByteArray &authorization = {},
                     const QByteArray &contentType = "application/x-www-form-urlencoded");
    QString clientToken(const FakeSpotify &fake);
    QString authorizationCode(const FakeSpotify &fake, const QString &scope = LibraryScope);
    Answer exchange(const FakeSpotify &fake, const QString &code,
                    const QString &verifier = Verifier, const QString &redirect = Redirect);
    SpotifyToken userToken(const FakeSpotify &fake, const QString &scope = LibraryScope);
    Answer refresh(const FakeSpotify &fake, const QString &refreshToken);

    QNetworkAccessManager m_nam;
};

Answer TestFakeSpotify::send(QNetworkRequest request, const QByteArray &verb,
                             const QByteArray &body)
{
    // Redirects are what /authorize answers; the test reads them instead of following them.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> reply(
        verb == "POST" ? m_nam.post(request, body) : m_nam.sendCustomRequest(request, verb),
        [](QNetworkReply *r) { r->deleteLater(); });
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    Answer answer;
    if (!reply->isFinished() && !finished.wait(Timeout))
        return answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.headers = reply->rawHeaderPairs();
    return answer;
}

Answer TestFakeSpotify::get(const QUrl &url, const QString &token)
{
    QNetworkRequest request(url);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    return send(request);
}

Answer TestFakeSpotify::postToken(const FakeSpotify &fake, const Parameters &form,
                                  const QByteArray &authorization, const QByteArray &contentType)
{
    QUrl url = fake.accountsUrl();
    url.setPath(QStringLiteral("/api/token"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    return send(request, "POST", formEncoded(form));
}

// Empty when any step failed; callers check.
QString TestFakeSpotify::clientToken(const FakeSpotify &fake)
{
    const Answer answer
        = postToken(fake, {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}},
                    basicAuthorization(fake.clientId(), fake.clientSecret()));
    const ParseResult<SpotifyToken> token = SpotifyParser::token(answer.body);
    return answer.status == 200 && token.ok() ? token.value->accessToken : QString();
}

QString TestFakeSpotify::authorizationCode(const FakeSpotify &fake, const QString &scope)
{
    const Answer answer
        = send(QNetworkRequest(authorizeUrl(fake, authorizeParameters(fake, Redirect, scope))));
    return answer.status == 302 ? answer.locationQuery().queryItemValue(QStringLiteral("code"))
                                : QString();
}

Answer TestFakeSpotify::exchange(const FakeSpotify &fake, const QString &code,
                                 const QString &verifier, const QString &redirect)
{
    return postToken(fake,
                     {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                      {QStringLiteral("code"), code},
                      {QStringLiteral("redirect_uri"), redirect},
                      {QStringLiteral("client_id"), fake.clientId()},
                      {QStringLiteral("code_verifier"), verifier}});
}

// The whole PKCE flow; an empty access token when any step failed.
SpotifyToken TestFakeSpotify::userToken(const FakeSpotify &fake, const QString &scope)
{
    const QString code = authorizationCode(fake, scope);
    if (code.isEmpty())
        return {};
    const Answer answer = exchange(fake, code);
    const ParseResult<SpotifyToken> token = SpotifyParser::token(answer.body);
    return answer.status == 200 && token.ok() ? *token.value : SpotifyToken();
}

Answer TestFakeSpotify::refresh(const FakeSpotify &fake, const QString &refreshToken)
{
    return postToken(fake,
                     {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                      {QStringLiteral("refresh_token"), refreshToken},
                      {QStringLiteral("client_id"), fake.clientId()}});
}

void TestFakeSpotify::cleanup()
{
    // Each test has its own fakes; a later one may get an old one's port.
    m_nam.clearConnectionCache();
}

void TestFakeSpotify::clientCredentials_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("grantType"); // empty: not sent
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error"); // OAuth error code; empty on success

    const QByteArray form = "application/x-www-form-urlencoded";
    const QByteArray good = basicAuthorization(QStringLiteral("fake-client-id"),
                                               QStringLiteral("fake-client-secret"));
    const QString grant = QStringLiteral("client_credentials");
    const QString invalidClient = QStringLiteral("invalid_client");
    QTest::newRow("valid") << good << form << grant << 200 << QString();
    QTest::newRow("form with charset")
        << good << QByteArray("application/x-www-form-urlencoded; charset=UTF-8") << grant << 200
        << QString();
    QTest::newRow("wrong secret") << basicAuthorization(QStringLiteral("fake-client-id"),
                                                        QStringLiteral("nope"))
                                  << form << grant << 400 << invalidClient;
    QTest::newRow("unknown client")
        << basicAuthorization(QStringLiteral("other"), QStringLiteral("fake-client-secret")) << form
        << grant << 400 << invalidClient;
    QTest::newRow("no Basic header") << QByteArray() << form << grant << 400 << invalidClient;
    QTest::newRow("not form-encoded") << good << QByteArray("application/json") << grant << 400
                                      << QStringLiteral("invalid_request");
    QTest::newRow("no grant_type")
        << good << form << QString() << 400 << QStringLiteral("unsupported_grant_type");
    QTest::newRow("unknown grant_type") << good << form << QStringLiteral("password") << 400
                                        << QStringLiteral("unsupported_grant_type");
}

void TestFakeSpotify::clientCredentials()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, grantType);
    QFETCH(int, status);
    QFETCH(QString, error);

    FakeSpotify fake({.albumCount = 10});
    QVERIFY(fake.listen());
    Parameters form;
    if (!grantType.isEmpty())
        form.append({QStringLiteral("grant_type"), grantType});
    const Answer answer = postToken(fake, form, authorization, contentType);
    QCOMPARE(answer.status, status);
    if (status != 200) {
        QCOMPARE(answer.oauthError(), error);
        QVERIFY(!answer.json().contains(u"access_token"));
        QVERIFY(SpotifyParser::errorMessage(answer.body).contains(error));
        return;
    }
    const ParseResult<SpotifyToken> token = SpotifyParser::token(answer.body);
    QVERIFY2(token.ok(), qPrintable(token.error));
    QVERIFY(!token.value->accessToken.isEmpty());
    QCOMPARE(token.value->tokenType, QStringLiteral("Bearer"));
    QCOMPARE(token.value->expiresInSeconds, 3600);
    QVERIFY(token.value->refreshToken.isEmpty());
    QVERIFY(!answer.json().contains(u"refresh_token"));
    QCOMPARE(fake.tokenRequests(QStringLiteral("client_credentials")), 1);
    QCOMPARE(fake.tokenRequests(QStringLiteral("authorization_code")), 0);

    // The token opens the catalogue.
    const Answer album = get(apiEndpoint(fake, QLatin1String("/albums/") + FakeSpotify::albumId(4)),
                             token.value->accessToken);
    QCOMPARE(album.status, 200);
    QVERIFY(SpotifyParser::album(album.body).ok());
}

void TestFakeSpotify::searchLimits_data()
{
    QTest::addColumn<bool>("devMode");
    QTest::addColumn<QString>("limit"); // empty: not sent
    QTest::addColumn<QString>("offset"); // empty: not sent
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("pageLimit"); // on success
    QTest::addColumn<QString>("message"); // on failure

    const QString invalidLimit = QStringLiteral("Invalid limit");
    QTest::newRow("dev default") << true << QString() << QString() << 200 << 5 << QString();
    QTest::newRow("dev 10") << true << QStringLiteral("10") << QString() << 200 << 10 << QString();
    QTest::newRow("dev 11") << true << QStringLiteral("11") << QString() << 400 << 0
                            << invalidLimit;
    QTest::newRow("dev 50") << true << QStringLiteral("50") << QString() << 400 << 0
                            << invalidLimit;
    QTest::newRow("negative") << true << QStringLiteral("-1") << QString() << 400 << 0
                              << invalidLimit;
    QTest::newRow("not a number") << true << QStringLiteral("ten") << QString() << 400 << 0
                                  << invalidLimit;
    QTest::newRow("extended 50") << false << QStringLiteral("50") << QString() << 200 << 50
                                 << QString();
    QTest::newRow("extended 51") << false << QStringLiteral("51") << QString() << 400 << 0
                                 << invalidLimit;
    QTest::newRow("offset 1000") << true << QStringLiteral("10") << QStringLiteral("1000") << 200
                                 << 10 << QString();
    QTest::newRow("offset 1001") << true << QStringLiteral("10") << QStringLiteral("1001") << 400
                                 << 0 << QStringLiteral("Invalid offset");
}

void TestFakeSpotify::searchLimits()
{
    QFETCH(bool, devMode);
    QFETCH(QString, limit);
    QFETCH(QString, offset);
    QFETCH(int, status);
    QFETCH(int, pageLimit);
    QFETCH(QString, message);

    FakeSpotify fake({.albumCount = 100, .devMode = devMode});
    QVERIFY(fake.listen());
    const QString token = clientToken(fake);
    QVERIFY(!token.isEmpty());
    Parameters parameters {{QStringLiteral("q"), QStringLiteral("e")},
                           {QStringLiteral("type"), QStringLiteral("album")}};
    if (!limit.isEmpty())
        parameters.append({QStringLiteral("limit"), limit});
    if (!offset.isEmpty())
        parameters.append({QStringLiteral("offset"), offset});
    const Answer answer = get(apiEndpoint(fake, QStringLiteral("/search"), parameters), token);
    QCOMPARE(answer.status, status);
    if (status != 200) {
        QCOMPARE(answer.errorStatus(), status);
        QCOMPARE(answer.errorMessage(), message);
        return;
    }
    const QJsonObject albums = answer.json().value(u"albums").toObject();
    QCOMPARE(albums.value(u"limit").toInt(), pageLimit);
    const ParseResult<AlbumListPage> page = SpotifyParser::searchAlbums(answer.body);
    QVERIFY2(page.ok(), qPrintable(page.error));
    QCOMPARE(page.value->offset, offset.isEmpty() ? 0 : offset.toInt());
    QCOMPARE(page.value->albums.size(),
             qBound(0, page.value->total - page.value->offset, pageLimit));
}

void TestFakeSpotify::searchPaging_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("index"); // the album the query is made from

    QTest::newRow("artist word") << QStringLiteral("artist word") << 0;
    QTest::newRow("artist word, another album") << QStringLiteral("artist word") << 149;
    QTest::newRow("title word, upper case") << QStringLiteral("title upper") << 12;
    QTest::newRow("short common word") << QStringLiteral("short") << -1;
    QTest::newRow("album: and artist: filters") << QStringLiteral("fields") << 77;
    QTest::newRow("year filter") << QStringLiteral("year") << 31;
    QTest::newRow("upc") << QStringLiteral("upc") << 40;
    QTest::newRow("no match") << QStringLiteral("none") << -1;
}

// Every page parses, next is followed verbatim, and the pages together hold every album of the
// catalogue that matches (worked out here from the album bodies), each exactly once.
void TestFakeSpotify::searchPaging()
{
    QFETCH(QString, kind);
    QFETCH(int, index);

    FakeSpotify fake({.albumCount = 300});
    QVERIFY(fake.listen());
    const QString token = clientToken(fake);
    QVERIFY(!token.isEmpty());

    QList<Album> catalogue;
    for (int i = 0; i < fake.albumCount(); ++i) {
        catalogue.append(parsedAlbum(fake, i));
        QVERIFY(!catalogue.last().title.isEmpty());
    }
    // The first album at or after `index` with a barcode, for the upc case.
    while (kind == u"upc" && catalogue.at(index).barcode.isEmpty())
        ++index;

    QString q;
    QStringList words;
    QString upc;
    int year = 0;
    const Album target = index >= 0 ? catalogue.at(index) : Album();
    const QString artistWord = longestWord(target.artist);
    const QString titleWord = longestWord(target.title);
    if (kind == u"artist word") {
        q = artistWord;
        words = {artistWord};
    } else if (kind == u"title upper") {
        q = titleWord.toUpper();
        words = {titleWord};
    } else if (kind == u"short") {
        q = QStringLiteral("an");
        words = {q};
    } else if (kind == u"fields") {
        q = QLatin1String("album:\"") + titleWord + QLatin1String("\" artist:") + artistWord;
        words = {titleWord, artistWord};
    } else if (kind == u"year") {
        year = target.year;
        q = QLatin1String("year:") + QString::number(year) + u' ' + artistWord.left(2);
        words = {artistWord.left(2)};
    } else if (kind == u"upc") {
        upc = target.barcode;
        q = QLatin1String("upc:") + upc;
    } else {
        q = QStringLiteral("zzqx no such album");
        words = {q};
    }
    QSet<QString> expected;
    for (int i = 0; i < catalogue.size(); ++i) {
        const Album &album = catalogue.at(i);
        const QString haystack = (album.artist + u' ' + album.title).toLower();
        const bool wordsMatch = std::all_of(words.cbegin(), words.cend(), [&](const QString &w) {
            return haystack.contains(w.toLower());
        });
        if (wordsMatch && (upc.isEmpty() || album.barcode == upc)
            && (year == 0 || album.year == year))
            expected.insert(FakeSpotify::albumId(i));
    }
    if (index >= 0)
        QVERIFY2(expected.contains(FakeSpotify::albumId(index)), qPrintable(q));
    QVERIFY(expected.size() <= FakeSpotify::MaxSearchOffset);

    QUrl next = apiEndpoint(fake, QStringLiteral("/search"),
                            {{QStringLiteral("q"), q},
                             {QStringLiteral("type"), QStringLiteral("album")},
                             {QStringLiteral("limit"), QStringLiteral("10")}});
    QSet<QString> found;
    int offset = 0;
    int pages = 0;
    while (!next.isEmpty()) {
        QVERIFY(++pages <= expected.size() / 10 + 1);
        const Answer answer = get(next, token);
        QCOMPARE(answer.status, 200);
        const ParseResult<AlbumListPage> page = SpotifyParser::searchAlbums(answer.body);
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.value->total, expected.size());
        QCOMPARE(page.value->offset, offset);
        const QJsonObject paging = answer.json().value(u"albums").toObject();
        QCOMPARE(paging.value(u"previous").isNull(), offset == 0);
        if (!page.value->next.isEmpty()) {
            QCOMPARE(page.value->albums.size(), 10);
            // Spotify's own links spell the query "query=" (PROVIDERS.md 1.6).
            QVERIFY(QUrlQuery(page.value->next).hasQueryItem(QStringLiteral("query")));
            QCOMPARE(page.value->next.host(), fake.apiUrl().host());
        }
        for (const Album &album : page.value->albums) {
            const QString id = album.sources.value(0).externalId;
            QVERIFY2(expected.contains(id),
                     qPrintable(album.artist + QLatin1String(" - ") + album.title));
            QVERIFY2(!found.contains(id), qPrintable(id));
            found.insert(id);
        }
        offset += int(page.value->albums.size());
        next = page.value->next;
    }
    QCOMPARE(found, expected);
}

void TestFakeSpotify::albumTracksPaging_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("limit"); // 0: follow the embedded page's next (limit 50)

    QTest::newRow("large album, embedded next") << 3 << 0;
    QTest::newRow("large album, 7 a page") << 20 << 7;
    QTest::newRow("large album, 50 a page") << 37 << 50;
    QTest::newRow("small album") << 0 << 0;
}

void TestFakeSpotify::albumTracksPaging()
{
    QFETCH(int, index);
    QFETCH(int, limit);

    FakeSpotify fake({.albumCount = 60});
    QVERIFY(fake.listen());
    const QString token = clientToken(fake);
    QVERIFY(!token.isEmpty());
    const QString id = FakeSpotify::albumId(index);
    const Answer answer = get(apiEndpoint(fake, QLatin1String("/albums/") + id), token);
    QCOMPARE(answer.status, 200);
    const ParseResult<Album> album = SpotifyParser::album(answer.body);
    QVERIFY2(album.ok(), qPrintable(album.error));
    const int total = album.value->trackCount;
    const QUrl embeddedNext = SpotifyParser::embeddedTracksNext(answer.body);
    const bool large = index % 17 == 3;
    if (large) {
        QVERIFY2(total > 50 && total <= 120, qPrintable(QString::number(total)));
        QCOMPARE(album.value->tracks.size(), 50);
        QVERIFY(!embeddedNext.isEmpty());
    } else {
        QVERIFY(total >= 6 && total <= 16);
        QCOMPARE(album.value->tracks.size(), total);
        QVERIFY(embeddedNext.isEmpty());
    }

    QList<Track> tracks;
    QUrl next;
    if (limit == 0) {
        tracks = album.value->tracks;
        next = embeddedNext;
    } else {
        next = apiEndpoint(fake, QLatin1String("/albums/") + id + QLatin1String("/tracks"),
                           {{QStringLiteral("offset"), QStringLiteral("0")},
                            {QStringLiteral("limit"), QString::number(limit)}});
    }
    while (!next.isEmpty()) {
        QVERIFY(tracks.size() < total);
        const Answer pageAnswer = get(next, token);
        QCOMPARE(pageAnswer.status, 200);
        const ParseResult<TrackPage> page = SpotifyParser::albumTracks(pageAnswer.body);
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.value->total, total);
        QVERIFY(!page.value->tracks.isEmpty());
        tracks += page.value->tracks;
        next = page.value->next;
    }
    QCOMPARE(tracks.size(), total);
    QSet<std::pair<int, int>> positions;
    int previousDisc = 1;
    for (const Track &track : std::as_const(tracks)) {
        QVERIFY(!track.title.isEmpty());
        QVERIFY(track.durationMs >= 90'000);
        QVERIFY(track.disc >= previousDisc);
        previousDisc = track.disc;
        positions.insert({track.disc, track.position});
    }
    QCOMPARE(positions.size(), total);
    if (large)
        QCOMPARE(tracks.last().disc, 2);
}

void TestFakeSpotify::devModeFields_data()
{
    QTest::addColumn<bool>("devMode");
    QTest::newRow("development mode") << true;
    QTest::newRow("extended quota mode") << false;
}

void TestFakeSpotify::devModeFields()
{
    QFETCH(bool, devMode);
    FakeSpotify fake({.albumCount = 20, .devMode = devMode});
    QVERIFY(fake.listen());
    const QString token = clientToken(fake);
    QVERIFY(!token.isEmpty());
    const QString id = FakeSpotify::albumId(5);

    const Answer answer = get(apiEndpoint(fake, QLatin1String("/albums/") + id), token);
    QCOMPARE(answer.status, 200);
    const QJsonObject album = answer.json();
    for (const char *field : {"label", "popularity", "available_markets"})
        QVERIFY2(album.contains(QLatin1String(field)) != devMode, field);
    QVERIFY(album.value(u"tracks")[u"items"][0].toObject().contains(u"available_markets")
            != devMode);
    QCOMPARE(album.value(u"genres").toArray(), QJsonArray());
    QVERIFY(album.value(u"external_ids").isObject());
    QCOMPARE(album.value(u"copyrights").toArray().size(), 2);
    const ParseResult<Album> parsed = SpotifyParser::album(answer.body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.value->label.isEmpty(), devMode);
    QCOMPARE(parsed.value->sources.value(0).externalId, id);

    const Answer search = get(apiEndpoint(fake, QStringLiteral("/search"),
                                          {{QStringLiteral("q"), QStringLiteral("e")},
                                           {QStringLiteral("type"), QStringLiteral("album")}}),
                              token);
    QCOMPARE(search.status, 200);
    const QJsonObject first = search.json().value(u"albums")[u"items"][0].toObject();
    QVERIFY(!first.isEmpty());
    QVERIFY(first.contains(u"available_markets") != devMode);
    QVERIFY(!first.contains(u"tracks"));

    // GET /albums?ids= is gone for development-mode apps.
    const Answer several
        = get(apiEndpoint(fake, QStringLiteral("/albums"),
                          {{QStringLiteral("ids"), id + u',' + FakeSpotify::albumId(6)}}),
              token);
    if (devMode) {
        QCOMPARE(several.status, 403);
        QCOMPARE(several.errorMessage(), QStringLiteral("Forbidden"));
    } else {
        QCOMPARE(several.status, 200);
        QCOMPARE(several.json().value(u"albums").toArray().size(), 2);
    }

    const SpotifyToken user = userToken(fake);
    QVERIFY(!user.accessToken.isEmpty());
    const Answer me = get(apiEndpoint(fake, QStringLiteral("/me")), user.accessToken);
    QCOMPARE(me.status, 200);
    const QJsonObject profile = me.json();
    QCOMPARE(profile.value(u"id").toString(), fake.userId());
    QCOMPARE(profile.value(u"display_name").toString(), fake.displayName());
    QCOMPARE(profile.value(u"uri").toString(), QLatin1String("spotify:user:") + fake.userId());
    QCOMPARE(profile.value(u"type").toString(), QStringLiteral("user"));
    QVERIFY(!profile.value(u"account_id").toString().isEmpty());
    for (const char *field : {"email", "country", "product"})
        QVERIFY2(profile.contains(QLatin1String(field)) != devMode, field);
}

void TestFakeSpotify::apiErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("token"); // "client", "none" or a literal token
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");

    const QString album = QLatin1String("/albums/") + FakeSpotify::albumId(1);
    const QString client = QStringLiteral("client");
    QTest::newRow("no token") << album << QStringLiteral("none") << 401
                              << QStringLiteral("No token provided");
    QTest::newRow("unknown token") << album << QStringLiteral("BQnot-a-token") << 401
                                   << QStringLiteral("Invalid access token");
    QTest::newRow("id not base62") << QStringLiteral("/albums/not-an-id!") << client << 400
                                   << QStringLiteral("Invalid base62 id");
    QTest::newRow("id too short") << QStringLiteral("/albums/abc") << client << 400
                                  << QStringLiteral("Invalid base62 id");
    QTest::newRow("unknown id") << QString(QLatin1String("/albums/") + FakeSpotify::albumId(5000))
                                << client << 404 << QStringLiteral("non existing id");
    QTest::newRow("unknown id, tracks") << QStringLiteral("/albums/4aawyAB9vmqN3uQ7FjRGTy/tracks")
                                        << client << 404 << QStringLiteral("non existing id");
    QTest::newRow("tracks limit 51") << QString(album + QLatin1String("/tracks?limit=51")) << client
                                     << 400 << QStringLiteral("Invalid limit");
    QTest::newRow("several albums in dev mode")
        << QString(QLatin1String("/albums?ids=") + FakeSpotify::albumId(1)) << client << 403
        << QStringLiteral("Forbidden");
    QTest::newRow("unknown path") << QStringLiteral("/browse/new-releases") << client << 404
                                  << QStringLiteral("Service not found");
    QTest::newRow("search without type") << QStringLiteral("/search?q=a") << client << 400
                                         << QStringLiteral("Missing parameter type");
    QTest::newRow("me with an app token")
        << QStringLiteral("/me") << client << 403 << QStringLiteral("Insufficient client scope");
    QTest::newRow("saved albums with an app token") << QStringLiteral("/me/albums") << client << 403
                                                    << QStringLiteral("Insufficient client scope");
}

void TestFakeSpotify::apiErrors()
{
    QFETCH(QString, path);
    QFETCH(QString, token);
    QFETCH(int, status);
    QFETCH(QString, message);

    FakeSpotify fake({.albumCount = 100});
    QVERIFY(fake.listen());
    QString sent = token;
    if (token == u"client")
        sent = clientToken(fake);
    else if (token == u"none")
        sent.clear();
    QVERIFY(token == u"none" || !sent.isEmpty());
    const Answer answer = get(QUrl(fake.apiUrl().toString() + path), sent);
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.errorStatus(), status);
    QCOMPARE(answer.errorMessage(), message);
    QCOMPARE(answer.json().size(), 1);
    QCOMPARE(SpotifyParser::errorMessage(answer.body),
             QStringLiteral("Spotify error %1: %2").arg(status).arg(message));
    QVERIFY(!SpotifyParser::album(answer.body).ok());
}

void TestFakeSpotify::authorize_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("redirect");
    QTest::addColumn<bool>("withState");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("page"); // the body of a refusal

    const QString id = QStringLiteral("fake-client-id");
    const QString badRedirect = QStringLiteral("INVALID_CLIENT: Invalid redirect URI");
    QTest::newRow("127.0.0.1") << id << Redirect << true << 302 << QString();
    QTest::newRow("127.0.0.1, another port")
        << id << QStringLiteral("http://127.0.0.1:61000/callback") << true << 302 << QString();
    QTest::newRow("127.0.0.1 without port")
        << id << QStringLiteral("http://127.0.0.1/callback") << true << 302 << QString();
    QTest::newRow("[::1]") << id << QStringLiteral("http://[::1]:43123/callback") << true << 302
                           << QString();
    QTest::newRow("no state") << id << Redirect << false << 302 << QString();
    QTest::newRow("localhost") << id << QStringLiteral("http://localhost:43123/callback") << true
                               << 400 << badRedirect;
    QTest::newRow("https elsewhere")
        << id << QStringLiteral("https://example.org/callback") << true << 400 << badRedirect;
    QTest::newRow("other path") << id << QStringLiteral("http://127.0.0.1:43123/cb") << true << 400
                                << badRedirect;
    QTest::newRow("unknown client") << QStringLiteral("someone-else") << Redirect << true << 400
                                    << QStringLiteral("INVALID_CLIENT: Invalid client");
}

void TestFakeSpotify::authorize()
{
    QFETCH(QString, clientId);
    QFETCH(QString, redirect);
    QFETCH(bool, withState);
    QFETCH(int, status);
    QFETCH(QString, page);

    FakeSpotify fake({.albumCount = 10});
    QVERIFY(fake.listen());
    Parameters parameters = authorizeParameters(fake, redirect);
    parameters[0].second = clientId;
    const QString state = parameters.last().second;
    if (!withState)
        parameters.removeLast();
    const Answer answer = send(QNetworkRequest(authorizeUrl(fake, parameters)));
    QCOMPARE(answer.status, status);
    QCOMPARE(fake.lastAuthorizeQuery().queryItemValue(QStringLiteral("code_challenge")), Challenge);
    QCOMPARE(fake.lastAuthorizeQuery().queryItemValue(QStringLiteral("redirect_uri"),
                                                      QUrl::FullyDecoded),
             redirect);
    if (status != 302) {
        QCOMPARE(QString::fromUtf8(answer.body), page);
        QVERIFY(answer.header("Location").isEmpty());
        return;
    }
    const QUrl location(QString::fromUtf8(answer.header("Location")));
    QCOMPARE(location.adjusted(QUrl::RemoveQuery), QUrl(redirect));
    const QUrlQuery query(location);
    QVERIFY(!query.queryItemValue(QStringLiteral("code")).isEmpty());
    QVERIFY(!query.hasQueryItem(QStringLiteral("error")));
    QCOMPARE(query.hasQueryItem(QStringLiteral("state")), withState);
    if (withState)
        QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), state);
}

void TestFakeSpotify::authorizeDenied()
{
    FakeSpotify fake({.albumCount = 10});
    QVERIFY(fake.listen());
    fake.denyNextAuthorization();
    const QUrl url = authorizeUrl(fake, authorizeParameters(fake));
    const Answer denied = send(QNetworkRequest(url));
    QCOMPARE(denied.status, 302);
    const QUrlQuery query = denied.locationQuery();
    QCOMPARE(query.queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
    QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded),
             QStringLiteral("s+t a&t=e/1"));
    QVERIFY(!query.hasQueryItem(QStringLiteral("code")));
    // Only the next one.
    QVERIFY(!authorizationCode(fake).isEmpty());
}

void TestFakeSpotify::codeExchange_data()
{
    QTest::addColumn<QString>("verifier");
    QTest::addColumn<QString>("redirect");
    QTest::addColumn<QString>("code"); // "issued", "issued twice" or a literal code
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("description");

    const QString issued = QStringLiteral("issued");
    QTest::newRow("right verifier") << Verifier << Redirect << issued << 200 << QString();
    QTest::newRow("wrong verifier")
        << QStringLiteral("wrong-verifier-wrong-verifier-wrong-verifier-0") << Redirect << issued
        << 400 << QStringLiteral("code_verifier was incorrect");
    QTest::newRow("challenge sent as the verifier")
        << Challenge << Redirect << issued << 400 << QStringLiteral("code_verifier was incorrect");
    QTest::newRow("another redirect port")
        << Verifier << QStringLiteral("http://127.0.0.1:43124/callback") << issued << 400
        << QStringLiteral("Invalid redirect URI");
    QTest::newRow("unknown code") << Verifier << Redirect << QStringLiteral("AQnot-a-code") << 400
                                  << QStringLiteral("Invalid authorization code");
    QTest::newRow("code used twice") << Verifier << Redirect << QStringLiteral("issued twice")
                                     << 400 << QStringLiteral("Invalid authorization code");
}

void TestFakeSpotify::codeExchange()
{
    QFETCH(QString, verifier);
    QFETCH(QString, redirect);
    QFETCH(QString, code);
    QFETCH(int, status);
    QFETCH(QString, description);

    FakeSpotify fake({.albumCount = 10});
    QVERIFY(fake.listen());
    // The challenge the test sends is the RFC's; the fake must agree with it.
    QCOMPARE(QString::fromLatin1(
                 QCryptographicHash::hash(Verifier.toLatin1(), QCryptographicHash::Sha256)
                     .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)),
             Challenge);
    QString sent = code;
    if (code.startsWith(u"issued")) {
        sent = authorizationCode(fake);
        QVERIFY(!sent.isEmpty());
    }
    if (code == u"issued twice")
        QCOMPARE(exchange(fake, sent).status, 200);

    const Answer answer = exchange(fake, sent, verifier, redirect);
    QCOMPARE(answer.status, status);
    if (status != 200) {
        QCOMPARE(answer.oauthError(), QStringLiteral("invalid_grant"));
        QCOMPARE(answer.oauthDescription(), description);
        return;
    }
    const ParseResult<SpotifyToken> token = SpotifyParser::token(answer.body);
    QVERIFY2(token.ok(), qPrintable(token.error));
    QVERIFY(!token.value->refreshToken.isEmpty());
    QCOMPARE(token.value->scope, LibraryScope);
    QCOMPARE(token.value->expiresInSeconds, 3600);
    QCOMPARE(fake.tokenRequests(QStringLiteral("authorization_code")), 1);
    const Answer me = get(apiEndpoint(fake, QStringLiteral("/me")), token.value->accessToken);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json().value(u"id").toString(), fake.userId());
}

void TestFakeSpotify::refreshRotates_data()
{
    QTest::addColumn<bool>("omit");
    QTest::newRow("rotating") << false;
    QTest::newRow("answer without refresh_token") << true;
}

void TestFakeSpotify::refreshRotates()
{
    QFETCH(bool, omit);
    FakeSpotify fake({.albumCount = 10});
    fake.setOmitRefreshTokenOnRefresh(omit);
    QVERIFY(fake.listen());
    const SpotifyToken first = userToken(fake);
    QVERIFY(!first.refreshToken.isEmpty());

    const Answer answer = refresh(fake, first.refreshToken);
    QCOMPARE(answer.status, 200);
    const ParseResult<SpotifyToken> second = SpotifyParser::token(answer.body);
    QVERIFY2(second.ok(), qPrintable(second.error));
    QVERIFY(second.value->accessToken != first.accessToken);
    QCOMPARE(second.value->scope, LibraryScope);
    QCOMPARE(answer.json().contains(u"refresh_token"), !omit);
    QCOMPARE(get(apiEndpoint(fake, QStringLiteral("/me")), second.value->accessToken).status, 200);

    const Answer again = refresh(fake, first.refreshToken);
    if (omit) {
        // The app keeps the token it had, and that one still works.
        QVERIFY(second.value->refreshToken.isEmpty());
        QCOMPARE(again.status, 200);
    } else {
        QVERIFY(!second.value->refreshToken.isEmpty());
        QVERIFY(second.value->refreshToken != first.refreshToken);
        QCOMPARE(again.status, 400);
        QCOMPARE(again.oauthError(), QStringLiteral("invalid_grant"));
        QCOMPARE(refresh(fake, second.value->refreshToken).status, 200);
    }
    QCOMPARE(fake.tokenRequests(QStringLiteral("refresh_token")), 3 - (omit ? 1 : 0));
}

void TestFakeSpotify::savedAlbums_data()
{
    QTest::addColumn<int>("savedCount");
    QTest::addColumn<int>("limit"); // 0: not sent (20)
    QTest::addColumn<int>("saved"); // what the library holds

    QTest::newRow("all, default limit") << -1 << 0 << 70;
    QTest::newRow("first 45, 20 a page") << 45 << 20 << 45;
    QTest::newRow("first 45, 50 a page") << 45 << 50 << 45;
    QTest::newRow("first 13, 1 a page") << 13 << 1 << 13;
    QTest::newRow("empty library") << 0 << 0 << 0;
}

void TestFakeSpotify::savedAlbums()
{
    QFETCH(int, savedCount);
    QFETCH(int, limit);
    QFETCH(int, saved);

    FakeSpotify fake({.albumCount = 70, .savedCount = savedCount});
    QVERIFY(fake.listen());
    QCOMPARE(fake.savedCount(), saved);
    const SpotifyToken token = userToken(fake);
    QVERIFY(!token.accessToken.isEmpty());

    Parameters parameters;
    if (limit > 0)
        parameters.append({QStringLiteral("limit"), QString::number(limit)});
    QUrl next = apiEndpoint(fake, QStringLiteral("/me/albums"), parameters);
    QStringList ids;
    QDateTime previous;
    int pages = 0;
    while (!next.isEmpty()) {
        ++pages;
        const Answer answer = get(next, token.accessToken);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json().value(u"limit").toInt(), limit > 0 ? limit : 20);
        const ParseResult<AlbumListPage> page = SpotifyParser::savedAlbums(answer.body);
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.value->total, saved);
        QCOMPARE(page.value->offset, ids.size());
        for (const Album &album : page.value->albums) {
            const SourceRef &source = album.sources.value(0);
            QVERIFY(source.addedAt.isValid());
            QCOMPARE(source.addedAt.timeSpec(), Qt::UTC);
            if (previous.isValid())
                QVERIFY(source.addedAt < previous); // newest first
            previous = source.addedAt;
            QVERIFY(!album.tracks.isEmpty());
            ids.append(source.externalId);
        }
        QVERIFY(ids.size() <= saved);
        next = page.value->next;
    }
    const int perPage = limit > 0 ? limit : 20;
    QCOMPARE(pages, std::max(1, (saved + perPage - 1) / perPage));
    QCOMPARE(ids.size(), saved);
    for (int i = 0; i < saved; ++i)
        QCOMPARE(ids.at(i), FakeSpotify::albumId(i));
}

void TestFakeSpotify::savedAlbumsNeedScope()
{
    FakeSpotify fake({.albumCount = 10});
    QVERIFY(fake.listen());
    const SpotifyToken token = userToken(fake, QStringLiteral("user-read-email"));
    QVERIFY(!token.accessToken.isEmpty());
    QCOMPARE(token.scope, QStringLiteral("user-read-email"));
    QCOMPARE(get(apiEndpoint(fake, QStringLiteral("/me")), token.accessToken).status, 200);
    const Answer answer = get(apiEndpoint(fake, QStringLiteral("/me/albums")), token.accessToken);
    QCOMPARE(answer.status, 403);
    QCOMPARE(answer.errorMessage(), QStringLiteral("Insufficient client scope"));
}

void TestFakeSpotify::expiredToken_data()
{
    QTest::addColumn<bool>("hook"); // expireAllAccessTokens(), else a lifetime of 0 s
    QTest::newRow("expireAllAccessTokens") << true;
    QTest::newRow("lifetime 0") << false;
}

void TestFakeSpotify::expiredToken()
{
    QFETCH(bool, hook);
    FakeSpotify fake({.albumCount = 10, .tokenLifetimeSeconds = hook ? 3600 : 0});
    QVERIFY(fake.listen());
    const QString client = clientToken(fake);
    const SpotifyToken user = userToken(fake);
    QVERIFY(!client.isEmpty());
    QVERIFY(!user.accessToken.isEmpty());
    const QUrl album = apiEndpoint(fake, QLatin1String("/albums/") + FakeSpotify::albumId(2));
    const QUrl saved = apiEndpoint(fake, QStringLiteral("/me/albums"));
    if (hook) {
        QCOMPARE(get(album, client).status, 200);
        QCOMPARE(get(saved, user.accessToken).status, 200);
        fake.expireAllAccessTokens();
    }
    const QJsonObject expired {
        {QStringLiteral("error"),
         QJsonObject {{QStringLiteral("status"), 401},
                      {QStringLiteral("message"), QStringLiteral("The access token expired")}}}};
    for (const auto &[url, token] :
         {std::pair(album, client), std::pair(saved, user.accessToken)}) {
        const Answer answer = get(url, token);
        QCOMPARE(answer.status, 401);
        QCOMPARE(answer.json(), expired);
        QVERIFY(answer.header("WWW-Authenticate").startsWith("Bearer"));
    }
    if (hook) {
        // Tokens issued afterwards work, and so does the refresh token.
        QCOMPARE(get(album, clientToken(fake)).status, 200);
        const Answer refreshed = refresh(fake, user.refreshToken);
        QCOMPARE(refreshed.status, 200);
        const ParseResult<SpotifyToken> token = SpotifyParser::token(refreshed.body);
        QVERIFY2(token.ok(), qPrintable(token.error));
        QCOMPARE(get(saved, token.value->accessToken).status, 200);
    }
}

void TestFakeSpotify::userNotRegistered()
{
    FakeSpotify fake({.albumCount = 10});
    QVERIFY(fake.listen());
    fake.setUserNotRegistered(true);
    const SpotifyToken user = userToken(fake); // signing in still works
    QVERIFY(!user.accessToken.isEmpty());
    const QUrl album = apiEndpoint(fake, QLatin1String("/albums/") + FakeSpotify::albumId(2));
    for (const QUrl &url : {apiEndpoint(fake, QStringLiteral("/me/albums")), album}) {
        const Answer answer = get(url, user.accessToken);
        QCOMPARE(answer.status, 403);
        QCOMPARE(answer.errorMessage(),
                 QStringLiteral("User not registered in the Developer Dashboard"));
    }
    // The app's own token is not a user's.
    QCOMPARE(get(album, clientToken(fake)).status, 200);
    fake.setUserNotRegistered(false);
    QCOMPARE(get(album, user.accessToken).status, 200);
}

// With a limit on the FakeServer, the request past it gets Spotify's 429.
void TestFakeSpotify::rateLimited()
{
    FakeSpotify fake({.albumCount = 10});
    fake.server().setRateLimit(3, FakeSpotify::RateWindow);
    QVERIFY(fake.listen());
    const QString token = clientToken(fake);
    QVERIFY(!token.isEmpty());
    const QUrl album = apiEndpoint(fake, QLatin1String("/albums/") + FakeSpotify::albumId(2));
    QCOMPARE(get(album, token).status, 200);
    QCOMPARE(get(album, token).status, 200);
    const Answer limited = get(album, token);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.errorStatus(), 429);
    QVERIFY(!limited.errorMessage().isEmpty());
    const int retryAfter = limited.header("Retry-After").toInt();
    QVERIFY2(retryAfter > 0 && retryAfter <= 30, limited.header("Retry-After").constData());
    QCOMPARE(fake.server().limitedCount(), 1);
}

// Over a whole catalogue (in process): every album parses and the variety the clients must
// handle is there.
void TestFakeSpotify::catalogueShape()
{
    const FakeSpotify fake({.albumCount = 500});
    QSet<QString> precisions;
    QSet<QString> types;
    QSet<qsizetype> barcodeLengths;
    QSet<QString> ids;
    int withoutBarcode = 0;
    int twoDiscs = 0;
    int large = 0;
    for (int i = 0; i < fake.albumCount(); ++i) {
        const QString id = FakeSpotify::albumId(i);
        QCOMPARE(id.size(), 22);
        QCOMPARE(fake.albumIndex(id), i);
        ids.insert(id);
        const QByteArray body = fake.albumBody(id);
        const ParseResult<Album> parsed = SpotifyParser::album(body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        precisions.insert(object.value(u"release_date_precision").toString());
        types.insert(object.value(u"album_type").toString());
        QCOMPARE(object.value(u"images").toArray().size(), 3);
        QVERIFY(parsed.value->coverUrl.startsWith(fake.accountsUrl().toString()));
        if (parsed.value->barcode.isEmpty())
            ++withoutBarcode;
        else
            barcodeLengths.insert(parsed.value->barcode.size());
        QCOMPARE(parsed.value->trackCount > 50, i % 17 == 3);
        large += parsed.value->trackCount > 50 ? 1 : 0;
        twoDiscs += parsed.value->tracks.last().disc == 2 ? 1 : 0;
    }
    QCOMPARE(ids.size(), fake.albumCount());
    QCOMPARE(
        precisions,
        QSet<QString>({QStringLiteral("day"), QStringLiteral("month"), QStringLiteral("year")}));
    QCOMPARE(types,
             QSet<QString>({QStringLiteral("album"), QStringLiteral("single"),
                            QStringLiteral("compilation")}));
    QCOMPARE(barcodeLengths, QSet<qsizetype>({12, 13}));
    QVERIFY2(withoutBarcode > 0 && withoutBarcode < 75,
             qPrintable(QString::number(withoutBarcode)));
    QVERIFY(twoDiscs > large);
    QCOMPARE(fake.albumIndex(QStringLiteral("4aawyAB9vmqN3uQ7FjRGTy")), -1);
    QCOMPARE(fake.albumIndex(FakeSpotify::albumId(500)), -1);
}

void TestFakeSpotify::determinism()
{
    FakeSpotify one({.albumCount = 120});
    FakeSpotify two({.albumCount = 120});
    QVERIFY(one.listen());
    QVERIFY(two.listen());
    QVERIFY(one.apiUrl() != two.apiUrl());
    const QString tokenOne = clientToken(one);
    const QString tokenTwo = clientToken(two);
    const Parameters search {{QStringLiteral("q"), QStringLiteral("the")},
                             {QStringLiteral("type"), QStringLiteral("album")},
                             {QStringLiteral("offset"), QStringLiteral("5")}};
    const QList<std::pair<QString, Parameters>> requests {
        {QLatin1String("/albums/") + FakeSpotify::albumId(57), {}},
        {QLatin1String("/albums/") + FakeSpotify::albumId(105) + QLatin1String("/tracks"), {}},
        {QStringLiteral("/search"), search}};
    for (const auto &[path, parameters] : requests) {
        const Answer first = get(apiEndpoint(one, path, parameters), tokenOne);
        const Answer second = get(apiEndpoint(two, path, parameters), tokenTwo);
        QCOMPARE(first.status, 200);
        QCOMPARE(second.status, 200);
        QCOMPARE(withoutBase(one, first.body), withoutBase(two, second.body));
    }
    // The same album whatever the catalogue's size.
    const FakeSpotify bigger({.albumCount = 1000});
    const QString id = FakeSpotify::albumId(57);
    QCOMPARE(withoutBase(bigger, bigger.albumBody(id)), withoutBase(one, one.albumBody(id)));
}

void TestFakeSpotify::albumCountIsClamped()
{
    QCOMPARE(FakeSpotify({.albumCount = 3}).albumCount(), 10);
    QCOMPARE(FakeSpotify({.albumCount = 3, .savedCount = 50}).savedCount(), 10);
    FakeSpotify largest({.albumCount = 1'000'000});
    QCOMPARE(largest.albumCount(), 100'000);
    QCOMPARE(largest.savedCount(), 100'000);
    QVERIFY(largest.listen());
    const QString token = clientToken(largest);
    QVERIFY(!token.isEmpty());
    const QString last = QLatin1String("/albums/") + FakeSpotify::albumId(99'999);
    QCOMPARE(get(apiEndpoint(largest, last), token).status, 200);
    QCOMPARE(
        get(apiEndpoint(largest, QLatin1String("/albums/") + FakeSpotify::albumId(100'000)), token)
            .status,
        404);
    // The last page of a full library.
    const SpotifyToken user = userToken(largest);
    const Answer page = get(apiEndpoint(largest, QStringLiteral("/me/albums"),
                                        {{QStringLiteral("offset"), QStringLiteral("99990")},
                                         {QStringLiteral("limit"), QStringLiteral("50")}}),
                            user.accessToken);
    QCOMPARE(page.status, 200);
    const ParseResult<AlbumListPage> parsed = SpotifyParser::savedAlbums(page.body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.value->albums.size(), 10);
    QVERIFY(parsed.value->next.isEmpty());
}

QTEST_GUILESS_MAIN(TestFakeSpotify)
#include "tst_fakespotify.moc"
