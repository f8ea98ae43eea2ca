#include "albumlistmodel.h"
#include "testdata.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using namespace aime;

class TestAlbumListModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void firstPageThenFetchMore();
    void sortOrders_data();
    void sortOrders();
    void filterNarrowsAndClears();
    void newAlbumsArriveAsRangeInsertsNotResets();
    void staleQueryResultsAreDropped();
    void closedStoreReportsFailure();
    void nothingIsReadBeforeTheFirstReload();
    void fetchMoreDuringARefreshIsServed();

private:
    std::unique_ptr<testing::TemporaryStore> m_temporary;
    std::unique_ptr<QThreadPool> m_pool;
};

void TestAlbumListModel::init()
{
    m_temporary = testing::openTemporaryStore();
    QVERIFY(m_temporary);
    m_pool = std::make_unique<QThreadPool>();
    QVERIFY(m_temporary->store->upsertPage(testing::generatedAlbums(450)).ok());
}

void TestAlbumListModel::cleanup()
{
    m_pool->waitForDone();
    m_pool.reset();
    m_temporary.reset();
}

void TestAlbumListModel::firstPageThenFetchMore()
{
    // No model tester here: it calls fetchMore() itself, and this test counts the pages.
    AlbumListModel model(m_temporary->store.get(), m_pool.get());
    model.setPageSize(200);
    QSignalSpy applied(&model, &AlbumListModel::queryApplied);
    model.reload();
    QVERIFY(applied.wait());
    QCOMPARE(model.rowCount(), 200);
    QTRY_COMPARE(model.totalCount(), 450);
    QVERIFY(model.canFetchMore({}));

    model.fetchMore({});
    // Asked again while the page is on its way: served after it, never doubled.
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), 450);
    QVERIFY(!model.canFetchMore({}));

    QSet<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.insert(model.index(row).data(AlbumListModel::AlbumIdRole).toLongLong());
    QCOMPARE(ids.size(), 450);
    QVERIFY(!model.index(0).data(Qt::DisplayRole).toString().isEmpty());
    QVERIFY(model.index(0)
                .data(AlbumListModel::ArtistRole)
                .toString()
                .startsWith(QStringLiteral("Artist")));
}

void TestAlbumListModel::sortOrders_data()
{
    QTest::addColumn<int>("sort");
    QTest::newRow("artist") << int(AlbumSort::Artist);
    QTest::newRow("title") << int(AlbumSort::Title);
    QTest::newRow("year") << int(AlbumSort::Year);
    QTest::newRow("added") << int(AlbumSort::DateAdded);
}

void TestAlbumListModel::sortOrders()
{
    QFETCH(int, sort);
    AlbumListModel model(m_temporary->store.get(), m_pool.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(500);
    QSignalSpy applied(&model, &AlbumListModel::queryApplied);
    model.setSort(AlbumSort(sort));
    model.reload();
    QVERIFY(applied.wait());
    QCOMPARE(model.rowCount(), 450);
    for (int row = 1; row < model.rowCount(); ++row) {
        const QModelIndex a = model.index(row - 1);
        const QModelIndex b = model.index(row);
        switch (AlbumSort(sort)) {
        case AlbumSort::Artist:
            QVERIFY(a.data(AlbumListModel::ArtistRole).toString().toLower()
                    <= b.data(AlbumListModel::ArtistRole).toString().toLower());
            break;
        case AlbumSort::Title:
            QVERIFY(a.data(AlbumListModel::TitleRole).toString().toLower()
                    <= b.data(AlbumListModel::TitleRole).toString().toLower());
            break;
        case AlbumSort::Year:
            QVERIFY(a.data(AlbumListModel::YearRole).toInt()
                    <= b.data(AlbumListModel::YearRole).toInt());
            break;
        case AlbumSort::DateAdded:
            QVERIFY(a.data(AlbumListModel::AddedAtRole).toDateTime()
                    >= b.data(AlbumListModel::AddedAtRole).toDateTime());
            break;
        }
    }
}

void TestAlbumListModel::filterNarrowsAndClears()
{
    AlbumListModel model(m_temporary->store.get(), m_pool.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(1000);
    QSignalSpy applied(&model, &AlbumListModel::queryApplied);
    model.reload();
    QVERIFY(applied.wait());
    QCOMPARE(model.rowCount(), 450);

    model.setFilterText(QStringLiteral("electric"));
    QVERIFY(applied.wait());
    QVERIFY(model.rowCount() > 0);
    QVERIFY(model.rowCount() < 450);
    QTRY_COMPARE(model.totalCount(), model.rowCount());
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString text = model.index(row).data(AlbumListModel::TitleRole).toString() + u' '
            + model.index(row).data(AlbumListModel::ArtistRole).toString();
        QVERIFY2(text.contains(QStringLiteral("electric")), qPrintable(text));
    }

    model.setFilterText(QStringLiteral("zzzz nothing"));
    QVERIFY(applied.wait());
    QCOMPARE(model.rowCount(), 0);
    QTRY_COMPARE(model.totalCount(), 0);

    model.setFilterText(QString());
    QVERIFY(applied.wait());
    QCOMPARE(model.rowCount(), 450);
}

void TestAlbumListModel::newAlbumsArriveAsRangeInsertsNotResets()
{
    AlbumListModel model(m_temporary->store.get(), m_pool.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(1000);
    QSignalSpy applied(&model, &AlbumListModel::queryApplied);
    model.reload();
    QVERIFY(applied.wait());
    QCOMPARE(model.rowCount(), 450);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    // Three pages written quickly, as an import does: coalesced into few refreshes.
    for (int page = 0; page < 3; ++page)
        QVERIFY(
            m_temporary->store->upsertPage(testing::generatedAlbums(100, 10000 + page * 100)).ok());
    QTRY_COMPARE(model.rowCount(), 750);
    QCOMPARE(resets.count(), 0);
    QVERIFY(inserts.count() > 0);
    QVERIFY(inserts.count() <= 300);
    QTRY_COMPARE(model.totalCount(), 750);
}

void TestAlbumListModel::staleQueryResultsAreDropped()
{
    AlbumListModel model(m_temporary->store.get(), m_pool.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(1000);
    QSignalSpy applied(&model, &AlbumListModel::queryApplied);
    model.reload();
    model.setFilterText(QStringLiteral("blue"));
    model.setFilterText(QStringLiteral("river"));
    model.setFilterText(QStringLiteral("garden silver"));
    QVERIFY(applied.wait());
    // Only the last query's page lands.
    QCOMPARE(applied.count(), 1);
    QTRY_COMPARE(model.totalCount(), m_temporary->store->count({QStringLiteral("garden silver")}));
    QCOMPARE(model.rowCount(), model.totalCount());
}

void TestAlbumListModel::closedStoreReportsFailure()
{
    AlbumStore closed(StoreConfig {});
    AlbumListModel model(&closed, m_pool.get());
    QSignalSpy failed(&model, &AlbumListModel::loadFailed);
    model.reload();
    QVERIFY(failed.wait());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!failed.first().first().toString().isEmpty());
}

void TestAlbumListModel::nothingIsReadBeforeTheFirstReload()
{
    AlbumListModel model(m_temporary->store.get(), m_pool.get());
    QSignalSpy applied(&model, &AlbumListModel::queryApplied);
    QSignalSpy loading(&model, &AlbumListModel::loadingChanged);
    model.setSort(AlbumSort::Year);
    model.setFilterText(QStringLiteral("river"));
    QCOMPARE(loading.count(), 0);
    QVERIFY(!model.isLoading());

    model.reload();
    QVERIFY(applied.wait());
    QCOMPARE(applied.count(), 1);
    QTRY_COMPARE(model.totalCount(), m_temporary->store->count({QStringLiteral("river")}));
    QCOMPARE(model.query().sort, AlbumSort::Year);
}

void TestAlbumListModel::fetchMoreDuringARefreshIsServed()
{
    AlbumListModel model(m_temporary->store.get(), m_pool.get());
    model.setPageSize(100);
    QSignalSpy applied(&model, &AlbumListModel::queryApplied);
    model.reload();
    QVERIFY(applied.wait());
    QCOMPARE(model.rowCount(), 100);

    // An import writes; the model's coalesced refresh starts reading; at that moment the view
    // reaches the end and asks for more.
    bool asked = false;
    connect(&model, &AlbumListModel::loadingChanged, this, [&](bool loading) {
        if (loading && !asked) {
            asked = true;
            model.fetchMore({});
        }
    });
    QVERIFY(m_temporary->store->upsertPage(testing::generatedAlbums(10, 50000)).ok());
    QTRY_VERIFY(asked);
    QTRY_VERIFY(model.rowCount() >= 200);
    QTRY_VERIFY(!model.isLoading());
}

QTEST_GUILESS_MAIN(TestAlbumListModel)
#include "tst_albumlistmodel.moc"
