#include "albumlistmodel.h"
#include "store/connectionregistry.h"
#include "testdata.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QThreadPool>

using namespace aime;

class TestAlbumListModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void init();
    void cleanup();
    void countedThenPagesReadOnDemand();
    void residentPagesAreBounded();
    void sortOrders_data();
    void sortOrders();
    void filterNarrowsAndClears();
    void newAlbumsArriveWithoutResetAndSelectionFollows();
    void staleQueryResultsAreDropped();
    void closedStoreReportsFailure();
    void failedPageIsReadAgain();
    void nothingIsReadBeforeTheFirstReload();
    void pageAskedDuringARefreshIsServed();
    void locateFindsTheRow_data();
    void locateFindsTheRow();

private:
    std::unique_ptr<testing::TemporaryStore> m_temporary;
    std::unique_ptr<QThreadPool> m_pool;
};

void TestAlbumListModel::initTestCase_data()
{
    testing::addBackendRows();
}

void TestAlbumListModel::init()
{
    m_temporary = testing::openTemporaryStore(testing::currentBackend());
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

// Every row of the store, in the model's order, read in one go for comparison.
static QList<qint64> allIds(AlbumStore *store, const AlbumQuery &query)
{
    QList<qint64> ids;
    const SummaryPage page = store->summaries(query, {}, 100000);
    for (const AlbumSummary &album : page.rows)
        ids.append(album.id);
    return ids;
}

void TestAlbumListModel::countedThenPagesReadOnDemand()
{
    AlbumListModel model(m_temporary->store.get(), m_pool.get());
    model.setPageSize(100);
    QSignalSpy applied(&model, &AlbumListModel::queryApplied);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.reload();
    QVERIFY(applied.wait());
    // The first page at once; the count follows as one range insert of the rest.
    QCOMPARE(model.rowCount(), 100);
    QTRY_COMPARE(model.rowCount(), 450);
    QCOMPARE(model.totalCount(), 450);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 100);
    QCOMPARE(inserted.first().at(2).toInt(), 449);
    QCOMPARE(model.residentPageCount(), 1);
    QVERIFY(model.summaryAt(99));
    QVERIFY(!model.index(0).data(Qt::DisplayRole).toString().isEmpty());
    QVERIFY(model.index(0).data(AlbumListModel::ArtistRole).toString().startsWith(u"Artist"));

    // A jump far down (read by offset): empty until its page lands as one dataChanged.
    QVERIFY(!model.summaryAt(320));
    QCOMPARE(model.index(320).data(AlbumListModel::LoadedRole).toBool(), false);
    QVERIFY(!model.index(320).data(AlbumListModel::AlbumIdRole).isValid());
    QTRY_VERIFY(model.summaryAt(320));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 300);
    QCOMPARE(changed.first().at(1).value<QModelIndex>().row(), 399);

    // Then the page after it (read by keyset) and the rest: the same rows, in the same order,
    // as one read of the whole store.
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        QTRY_VERIFY(model.summaryAt(row));
        ids.append(model.index(row).data(AlbumListModel::AlbumIdRole).toLongLong());
    }
    QCOMPARE(ids, allIds(m_temporary->store.get(), model.query()));
}

void TestAlbumListModel::residentPagesAreBounded()
{
    AlbumListModel model(m_temporary->store.get(), m_pool.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(40);
    model.setResidentPageLimit(3);
    QSignalSpy applied(&model, &AlbumListModel::queryApplied);
    model.reload();
    QVERIFY(applied.wait());
    QTRY_COMPARE(model.rowCount(), 450);
    QSet<qint64> ids;
    int mostResident = 0;
    // Top to bottom and back, as a scroll does.
    for (int pass = 0; pass < 2; ++pass) {
        for (int step = 0; step < model.rowCount(); ++step) {
            const int row = pass == 0 ? step : model.rowCount() - 1 - step;
            QTRY_VERIFY(model.summaryAt(row));
            ids.insert(model.summaryAt(row)->id);
            mostResident = qMax(mostResident, model.residentPageCount());
        }
    }
    QCOMPARE(ids.size(), 450);
    QVERIFY2(mostResident <= 3, qPrintable(QString::number(mostResident)));
    QCOMPARE(model.rowCount(), 450);
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

void TestAlbumListModel::newAlbumsArriveWithoutResetAndSelectionFollows()
{
    AlbumListModel model(m_temporary->store.get(), m_pool.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(1000);
    QSignalSpy applied(&model, &AlbumListModel::queryApplied);
    model.reload();
    QVERIFY(applied.wait());
    QCOMPARE(model.rowCount(), 450);

    // The person has an album selected; new albums sort in before it.
    const QPersistentModelIndex selected = model.index(300);
    const qint64 selectedId = selected.data(AlbumListModel::AlbumIdRole).toLongLong();
    QVERIFY(selectedId > 0);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    // Three pages written quickly, as an import does: coalesced into few layout changes.
    for (int page = 0; page < 3; ++page)
        QVERIFY(
            m_temporary->store->upsertPage(testing::generatedAlbums(100, 10000 + page * 100)).ok());
    QTRY_COMPARE(model.rowCount(), 750);
    QCOMPARE(model.totalCount(), 750);
    QCOMPARE(resets.count(), 0);
    QVERIFY(layouts.count() >= 1);
    QVERIFY(layouts.count() <= 3);
    QVERIFY(selected.isValid());
    QCOMPARE(selected.data(AlbumListModel::AlbumIdRole).toLongLong(), selectedId);
    QCOMPARE(model.index(selected.row()).data(AlbumListModel::AlbumIdRole).toLongLong(),
             selectedId);
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        QTRY_VERIFY(model.summaryAt(row));
        ids.append(model.summaryAt(row)->id);
    }
    QCOMPARE(ids, allIds(m_temporary->store.get(), model.query()));
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

void TestAlbumListModel::failedPageIsReadAgain()
{
    AlbumListModel model(m_temporary->store.get(), m_pool.get());
    model.setPageSize(100);
    QSignalSpy applied(&model, &AlbumListModel::queryApplied);
    QSignalSpy failed(&model, &AlbumListModel::loadFailed);
    model.reload();
    QVERIFY(applied.wait());
    QTRY_COMPARE(model.rowCount(), 450);

    // A moment in which the store cannot be read: another connection takes the table away.
    const QString connection = QStringLiteral("away");
    {
        QSqlDatabase db
            = ConnectionRegistry::addConnection(m_temporary->store->config(), connection);
        QVERIFY(db.open());
        QSqlQuery away(db);
        QVERIFY(away.exec(QStringLiteral("ALTER TABLE albums RENAME TO albums_away")));
        QVERIFY(!model.index(320).data(AlbumListModel::AlbumIdRole).isValid());
        QVERIFY(failed.wait());
        QVERIFY(away.exec(QStringLiteral("ALTER TABLE albums_away RENAME TO albums")));
    }
    QSqlDatabase::removeDatabase(connection);

    // Nothing in the store changed since, yet the rows do not stay "Loading…" for ever.
    QTRY_VERIFY_WITH_TIMEOUT(model.index(320).data(AlbumListModel::AlbumIdRole).isValid(), 10000);
    QCOMPARE(failed.count(), 1);
    QVERIFY(model.summaryAt(399));
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

void TestAlbumListModel::pageAskedDuringARefreshIsServed()
{
    AlbumListModel model(m_temporary->store.get(), m_pool.get());
    model.setPageSize(100);
    QSignalSpy applied(&model, &AlbumListModel::queryApplied);
    model.reload();
    QVERIFY(applied.wait());
    QTRY_COMPARE(model.rowCount(), 450);
    QTRY_VERIFY(!model.isLoading());

    // An import writes; the model's coalesced refresh starts reading; at that moment the view
    // paints rows further down.
    bool asked = false;
    connect(&model, &AlbumListModel::loadingChanged, this, [&](bool loading) {
        if (loading && !asked) {
            asked = true;
            QVERIFY(!model.summaryAt(420));
        }
    });
    QVERIFY(m_temporary->store->upsertPage(testing::generatedAlbums(10, 50000)).ok());
    QTRY_VERIFY(asked);
    QTRY_COMPARE(model.rowCount(), 460);
    QTRY_VERIFY(model.summaryAt(420));
    QTRY_VERIFY(!model.isLoading());
}

void TestAlbumListModel::locateFindsTheRow_data()
{
    QTest::addColumn<int>("sort");
    QTest::addColumn<QString>("filter");
    QTest::newRow("artist") << int(AlbumSort::Artist) << QString();
    QTest::newRow("title") << int(AlbumSort::Title) << QString();
    QTest::newRow("year") << int(AlbumSort::Year) << QString();
    QTest::newRow("added, newest first") << int(AlbumSort::DateAdded) << QString();
    QTest::newRow("filtered") << int(AlbumSort::Artist) << QStringLiteral("electric");
}

void TestAlbumListModel::locateFindsTheRow()
{
    QFETCH(int, sort);
    QFETCH(QString, filter);
    AlbumListModel model(m_temporary->store.get(), m_pool.get());
    model.setPageSize(50);
    QSignalSpy applied(&model, &AlbumListModel::queryApplied);
    model.setQuery({filter, AlbumSort(sort)});
    model.reload();
    QVERIFY(applied.wait());
    const QList<qint64> ids = allIds(m_temporary->store.get(), model.query());
    QVERIFY(ids.size() > 3);
    QTRY_COMPARE(model.rowCount(), int(ids.size()));
    QSignalSpy located(&model, &AlbumListModel::located);
    for (const qsizetype row : {qsizetype(0), ids.size() / 2, ids.size() - 1}) {
        model.locate(ids.at(row));
        QTRY_COMPARE(located.size(), 1);
        QCOMPARE(located.first().at(0).toLongLong(), ids.at(row));
        QCOMPARE(located.first().at(1).toInt(), int(row));
        located.clear();
    }
    // An album the query does not show.
    qint64 outside = 0;
    for (qint64 id = 1; id < 2000 && outside == 0; ++id) {
        if (!ids.contains(id))
            outside = id;
    }
    model.locate(outside);
    QTRY_COMPARE(located.size(), 1);
    QCOMPARE(located.first().at(1).toInt(), -1);
}

QTEST_GUILESS_MAIN(TestAlbumListModel)
#include "tst_albumlistmodel.moc"
