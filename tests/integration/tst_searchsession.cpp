#include "core/datalocation.h"
#include "core/workerpool.h"
#include "domain/albumidentity.h"
#include "fakediscogs.h"
#include "fakemusicbrainz.h"
#include "fakespotify.h"
#include "import/importmanager.h"
#include "import/singlealbumimport.h"
#include "providers/discogsclient.h"
#include "providers/discogsparser.h"
#include "providers/musicbrainzclient.h"
#include "providers/musicbrainzparser.h"
#include "providers/spotifyclient.h"
#include "search/searchresults.h"
#include "search/searchsession.h"
#include "searchresultmodel.h"
#include "store/albumstore.h"
#include "testdata.h"

#include <QAbstractItemModelTester>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>

using namespace aime;
using namespace std::chrono_literals;
using fakes::FakeDiscogs;
using fakes::FakeMusicBrainz;
using fakes::FakeServer;
using fakes::FakeSpotify;
using fakes::Fault;

namespace {

// Search Online's deadlines (10 s, 5 s and 30 s in the application) scaled down so the suite
// stays fast. The provider deadline stays above one second: MusicBrainz' gate sends one request
// a second, so its retried 5xx takes a little over a second and must still end as a failure,
// not as a timeout.
constexpr SearchTimeouts scaledTimeouts {.provider = 2000ms, .local = 1000ms, .total = 5000ms};
// How long a test waits for what takes a few seconds at most (Debug + ASan is slow).
constexpr int waitMs = 10000;
// Catalogues large enough that the shared word is in dozens of titles of each.
constexpr int catalogueSize = 1000;

const QString localName = QString::fromLatin1(SearchProviders::local);
const QString spotifyName = QString::fromLatin1(SearchProviders::spotify);
const QString discogsName = QString::fromLatin1(SearchProviders::discogs);
const QString musicBrainzName = QString::fromLatin1(SearchProviders::musicBrainz);
const QStringList onlineNames {spotifyName, discogsName, musicBrainzName};

// The one title word the three fakes' vocabularies share (each generates its catalogue from
// word lists of its own), so a search for it finds albums at every provider.
const QString sharedWord = QStringLiteral("quiet");
// A word of Spotify's and Discogs' titles that MusicBrainz' do not use.
const QString otherWord = QStringLiteral("rivers");

QString entryKey(const SearchHit &hit)
{
    return hit.provider + u':' + hit.externalId();
}

QString describe(const ProviderResults &results)
{
    return results.provider + u' ' + SearchProviders::stateName(results.state) + u' '
        + QString::number(results.elapsedMs) + QStringLiteral(" ms: ") + results.message;
}

ProviderResults resultsOf(const QList<ProviderResults> &all, const QString &provider)
{
    for (const ProviderResults &results : all) {
        if (results.provider == provider)
            return results;
    }
    return {};
}

// How one search of every provider ended.
struct Finished
{
    QList<ProviderResults> results; // in the session's order
    bool anyAnswered = false;
    int finishedSignals = 0;

    ProviderResults of(const QString &provider) const { return resultsOf(results, provider); }
};

// Runs a search of every provider through `services` to its end; nothing when it never ended.
std::optional<Finished> runSearch(const SearchServices &services, const QString &query)
{
    SearchSession session(services, query, SearchProviders::all(), scaledTimeouts);
    QSignalSpy finished(&session, &SearchSession::finished);
    session.start();
    if (!QTest::qWaitFor([&finished] { return !finished.isEmpty(); }, waitMs)
        || !session.isFinished())
        return std::nullopt;
    return Finished {session.results(), session.anyAnswered(), int(finished.size())};
}

// What is wrong with the providers other than `except`: each should have ended Done, the
// online ones with hits, and within maxElapsedMs when that is given. Empty when nothing is.
QString othersDone(const Finished &end, const QString &except, qint64 maxElapsedMs = -1)
{
    QStringList problems;
    for (const ProviderResults &results : end.results) {
        if (results.provider == except)
            continue;
        const bool needsHits = results.provider != localName;
        if (results.state != SearchState::Done || (needsHits && results.hits.isEmpty())
            || (maxElapsedMs >= 0 && results.elapsedMs >= maxElapsedMs))
            problems.append(describe(results));
    }
    return problems.join(QStringLiteral("; "));
}

QString searchPath(const QString &provider)
{
    if (provider == spotifyName)
        return QStringLiteral("/v1/search");
    if (provider == discogsName)
        return QStringLiteral("/database/search");
    return QStringLiteral("/ws/2/release-group");
}

// Spotify's search is three pages of ten, the others' one request.
int requestsPerSearch(const QString &provider)
{
    return provider == spotifyName ? SearchSession::spotifyPages : 1;
}

// http://127.0.0.1:PORT where nothing listens any more.
QUrl deadAddress()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return {};
    const quint16 port = probe.serverPort();
    probe.close();
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

// The first result row whose preferred entry is `provider`'s.
QPersistentModelIndex firstRowPreferring(const SearchResultModel &model, const QString &provider)
{
    for (int group = 0; group < model.rowCount(); ++group) {
        const QModelIndex parent = model.index(group, 0);
        for (int row = 0; row < model.rowCount(parent); ++row) {
            const QModelIndex index = model.index(row, 0, parent);
            const QList<SearchHit> entries = model.entries(index);
            if (!entries.isEmpty() && entries.first().provider == provider)
                return index;
        }
    }
    return {};
}

// Every entry the model's result rows hold now.
QSet<QString> entriesShown(const SearchResultModel &model)
{
    QSet<QString> shown;
    for (int group = 0; group < model.rowCount(); ++group) {
        const QModelIndex parent = model.index(group, 0);
        for (int row = 0; row < model.rowCount(parent); ++row) {
            for (const SearchHit &hit : model.entries(model.index(row, 0, parent)))
                shown.insert(entryKey(hit));
        }
    }
    return shown;
}

} // namespace

// Search Online's engine against the three fake providers and a temporary collection: every
// provider answers on its own, a hung, failing or garbled one never holds back the others,
// nothing of an earlier query is shown, and adding a result stores the album once.
class TestSearchSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void init();
    void cleanup();
    void allProvidersAnswer();
    void oneHangs_data();
    void oneHangs();
    void oneAnswers500_data();
    void oneAnswers500();
    void malformedJson_data();
    void malformedJson();
    void noneConfigured();
    void allDown_data();
    void allDown();
    void staleResults();
    void addToCollectionTwice();
    void failedAddSaysWhyAndCanBeRetried();
    void musicBrainzAdd();

private:
    static void addProviderRows();
    SearchServices services() const;
    FakeServer &serverOf(const QString &provider);
    // From now on every search request to the provider's fake gets `fault`; its token and
    // lookup requests are answered as usual.
    void faultSearches(const QString &provider, Fault fault);
    // Search requests the provider's fake received.
    int searchRequests(const QString &provider);
    // Whether the provider's fake received a request for `path`.
    bool requested(const QString &provider, const QString &path);
    // The first Discogs release with `word` in its title, as Discogs gives it (with tracks).
    std::optional<Album> discogsReleaseTitled(const QString &word) const;
    // How many stored albums have this source.
    int storedSources(const QString &provider, const QString &externalId);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<testing::PostgresTestDatabase> m_postgres;
    std::unique_ptr<AlbumStore> m_store;
    std::unique_ptr<WorkerPool> m_pool;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FakeSpotify> m_spotifyFake;
    std::unique_ptr<FakeDiscogs> m_discogsFake;
    std::unique_ptr<FakeMusicBrainz> m_musicBrainzFake;
    std::unique_ptr<SpotifyClient> m_spotify;
    std::unique_ptr<DiscogsClient> m_discogs;
    std::unique_ptr<MusicBrainzClient> m_musicBrainz;
};

void TestSearchSession::initTestCase_data()
{
    testing::addBackendRows();
}

void TestSearchSession::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const std::optional<StoreConfig> config
        = testing::freshStoreConfig(testing::currentBackend(), m_dir->path(), &m_postgres);
    if (!config)
        return;
    m_store = std::make_unique<AlbumStore>(*config);
    QVERIFY(m_store->open().ok());
    m_pool = std::make_unique<WorkerPool>();
    m_network = std::make_unique<QNetworkAccessManager>();

    m_spotifyFake
        = std::make_unique<FakeSpotify>(fakes::FakeSpotifyOptions {.albumCount = catalogueSize});
    m_discogsFake
        = std::make_unique<FakeDiscogs>(fakes::FakeDiscogsOptions {.albumCount = catalogueSize});
    // MusicBrainz' one request a second stays enforced: the client must keep to it.
    m_musicBrainzFake = std::make_unique<FakeMusicBrainz>(
        fakes::FakeMusicBrainzOptions {.albumCount = catalogueSize});
    QVERIFY(m_spotifyFake->listen());
    QVERIFY(m_discogsFake->listen());
    QVERIFY(m_musicBrainzFake->listen());

    // Spotify without a connected user: an app token from the Client ID and Secret.
    m_spotify = std::make_unique<SpotifyClient>(
        m_network.get(), m_pool.get(), m_spotifyFake->apiUrl(), m_spotifyFake->accountsUrl());
    m_spotify->setClientId(m_spotifyFake->clientId());
    m_spotify->setClientSecret(m_spotifyFake->clientSecret());
    m_discogs
        = std::make_unique<DiscogsClient>(m_network.get(), m_pool.get(), m_discogsFake->baseUrl());
    m_discogs->setToken(m_discogsFake->token());
    m_musicBrainz = std::make_unique<MusicBrainzClient>(
        m_network.get(), m_pool.get(), m_musicBrainzFake->apiUrl(), m_musicBrainzFake->baseUrl());
    m_musicBrainz->setContact(QStringLiteral("collector@example.org"));
}

void TestSearchSession::cleanup()
{
    m_musicBrainz.reset();
    m_discogs.reset();
    m_spotify.reset();
    m_network.reset();
    m_pool.reset();
    m_store.reset();
    m_postgres.reset();
    m_musicBrainzFake.reset();
    m_discogsFake.reset();
    m_spotifyFake.reset();
    m_dir.reset();
}

void TestSearchSession::addProviderRows()
{
    QTest::addColumn<QString>("provider");
    for (const QString &provider : onlineNames)
        QTest::newRow(qPrintable(provider)) << provider;
}

SearchServices TestSearchSession::services() const
{
    return {.store = m_store.get(),
            .pool = m_pool.get(),
            .spotify = m_spotify.get(),
            .discogs = m_discogs.get(),
            .musicBrainz = m_musicBrainz.get()};
}

FakeServer &TestSearchSession::serverOf(const QString &provider)
{
    if (provider == spotifyName)
        return m_spotifyFake->server();
    if (provider == discogsName)
        return m_discogsFake->server();
    return m_musicBrainzFake->server();
}

void TestSearchSession::faultSearches(const QString &provider, Fault fault)
{
    const QString path = searchPath(provider);
    serverOf(provider).failWhen(
        [path](const QHttpServerRequest &request) { return request.url().path() == path; }, fault,
        1000);
}

int TestSearchSession::searchRequests(const QString &provider)
{
    const QByteArray prefix = searchPath(provider).toUtf8() + '?';
    const QList<QByteArray> paths = serverOf(provider).requestPaths();
    return int(std::count_if(paths.cbegin(), paths.cend(), [&prefix](const QByteArray &path) {
        return path.startsWith(prefix);
    }));
}

bool TestSearchSession::requested(const QString &provider, const QString &path)
{
    const QByteArray wanted = path.toUtf8();
    const QByteArray withQuery = wanted + '?';
    const QList<QByteArray> paths = serverOf(provider).requestPaths();
    return std::any_of(paths.cbegin(), paths.cend(), [&](const QByteArray &seen) {
        return seen == wanted || seen.startsWith(withQuery);
    });
}

std::optional<Album> TestSearchSession::discogsReleaseTitled(const QString &word) const
{
    for (int index = 0; index < m_discogsFake->albumCount(); ++index) {
        const ParseResult<Album> release
            = DiscogsParser::release(m_discogsFake->releaseBody(FakeDiscogs::releaseId(index)));
        if (release.ok() && release.value->title.split(u' ').contains(word, Qt::CaseInsensitive))
            return release.value;
    }
    return std::nullopt;
}

int TestSearchSession::storedSources(const QString &provider, const QString &externalId)
{
    int found = 0;
    m_store->forEachAlbum([&](const Album &album) {
        for (const SourceRef &source : album.sources)
            found += source.provider == provider && source.externalId == externalId ? 1 : 0;
        return true;
    });
    return found;
}

void TestSearchSession::allProvidersAnswer()
{
    // The collection holds one album that Discogs has too.
    const std::optional<Album> owned = discogsReleaseTitled(sharedWord);
    QVERIFY(owned);
    const UpsertResult stored = m_store->upsertPage({*owned});
    QVERIFY2(stored.ok(), qPrintable(stored.error));
    const qint64 ownedId = stored.albumIds.first();
    const std::optional<Album> kept = m_store->album(ownedId);
    QVERIFY(kept);
    const QString ownedSource = owned->sources.first().externalId;
    // What makes another provider's entry the same album (DESIGN.md section 4).
    const QString ownedBarcode = AlbumIdentity::normalisedBarcode(kept->barcode);
    const QString ownedKey = AlbumIdentity::matchKey(kept->artist, kept->title, kept->year);

    const std::optional<Finished> end = runSearch(services(), sharedWord);
    QVERIFY(end);
    QCOMPARE(end->finishedSignals, 1);
    QVERIFY(end->anyAnswered);
    QStringList order;
    for (const ProviderResults &results : end->results)
        order.append(results.provider);
    QCOMPARE(order, SearchProviders::all());

    bool ownedFound = false;
    for (const ProviderResults &results : end->results) {
        QVERIFY2(results.state == SearchState::Done, qPrintable(describe(results)));
        QVERIFY2(results.message.isEmpty(), qPrintable(describe(results)));
        QVERIFY2(!results.hits.isEmpty(), qPrintable(describe(results)));
        for (const SearchHit &hit : results.hits) {
            QCOMPARE(hit.provider, results.provider);
            QVERIFY(!hit.externalId().isEmpty());
            if (hit.provider == localName) {
                QCOMPARE(hit.collectionAlbumId, ownedId);
                continue;
            }
            const bool sameSource = hit.provider == discogsName && hit.externalId() == ownedSource;
            ownedFound = ownedFound || sameSource;
            const bool sameAlbum = sameSource
                || (!ownedBarcode.isEmpty()
                    && SearchProviders::barcodeKey(hit.album) == ownedBarcode)
                || AlbumIdentity::matchKey(hit.album.artist, hit.album.title, hit.album.year)
                    == ownedKey;
            QVERIFY2(hit.collectionAlbumId == (sameAlbum ? ownedId : 0),
                     qPrintable(entryKey(hit) + QStringLiteral(" collectionAlbumId ")
                                + QString::number(hit.collectionAlbumId)));
        }
    }
    QVERIFY2(ownedFound, "Discogs did not find the album the collection holds");
    QCOMPARE(end->of(localName).hits.size(), 1);
}

void TestSearchSession::oneHangs_data()
{
    addProviderRows();
}

void TestSearchSession::oneHangs()
{
    QFETCH(QString, provider);
    faultSearches(provider, Fault::Hang);
    const std::optional<Finished> end = runSearch(services(), sharedWord);
    QVERIFY(end);
    const qint64 deadline = scaledTimeouts.provider.count();

    // The others are not held back: they end well before the hung one's deadline.
    const QString others = othersDone(*end, provider, deadline);
    QVERIFY2(others.isEmpty(), qPrintable(others));
    const ProviderResults hung = end->of(provider);
    QVERIFY2(hung.state == SearchState::Timeout, qPrintable(describe(hung)));
    // The deadline runs on a precise timer: never early.
    QVERIFY2(hung.elapsedMs >= deadline, qPrintable(describe(hung)));
    QVERIFY2(hung.message.contains(SearchProviders::displayName(provider)),
             qPrintable(describe(hung)));
    QVERIFY(hung.hits.isEmpty());
    QVERIFY(searchRequests(provider) > 0);
    QVERIFY(end->anyAnswered);
}

void TestSearchSession::oneAnswers500_data()
{
    addProviderRows();
}

void TestSearchSession::oneAnswers500()
{
    QFETCH(QString, provider);
    faultSearches(provider, Fault::Status500);
    const std::optional<Finished> end = runSearch(services(), sharedWord);
    QVERIFY(end);

    const QString others = othersDone(*end, provider);
    QVERIFY2(others.isEmpty(), qPrintable(others));
    const ProviderResults failed = end->of(provider);
    QVERIFY2(failed.state == SearchState::Failed, qPrintable(describe(failed)));
    QVERIFY(!failed.message.isEmpty());
    QVERIFY(failed.hits.isEmpty());
    // A search a person waits for is retried once on a 5xx, not four times.
    QCOMPARE(searchRequests(provider), 2 * requestsPerSearch(provider));
    QVERIFY(end->anyAnswered);
}

void TestSearchSession::malformedJson_data()
{
    addProviderRows();
}

void TestSearchSession::malformedJson()
{
    QFETCH(QString, provider);
    faultSearches(provider, Fault::MalformedJson);
    const std::optional<Finished> end = runSearch(services(), sharedWord);
    QVERIFY(end);

    const QString others = othersDone(*end, provider);
    QVERIFY2(others.isEmpty(), qPrintable(others));
    const ProviderResults failed = end->of(provider);
    QVERIFY2(failed.state == SearchState::Failed, qPrintable(describe(failed)));
    QVERIFY(!failed.message.isEmpty());
    QVERIFY(failed.hits.isEmpty());
    QVERIFY(searchRequests(provider) >= requestsPerSearch(provider));
    QVERIFY(end->anyAnswered);
}

void TestSearchSession::noneConfigured()
{
    // Spotify without a Client ID, secret or user; Discogs without a token; no MusicBrainz.
    SpotifyClient spotify(m_network.get(), m_pool.get(), m_spotifyFake->apiUrl(),
                          m_spotifyFake->accountsUrl());
    DiscogsClient discogs(m_network.get(), m_pool.get(), m_discogsFake->baseUrl());
    QVERIFY(!spotify.canSearch());
    QVERIFY(!discogs.hasToken());
    const SearchServices bare {.store = m_store.get(),
                               .pool = m_pool.get(),
                               .spotify = &spotify,
                               .discogs = &discogs,
                               .musicBrainz = nullptr};
    const std::optional<Finished> end = runSearch(bare, sharedWord);
    QVERIFY(end);

    for (const QString &provider : onlineNames) {
        const ProviderResults results = end->of(provider);
        QVERIFY2(results.state == SearchState::NotConfigured, qPrintable(describe(results)));
        QVERIFY2(!results.message.isEmpty(), qPrintable(describe(results)));
        if (provider != musicBrainzName) {
            // It says where to give what is missing.
            QVERIFY2(results.message.contains(QStringLiteral("Preferences")),
                     qPrintable(describe(results)));
        }
        QVERIFY(results.hits.isEmpty());
        QCOMPARE(serverOf(provider).requestCount(), 0);
    }
    const ProviderResults collection = end->of(localName);
    QVERIFY2(collection.state == SearchState::Done, qPrintable(describe(collection)));
    QVERIFY(end->anyAnswered);
}

void TestSearchSession::allDown_data()
{
    QTest::addColumn<bool>("withCollection");
    QTest::newRow("with a collection") << true;
    QTest::newRow("without a collection") << false;
}

void TestSearchSession::allDown()
{
    QFETCH(bool, withCollection);
    const QUrl dead = deadAddress();
    QVERIFY(dead.port() > 0);
    QUrl deadSpotifyApi = dead;
    deadSpotifyApi.setPath(QStringLiteral("/v1"));
    QUrl deadMusicBrainzApi = dead;
    deadMusicBrainzApi.setPath(QStringLiteral("/ws/2"));

    // Configured as usual, but nobody answers at those addresses.
    SpotifyClient spotify(m_network.get(), m_pool.get(), deadSpotifyApi, dead);
    spotify.setClientId(m_spotifyFake->clientId());
    spotify.setClientSecret(m_spotifyFake->clientSecret());
    DiscogsClient discogs(m_network.get(), m_pool.get(), dead);
    discogs.setToken(m_discogsFake->token());
    MusicBrainzClient musicBrainz(m_network.get(), m_pool.get(), deadMusicBrainzApi, dead);
    musicBrainz.setContact(QStringLiteral("collector@example.org"));
    const SearchServices unreachable {.store = withCollection ? m_store.get() : nullptr,
                                      .pool = m_pool.get(),
                                      .spotify = &spotify,
                                      .discogs = &discogs,
                                      .musicBrainz = &musicBrainz};
    const std::optional<Finished> end = runSearch(unreachable, sharedWord);
    QVERIFY(end);

    for (const QString &provider : onlineNames) {
        const ProviderResults results = end->of(provider);
        QVERIFY2(results.state == SearchState::Failed || results.state == SearchState::Timeout,
                 qPrintable(describe(results)));
        QVERIFY2(!results.message.isEmpty(), qPrintable(describe(results)));
        QVERIFY(results.hits.isEmpty());
    }
    const ProviderResults collection = end->of(localName);
    QVERIFY2(collection.state == (withCollection ? SearchState::Done : SearchState::NotConfigured),
             qPrintable(describe(collection)));
    // Only the collection can answer.
    QCOMPARE(end->anyAnswered, withCollection);
}

void TestSearchSession::staleResults()
{
    // What Discogs finds for the first query on its own: what a stale row would show.
    const std::optional<Finished> alone = runSearch(services(), otherWord);
    QVERIFY(alone);
    const ProviderResults discogsAlone = alone->of(discogsName);
    QVERIFY2(discogsAlone.state == SearchState::Done && !discogsAlone.hits.isEmpty(),
             qPrintable(describe(discogsAlone)));

    // Discogs answers late, so its answer to the first query would arrive during the second.
    m_discogsFake->server().setLatency(800ms);
    QSet<QString> shown; // every entry a row showed once the second search started
    bool recording = false;
    SearchResultModel model(services());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTimeouts(scaledTimeouts);
    const auto record = [&](const QModelIndex &parent, int first, int last) {
        if (!recording || !parent.isValid())
            return;
        for (int row = first; row <= last; ++row) {
            for (const SearchHit &hit : model.entries(model.index(row, 0, parent)))
                shown.insert(entryKey(hit));
        }
    };
    connect(&model, &QAbstractItemModel::rowsInserted, &model, record);
    // A provider's entry can join an existing row instead of adding one.
    connect(&model, &QAbstractItemModel::dataChanged, &model,
            [&record](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                record(topLeft.parent(), topLeft.row(), bottomRight.row());
            });
    QSignalSpy finished(&model, &SearchResultModel::searchFinished);

    const int discogsBefore = searchRequests(discogsName);
    model.search(otherWord);
    const QPointer<SearchSession> stale = model.session();
    QVERIFY(stale);
    // The first query's Discogs request is out (its answer 800 ms away) when the second
    // replaces the first.
    QTRY_VERIFY_WITH_TIMEOUT(searchRequests(discogsName) > discogsBefore, waitMs);
    QVERIFY(model.isSearching());
    recording = true;
    model.search(sharedWord);
    QVERIFY(stale);
    QVERIFY(stale->isCancelled());
    QCOMPARE(model.query(), sharedWord);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, waitMs);

    const SearchSession *current = model.session();
    QVERIFY(current);
    QCOMPARE(current->query(), sharedWord);
    QSet<QString> found;
    for (const ProviderResults &results : current->results()) {
        for (const SearchHit &hit : results.hits)
            found.insert(entryKey(hit));
    }
    // The slow provider did answer the second query, and its rows were shown.
    const ProviderResults discogsNow = resultsOf(current->results(), discogsName);
    QVERIFY2(discogsNow.state == SearchState::Done && !discogsNow.hits.isEmpty(),
             qPrintable(describe(discogsNow)));
    QVERIFY(shown.contains(entryKey(discogsNow.hits.first())));

    // Every row ever shown belongs to the second query, and the first query's own albums
    // never appeared.
    for (const QString &entry : std::as_const(shown)) {
        QVERIFY2(found.contains(entry),
                 qPrintable(QStringLiteral("a row showed %1, which \"%2\" did not find")
                                .arg(entry, sharedWord)));
    }
    QSet<QString> onlyFirst;
    for (const SearchHit &hit : discogsAlone.hits) {
        if (!found.contains(entryKey(hit)))
            onlyFirst.insert(entryKey(hit));
    }
    QVERIFY2(!onlyFirst.isEmpty(), "the two queries must find different Discogs albums");
    QVERIFY(!shown.intersects(onlyFirst));
    QVERIFY(entriesShown(model) == found);
    QCOMPARE(finished.size(), 1);
}

void TestSearchSession::addToCollectionTwice()
{
    ImportManager imports(m_store.get(), m_pool.get(), m_discogs.get(), m_spotify.get());
    imports.setMusicBrainzClient(m_musicBrainz.get());
    SearchResultModel model(services());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTimeouts(scaledTimeouts);
    // Discogs preferred: its entry leads each row it is in, and its details are fetched.
    model.setProviderOrder({discogsName, spotifyName, musicBrainzName});
    model.setImportManager(&imports);
    QSignalSpy finished(&model, &SearchResultModel::searchFinished);
    model.search(sharedWord);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, waitMs);

    const QPersistentModelIndex row = firstRowPreferring(model, discogsName);
    QVERIFY(row.isValid());
    const SearchHit hit = model.entries(row).first();
    QVERIFY(!row.data(SearchResultModel::InCollectionRole).toBool());
    bool numeric = false;
    const qint64 releaseId = hit.externalId().toLongLong(&numeric);
    QVERIFY(numeric);
    const ParseResult<Album> expected
        = DiscogsParser::release(m_discogsFake->releaseBody(releaseId));
    QVERIFY2(expected.ok(), qPrintable(expected.error));
    QVERIFY(!expected.value->tracks.isEmpty());
    const int albumsBefore = m_store->count({});

    // Two quick clicks: one job.
    QSignalSpy ended(&imports, &ImportManager::jobFinished);
    QVERIFY(model.addToCollection(row));
    QString why;
    QVERIFY(!model.addToCollection(row, &why));
    QVERIFY(!why.isEmpty());
    QCOMPARE(row.data(SearchResultModel::AddStateRole).toInt(),
             int(SearchResultModel::AddState::Adding));
    QTRY_VERIFY_WITH_TIMEOUT(row.data(SearchResultModel::InCollectionRole).toBool(), waitMs);
    QCOMPARE(ended.size(), 1);
    const auto first = ended.at(0).at(0).value<ImportJobRecord>();
    QVERIFY2(first.state == JobState::Completed, qPrintable(first.error));
    QCOMPARE(imports.jobs().size(), 1);
    const qint64 albumId = row.data(SearchResultModel::CollectionAlbumIdRole).toLongLong();
    QVERIFY(albumId > 0);
    QCOMPARE(m_store->count({}), albumsBefore + 1);

    // The same album again, once the first job is over: updated, never stored twice.
    imports.startImport(QLatin1String(SingleAlbumImport::source),
                        SingleAlbumImport::paramsFor(hit.album));
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 2, waitMs);
    const auto second = ended.at(1).at(0).value<ImportJobRecord>();
    QVERIFY2(second.state == JobState::Completed, qPrintable(second.error));
    QCOMPARE(imports.jobs().size(), 2);
    QCOMPARE(m_store->count({}), albumsBefore + 1);
    QCOMPARE(storedSources(discogsName, hit.externalId()), 1);

    const std::optional<Album> stored = m_store->album(albumId);
    QVERIFY(stored);
    QCOMPARE(stored->tracks.size(), expected.value->tracks.size());
    QSet<QString> positions;
    for (const Track &track : stored->tracks)
        positions.insert(QStringLiteral("%1.%2").arg(track.disc).arg(track.position));
    QCOMPARE(positions.size(), stored->tracks.size());
}

void TestSearchSession::failedAddSaysWhyAndCanBeRetried()
{
    ImportManager imports(m_store.get(), m_pool.get(), m_discogs.get(), m_spotify.get());
    SearchResultModel model(services());
    model.setTimeouts(scaledTimeouts);
    model.setProviderOrder({discogsName, spotifyName, musicBrainzName});
    model.setImportManager(&imports);
    QSignalSpy finished(&model, &SearchResultModel::searchFinished);
    model.search(sharedWord);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, waitMs);
    const QPersistentModelIndex row = firstRowPreferring(model, discogsName);
    QVERIFY(row.isValid());
    QVERIFY(row.data(SearchResultModel::CanAddRole).toBool());

    // Discogs answers the release with a body that is not JSON (not retried, unlike a 5xx): the
    // row says why and can be added again.
    m_discogsFake->server().failWhen(
        [](const QHttpServerRequest &request) {
            return request.url().path().startsWith(QStringLiteral("/releases/"));
        },
        Fault::MalformedJson, 100);
    QVERIFY(model.addToCollection(row));
    QVERIFY(!row.data(SearchResultModel::CanAddRole).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(row.data(SearchResultModel::AddStateRole).toInt(),
                              int(SearchResultModel::AddState::Failed), waitMs);
    QVERIFY(!row.data(SearchResultModel::InCollectionRole).toBool());
    QVERIFY(row.data(SearchResultModel::CanAddRole).toBool());
    QVERIFY2(row.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Not added")),
             qPrintable(row.data(Qt::ToolTipRole).toString()));
    const int albumsBefore = m_store->count({});

    // Retried from the Jobs panel once Discogs answers again: the row follows.
    m_discogsFake->server().clearFaults();
    QCOMPARE(imports.jobs().size(), 1);
    imports.retry(imports.jobs().first().id);
    QTRY_VERIFY_WITH_TIMEOUT(row.data(SearchResultModel::InCollectionRole).toBool(), waitMs);
    QCOMPARE(m_store->count({}), albumsBefore + 1);
}

void TestSearchSession::musicBrainzAdd()
{
    const std::optional<Finished> before = runSearch(services(), sharedWord);
    QVERIFY(before);
    const ProviderResults found = before->of(musicBrainzName);
    QVERIFY2(found.state == SearchState::Done, qPrintable(describe(found)));
    const auto withRelease
        = std::find_if(found.hits.cbegin(), found.hits.cend(), [](const SearchHit &candidate) {
              return !SingleAlbumImport::paramsFor(candidate.album).isEmpty();
          });
    QVERIFY(withRelease != found.hits.cend());
    const SearchHit hit = *withRelease;
    QCOMPARE(hit.collectionAlbumId, qint64(0));

    // A release group is added by looking up its first release.
    const QJsonObject params = SingleAlbumImport::paramsFor(hit.album);
    const QString releaseId = params.value(QStringLiteral("id")).toString();
    const QJsonArray releases
        = hit.album.sources.first().extra.value(MusicBrainzParser::releasesKey).toArray();
    QVERIFY(!releases.isEmpty());
    QCOMPARE(releaseId, releases.first().toString());
    QVERIFY(releaseId != hit.externalId());
    const ParseResult<Album> expected = MusicBrainzParser::release(m_musicBrainzFake->releaseBody(
        releaseId,
        {QStringLiteral("recordings"), QStringLiteral("artist-credits"),
         QStringLiteral("labels")}));
    QVERIFY2(expected.ok(), qPrintable(expected.error));
    QVERIFY(!expected.value->tracks.isEmpty());

    ImportManager imports(m_store.get(), m_pool.get(), m_discogs.get(), m_spotify.get());
    imports.setMusicBrainzClient(m_musicBrainz.get());
    QSignalSpy ended(&imports, &ImportManager::jobFinished);
    imports.startImport(QLatin1String(SingleAlbumImport::source), params);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, waitMs);
    const auto record = ended.at(0).at(0).value<ImportJobRecord>();
    QVERIFY2(record.state == JobState::Completed, qPrintable(record.error));
    QVERIFY(requested(musicBrainzName, QStringLiteral("/ws/2/release/") + releaseId));

    // The release is stored with its tracks, and the group counts as in the collection.
    const QList<qint64> matches = m_store->collectionMatches({hit.album});
    QCOMPARE(matches.size(), 1);
    const qint64 albumId = matches.first();
    QVERIFY(albumId > 0);
    QCOMPARE(storedSources(musicBrainzName, releaseId), 1);
    const std::optional<Album> stored = m_store->album(albumId);
    QVERIFY(stored);
    QCOMPARE(stored->tracks.size(), expected.value->tracks.size());

    // The next search shows it so.
    const std::optional<Finished> after = runSearch(services(), sharedWord);
    QVERIFY(after);
    const QList<SearchHit> again = after->of(musicBrainzName).hits;
    const auto same = std::find_if(again.cbegin(), again.cend(), [&hit](const SearchHit &entry) {
        return entry.externalId() == hit.externalId();
    });
    QVERIFY(same != again.cend());
    QCOMPARE(same->collectionAlbumId, albumId);
}

QTEST_GUILESS_MAIN(TestSearchSession)
#include "tst_searchsession.moc"
