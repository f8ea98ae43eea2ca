#include "fakecoverart.h"
#include "fakemusicbrainz.h"
#include "parsertesting.h"
#include "providers/musicbrainzclient.h"
#include "providers/musicbrainzparser.h"

#include <QHostAddress>
#include <QImage>
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

#include <algorithm>
#include <memory>

using namespace aime;
using aime::fakes::FakeCoverArt;
using aime::fakes::FakeMusicBrainz;

namespace {

const QByteArray UserAgent = "AIME-tests/1.0 ( https://example.org/aime )";
constexpr int Timeout = 5000;

// One answer as the client saw it.
struct Answer
{
    int status = 0; // 0: no answer within the timeout
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QUrl url; // the last one, after redirects

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// How a request is sent; the defaults are what MusicBrainzClient sends.
struct Send
{
    QByteArray method = "GET";
    QByteArray userAgent = UserAgent;
    QByteArray accept = "application/json"; // empty: no Accept header
    bool followRedirects = false;
};

QJsonObject fixtureObject(const QString &name)
{
    return QJsonDocument::fromJson(testing::fixture(QLatin1String("musicbrainz"), name)).object();
}

// The URL MusicBrainzClient builds: every value percent-encoded, '+' included.
QUrl wsUrl(const FakeMusicBrainz &fake, const QString &path,
           const QList<QPair<QString, QString>> &query = {})
{
    QString url = fake.apiUrl().toString() + path;
    QStringList items;
    for (const auto &[key, value] : query)
        items.append(key + u'=' + QString::fromUtf8(QUrl::toPercentEncoding(value)));
    if (!items.isEmpty())
        url += u'?' + items.join(u'&');
    return QUrl(url, QUrl::StrictMode);
}

QList<QPair<QString, QString>> searchQuery(const QString &query, const QString &limit = {},
                                           const QString &offset = {})
{
    QList<QPair<QString, QString>> items {{QStringLiteral("query"), query},
                                          {QStringLiteral("fmt"), QStringLiteral("json")}};
    if (!limit.isNull())
        items.append({QStringLiteral("limit"), limit});
    if (!offset.isNull())
        items.append({QStringLiteral("offset"), offset});
    return items;
}

QUrl caaUrl(const FakeCoverArt &fake, const QString &path)
{
    return QUrl(fake.baseUrl().toString() + path, QUrl::StrictMode);
}

// Inside a Lucene phrase only '"' and '\' need a backslash.
QString phrase(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', QLatin1String("\\\\"));
    escaped.replace(u'"', QLatin1String("\\\""));
    return u'"' + escaped + u'"';
}

// The first album of a catalogue whose title Lucene would misread unescaped.
int oddTitleIndex(const FakeMusicBrainz &fake)
{
    static const QRegularExpression special(QStringLiteral("[&?/:()!+\\[\\]\"-]"));
    for (int i = 0; i < fake.albumCount(); ++i) {
        if (fake.title(i).contains(special))
            return i;
    }
    return -1;
}

// The first release (index, release) with or without a front cover, or with a back cover.
std::pair<int, int> releaseWhere(int albumCount, bool front, bool back = false)
{
    for (int i = 0; i < albumCount; ++i) {
        for (int r = 0; r < FakeMusicBrainz::releaseCount(i); ++r) {
            if (FakeMusicBrainz::hasFrontCover(i, r) == front
                && (!back || FakeMusicBrainz::hasBackCover(i, r)))
                return {i, r};
        }
    }
    return {-1, -1};
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

bool sameColour(QRgb a, const QColor &b)
{
    const int tolerance = 12; // JPEG is lossy
    return qAbs(qRed(a) - b.red()) <= tolerance && qAbs(qGreen(a) - b.green()) <= tolerance
        && qAbs(qBlue(a) - b.blue()) <= tolerance;
}

} // namespace

class TestFakeMusicBrainz : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void initTestCase();
    void cleanup();

    void search_data();
    void search();
    void searchPages();
    void searchLimits_data();
    void searchLimits();
    void searchWithoutMatches();
    void lookup_data();
    void lookup();
    void catalogueShape();
    void releaseGroupLookup();
    void errors_data();
    void errors();
    void format_data();
    void format();
    void userAgent_data();
    void userAgent();
    void rateLimit();
    void determinism();

    void coverArtIndex();
    void coverArtImage_data();
    void coverArtImage();
    void coverArtRedirectChain();
    void coverArtWithoutFront();
    void coverArtErrors_data();
    void coverArtErrors();
    void releaseGroupFront();

private:
    Answer send(const QUrl &url, const Send &how = {});

    // A new one for every test: a connection it kept to an old fake's port would be reused for
    // a new fake that got the same port, and fail once.
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

Answer TestFakeMusicBrainz::send(const QUrl &url, const Send &how)
{
    QNetworkRequest request(url);
    request.setRawHeader("User-Agent", how.userAgent);
    if (!how.accept.isEmpty())
        request.setRawHeader("Accept", how.accept);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         how.followRedirects ? QNetworkRequest::NoLessSafeRedirectPolicy
                                             : QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *sent = nullptr;
    if (how.method == "GET")
        sent = m_nam->get(request);
    else if (how.method == "HEAD")
        sent = m_nam->head(request);
    else
        sent = m_nam->sendCustomRequest(request, how.method, QByteArray());
    std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> reply(
        sent, [](QNetworkReply *r) { r->deleteLater(); });
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    Answer answer;
    if (!reply->isFinished() && !finished.wait(Timeout))
        return answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.headers = reply->rawHeaderPairs();
    answer.url = reply->url();
    return answer;
}

void TestFakeMusicBrainz::initTestCase()
{
    QVERIFY2(!fixtureObject(QStringLiteral("error-not-found.json")).isEmpty(),
             "AIME_FIXTURES must name tests/fixtures");
}

void TestFakeMusicBrainz::init()
{
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void TestFakeMusicBrainz::cleanup()
{
    m_nam.reset();
}

void TestFakeMusicBrainz::search_data()
{
    QTest::addColumn<int>("index"); // -1: the first album with a title Lucene would misread
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("exact");

    QTest::newRow("title 0") << 0 << QStringLiteral("title") << true;
    QTest::newRow("title 57") << 57 << QStringLiteral("title") << true;
    QTest::newRow("title in upper case") << 131 << QStringLiteral("upper") << true;
    QTest::newRow("artist and title") << 12 << QStringLiteral("artist title") << true;
    QTest::newRow("fielded phrases") << 299 << QStringLiteral("fielded") << true;
    QTest::newRow("odd title, escaped") << -1 << QStringLiteral("title") << true;
    QTest::newRow("odd title, fielded") << -1 << QStringLiteral("fielded") << true;
    QTest::newRow("artist only") << 77 << QStringLiteral("artist") << false;
}

void TestFakeMusicBrainz::search()
{
    QFETCH(int, index);
    QFETCH(QString, kind);
    QFETCH(bool, exact);

    FakeMusicBrainz fake({.albumCount = 300, .strictRate = false});
    QVERIFY(fake.listen());
    if (index < 0)
        index = oddTitleIndex(fake);
    QVERIFY(index >= 0);
    const QString title = fake.title(index);
    const QString artist = fake.artistCredit(index);
    QString query;
    if (kind == u"title")
        query = MusicBrainzClient::luceneQuery(title);
    else if (kind == u"upper")
        query = MusicBrainzClient::luceneQuery(title.toUpper());
    else if (kind == u"artist title")
        query = MusicBrainzClient::luceneQuery(artist + u' ' + title);
    else if (kind == u"artist")
        query = MusicBrainzClient::luceneQuery(artist);
    else
        query = QLatin1String("releasegroup:") + phrase(title) + QLatin1String(" AND artist:")
            + phrase(artist);

    const Answer answer = send(
        wsUrl(fake, QStringLiteral("/release-group"), searchQuery(query, QStringLiteral("100"))));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.header("Content-Type"), QByteArray("application/json"));
    const ParseResult<AlbumListPage> parsed = MusicBrainzParser::releaseGroupSearch(answer.body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QVERIFY(parsed.value->total >= 1);

    const QJsonArray groups = answer.json().value(u"release-groups").toArray();
    QCOMPARE(groups.size(), parsed.value->albums.size());
    int found = -1;
    int previousScore = 100;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const QJsonValue score = groups.at(i)[QLatin1String("score")];
        QVERIFY(score.isDouble()); // an int, as current answers have it
        QVERIFY(score.toInt() <= previousScore);
        previousScore = score.toInt();
        if (groups.at(i)[QLatin1String("id")].toString() == FakeMusicBrainz::releaseGroupId(index))
            found = int(i);
    }
    QVERIFY2(found >= 0, qPrintable(query));
    const Album &album = parsed.value->albums.at(found);
    QCOMPARE(album.title, title);
    QCOMPARE(album.artist, artist);
    QCOMPARE(groups.at(found)[QLatin1String("score")].toInt() == 100, exact);
    if (exact)
        QCOMPARE(groups.at(0)[QLatin1String("score")].toInt(), 100);

    const QJsonArray releases = groups.at(found)[QLatin1String("releases")].toArray();
    QCOMPARE(releases.size(), FakeMusicBrainz::releaseCount(index));
    QCOMPARE(groups.at(found)[QLatin1String("count")].toInt(), int(releases.size()));
    for (int r = 0; r < releases.size(); ++r) {
        QCOMPARE(releases.at(r)[QLatin1String("id")].toString(),
                 FakeMusicBrainz::releaseId(index, r));
        QVERIFY(!releases.at(r)[QLatin1String("status-id")].toString().isEmpty());
    }
}

// Paging by offset, as MusicBrainzClient does: every hit once, "count" the same on every page.
void TestFakeMusicBrainz::searchPages()
{
    FakeMusicBrainz fake({.albumCount = 300, .strictRate = false});
    QVERIFY(fake.listen());
    const int limit = 7;
    QSet<QString> ids;
    int offset = 0;
    int total = -1;
    int pages = 0;
    do {
        const Answer answer = send(wsUrl(
            fake, QStringLiteral("/release-group"),
            searchQuery(QStringLiteral("the"), QString::number(limit), QString::number(offset))));
        QCOMPARE(answer.status, 200);
        const ParseResult<AlbumListPage> parsed
            = MusicBrainzParser::releaseGroupSearch(answer.body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        if (total < 0)
            total = parsed.value->total;
        QCOMPARE(parsed.value->total, total);
        QCOMPARE(parsed.value->offset, offset);
        QCOMPARE(parsed.value->albums.size(), qMin(limit, total - offset));
        for (const Album &album : parsed.value->albums) {
            QVERIFY(album.title.contains(u"The") || album.artist.contains(u"The"));
            ids.insert(album.sources.value(0).externalId);
        }
        offset += int(parsed.value->albums.size());
        ++pages;
    } while (offset < total && pages < 100);
    QVERIFY2(total > 2 * limit, qPrintable(QString::number(total)));
    QCOMPARE(ids.size(), total);
}

void TestFakeMusicBrainz::searchLimits_data()
{
    QTest::addColumn<QString>("limit"); // null: not sent
    QTest::addColumn<QString>("offset");
    QTest::addColumn<int>("pageSize"); // the page size the fake should use
    QTest::addColumn<int>("offsetUsed"); // -1: past the end

    QTest::newRow("default") << QString() << QString() << 25 << 0;
    QTest::newRow("1") << QStringLiteral("1") << QString() << 1 << 0;
    QTest::newRow("100") << QStringLiteral("100") << QString() << 100 << 0;
    QTest::newRow("0 falls back to 25") << QStringLiteral("0") << QString() << 25 << 0;
    QTest::newRow("101 falls back to 25") << QStringLiteral("101") << QString() << 25 << 0;
    QTest::newRow("not a number") << QStringLiteral("many") << QString() << 25 << 0;
    QTest::newRow("offset 10") << QStringLiteral("5") << QStringLiteral("10") << 5 << 10;
    QTest::newRow("negative offset") << QStringLiteral("5") << QStringLiteral("-3") << 5 << 0;
    QTest::newRow("offset past the end") << QString() << QStringLiteral("100000") << 25 << -1;
}

void TestFakeMusicBrainz::searchLimits()
{
    QFETCH(QString, limit);
    QFETCH(QString, offset);
    QFETCH(int, pageSize);
    QFETCH(int, offsetUsed);

    FakeMusicBrainz fake({.albumCount = 400, .strictRate = false});
    QVERIFY(fake.listen());
    const Answer answer = send(wsUrl(fake, QStringLiteral("/release-group"),
                                     searchQuery(QStringLiteral("the"), limit, offset)));
    QCOMPARE(answer.status, 200);
    const ParseResult<AlbumListPage> parsed = MusicBrainzParser::releaseGroupSearch(answer.body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    const int total = parsed.value->total;
    QVERIFY2(total > 100, qPrintable(QString::number(total)));
    if (offsetUsed < 0) {
        QVERIFY(parsed.value->albums.isEmpty());
        return;
    }
    QCOMPARE(parsed.value->offset, offsetUsed);
    QCOMPARE(parsed.value->albums.size(), qMin(pageSize, total - offsetUsed));
}

void TestFakeMusicBrainz::searchWithoutMatches()
{
    FakeMusicBrainz fake({.albumCount = 50, .strictRate = false});
    QVERIFY(fake.listen());
    const Answer answer = send(
        wsUrl(fake, QStringLiteral("/release-group"), searchQuery(QStringLiteral("zyxxyq qqqzz"))));
    QCOMPARE(answer.status, 200);
    const ParseResult<AlbumListPage> parsed = MusicBrainzParser::releaseGroupSearch(answer.body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.value->total, 0);
    QVERIFY(parsed.value->albums.isEmpty());
}

void TestFakeMusicBrainz::lookup_data()
{
    QTest::addColumn<QByteArray>("inc"); // as it goes on the wire; empty: no inc parameter
    QTest::addColumn<bool>("credits");
    QTest::addColumn<bool>("labels");
    QTest::addColumn<bool>("media");

    QTest::newRow("no inc") << QByteArray() << false << false << false;
    QTest::newRow("artist-credits") << QByteArray("artist-credits") << true << false << false;
    QTest::newRow("labels") << QByteArray("labels") << false << true << false;
    QTest::newRow("recordings") << QByteArray("recordings") << false << false << true;
    QTest::newRow("all, %2B as the client sends it")
        << QByteArray("recordings%2Bartist-credits%2Blabels") << true << true << true;
    QTest::newRow("all, literal +")
        << QByteArray("recordings+artist-credits+labels") << true << true << true;
    QTest::newRow("all, spaces") << QByteArray("labels%20recordings%20artist-credits") << true
                                 << true << true;
}

void TestFakeMusicBrainz::lookup()
{
    QFETCH(QByteArray, inc);
    QFETCH(bool, credits);
    QFETCH(bool, labels);
    QFETCH(bool, media);

    FakeMusicBrainz fake({.albumCount = 100, .strictRate = false});
    QVERIFY(fake.listen());
    const int index = 42;
    const QString id = FakeMusicBrainz::releaseId(index, FakeMusicBrainz::releaseCount(index) - 1);
    QByteArray url = fake.apiUrl().toEncoded() + "/release/" + id.toLatin1() + "?fmt=json";
    if (!inc.isEmpty())
        url += "&inc=" + inc;
    const Answer answer = send(QUrl::fromEncoded(url, QUrl::StrictMode));
    QCOMPARE(answer.status, 200);
    QVERIFY2(fake.server().requestPaths().constLast().endsWith(inc),
             fake.server().requestPaths().constLast().constData());

    const QJsonObject release = answer.json();
    QCOMPARE(release.value(u"id").toString(), id);
    QCOMPARE(release.value(u"title").toString(), fake.title(index));
    QCOMPARE(release.contains(u"artist-credit"), credits);
    QCOMPARE(release.contains(u"label-info"), labels);
    QCOMPARE(release.contains(u"media"), media);
    QVERIFY(release.value(u"barcode").isString() || release.value(u"barcode").isNull());
    const QJsonObject art = release.value(u"cover-art-archive").toObject();
    for (const char *key : {"artwork", "front", "back", "darkened"})
        QVERIFY2(art.value(QLatin1String(key)).isBool(), key);
    QVERIFY(art.value(u"count").isDouble());

    if (credits && labels && media) {
        const ParseResult<Album> parsed = MusicBrainzParser::release(answer.body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(parsed.value->title, fake.title(index));
        QCOMPARE(parsed.value->artist, fake.artistCredit(index));
        QVERIFY(parsed.value->tracks.size() >= 4);
        QCOMPARE(parsed.value->sources.value(0).externalId, id);
        const QJsonObject track
            = release.value(u"media").toArray().at(0)[QLatin1String("tracks")][0].toObject();
        QVERIFY(track.contains(u"artist-credit"));
        QVERIFY(track.value(u"recording").toObject().contains(u"artist-credit"));
    }
}

// Over a whole catalogue, in process: every release parses, barcodes are sometimes null and
// sometimes "", about 1 release in 10 has no front cover, and MBIDs read back to their album.
void TestFakeMusicBrainz::catalogueShape()
{
    const FakeMusicBrainz fake({.albumCount = 300, .strictRate = false});
    const QStringList inc {QStringLiteral("recordings"), QStringLiteral("artist-credits"),
                           QStringLiteral("labels")};
    int releases = 0;
    int nullBarcodes = 0;
    int emptyBarcodes = 0;
    int withoutFront = 0;
    bool sidePositions = false;
    QSet<QString> ids;
    for (int i = 0; i < fake.albumCount(); ++i) {
        const QString group = FakeMusicBrainz::releaseGroupId(i);
        QCOMPARE(FakeMusicBrainz::findReleaseGroup(group, fake.albumCount()).value_or(-1), i);
        QVERIFY(!FakeMusicBrainz::findRelease(group, fake.albumCount()));
        QVERIFY(FakeMusicBrainz::isMbid(group));
        ids.insert(group);
        const int count = FakeMusicBrainz::releaseCount(i);
        QVERIFY(count >= 1 && count <= 3);
        for (int r = 0; r < count; ++r) {
            ++releases;
            const QString id = FakeMusicBrainz::releaseId(i, r);
            QCOMPARE(id, id.toLower());
            ids.insert(id);
            const auto ref = FakeMusicBrainz::findRelease(id.toUpper(), fake.albumCount());
            QVERIFY(ref && ref->index == i && ref->release == r);

            const QByteArray body = fake.releaseBody(id, inc);
            const ParseResult<Album> parsed = MusicBrainzParser::release(body);
            QVERIFY2(parsed.ok(), qPrintable(parsed.error));
            QVERIFY(parsed.value->tracks.size() >= 4 && parsed.value->tracks.size() <= 14);
            const QJsonObject release = QJsonDocument::fromJson(body).object();
            nullBarcodes += release.value(u"barcode").isNull() ? 1 : 0;
            emptyBarcodes += release.value(u"barcode") == QJsonValue(QString()) ? 1 : 0;
            const bool front = release.value(u"cover-art-archive")[QLatin1String("front")].toBool();
            QCOMPARE(front, FakeMusicBrainz::hasFrontCover(i, r));
            withoutFront += front ? 0 : 1;
            const QString number
                = release.value(u"media")[0][QLatin1String("tracks")][0][QLatin1String("number")]
                      .toString();
            sidePositions = sidePositions || number == u"A1";
        }
    }
    QCOMPARE(ids.size(), fake.albumCount() + releases);
    QVERIFY2(nullBarcodes > 0 && emptyBarcodes > 0,
             qPrintable(QStringLiteral("%1 %2").arg(nullBarcodes).arg(emptyBarcodes)));
    QVERIFY2(nullBarcodes + emptyBarcodes < releases / 4, qPrintable(QString::number(releases)));
    QVERIFY2(withoutFront * 20 >= releases && withoutFront * 5 <= releases,
             qPrintable(QStringLiteral("%1 of %2").arg(withoutFront).arg(releases)));
    QVERIFY(sidePositions);
    QVERIFY(!FakeMusicBrainz::findRelease(FakeMusicBrainz::releaseId(300, 0), 300));
}

void TestFakeMusicBrainz::releaseGroupLookup()
{
    FakeMusicBrainz fake({.albumCount = 100, .strictRate = false});
    QVERIFY(fake.listen());
    int index = 0;
    while (FakeMusicBrainz::releaseCount(index) < 2)
        ++index;
    const QString group = FakeMusicBrainz::releaseGroupId(index);
    const Answer withReleases
        = send(wsUrl(fake, QLatin1String("/release-group/") + group,
                     {{QStringLiteral("inc"), QStringLiteral("releases+artist-credits")},
                      {QStringLiteral("fmt"), QStringLiteral("json")}}));
    QCOMPARE(withReleases.status, 200);
    const QJsonObject body = withReleases.json();
    QCOMPARE(body.value(u"id").toString(), group);
    QCOMPARE(body.value(u"title").toString(), fake.title(index));
    QVERIFY(body.contains(u"artist-credit"));
    QStringList ids;
    for (const QJsonValue &release : body.value(u"releases").toArray())
        ids.append(release[QLatin1String("id")].toString());
    QStringList expected;
    for (int r = 0; r < FakeMusicBrainz::releaseCount(index); ++r)
        expected.append(FakeMusicBrainz::releaseId(index, r));
    QCOMPARE(ids, expected);

    const Answer bare = send(wsUrl(fake, QLatin1String("/release-group/") + group,
                                   {{QStringLiteral("fmt"), QStringLiteral("json")}}));
    QCOMPARE(bare.status, 200);
    QVERIFY(!bare.json().contains(u"releases"));
    QVERIFY(!bare.json().contains(u"artist-credit"));
}

void TestFakeMusicBrainz::errors_data()
{
    QTest::addColumn<QString>("path"); // after /ws/2, fmt=json is added
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("fixture"); // the whole body; empty: check message instead
    QTest::addColumn<QString>("message");

    const QString invalid = QStringLiteral("error-invalid-mbid.json");
    const QString notFound = QStringLiteral("error-not-found.json");
    const QString release = QStringLiteral("/release/");
    QTest::newRow("not a UUID") << QStringLiteral("/release/ok-computer?") << 400 << invalid
                                << QString();
    QTest::newRow("nil UUID") << QStringLiteral("/release/00000000-0000-0000-0000-000000000000?")
                              << 400 << invalid << QString();
    QTest::newRow("group, not a UUID")
        << QStringLiteral("/release-group/12345?") << 400 << invalid << QString();
    QTest::newRow("unknown UUID") << QStringLiteral(
        "/release/0b6b4ba0-d36f-47bd-b4ea-6a5b91842d29?")
                                  << 404 << notFound << QString();
    QTest::newRow("beyond the catalogue")
        << QString(release + FakeMusicBrainz::releaseId(100, 0) + u'?') << 404 << notFound
        << QString();
    QTest::newRow("release group id as a release")
        << QString(release + FakeMusicBrainz::releaseGroupId(3) + u'?') << 404 << notFound
        << QString();
    QTest::newRow("release id as a release group")
        << QString(QLatin1String("/release-group/") + FakeMusicBrainz::releaseId(3, 0) + u'?')
        << 404 << notFound << QString();
    QTest::newRow("unknown resource")
        << QString(QLatin1String("/artist/") + FakeMusicBrainz::releaseId(3, 0) + u'?') << 404
        << notFound << QString();
    QTest::newRow("bad inc")
        << QString(release + FakeMusicBrainz::releaseId(3, 0) + QLatin1String("?inc=bogus&")) << 400
        << QString()
        << QStringLiteral("bogus is not a valid inc parameter for the release resource.");
    QTest::newRow("search without a query")
        << QStringLiteral("/release-group?query=&") << 400 << QString() << QString();
}

void TestFakeMusicBrainz::errors()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, fixture);
    QFETCH(QString, message);

    FakeMusicBrainz fake({.albumCount = 100, .strictRate = false});
    QVERIFY(fake.listen());
    const Answer answer = send(QUrl(fake.apiUrl().toString() + path + QLatin1String("fmt=json")));
    QCOMPARE(answer.status, status);
    if (!fixture.isEmpty())
        QCOMPARE(answer.json(), fixtureObject(fixture));
    else if (!message.isEmpty())
        QCOMPARE(answer.json().value(u"error").toString(), message);
    QVERIFY(!MusicBrainzParser::errorMessage(answer.body).isEmpty());
}

void TestFakeMusicBrainz::format_data()
{
    QTest::addColumn<QString>("fmt"); // null: not sent
    QTest::addColumn<QByteArray>("accept"); // empty: not sent
    QTest::addColumn<int>("status");

    QTest::newRow("fmt=json") << QStringLiteral("json") << QByteArray() << 200;
    QTest::newRow("Accept only") << QString() << QByteArray("application/json") << 200;
    QTest::newRow("both") << QStringLiteral("json") << QByteArray("application/json") << 200;
    QTest::newRow("neither: XML, which the fake does not speak")
        << QString() << QByteArray() << 406;
    QTest::newRow("fmt wins over Accept")
        << QStringLiteral("xml") << QByteArray("application/json") << 406;
    QTest::newRow("unknown fmt") << QStringLiteral("yaml") << QByteArray() << 406;
}

void TestFakeMusicBrainz::format()
{
    QFETCH(QString, fmt);
    QFETCH(QByteArray, accept);
    QFETCH(int, status);

    FakeMusicBrainz fake({.albumCount = 10, .strictRate = false});
    QVERIFY(fake.listen());
    QList<QPair<QString, QString>> query {{QStringLiteral("inc"), QStringLiteral("labels")}};
    if (!fmt.isNull())
        query.append({QStringLiteral("fmt"), fmt});
    const Answer answer
        = send(wsUrl(fake, QLatin1String("/release/") + FakeMusicBrainz::releaseId(1, 0), query),
               {.accept = accept});
    QCOMPARE(answer.status, status);
    if (status == 200)
        QCOMPARE(answer.json().value(u"id").toString(), FakeMusicBrainz::releaseId(1, 0));
}

void TestFakeMusicBrainz::userAgent_data()
{
    QTest::addColumn<QByteArray>("headerLine"); // empty: no User-Agent line at all
    QTest::addColumn<int>("status");

    QTest::newRow("missing") << QByteArray() << 403;
    QTest::newRow("empty") << QByteArray("User-Agent: \r\n") << 403;
    QTest::newRow("Qt's default") << QByteArray("User-Agent: Mozilla/5.0\r\n") << 403;
    QTest::newRow("curl") << QByteArray("User-Agent: curl/7.88.1\r\n") << 403;
    QTest::newRow("python-requests") << QByteArray("User-Agent: python-requests/2.28.1\r\n") << 403;
    QTest::newRow("Java") << QByteArray("User-Agent: Java/17.0.2\r\n") << 403;
    QTest::newRow("AIME without contact") << QByteArray("User-Agent: AIME/0.1\r\n") << 200;
    QTest::newRow("AIME with contact") << QByteArray("User-Agent: " + UserAgent + "\r\n") << 200;
}

void TestFakeMusicBrainz::userAgent()
{
    QFETCH(QByteArray, headerLine);
    QFETCH(int, status);
    FakeMusicBrainz fake({.albumCount = 10, .strictRate = false});
    QVERIFY(fake.listen());
    const QByteArray answer
        = rawExchange(fake.server().port(),
                      "GET /ws/2/release/" + FakeMusicBrainz::releaseId(2, 0).toLatin1()
                          + "?fmt=json HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headerLine
                          + "Connection: close\r\n\r\n");
    QVERIFY(!answer.isEmpty());
    QVERIFY2(answer.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status))),
             answer.left(40).constData());
    const QByteArray body = answer.mid(answer.indexOf("\r\n\r\n") + 4);
    if (status == 403)
        QVERIFY(MusicBrainzParser::errorMessage(body).contains(u"User-Agent"));
    else
        QCOMPARE(QJsonDocument::fromJson(body).object().value(u"id").toString(),
                 FakeMusicBrainz::releaseId(2, 0));
}

// By default one request a second, as MusicBrainz: the next one gets its 503 and JSON body. The
// window is widened here so that a slow machine cannot let the second request through.
void TestFakeMusicBrainz::rateLimit()
{
    QCOMPARE(FakeMusicBrainz({.albumCount = 10, .strictRate = false}).server().rateLimit(), 0);
    FakeMusicBrainz fake({.albumCount = 10});
    QCOMPARE(fake.server().rateLimit(), 1);
    QCOMPARE(fake.server().rateWindow(), std::chrono::milliseconds(1000));
    fake.server().setRateLimit(1, std::chrono::seconds(60), 503);
    QVERIFY(fake.listen());

    const QUrl url = wsUrl(fake, QLatin1String("/release/") + FakeMusicBrainz::releaseId(4, 0),
                           {{QStringLiteral("fmt"), QStringLiteral("json")}});
    const Answer first = send(url);
    QCOMPARE(first.status, 200);
    const Answer second = send(url);
    QCOMPARE(second.status, 503);
    QCOMPARE(second.json(), fixtureObject(QStringLiteral("error-rate-limited.json")));
    QCOMPARE(second.body, FakeMusicBrainz::rateLimitedBody());
    QVERIFY(second.header("Retry-After").toInt() > 0);
    QVERIFY(MusicBrainzParser::errorMessage(second.body).contains(u"rate limit"));
    QCOMPARE(fake.server().limitedCount(), 1);
}

void TestFakeMusicBrainz::determinism()
{
    FakeMusicBrainz one({.albumCount = 120, .strictRate = false});
    FakeMusicBrainz two({.albumCount = 120, .strictRate = false});
    QVERIFY(one.listen());
    QVERIFY(two.listen());
    const QString release = FakeMusicBrainz::releaseId(77, 0);
    const QList<std::pair<QString, QList<QPair<QString, QString>>>> requests {
        {QStringLiteral("/release-group"),
         searchQuery(QStringLiteral("the"), QStringLiteral("50"))},
        {QLatin1String("/release/") + release,
         {{QStringLiteral("inc"), QStringLiteral("recordings+artist-credits+labels")},
          {QStringLiteral("fmt"), QStringLiteral("json")}}}};
    for (const auto &[path, query] : requests) {
        const Answer first = send(wsUrl(one, path, query));
        const Answer second = send(wsUrl(two, path, query));
        QCOMPARE(first.status, 200);
        QCOMPARE(second.status, 200);
        QCOMPARE(first.body, second.body);
    }
    // The same album whatever the catalogue's size.
    const QStringList inc {QStringLiteral("recordings"), QStringLiteral("labels")};
    const FakeMusicBrainz bigger({.albumCount = 5000, .strictRate = false});
    QCOMPARE(bigger.releaseBody(release, inc), one.releaseBody(release, inc));
}

void TestFakeMusicBrainz::coverArtIndex()
{
    FakeCoverArt fake({.albumCount = 100});
    QVERIFY(fake.listen());
    for (const bool back : {false, true}) {
        const auto [index, release] = releaseWhere(100, true, back);
        QVERIFY(index >= 0);
        const QString mbid = FakeMusicBrainz::releaseId(index, release);
        const Answer answer = send(caaUrl(fake, QLatin1String("/release/") + mbid));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.header("Content-Type"), QByteArray("application/json"));

        const QJsonObject body = answer.json();
        QCOMPARE(body.value(u"release").toString(),
                 QString(QLatin1String("https://musicbrainz.org/release/") + mbid));
        const QJsonArray images = body.value(u"images").toArray();
        QCOMPARE(images.size(), back ? 2 : 1);
        const QJsonObject front = images.at(0).toObject();
        QVERIFY(front.value(u"front").toBool());
        QVERIFY(front.value(u"id").isDouble()); // a number, as the archive sends it today
        QCOMPARE(front.value(u"id").toInteger(), FakeCoverArt::imageId(index, release, false));
        QVERIFY(front.value(u"image").toString().startsWith(fake.baseUrl().toString()));

        for (const int size : {250, 500, 1200}) {
            const ParseResult<QUrl> url = MusicBrainzParser::coverArtFront(answer.body, size);
            QVERIFY2(url.ok(), qPrintable(url.error));
            QCOMPARE(url.value->scheme(), QStringLiteral("http")); // loopback stays http
            QCOMPARE(url.value->port(), int(fake.server().port()));
            QVERIFY(url.value->path().endsWith(QStringLiteral("-%1.jpg").arg(size)));
        }
    }
}

void TestFakeMusicBrainz::coverArtImage_data()
{
    QTest::addColumn<QString>("item");
    QTest::addColumn<bool>("back");
    QTest::addColumn<int>("size");

    QTest::newRow("front-250") << QStringLiteral("front-250") << false << 250;
    QTest::newRow("front-500") << QStringLiteral("front-500") << false << 500;
    QTest::newRow("front-1200") << QStringLiteral("front-1200") << false << 1200;
    QTest::newRow("front, full size") << QStringLiteral("front") << false << 1200;
    QTest::newRow("front-small (legacy)") << QStringLiteral("front-small") << false << 250;
    QTest::newRow("back-250") << QStringLiteral("back-250") << true << 250;
    QTest::newRow("index thumbnail") << QStringLiteral("<id>-500.jpg") << false << 500;
}

// Followed as MusicBrainzClient follows redirects: 307, 302, then a JPEG of the size asked for.
void TestFakeMusicBrainz::coverArtImage()
{
    QFETCH(QString, item);
    QFETCH(bool, back);
    QFETCH(int, size);

    FakeCoverArt fake({.albumCount = 100});
    QVERIFY(fake.listen());
    const auto [index, release] = releaseWhere(100, true, back);
    QVERIFY(index >= 0);
    const QString mbid = FakeMusicBrainz::releaseId(index, release);
    item.replace(QLatin1String("<id>"),
                 QString::number(FakeCoverArt::imageId(index, release, back)));

    const Answer answer = send(caaUrl(fake, QStringLiteral("/release/%1/%2").arg(mbid, item)),
                               {.accept = "image/*", .followRedirects = true});
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.header("Content-Type"), QByteArray("image/jpeg"));
    QVERIFY2(answer.url.path().startsWith(QLatin1String("/files/mbid-") + mbid),
             qPrintable(answer.url.toString()));
    // The archive, archive.org's download address, the file. Under load Qt 6.4 sometimes sends a
    // redirected request twice, so repeats are not counted.
    QList<QByteArray> paths = fake.server().requestPaths();
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
    QVERIFY2(paths.size() == 3 && paths.at(1).startsWith("/download/")
                 && paths.at(2) == answer.url.path().toUtf8(),
             fake.server().requestPaths().join(' ').constData());

    const QImage image = QImage::fromData(answer.body, "JPEG");
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(size, size));
    QVERIFY(sameColour(image.pixel(size / 2, size / 2), FakeCoverArt::colourOf(mbid, back)));
    QVERIFY(fake.imagesServed() >= 1);
    QCOMPARE(fake.imageBytesServed(), fake.imagesServed() * qint64(answer.body.size()));
}

// Step by step: the archive's 307, archive.org's 302, the file; and HEAD on the index.
void TestFakeMusicBrainz::coverArtRedirectChain()
{
    FakeCoverArt fake({.albumCount = 100});
    QVERIFY(fake.listen());
    const auto [index, release] = releaseWhere(100, true);
    const QString mbid = FakeMusicBrainz::releaseId(index, release);
    const QString name = QStringLiteral("mbid-%1-%2_thumb250.jpg")
                             .arg(mbid)
                             .arg(FakeCoverArt::imageId(index, release, false));
    const QString base = fake.baseUrl().toString();

    const Answer archive = send(caaUrl(fake, QStringLiteral("/release/%1/front-250").arg(mbid)));
    QCOMPARE(archive.status, 307);
    const QString download = base + QStringLiteral("/download/mbid-%1/%2").arg(mbid, name);
    QCOMPARE(QString::fromUtf8(archive.header("Location")), download);

    const Answer mirror = send(QUrl(download));
    QCOMPARE(mirror.status, 302);
    const QString file = base + QStringLiteral("/files/mbid-%1/%2").arg(mbid, name);
    QCOMPARE(QString::fromUtf8(mirror.header("Location")), file);

    const Answer image = send(QUrl(file));
    QCOMPARE(image.status, 200);
    QCOMPARE(QImage::fromData(image.body).size(), QSize(250, 250));
    QCOMPARE(fake.imageBytesServed(), qint64(image.body.size()));

    const Answer head = send(caaUrl(fake, QLatin1String("/release/") + mbid), {.method = "HEAD"});
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
}

void TestFakeMusicBrainz::coverArtWithoutFront()
{
    FakeCoverArt fake({.albumCount = 100});
    QVERIFY(fake.listen());
    const auto [index, release] = releaseWhere(100, false);
    QVERIFY(index >= 0);
    const QString mbid = FakeMusicBrainz::releaseId(index, release);

    // The MusicBrainz fake says so too.
    const FakeMusicBrainz musicBrainz({.albumCount = 100, .strictRate = false});
    const QJsonObject art = QJsonDocument::fromJson(musicBrainz.releaseBody(mbid, {}))
                                .object()
                                .value(u"cover-art-archive")
                                .toObject();
    QCOMPARE(art.value(u"front").toBool(true), false);
    QCOMPARE(art.value(u"artwork").toBool(true), false);

    const QStringList paths {QLatin1String("/release/") + mbid,
                             QStringLiteral("/release/%1/front-250").arg(mbid),
                             QStringLiteral("/release/%1/front").arg(mbid)};
    for (const QString &path : paths) {
        const Answer answer = send(caaUrl(fake, path), {.followRedirects = true});
        QCOMPARE(answer.status, 404);
    }
    QCOMPARE(fake.imagesServed(), 0);
}

void TestFakeMusicBrainz::coverArtErrors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path"); // <mbid>: a release with a front cover
    QTest::addColumn<int>("status");

    QTest::newRow("not a UUID") << QByteArray("GET") << QStringLiteral("/release/blue") << 400;
    QTest::newRow("unknown release")
        << QByteArray("GET") << QStringLiteral("/release/0b6b4ba0-d36f-47bd-b4ea-6a5b91842d29")
        << 404;
    QTest::newRow("release group id as a release")
        << QByteArray("GET")
        << QString(QLatin1String("/release/") + FakeMusicBrainz::releaseGroupId(1)) << 404;
    QTest::newRow("POST") << QByteArray("POST") << QStringLiteral("/release/<mbid>") << 405;
    QTest::newRow("DELETE") << QByteArray("DELETE") << QStringLiteral("/release/<mbid>") << 405;
    QTest::newRow("unknown image id")
        << QByteArray("GET") << QStringLiteral("/release/<mbid>/12345-250") << 404;
    QTest::newRow("size not served")
        << QByteArray("GET") << QStringLiteral("/release/<mbid>/front-300") << 404;
    QTest::newRow("unknown download")
        << QByteArray("GET") << QStringLiteral("/download/mbid-x/mbid-x-1.jpg") << 404;
    QTest::newRow("unknown path") << QByteArray("GET") << QStringLiteral("/nowhere") << 404;
}

void TestFakeMusicBrainz::coverArtErrors()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);

    FakeCoverArt fake({.albumCount = 100});
    QVERIFY(fake.listen());
    const auto [index, release] = releaseWhere(100, true);
    path.replace(QLatin1String("<mbid>"), FakeMusicBrainz::releaseId(index, release));
    const Answer answer = send(caaUrl(fake, path), {.method = method});
    QCOMPARE(answer.status, status);
}

// A release group's front is the front of its first release that has one.
void TestFakeMusicBrainz::releaseGroupFront()
{
    FakeCoverArt fake({.albumCount = 200});
    QVERIFY(fake.listen());
    // Preferably a group whose first release has no front, so the choice shows.
    int group = 0;
    for (int i = 0; i < fake.albumCount(); ++i) {
        if (!FakeMusicBrainz::hasFrontCover(i, 0) && FakeMusicBrainz::releaseCount(i) > 1
            && FakeMusicBrainz::hasFrontCover(i, 1)) {
            group = i;
            break;
        }
    }
    const int release = FakeMusicBrainz::hasFrontCover(group, 0) ? 0 : 1;
    const QString mbid = FakeMusicBrainz::releaseId(group, release);
    const QString groupMbid = FakeMusicBrainz::releaseGroupId(group);

    const Answer index = send(caaUrl(fake, QLatin1String("/release-group/") + groupMbid));
    QCOMPARE(index.status, 200);
    QCOMPARE(index.json().value(u"release").toString(),
             QString(QLatin1String("https://musicbrainz.org/release/") + mbid));

    const Answer image
        = send(caaUrl(fake, QStringLiteral("/release-group/%1/front-500").arg(groupMbid)),
               {.followRedirects = true});
    QCOMPARE(image.status, 200);
    QVERIFY2(image.url.path().contains(mbid), qPrintable(image.url.toString()));
    QCOMPARE(QImage::fromData(image.body).size(), QSize(500, 500));
}

QTEST_MAIN(TestFakeMusicBrainz)
#include "tst_fakemusicbrainz.moc"
