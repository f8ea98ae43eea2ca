#include "fakediscogs.h"
#include "providers/discogsparser.h"

#include <QByteArrayList>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace aime;
using aime::fakes::FakeDiscogs;
using aime::fakes::FakeDiscogsOptions;

namespace {

const QByteArray UserAgent = "AIME-tests/1.0 +https://example.org/aime";
const QByteArray Token = "fake-token";
constexpr int Timeout = 5000;

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
    int intHeader(const QByteArray &name) const { return header(name).toInt(); }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString message() const { return DiscogsParser::errorMessage(body); }
};

QUrl endpoint(const FakeDiscogs &fake, const QString &path, const QUrlQuery &query = {})
{
    QUrl url = fake.baseUrl();
    url.setPath(path);
    url.setQuery(query);
    return url;
}

QUrlQuery pageQuery(int page, int perPage)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    query.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
    return query;
}

QString releasePath(qint64 id)
{
    return QStringLiteral("/releases/%1").arg(id);
}

QString collectionPath(const QString &user)
{
    return QStringLiteral("/users/%1/collection/folders/0/releases").arg(user);
}

// The body with the fake's own address taken out, so two fakes on two ports compare equal.
QByteArray withoutBase(const FakeDiscogs &fake, QByteArray body)
{
    return body.replace(fake.baseUrl().toString().toUtf8(), "BASE");
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

// A raw request over TCP, for what QNetworkAccessManager cannot send (it adds "Mozilla/5.0"
// when no User-Agent is set). Returns the whole answer; empty when none came.
QByteArray rawExchange(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!connected.wait(Timeout))
        return {};
    QSignalSpy readyRead(&socket, &QTcpSocket::readyRead);
    socket.write(request);
    QByteArray answer;
    const auto complete = [&answer] {
        const qsizetype end = answer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        static const QRegularExpression length(QStringLiteral("(?i)content-length:\\s*(\\d+)"));
        const QRegularExpressionMatch match = length.match(QString::fromLatin1(answer.left(end)));
        return match.hasMatch() && answer.size() >= end + 4 + match.captured(1).toLongLong();
    };
    while (!complete() && (socket.bytesAvailable() > 0 || readyRead.wait(Timeout)))
        answer += socket.readAll();
    return answer;
}

} // namespace

class TestFakeDiscogs : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();

    void identity_data();
    void identity();
    void release_data();
    void release();
    void releaseWithoutToken();
    void catalogueShape();
    void collectionPaging_data();
    void collectionPaging();
    void collectionErrors_data();
    void collectionErrors();
    void search_data();
    void search();
    void searchWithoutMatches();
    void searchNeedsToken_data();
    void searchNeedsToken();
    void notFound_data();
    void notFound();
    void userAgent_data();
    void userAgent();
    void rateLimitHeadersCountDown_data();
    void rateLimitHeadersCountDown();
    void strictLimiter();
    void determinism();
    void albumCountIsClamped();

private:
    Answer get(const QUrl &url, const QByteArray &token = Token,
               const QByteArray &userAgent = UserAgent);

    QNetworkAccessManager m_nam;
};

Answer TestFakeDiscogs::get(const QUrl &url, const QByteArray &token, const QByteArray &userAgent)
{
    QNetworkRequest request(url);
    request.setRawHeader("User-Agent", userAgent);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Discogs token=" + token);
    std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> reply(
        m_nam.get(request), [](QNetworkReply *r) { r->deleteLater(); });
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    Answer answer;
    if (!reply->isFinished() && !finished.wait(Timeout))
        return answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.headers = reply->rawHeaderPairs();
    return answer;
}

void TestFakeDiscogs::cleanup()
{
    // Each test has its own fakes; a later one may get an old one's port.
    m_nam.clearConnectionCache();
}

void TestFakeDiscogs::identity_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QByteArray>("sent");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");

    const QString defaultUser = QStringLiteral("collector");
    const QString defaultToken = QStringLiteral("fake-token");
    QTest::newRow("valid token") << defaultUser << defaultToken << Token << 200 << QString();
    QTest::newRow("other user and token") << QStringLiteral("vinyl-fan") << QStringLiteral("s3cret")
                                          << QByteArray("s3cret") << 200 << QString();
    QTest::newRow("no token") << defaultUser << defaultToken << QByteArray() << 401
                              << QStringLiteral("You must authenticate to access this resource.");
    QTest::newRow("wrong token")
        << defaultUser << defaultToken << QByteArray("nope") << 401
        << QStringLiteral("Invalid consumer token. Please register an app before making requests.");
}

void TestFakeDiscogs::identity()
{
    QFETCH(QString, username);
    QFETCH(QString, token);
    QFETCH(QByteArray, sent);
    QFETCH(int, status);
    QFETCH(QString, message);

    FakeDiscogs fake({.albumCount = 10, .username = username, .token = token});
    QVERIFY(fake.listen());
    const Answer answer = get(endpoint(fake, QStringLiteral("/oauth/identity")), sent);
    QCOMPARE(answer.status, status);
    if (status != 200) {
        QCOMPARE(answer.message(), message);
        if (sent.isEmpty())
            QVERIFY(answer.header("WWW-Authenticate").startsWith("OAuth realm="));
        return;
    }
    const ParseResult<DiscogsIdentity> parsed = DiscogsParser::identity(answer.body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.value->username, username);
    QVERIFY(parsed.value->id > 0);
    QCOMPARE(parsed.value->resourceUrl, fake.baseUrl().toString() + u"/users/" + username);
    QVERIFY(answer.json().contains(u"consumer_name"));
}

void TestFakeDiscogs::release_data()
{
    QTest::addColumn<qint64>("id");
    QTest::newRow("first") << qint64(1000);
    QTest::newRow("second") << qint64(1001);
    QTest::newRow("middle") << qint64(1023);
    QTest::newRow("last") << qint64(1049);
}

void TestFakeDiscogs::release()
{
    QFETCH(qint64, id);
    FakeDiscogs fake({.albumCount = 50});
    QVERIFY(fake.listen());
    const Answer answer = get(endpoint(fake, releasePath(id)));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.header("Content-Type"), QByteArray("application/json"));

    const ParseResult<Album> parsed = DiscogsParser::release(answer.body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    const Album &album = *parsed.value;
    QCOMPARE(album.sources.value(0).externalId, QString::number(id));
    QVERIFY(!album.title.isEmpty());
    QVERIFY(!album.artist.isEmpty());
    QVERIFY2(album.tracks.size() >= 3 && album.tracks.size() <= 12,
             qPrintable(QString::number(album.tracks.size())));
    QVERIFY(!album.coverUrl.isEmpty());

    // Whatever barcode the body lists is one the parser accepts.
    QString listed;
    for (const QJsonValue &identifier : answer.json().value(u"identifiers").toArray()) {
        if (identifier[u"type"].toString() == u"Barcode")
            listed = identifier[u"value"].toString();
    }
    QCOMPARE(album.barcode, listed);
}

void TestFakeDiscogs::releaseWithoutToken()
{
    FakeDiscogs fake({.albumCount = 10});
    QVERIFY(fake.listen());
    const Answer answer = get(endpoint(fake, releasePath(1003)), {});
    QCOMPARE(answer.status, 200);
    const ParseResult<Album> parsed = DiscogsParser::release(answer.body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    // Image addresses go to authenticated requests only.
    QVERIFY(parsed.value->coverUrl.isEmpty());
    QVERIFY(!answer.json().contains(u"images"));
}

// Over a whole catalogue (in process): every release parses, most have a barcode, both vinyl
// and CD positions occur, and durations are mostly known.
void TestFakeDiscogs::catalogueShape()
{
    const FakeDiscogs fake({.albumCount = 200});
    int withBarcode = 0;
    int withDuration = 0;
    int tracks = 0;
    bool vinylPositions = false;
    bool cdPositions = false;
    for (int i = 0; i < fake.albumCount(); ++i) {
        const QByteArray body = fake.releaseBody(FakeDiscogs::releaseId(i));
        const ParseResult<Album> parsed = DiscogsParser::release(body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QVERIFY(parsed.value->tracks.size() >= 3 && parsed.value->tracks.size() <= 12);
        withBarcode += parsed.value->barcode.isEmpty() ? 0 : 1;
        for (const Track &track : parsed.value->tracks) {
            ++tracks;
            withDuration += track.durationMs > 0 ? 1 : 0;
        }
        for (const QJsonValue &entry :
             QJsonDocument::fromJson(body).object().value(u"tracklist").toArray()) {
            const QString position = entry[u"position"].toString();
            vinylPositions = vinylPositions || position.startsWith(u'A');
            cdPositions = cdPositions || position == u"1";
        }
    }
    QVERIFY2(withBarcode >= 160, qPrintable(QString::number(withBarcode)));
    QVERIFY2(withBarcode < 200, "a few releases should have no barcode");
    QVERIFY(withDuration * 10 >= tracks * 8);
    QVERIFY(vinylPositions);
    QVERIFY(cdPositions);
}

void TestFakeDiscogs::collectionPaging_data()
{
    QTest::addColumn<QString>("perPageParameter"); // empty: not sent
    QTest::addColumn<int>("perPage");
    QTest::addColumn<int>("pages");

    QTest::newRow("100 a page") << QStringLiteral("100") << 100 << 3;
    QTest::newRow("default 50") << QString() << 50 << 5;
    QTest::newRow("capped at 100") << QStringLiteral("500") << 100 << 3;
    QTest::newRow("7 a page") << QStringLiteral("7") << 7 << 36;
}

void TestFakeDiscogs::collectionPaging()
{
    QFETCH(QString, perPageParameter);
    QFETCH(int, perPage);
    QFETCH(int, pages);

    FakeDiscogs fake({.albumCount = 250});
    QVERIFY(fake.listen());
    const QString path = collectionPath(fake.username());
    const auto pageUrl
        = [&](int page) { return endpoint(fake, path, pageQuery(page, perPage)).toString(); };

    QUrlQuery first;
    if (!perPageParameter.isEmpty())
        first.addQueryItem(QStringLiteral("per_page"), perPageParameter);
    QUrl next = endpoint(fake, path, first);
    QSet<qint64> ids;
    int page = 0;
    while (!next.isEmpty()) {
        ++page;
        QVERIFY(page <= pages);
        const Answer answer = get(next);
        QCOMPARE(answer.status, 200);

        const QJsonObject pagination = answer.json().value(u"pagination").toObject();
        QCOMPARE(pagination.value(u"page").toInt(), page);
        QCOMPARE(pagination.value(u"pages").toInt(), pages);
        QCOMPARE(pagination.value(u"per_page").toInt(), perPage);
        QCOMPARE(pagination.value(u"items").toInt(), 250);
        const QJsonObject urls = pagination.value(u"urls").toObject();
        const bool last = page == pages;
        QCOMPARE(urls.value(u"next").toString(), last ? QString() : pageUrl(page + 1));
        QCOMPARE(urls.value(u"last").toString(), last ? QString() : pageUrl(pages));
        QCOMPARE(urls.value(u"prev").toString(), page == 1 ? QString() : pageUrl(page - 1));
        QCOMPARE(urls.value(u"first").toString(), page == 1 ? QString() : pageUrl(1));

        const QByteArray link = answer.header("Link");
        QCOMPARE(link.contains("rel=\"next\""), !last);
        QCOMPARE(link.contains("rel=\"last\""), !last);
        QCOMPARE(link.contains("rel=\"prev\""), page > 1);
        if (!last) {
            QVERIFY2(
                link.contains(QByteArray('<' + pageUrl(page + 1).toUtf8() + ">; rel=\"next\"")),
                link.constData());
        }

        const ParseResult<AlbumListPage> parsed = DiscogsParser::collectionPage(answer.body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(parsed.value->total, 250);
        QCOMPARE(parsed.value->offset, (page - 1) * perPage);
        QCOMPARE(parsed.value->albums.size(), last ? 250 - (pages - 1) * perPage : perPage);
        QCOMPARE(parsed.value->next.toString(), last ? QString() : pageUrl(page + 1));
        for (const Album &album : parsed.value->albums) {
            const SourceRef &source = album.sources.value(0);
            QVERIFY(source.addedAt.isValid());
            QCOMPARE(source.folder, QStringLiteral("Uncategorized"));
            ids.insert(source.externalId.toLongLong());
        }
        next = parsed.value->next;
    }
    QCOMPARE(page, pages);
    QCOMPARE(ids.size(), 250);
    QCOMPARE(*std::min_element(ids.cbegin(), ids.cend()), qint64(1000));
    QCOMPARE(*std::max_element(ids.cbegin(), ids.cend()), qint64(1249));
}

void TestFakeDiscogs::collectionErrors_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("status");

    QTest::newRow("no token") << QStringLiteral("collector") << QByteArray() << 401;
    QTest::newRow("wrong token") << QStringLiteral("collector") << QByteArray("x") << 401;
    QTest::newRow("another user") << QStringLiteral("someone-else") << Token << 404;
}

void TestFakeDiscogs::collectionErrors()
{
    QFETCH(QString, user);
    QFETCH(QByteArray, token);
    QFETCH(int, status);

    FakeDiscogs fake({.albumCount = 10});
    QVERIFY(fake.listen());
    const Answer answer = get(endpoint(fake, collectionPath(user)), token);
    QCOMPARE(answer.status, status);
    QVERIFY(!answer.message().isEmpty());
}

void TestFakeDiscogs::search_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("field");

    const QString artistWord = QStringLiteral("artist word");
    QTest::newRow("artist word 0") << 0 << artistWord;
    QTest::newRow("artist word 77") << 77 << artistWord;
    QTest::newRow("artist word 249") << 249 << artistWord;
    QTest::newRow("title, upper case") << 12 << QStringLiteral("title");
    QTest::newRow("catalogue number") << 40 << QStringLiteral("catno");
    QTest::newRow("label") << 41 << QStringLiteral("label");
}

void TestFakeDiscogs::search()
{
    QFETCH(int, index);
    QFETCH(QString, field);

    FakeDiscogs fake({.albumCount = 250});
    QVERIFY(fake.listen());
    const qint64 id = FakeDiscogs::releaseId(index);
    const QJsonObject release = QJsonDocument::fromJson(fake.releaseBody(id)).object();
    const QJsonObject label = release.value(u"labels").toArray().at(0).toObject();
    QString q;
    if (field == u"artist word")
        q = longestWord(release.value(u"artists_sort").toString());
    else if (field == u"title")
        q = release.value(u"title").toString().toUpper();
    else if (field == u"catno")
        q = label.value(u"catno").toString();
    else
        q = label.value(u"name").toString();
    QVERIFY(!q.isEmpty());

    QUrlQuery query;
    query.addQueryItem(QStringLiteral("q"), q);
    query.addQueryItem(QStringLiteral("type"), QStringLiteral("release"));
    query.addQueryItem(QStringLiteral("per_page"), QStringLiteral("100"));
    QUrl next = endpoint(fake, QStringLiteral("/database/search"), query);
    QSet<qint64> found;
    while (!next.isEmpty()) {
        const Answer answer = get(next);
        QCOMPARE(answer.status, 200);
        const ParseResult<AlbumListPage> parsed = DiscogsParser::search(answer.body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        for (const QJsonValue &result : answer.json().value(u"results").toArray()) {
            const QStringList fields {
                result[u"title"].toString(), result[u"label"].toArray().at(0).toString(),
                result[u"catno"].toString(), result[u"barcode"].toArray().at(0).toString()};
            QVERIFY2(fields.join(u'\n').contains(q, Qt::CaseInsensitive),
                     qPrintable(fields.join(u'|')));
            found.insert(result[u"id"].toInteger());
        }
        next = parsed.value->next;
        QVERIFY(found.size() <= 250);
    }
    QVERIFY2(found.contains(id), qPrintable(q));
}

void TestFakeDiscogs::searchWithoutMatches()
{
    FakeDiscogs fake({.albumCount = 20});
    QVERIFY(fake.listen());
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("q"), QStringLiteral("no such album anywhere"));
    const Answer answer = get(endpoint(fake, QStringLiteral("/database/search"), query));
    QCOMPARE(answer.status, 200);
    const ParseResult<AlbumListPage> parsed = DiscogsParser::search(answer.body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.value->total, 0);
    QVERIFY(parsed.value->albums.isEmpty());
    QVERIFY(parsed.value->next.isEmpty());
    QVERIFY(answer.header("Link").isEmpty());
}

void TestFakeDiscogs::searchNeedsToken_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("message");
    QTest::newRow("no token") << QByteArray()
                              << QStringLiteral("You must authenticate to access this resource.");
    QTest::newRow("wrong token")
        << QByteArray("wrong")
        << QStringLiteral("Invalid consumer token. Please register an app before making requests.");
}

void TestFakeDiscogs::searchNeedsToken()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, message);
    FakeDiscogs fake({.albumCount = 10});
    QVERIFY(fake.listen());
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("q"), QStringLiteral("the"));
    const Answer answer = get(endpoint(fake, QStringLiteral("/database/search"), query), token);
    QCOMPARE(answer.status, 401);
    QCOMPARE(answer.message(), message);
}

void TestFakeDiscogs::notFound_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");

    const QString release = QStringLiteral("Release not found.");
    const QString resource = QStringLiteral("The requested resource was not found.");
    QTest::newRow("release before the first") << releasePath(999) << release;
    QTest::newRow("release after the last") << releasePath(1010) << release;
    QTest::newRow("release id not a number") << QStringLiteral("/releases/abc") << release;
    QTest::newRow("unknown path") << QStringLiteral("/nowhere") << resource;
    QTest::newRow("masters not served") << QStringLiteral("/masters/50001") << resource;
    QTest::newRow("collection fields not served")
        << QStringLiteral("/users/collector/collection/fields") << resource;
}

void TestFakeDiscogs::notFound()
{
    QFETCH(QString, path);
    QFETCH(QString, message);
    FakeDiscogs fake({.albumCount = 10});
    QVERIFY(fake.listen());
    const Answer answer = get(endpoint(fake, path));
    QCOMPARE(answer.status, 404);
    QCOMPARE(answer.message(), message);
    QVERIFY(!answer.header("X-Discogs-Ratelimit").isEmpty());
}

void TestFakeDiscogs::userAgent_data()
{
    QTest::addColumn<QByteArray>("headerLine"); // empty: no User-Agent line at all
    QTest::addColumn<int>("status");

    QTest::newRow("missing") << QByteArray() << 403;
    QTest::newRow("empty") << QByteArray("User-Agent: \r\n") << 403;
    QTest::newRow("Qt's default") << QByteArray("User-Agent: Mozilla/5.0\r\n") << 403;
    QTest::newRow("set") << QByteArray("User-Agent: " + UserAgent + "\r\n") << 200;
}

void TestFakeDiscogs::userAgent()
{
    QFETCH(QByteArray, headerLine);
    QFETCH(int, status);
    FakeDiscogs fake({.albumCount = 10});
    QVERIFY(fake.listen());
    const QByteArray answer = rawExchange(fake.server().port(),
                                          "GET /releases/1000 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              + headerLine + "Authorization: Discogs token=" + Token
                                              + "\r\nConnection: close\r\n\r\n");
    QVERIFY(!answer.isEmpty());
    QVERIFY2(answer.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status))),
             answer.left(40).constData());
    const QByteArray body = answer.mid(answer.indexOf("\r\n\r\n") + 4);
    if (status == 403)
        QCOMPARE(DiscogsParser::errorMessage(body), QStringLiteral("You must set a User-Agent."));
    else
        QVERIFY(DiscogsParser::release(body).ok());
}

void TestFakeDiscogs::rateLimitHeadersCountDown_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("limit");
    QTest::newRow("with token") << Token << 60;
    QTest::newRow("without token") << QByteArray() << 25;
}

void TestFakeDiscogs::rateLimitHeadersCountDown()
{
    QFETCH(QByteArray, token);
    QFETCH(int, limit);
    FakeDiscogs fake({.albumCount = 10});
    QVERIFY(fake.listen());
    for (int used = 1; used <= 4; ++used) {
        const Answer answer = get(endpoint(fake, releasePath(1000 + used)), token);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.intHeader("X-Discogs-Ratelimit"), limit);
        QCOMPARE(answer.intHeader("X-Discogs-Ratelimit-Used"), used);
        QCOMPARE(answer.intHeader("X-Discogs-Ratelimit-Remaining"), limit - used);
    }
}

// With a limit on the FakeServer the headers report it, and the request past it gets 429.
void TestFakeDiscogs::strictLimiter()
{
    FakeDiscogs fake({.albumCount = 10});
    fake.server().setRateLimit(3, std::chrono::seconds(60));
    QVERIFY(fake.listen());
    for (int used = 1; used <= 3; ++used) {
        const Answer answer = get(endpoint(fake, releasePath(1000)));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.intHeader("X-Discogs-Ratelimit"), 3);
        QCOMPARE(answer.intHeader("X-Discogs-Ratelimit-Remaining"), 3 - used);
    }
    const Answer limited = get(endpoint(fake, releasePath(1000)));
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.message(), QStringLiteral("You are making requests too quickly."));
    QCOMPARE(fake.server().limitedCount(), 1);
}

void TestFakeDiscogs::determinism()
{
    FakeDiscogs one({.albumCount = 120});
    FakeDiscogs two({.albumCount = 120});
    QVERIFY(one.listen());
    QVERIFY(two.listen());
    QVERIFY(one.baseUrl() != two.baseUrl());

    QUrlQuery query;
    query.addQueryItem(QStringLiteral("q"), QStringLiteral("a"));
    query.addQueryItem(QStringLiteral("per_page"), QStringLiteral("10"));
    const QList<std::pair<QString, QUrlQuery>> requests {
        {releasePath(1057), {}},
        {releasePath(1119), {}},
        {collectionPath(QStringLiteral("collector")), pageQuery(2, 25)},
        {QStringLiteral("/database/search"), query}};
    for (const auto &[path, parameters] : requests) {
        const Answer first = get(endpoint(one, path, parameters));
        const Answer second = get(endpoint(two, path, parameters));
        QCOMPARE(first.status, 200);
        QCOMPARE(second.status, 200);
        QCOMPARE(withoutBase(one, first.body), withoutBase(two, second.body));
    }
    // The same album whatever the catalogue's size.
    const FakeDiscogs bigger({.albumCount = 1000});
    QCOMPARE(withoutBase(bigger, bigger.releaseBody(1057)),
             withoutBase(one, one.releaseBody(1057)));
}

void TestFakeDiscogs::albumCountIsClamped()
{
    QCOMPARE(FakeDiscogs({.albumCount = 3}).albumCount(), 10);
    FakeDiscogs largest({.albumCount = 1'000'000});
    QCOMPARE(largest.albumCount(), 100'000);
    QVERIFY(largest.listen());
    QCOMPARE(get(endpoint(largest, releasePath(100'999))).status, 200);
    QCOMPARE(get(endpoint(largest, releasePath(101'000))).status, 404);
    const Answer lastPage
        = get(endpoint(largest, collectionPath(QStringLiteral("collector")), pageQuery(1000, 100)));
    QCOMPARE(lastPage.status, 200);
    const ParseResult<AlbumListPage> parsed = DiscogsParser::collectionPage(lastPage.body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.value->albums.size(), 100);
    QCOMPARE(parsed.value->offset, 99'900);
    QVERIFY(parsed.value->next.isEmpty());
}

QTEST_GUILESS_MAIN(TestFakeDiscogs)
#include "tst_fakediscogs.moc"
