#include "core/workerpool.h"
#include "detailspane.h"
#include "fakediscogs.h"
#include "import/discogscollectionimport.h"
#include "import/importmanager.h"
#include "providers/discogsclient.h"
#include "store/albumstore.h"
#include "testdata.h"
#include "tracklistnotice.h"

#include <QNetworkAccessManager>
#include <QPushButton>
#include <QTest>
#include <QTreeView>

using namespace aime;

// The details pane's tracklist: what it says when there is none, for each kind of source, and
// Fetch from Discogs bringing it in.
class TestDetailsPane : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void missingTracklistIsExplained_data();
    void missingTracklistIsExplained();
    void fetchFromDiscogsBringsTheTracklist();
    void runningCollectionImportIsNamed();

private:
    qint64 store(const Album &album);
    TracklistNotice *notice() const { return m_pane->findChild<TracklistNotice *>(); }
    QPushButton *fetchButton() const
    {
        return m_pane->findChild<QPushButton *>(QStringLiteral("fetchTracklistButton"));
    }

    std::unique_ptr<testing::TemporaryStore> m_temporary;
    std::unique_ptr<WorkerPool> m_pool;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<fakes::FakeDiscogs> m_discogs;
    std::unique_ptr<DiscogsClient> m_client;
    std::unique_ptr<ImportManager> m_imports;
    std::unique_ptr<DetailsPane> m_pane;
};

void TestDetailsPane::initTestCase()
{
    qputenv("AIME_DISCOGS_RATE", "60/0.1");
}

void TestDetailsPane::init()
{
    m_temporary = testing::openTemporaryStore();
    QVERIFY(m_temporary);
    m_pool = std::make_unique<WorkerPool>();
    m_network = std::make_unique<QNetworkAccessManager>();
    m_discogs = std::make_unique<fakes::FakeDiscogs>(fakes::FakeDiscogsOptions {.albumCount = 20});
    QVERIFY(m_discogs->listen());
    m_client = std::make_unique<DiscogsClient>(m_network.get(), m_pool.get(), m_discogs->baseUrl());
    m_client->setToken(m_discogs->token());
    m_imports = std::make_unique<ImportManager>(m_temporary->store.get(), m_pool.get(),
                                                m_client.get(), nullptr);
    m_imports->load();
    QTRY_VERIFY(m_imports->isLoaded());
    m_pane = std::make_unique<DetailsPane>(m_temporary->store.get(), m_pool.get());
    m_pane->setImportManager(m_imports.get());
    m_pane->resize(420, 700);
    m_pane->show();
}

void TestDetailsPane::cleanup()
{
    m_pane.reset();
    for (const ImportJobRecord &job : m_imports->jobs())
        m_imports->cancel(job.id);
    QTRY_COMPARE(m_imports->runningCount(), 0);
    m_imports.reset();
    m_client.reset();
    m_pool->waitForDone();
    m_network.reset();
    m_discogs.reset();
    m_pool.reset();
    m_temporary.reset();
}

qint64 TestDetailsPane::store(const Album &album)
{
    const UpsertResult result = m_temporary->store->upsertPage({album});
    return result.ok() ? result.albumIds.value(0) : 0;
}

void TestDetailsPane::missingTracklistIsExplained_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("externalId");
    QTest::addColumn<QString>("says");
    QTest::addColumn<bool>("offersFetch");
    QTest::newRow("Discogs release, details not fetched")
        << QStringLiteral("discogs") << QStringLiteral("1003")
        << QStringLiteral("have not been fetched from Discogs") << true;
    QTest::newRow("CSV row without a release id")
        << QStringLiteral("local") << QString() << QStringLiteral("the file this album came from")
        << false;
    QTest::newRow("Spotify album without tracks")
        << QStringLiteral("spotify") << QStringLiteral("4LH4d3cOWNNsVw41Gqt2kv")
        << QStringLiteral("No tracklist is known") << false;
}

void TestDetailsPane::missingTracklistIsExplained()
{
    QFETCH(QString, provider);
    QFETCH(QString, externalId);
    QFETCH(QString, says);
    QFETCH(bool, offersFetch);
    Album album = testing::discogsAlbum(QStringLiteral("Talk Talk"),
                                        QStringLiteral("Spirit of Eden"), 1988, externalId);
    album.sources.first().provider = provider;
    const qint64 id = store(album);
    QVERIFY(id > 0);
    m_pane->showAlbum(id);
    QTRY_VERIFY(notice() && notice()->isVisible());
    QVERIFY2(notice()->text().contains(says), qPrintable(notice()->text()));
    QCOMPARE(fetchButton()->isVisible(), offersFetch);
    QVERIFY(!notice()->text().contains(QLatin1String("CSV export")));
}

void TestDetailsPane::fetchFromDiscogsBringsTheTracklist()
{
    const qint64 id = store(testing::discogsAlbum(QStringLiteral("Artist"), QStringLiteral("Title"),
                                                  1990, QStringLiteral("1005")));
    QVERIFY(id > 0);
    m_pane->showAlbum(id);
    QTRY_VERIFY(fetchButton() && fetchButton()->isVisible());
    QTest::mouseClick(fetchButton(), Qt::LeftButton);
    // The release's details arrive as a small job; the pane follows the store.
    QTRY_VERIFY_WITH_TIMEOUT(!m_temporary->store->album(id)->tracks.isEmpty(), 15000);
    auto *tracks = m_pane->findChild<QTreeView *>(QStringLiteral("detailsTracks"));
    QVERIFY(tracks);
    QTRY_VERIFY(tracks->isVisible() && tracks->model()->rowCount() > 0);
    QVERIFY(!notice()->isVisible());
    QTRY_COMPARE(m_imports->runningCount(), 0);
}

void TestDetailsPane::runningCollectionImportIsNamed()
{
    // Slow answers keep the collection import running while the pane is looked at.
    m_discogs->server().setLatency(std::chrono::milliseconds(300));
    m_imports->startImport(QLatin1String(DiscogsCollectionImport::source),
                           {{QStringLiteral("user"), m_discogs->username()}});
    QTRY_COMPARE(m_imports->runningCount(), 1);
    const qint64 id = store(testing::discogsAlbum(QStringLiteral("Artist"), QStringLiteral("Other"),
                                                  1991, QStringLiteral("987654")));
    m_pane->showAlbum(id);
    QTRY_VERIFY(notice() && notice()->isVisible());
    QTRY_VERIFY2(notice()->text().contains(QLatin1String("import that is running")),
                 qPrintable(notice()->text()));
    QVERIFY(!fetchButton()->isVisible());
}

QTEST_MAIN(TestDetailsPane)
#include "tst_detailspane.moc"
