#include "albumlistmodel.h"
#include "store/albumstore.h"
#include "testdata.h"

#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using namespace aime;

// Several desktops on one PostgreSQL catalogue (issue 17): a change committed through one store
// reaches the others through LISTEN/NOTIFY, and their grids follow without a reset.
class TestSharedCatalogue : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pageWrittenOnOneStoreReachesTheOther();
    void descriptionWrittenOnOneStoreReachesTheOther();
    void otherDesktopsAlbumsAppearInTheGrid();

private:
    std::unique_ptr<testing::TemporaryStore> m_first;
    std::unique_ptr<AlbumStore> m_second;
};

void TestSharedCatalogue::init()
{
    m_first = testing::openTemporaryStore(testing::TestBackend::PostgreSql);
    if (!m_first)
        return;
    // Another desktop: its own store, its own connections, the same database.
    m_second = std::make_unique<AlbumStore>(m_first->store->config());
    const StoreStatus status = m_second->open();
    QVERIFY2(status.ok(), qPrintable(status.message));
}

void TestSharedCatalogue::cleanup()
{
    m_second.reset();
    m_first.reset();
}

void TestSharedCatalogue::pageWrittenOnOneStoreReachesTheOther()
{
    if (!m_first)
        return;
    QSignalSpy onFirst(m_first->store.get(), &AlbumStore::albumsChanged);
    QSignalSpy onSecond(m_second.get(), &AlbumStore::albumsChanged);
    const UpsertResult written = m_first->store->upsertPage(testing::generatedAlbums(120));
    QVERIFY2(written.ok(), qPrintable(written.error));
    QTRY_COMPARE(onSecond.size(), 1);
    QCOMPARE(onSecond.first().first().value<QList<qint64>>(), written.albumIds);
    QCOMPARE(onFirst.size(), 1); // the writer said so itself

    // Either way round. A listener gets notifications in commit order, so once the first store
    // has the second's change it has had its own earlier one too: it must not count as a change.
    const UpsertResult back = m_second->upsertPage(testing::generatedAlbums(3, 500));
    QVERIFY(back.ok());
    QTRY_VERIFY(onFirst.last().first().value<QList<qint64>>() == back.albumIds);
    QCOMPARE(onFirst.size(), 2);
    QCOMPARE(onSecond.size(), 2); // its own write, said once
}

void TestSharedCatalogue::descriptionWrittenOnOneStoreReachesTheOther()
{
    if (!m_first)
        return;
    QSignalSpy onSecond(m_second.get(), &AlbumStore::albumsChanged);
    const UpsertResult written = m_first->store->upsertPage(testing::generatedAlbums(2));
    QVERIFY(written.ok());
    QTRY_COMPARE(onSecond.size(), 1);
    AlbumDescription description;
    description.albumId = written.albumIds.first();
    description.text = QStringLiteral("Written on the shop's front desk.");
    description.edited = true;
    QCOMPARE(m_first->store->saveDescriptions({description}, nullptr), QString());
    QTRY_COMPARE(onSecond.size(), 2);
    QCOMPARE(onSecond.last().first().value<QList<qint64>>(), QList<qint64> {description.albumId});
    QCOMPARE(m_second->album(description.albumId)->aiDescription, description.text);
}

void TestSharedCatalogue::otherDesktopsAlbumsAppearInTheGrid()
{
    if (!m_first)
        return;
    QVERIFY(m_first->store->upsertPage(testing::generatedAlbums(50)).ok());
    QThreadPool pool;
    AlbumListModel grid(m_second.get(), &pool);
    QSignalSpy resets(&grid, &QAbstractItemModel::modelReset);
    grid.reload();
    QTRY_COMPARE(grid.rowCount(), 50);
    const int resetsAfterLoad = int(resets.size());
    QVERIFY(m_first->store->upsertPage(testing::generatedAlbums(25, 50)).ok());
    QTRY_COMPARE(grid.rowCount(), 75);
    QCOMPARE(int(resets.size()), resetsAfterLoad);
    pool.waitForDone();
}

QTEST_GUILESS_MAIN(TestSharedCatalogue)
#include "tst_sharedcatalogue.moc"
