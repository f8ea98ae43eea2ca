#include "core/datalocation.h"
#include "store/albumstore.h"
#include "testdata.h"

#include <QAtomicInt>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTest>
#include <QThread>
#include <QtConcurrent>

using namespace aime;
using aime::testing::discogsAlbum;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

Album spotifyAlbum(const QString &artist, const QString &title, int year, const QString &id,
                   const QString &barcode = {})
{
    Album album = discogsAlbum(artist, title, year, id, barcode);
    album.sources.first().provider = QStringLiteral("spotify");
    album.sources.first().url = QStringLiteral("https://open.spotify.com/album/") + id;
    return album;
}

Album localAlbum(const QString &artist, const QString &title, int year)
{
    Album album = discogsAlbum(artist, title, year, QString());
    album.sources.first().provider = QStringLiteral("local");
    album.sources.first().url.clear();
    return album;
}

} // namespace

class TestAlbumStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void jobCursorIsCommittedWithItsPage();
    void laterBarcodeMergesTwoStoredAlbums();
    void barcodeMergeKeepsDescriptionAndCover_data();
    void barcodeMergeKeepsDescriptionAndCover();
    void orphanedJobsAreInterrupted_data();
    void orphanedJobsAreInterrupted();
    void deduplication_data();
    void deduplication();
    void knownSourceUpdatesItsAlbum();
    void mergeKeepsStoredFieldsAndAddsSource();
    void tracksAndFtsStayInStep();
    void detailsRoundTrip();
    void keysetPagingCoversEveryAlbumOnce_data();
    void keysetPagingCoversEveryAlbumOnce();
    void concurrentReadsWhileWriting();
    void twoStoresOnOneFileWriteInTurn();
    void corruptFileIsRefusedUntouched();
    void newerSchemaIsRefusedUntouched();
    void foreignSqliteFileIsRefused();
    void emptyPageIsNoop();
    void unopenablePathIsReported();
};

void TestAlbumStore::initTestCase_data()
{
    testing::addBackendRows();
}

void TestAlbumStore::deduplication_data()
{
    QTest::addColumn<Album>("first");
    QTest::addColumn<Album>("second");
    QTest::addColumn<int>("expectedAlbums");
    QTest::addColumn<int>("expectedSources");
    QTest::addColumn<int>("expectedOutcome");

    const int inserted = int(UpsertOutcome::Inserted);
    const int updated = int(UpsertOutcome::Updated);
    const int merged = int(UpsertOutcome::Merged);

    QTest::newRow("same discogs release twice")
        << discogsAlbum(QStringLiteral("Radiohead"), QStringLiteral("OK Computer"), 1997,
                        QStringLiteral("1"))
        << discogsAlbum(QStringLiteral("Radiohead"), QStringLiteral("OK Computer"), 1997,
                        QStringLiteral("1"))
        << 1 << 1 << updated;
    QTest::newRow("same barcode, other provider and title spelling")
        << discogsAlbum(QStringLiteral("Daft Punk"), QStringLiteral("Alive 2007"), 2007,
                        QStringLiteral("2"), QStringLiteral("5099951165857"))
        << spotifyAlbum(QStringLiteral("Daft Punk"), QStringLiteral("Alive 2007 (Live)"), 2008,
                        QStringLiteral("7u6z"), QStringLiteral("5099951165857"))
        << 1 << 2 << merged;
    QTest::newRow("upc and ean of one code")
        << discogsAlbum(QStringLiteral("Blur"), QStringLiteral("Parklife"), 1994,
                        QStringLiteral("3"), QStringLiteral("724382923527"))
        << spotifyAlbum(QStringLiteral("Blur"), QStringLiteral("Parklife"), 1994,
                        QStringLiteral("x"), QStringLiteral("0724382923527"))
        << 1 << 2 << merged;
    QTest::newRow("normalised artist title year")
        << discogsAlbum(QStringLiteral("The Beatles"), QStringLiteral("Abbey Road"), 1969,
                        QStringLiteral("4"))
        << spotifyAlbum(QStringLiteral("Beatles"), QStringLiteral("Abbey Road (Remastered 2009)"),
                        1969, QStringLiteral("s4"))
        << 1 << 2 << merged;
    QTest::newRow("accents and case")
        << discogsAlbum(QStringLiteral("Sigur Rós"), QStringLiteral("Ágætis byrjun"), 1999,
                        QStringLiteral("5"))
        << spotifyAlbum(QStringLiteral("SIGUR ROS"), QStringLiteral("Agaetis Byrjun"), 1999,
                        QStringLiteral("s5"))
        << 1 << 2 << merged;
    QTest::newRow("second discogs release of the same album")
        << discogsAlbum(QStringLiteral("Miles Davis"), QStringLiteral("Kind of Blue"), 1959,
                        QStringLiteral("6"))
        << discogsAlbum(QStringLiteral("Miles Davis"), QStringLiteral("Kind Of Blue"), 1959,
                        QStringLiteral("66"))
        << 1 << 2 << merged;
    QTest::newRow("different year is a different album")
        << discogsAlbum(QStringLiteral("Radiohead"), QStringLiteral("OK Computer"), 1997,
                        QStringLiteral("7"))
        << discogsAlbum(QStringLiteral("Radiohead"), QStringLiteral("OK Computer"), 2017,
                        QStringLiteral("77"))
        << 2 << 2 << inserted;
    QTest::newRow("different barcodes but same key still merge by key")
        << discogsAlbum(QStringLiteral("Nirvana"), QStringLiteral("Nevermind"), 1991,
                        QStringLiteral("8"), QStringLiteral("720642442524"))
        << spotifyAlbum(QStringLiteral("Nirvana"), QStringLiteral("Nevermind"), 1991,
                        QStringLiteral("s8"), QStringLiteral("602547655442"))
        << 1 << 2 << merged;
    QTest::newRow("same local row twice")
        << localAlbum(QStringLiteral("Can"), QStringLiteral("Ege Bamyasi"), 1972)
        << localAlbum(QStringLiteral("CAN"), QStringLiteral("Ege Bamyasi"), 1972) << 1 << 1
        << updated;
    QTest::newRow("local row joins a discogs album")
        << discogsAlbum(QStringLiteral("Can"), QStringLiteral("Future Days"), 1973,
                        QStringLiteral("11"))
        << localAlbum(QStringLiteral("Can"), QStringLiteral("Future Days"), 1973) << 1 << 2
        << merged;
    QTest::newRow("different albums")
        << discogsAlbum(QStringLiteral("Radiohead"), QStringLiteral("Kid A"), 2000,
                        QStringLiteral("9"))
        << discogsAlbum(QStringLiteral("Radiohead"), QStringLiteral("Amnesiac"), 2001,
                        QStringLiteral("10"))
        << 2 << 2 << inserted;
}

void TestAlbumStore::deduplication()
{
    QFETCH(Album, first);
    QFETCH(Album, second);
    QFETCH(int, expectedAlbums);
    QFETCH(int, expectedSources);
    QFETCH(int, expectedOutcome);

    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    AlbumStore &store = *temporary->store;
    const UpsertResult a = store.upsertPage({first});
    QVERIFY2(a.ok(), qPrintable(a.error));
    QCOMPARE(a.outcomes.value(0), UpsertOutcome::Inserted);
    const UpsertResult b = store.upsertPage({second});
    QVERIFY2(b.ok(), qPrintable(b.error));
    QCOMPARE(int(b.outcomes.value(0)), expectedOutcome);
    QCOMPARE(store.count({}), expectedAlbums);

    int sources = 0;
    QVERIFY(store.forEachAlbum([&](const Album &album) {
        sources += int(album.sources.size());
        return true;
    }));
    QCOMPARE(sources, expectedSources);
}

void TestAlbumStore::knownSourceUpdatesItsAlbum()
{
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    AlbumStore &store = *temporary->store;
    Album album = discogsAlbum(QStringLiteral("Portishead"), QStringLiteral("Dummy"), 1994,
                               QStringLiteral("42"));
    album.label = QStringLiteral("Go! Beat");
    const qint64 id = store.upsertPage({album}).albumIds.value(0);
    QVERIFY(id > 0);

    album.label = QStringLiteral("Go! Discs");
    album.sources.first().catalogNumber = QStringLiteral("828 553-1");
    const UpsertResult again = store.upsertPage({album});
    QCOMPARE(again.albumIds.value(0), id);
    QCOMPARE(again.updated, 1);
    const auto stored = store.album(id);
    QVERIFY(stored);
    QCOMPARE(stored->label, QStringLiteral("Go! Discs"));
    QCOMPARE(stored->sources.size(), 1);
    QCOMPARE(stored->sources.first().catalogNumber, QStringLiteral("828 553-1"));
}

void TestAlbumStore::mergeKeepsStoredFieldsAndAddsSource()
{
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    AlbumStore &store = *temporary->store;
    Album discogs = discogsAlbum(QStringLiteral("Massive Attack"), QStringLiteral("Mezzanine"),
                                 1998, QStringLiteral("100"));
    discogs.label = QStringLiteral("Circa");
    const qint64 id = store.upsertPage({discogs}).albumIds.value(0);

    Album spotify = spotifyAlbum(QStringLiteral("Massive Attack"), QStringLiteral("Mezzanine"),
                                 1998, QStringLiteral("sp1"), QStringLiteral("724384559923"));
    spotify.label = QStringLiteral("Virgin");
    spotify.genres = {QStringLiteral("Trip Hop")};
    const UpsertResult merged = store.upsertPage({spotify});
    QCOMPARE(merged.merged, 1);
    QCOMPARE(merged.albumIds.value(0), id);

    const auto stored = store.album(id);
    QVERIFY(stored);
    QCOMPARE(stored->label, QStringLiteral("Circa"));
    QCOMPARE(stored->barcode, QStringLiteral("0724384559923"));
    QCOMPARE(stored->genres, QStringList {QStringLiteral("Trip Hop")});
    QCOMPARE(stored->sources.size(), 2);
}

void TestAlbumStore::tracksAndFtsStayInStep()
{
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    AlbumStore &store = *temporary->store;
    Album album = discogsAlbum(QStringLiteral("Kraftwerk"), QStringLiteral("Computer World"), 1981,
                               QStringLiteral("500"));
    const qint64 id = store.upsertPage({album}).albumIds.value(0);
    QCOMPARE(store.count({QStringLiteral("pocket calculator")}), 0);

    album.tracks = {{1, 1, QStringLiteral("Computer World"), 305000},
                    {1, 2, QStringLiteral("Pocket Calculator"), 295000}};
    album.genres = {QStringLiteral("Electronic")};
    QVERIFY(store.upsertPage({album}).ok());
    QCOMPARE(store.count({QStringLiteral("pocket calculator")}), 1);
    QCOMPARE(store.count({QStringLiteral("electronic")}), 1);
    QCOMPARE(store.album(id)->tracks.size(), 2);
    QCOMPARE(store.album(id)->trackCount, 2);

    album.title = QStringLiteral("Computerwelt");
    QVERIFY(store.upsertPage({album}).ok());
    QCOMPARE(store.count({QStringLiteral("computerwelt")}), 1);
    QCOMPARE(store.count({QStringLiteral("kraftwerk")}), 1);
}

void TestAlbumStore::detailsRoundTrip()
{
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    AlbumStore &store = *temporary->store;
    Album album = discogsAlbum(QStringLiteral("Björk"), QStringLiteral("Homogenic"), 1997,
                               QStringLiteral("7001"));
    album.releaseDate = QStringLiteral("1997-09-22");
    album.format = QStringLiteral("CD, Album");
    album.label = QStringLiteral("One Little Indian");
    album.genres = {QStringLiteral("Electronic"), QStringLiteral("Pop")};
    SourceRef &source = album.sources.first();
    source.catalogNumber = QStringLiteral("TPLP71CD");
    source.rating = 5;
    source.folder = QStringLiteral("Uncategorized");
    source.addedAt = QDateTime(QDate(2021, 4, 6), QTime(11, 25, 59), Qt::UTC);
    source.extra.insert(QStringLiteral("Collection Notes"), QStringLiteral("signed, \"mint\""));
    const qint64 id = store.upsertPage({album}).albumIds.value(0);

    const auto stored = store.album(id);
    QVERIFY(stored);
    QCOMPARE(stored->artist, album.artist);
    QCOMPARE(stored->releaseDate, album.releaseDate);
    QCOMPARE(stored->genres, album.genres);
    QCOMPARE(stored->format, album.format);
    QVERIFY(stored->addedAt.isValid());
    QCOMPARE(stored->sources.size(), 1);
    const SourceRef &back = stored->sources.first();
    QCOMPARE(back.catalogNumber, source.catalogNumber);
    QCOMPARE(back.rating, 5);
    QCOMPARE(back.folder, source.folder);
    QCOMPARE(back.addedAt, source.addedAt);
    QCOMPARE(back.extra, source.extra);
}

void TestAlbumStore::keysetPagingCoversEveryAlbumOnce_data()
{
    QTest::addColumn<int>("sort");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("expected");
    QTest::newRow("artist") << int(AlbumSort::Artist) << QString() << 1000;
    QTest::newRow("title") << int(AlbumSort::Title) << QString() << 1000;
    QTest::newRow("year") << int(AlbumSort::Year) << QString() << 1000;
    QTest::newRow("added") << int(AlbumSort::DateAdded) << QString() << 1000;
    QTest::newRow("artist filtered") << int(AlbumSort::Artist) << QStringLiteral("blue") << 335;
    QTest::newRow("year filtered two words")
        << int(AlbumSort::Year) << QStringLiteral("blue night") << 84;
}

void TestAlbumStore::keysetPagingCoversEveryAlbumOnce()
{
    QFETCH(int, sort);
    QFETCH(QString, filter);
    QFETCH(int, expected);
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    AlbumStore &store = *temporary->store;
    const QList<Album> albums = testing::generatedAlbums(1000);
    QVERIFY(store.upsertPage(albums).ok());

    const AlbumQuery query {filter, AlbumSort(sort)};
    QCOMPARE(store.count(query), expected);
    QSet<qint64> seen;
    QList<AlbumSummary> ordered;
    PageCursor cursor;
    for (int guard = 0; guard < 100; ++guard) {
        const SummaryPage page = store.summaries(query, cursor, 37);
        QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
        for (const AlbumSummary &row : page.rows) {
            QVERIFY(!seen.contains(row.id));
            seen.insert(row.id);
            ordered.append(row);
        }
        if (page.atEnd)
            break;
        cursor = page.next;
    }
    QCOMPARE(int(seen.size()), store.count(query));
    if (expected > 0)
        QCOMPARE(int(seen.size()), expected);
    for (int i = 1; i < ordered.size(); ++i) {
        const AlbumSummary &a = ordered.at(i - 1);
        const AlbumSummary &b = ordered.at(i);
        switch (AlbumSort(sort)) {
        case AlbumSort::Year:
            QVERIFY(a.year <= b.year);
            break;
        case AlbumSort::Title:
            QVERIFY(a.title.toLower() <= b.title.toLower());
            break;
        case AlbumSort::Artist:
            QVERIFY(a.artist.toLower() <= b.artist.toLower());
            break;
        case AlbumSort::DateAdded:
            QVERIFY(a.addedAt >= b.addedAt);
            break;
        }
    }
}

void TestAlbumStore::concurrentReadsWhileWriting()
{
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    AlbumStore *store = temporary->store.get();
    QVERIFY(store->upsertPage(testing::generatedAlbums(500)).ok());

    QThreadPool pool;
    pool.setMaxThreadCount(6);
    QAtomicInt readFailures = 0;
    QAtomicInt reads = 0;
    std::atomic_bool writing = true;
    QFuture<void> writer = QtConcurrent::run(&pool, [&] {
        for (int page = 1; page <= 20; ++page) {
            if (!store->upsertPage(testing::generatedAlbums(250, page * 1000)).ok())
                readFailures.fetchAndAddRelaxed(1000);
        }
        writing = false;
    });
    QList<QFuture<void>> readers;
    for (int i = 0; i < 4; ++i) {
        readers.append(QtConcurrent::run(&pool, [&] {
            while (writing) {
                const SummaryPage page = store->summaries({QStringLiteral("river")}, {}, 50);
                const int total = store->count({});
                if (!page.error.isEmpty() || page.rows.isEmpty() || total < 500)
                    readFailures.fetchAndAddRelaxed(1);
                reads.fetchAndAddRelaxed(1);
            }
        }));
    }
    writer.waitForFinished();
    for (QFuture<void> &reader : readers)
        reader.waitForFinished();
    QCOMPARE(readFailures.loadRelaxed(), 0);
    QVERIFY(reads.loadRelaxed() > 0);
    QCOMPARE(store->count({}), 500 + 20 * 250);
}

void TestAlbumStore::twoStoresOnOneFileWriteInTurn()
{
    // Two AlbumStores on one file behave as two processes do (each has its own connections and
    // its own write mutex): only SQLite's lock orders their writes. Their pages overlap by half,
    // so each page reads what the other just wrote before it writes.
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    AlbumStore second(temporary->store->config());
    QVERIFY(second.open().ok());
    AlbumStore *stores[] = {temporary->store.get(), &second};

    constexpr int pageSize = 40;
    constexpr int maxPages = 150;
    const qint64 budgetMs = qEnvironmentVariableIntValue("AIME_CONCURRENT_WRITE_MS") > 0
        ? qEnvironmentVariableIntValue("AIME_CONCURRENT_WRITE_MS")
        : 10000;
    QThreadPool pool;
    pool.setMaxThreadCount(2);
    QAtomicInt failures = 0;
    QString firstError;
    QMutex errorMutex;
    std::atomic_int pagesWritten[2] = {0, 0};
    QElapsedTimer clock;
    clock.start();
    QList<QFuture<void>> writers;
    for (int writer = 0; writer < 2; ++writer) {
        writers.append(QtConcurrent::run(&pool, [&, writer] {
            for (int page = 0; page < maxPages && clock.elapsed() < budgetMs; ++page) {
                const int first = page * pageSize + writer * pageSize / 2;
                const UpsertResult result
                    = stores[writer]->upsertPage(testing::generatedAlbums(pageSize, first));
                if (!result.ok()) {
                    QMutexLocker lock(&errorMutex);
                    if (failures.fetchAndAddRelaxed(1) == 0)
                        firstError = result.error;
                }
                ++pagesWritten[writer];
            }
        }));
    }
    for (QFuture<void> &writer : writers)
        writer.waitForFinished();
    QVERIFY2(failures.loadRelaxed() == 0,
             qPrintable(QStringLiteral("%1 pages failed, first: %2")
                            .arg(failures.loadRelaxed())
                            .arg(firstError)));
    QVERIFY(pagesWritten[0] > 0 && pagesWritten[1] > 0);
    // Every album once: the union of the two ranges, however their pages interleaved.
    const int lastIndex = qMax(pagesWritten[0].load() * pageSize,
                               (pagesWritten[1].load() - 1) * pageSize + pageSize / 2 + pageSize);
    QCOMPARE(temporary->store->count({}), lastIndex);
    QCOMPARE(second.count({}), lastIndex);
    QCOMPARE(second.count({QStringLiteral("Title 000000")}), 1);
}

void TestAlbumStore::corruptFileIsRefusedUntouched()
{
    QTemporaryDir dir;
    const StoreConfig config = DataLocation::sqliteStore(dir.path());
    {
        QFile file(config.databaseName);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray garbage(8192, '\0');
        for (int i = 0; i < garbage.size(); ++i)
            garbage[i] = char((i * 7919) % 251);
        file.write(garbage);
    }
    const QByteArray before = fileHash(config.databaseName);
    AlbumStore store(config);
    const StoreStatus status = store.open();
    QCOMPARE(status.kind, StoreErrorKind::Corrupt);
    QVERIFY(status.message.contains(config.databaseName));
    QCOMPARE(fileHash(config.databaseName), before);
    QVERIFY(!store
                 .upsertPage({discogsAlbum(QStringLiteral("A"), QStringLiteral("B"), 1,
                                           QStringLiteral("1"))})
                 .ok());
    QCOMPARE(fileHash(config.databaseName), before);
    QVERIFY(!QFile::exists(config.databaseName + QStringLiteral("-wal")));
}

void TestAlbumStore::newerSchemaIsRefusedUntouched()
{
    QTemporaryDir dir;
    const StoreConfig config = DataLocation::sqliteStore(dir.path());
    {
        AlbumStore store(config);
        QVERIFY(store.open().ok());
        QVERIFY(store
                    .upsertPage({discogsAlbum(QStringLiteral("A"), QStringLiteral("B"), 2000,
                                              QStringLiteral("1"))})
                    .ok());
    }
    {
        const QString name = QStringLiteral("bump");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(config.databaseName);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode=DELETE")));
            QVERIFY(query.exec(QStringLiteral("UPDATE aime_schema SET version = 99")));
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    const QByteArray before = fileHash(config.databaseName);
    AlbumStore store(config);
    const StoreStatus status = store.open();
    QCOMPARE(status.kind, StoreErrorKind::NewerVersion);
    QCOMPARE(status.schemaVersion, 99);
    QVERIFY(status.message.contains(QStringLiteral("newer")));
    QCOMPARE(fileHash(config.databaseName), before);
}

void TestAlbumStore::foreignSqliteFileIsRefused()
{
    QTemporaryDir dir;
    const StoreConfig config = DataLocation::sqliteStore(dir.path());
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
        db.setDatabaseName(config.databaseName);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("CREATE TABLE songs (id INTEGER)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    const QByteArray before = fileHash(config.databaseName);
    AlbumStore store(config);
    QCOMPARE(store.open().kind, StoreErrorKind::Corrupt);
    QCOMPARE(fileHash(config.databaseName), before);
}

void TestAlbumStore::emptyPageIsNoop()
{
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    const UpsertResult result = temporary->store->upsertPage({});
    QVERIFY(result.ok());
    QCOMPARE(result.albumIds.size(), 0);
    QCOMPARE(temporary->store->count({}), 0);
}

void TestAlbumStore::unopenablePathIsReported()
{
    QTemporaryDir dir;
    const StoreConfig config = DataLocation::sqliteStore(dir.path());
    // A folder where the database file should be: nothing can open it as a file.
    QVERIFY(QDir().mkpath(config.databaseName));
    AlbumStore store(config);
    const StoreStatus status = store.open();
    QVERIFY(!status.ok());
    QVERIFY(status.message.contains(config.databaseName));
    QVERIFY(QFileInfo(config.databaseName).isDir());
    QCOMPARE(store.count({}), -1);
}

void TestAlbumStore::jobCursorIsCommittedWithItsPage()
{
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    AlbumStore &store = *temporary->store;
    const std::optional<ImportJobRecord> job = store.createJob(
        QStringLiteral("discogs"), {{QStringLiteral("user"), QStringLiteral("c")}});
    QVERIFY(job);
    QCOMPARE(job->state, JobState::Queued);

    const JobCheckpoint checkpoint {job->id, {{QStringLiteral("page"), 2}}, 1, 250};
    const UpsertResult result
        = store.upsertPage({discogsAlbum(QStringLiteral("Can"), QStringLiteral("Tago Mago"), 1971,
                                         QStringLiteral("7"))},
                           checkpoint);
    QVERIFY2(result.ok(), qPrintable(result.error));
    std::optional<ImportJobRecord> stored = store.job(job->id);
    QVERIFY(stored);
    QCOMPARE(stored->cursor.value(QStringLiteral("page")).toInt(), 2);
    QCOMPARE(stored->done, 1);
    QCOMPARE(stored->total, 250);
    QCOMPARE(stored->params.value(QStringLiteral("user")).toString(), QStringLiteral("c"));

    // An empty page still moves the cursor; a page that fails moves nothing.
    QVERIFY(store.upsertPage({}, {job->id, {{QStringLiteral("page"), 3}}, 1, 250}).ok());
    QCOMPARE(store.job(job->id)->cursor.value(QStringLiteral("page")).toInt(), 3);
    QCOMPARE(store.jobs().size(), 1);
    QVERIFY(store.removeJob(job->id));
    QVERIFY(store.jobs().isEmpty());
}

void TestAlbumStore::laterBarcodeMergesTwoStoredAlbums()
{
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    AlbumStore &store = *temporary->store;
    // Spotify first: a barcode, a short tracklist, no label.
    Album spotify
        = spotifyAlbum(QStringLiteral("Radiohead"), QStringLiteral("OK Computer"), 1997,
                       QStringLiteral("6dVIqQ8qmQ5GBnJ9shOYGE"), QStringLiteral("724385522925"));
    spotify.tracks = {{1, 1, QStringLiteral("Airbag"), 284000}};
    const qint64 spotifyId = store.upsertPage({spotify}).albumIds.value(0);
    // Discogs' collection page: another spelling, so the match key differs, and no barcode yet.
    Album discogs = discogsAlbum(QStringLiteral("Radiohead"),
                                 QStringLiteral("OK Computer (Collector's Edition)"), 0,
                                 QStringLiteral("1234"));
    const qint64 discogsId = store.upsertPage({discogs}).albumIds.value(0);
    QVERIFY(spotifyId > 0 && discogsId > spotifyId);
    QCOMPARE(store.count({}), 2);

    // The details phase brings the barcode (EAN-13 this time), a label and the whole tracklist.
    discogs.barcode = QStringLiteral("0724385522925");
    discogs.sources.first().barcode = discogs.barcode;
    discogs.label = QStringLiteral("Parlophone");
    discogs.tracks = {{1, 1, QStringLiteral("Airbag"), 284000},
                      {1, 2, QStringLiteral("Paranoid Android"), 383000},
                      {1, 3, QStringLiteral("Subterranean Homesick Alien"), 267000}};
    QSignalSpy changed(&store, &AlbumStore::albumsChanged);
    const UpsertResult result = store.upsertPage({discogs});
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.albumIds, QList<qint64> {spotifyId});
    QCOMPARE(result.removedIds, QList<qint64> {discogsId});
    QCOMPARE(changed.count(), 1);
    QVERIFY(changed.first().first().value<QList<qint64>>().contains(discogsId));

    QCOMPARE(store.count({}), 1);
    const std::optional<Album> merged = store.album(spotifyId);
    QVERIFY(merged);
    QCOMPARE(merged->sources.size(), 2);
    QCOMPARE(merged->tracks.size(), 3); // the richer tracklist
    QCOMPARE(merged->label, QStringLiteral("Parlophone"));
    QCOMPARE(merged->year, 1997);
    QVERIFY(!store.album(discogsId));
    // The search index follows: one hit, with the tracks of the merged album.
    QCOMPARE(store.count({QStringLiteral("paranoid")}), 1);
    QCOMPARE(store.count({QStringLiteral("radiohead")}), 1);
}

void TestAlbumStore::barcodeMergeKeepsDescriptionAndCover_data()
{
    QTest::addColumn<QString>("survivorText");
    QTest::addColumn<bool>("survivorEdited");
    QTest::addColumn<QString>("absorbedText");
    QTest::addColumn<bool>("absorbedEdited");
    QTest::addColumn<bool>("absorbedWroteLater");
    QTest::addColumn<QString>("survivorCover");
    QTest::addColumn<QString>("absorbedCover");
    QTest::addColumn<QString>("expectedText");
    QTest::addColumn<bool>("expectedEdited");
    QTest::addColumn<QString>("expectedCover");
    const QString mine = QStringLiteral("My copy, bought in Leeds in 1998.");
    const QString model = QStringLiteral("A landmark of art rock.");
    const QString newerModel = QStringLiteral("Radiohead's third album.");
    const QString myOther = QStringLiteral("Played at my wedding.");
    QTest::newRow("only the absorbed album has an edited text and a cover")
        << QString() << false << mine << true << true << QString() << QStringLiteral("/c/b.jpg")
        << mine << true << QStringLiteral("/c/b.jpg");
    QTest::newRow("the person's text beats a newer generated one")
        << newerModel << false << mine << true << false << QStringLiteral("/c/a.jpg")
        << QStringLiteral("/c/b.jpg") << mine << true << QStringLiteral("/c/a.jpg");
    QTest::newRow("the survivor's edit beats a newer generated one")
        << mine << true << newerModel << false << true << QString() << QString() << mine << true
        << QString();
    QTest::newRow("of two generated texts the newer")
        << model << false << newerModel << false << true << QString() << QStringLiteral("/c/b.jpg")
        << newerModel << false << QStringLiteral("/c/b.jpg");
    QTest::newRow("two edited texts are both kept, newer first")
        << mine << true << myOther << true << true << QString() << QString()
        << myOther + QStringLiteral("\n\n") + mine << true << QString();
    QTest::newRow("nothing to carry") << QString() << false << QString() << false << true
                                      << QString() << QString() << QString() << false << QString();
}

void TestAlbumStore::barcodeMergeKeepsDescriptionAndCover()
{
    QFETCH(QString, survivorText);
    QFETCH(bool, survivorEdited);
    QFETCH(QString, absorbedText);
    QFETCH(bool, absorbedEdited);
    QFETCH(bool, absorbedWroteLater);
    QFETCH(QString, survivorCover);
    QFETCH(QString, absorbedCover);
    QFETCH(QString, expectedText);
    QFETCH(bool, expectedEdited);
    QFETCH(QString, expectedCover);
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    AlbumStore &store = *temporary->store;
    const QString barcode = QStringLiteral("724385522925");
    const Album spotify = spotifyAlbum(QStringLiteral("Radiohead"), QStringLiteral("OK Computer"),
                                       1997, QStringLiteral("6dVIqQ8qmQ5GBnJ9shOYGE"), barcode);
    const qint64 survivorId = store.upsertPage({spotify}).albumIds.value(0);
    Album discogs = discogsAlbum(QStringLiteral("Radiohead"),
                                 QStringLiteral("OK Computer (Collector's Edition)"), 0,
                                 QStringLiteral("1234"));
    const qint64 absorbedId = store.upsertPage({discogs}).albumIds.value(0);
    QVERIFY(survivorId > 0 && absorbedId > survivorId);

    const QDateTime earlier = QDateTime::currentDateTimeUtc().addSecs(-3600);
    const QDateTime later = earlier.addSecs(60);
    QList<AlbumDescription> descriptions;
    if (!survivorText.isEmpty())
        descriptions.append({survivorId, survivorText, QStringLiteral("llama3"),
                             absorbedWroteLater ? earlier : later, survivorEdited});
    if (!absorbedText.isEmpty())
        descriptions.append({absorbedId, absorbedText, QStringLiteral("qwen"),
                             absorbedWroteLater ? later : earlier, absorbedEdited});
    QCOMPARE(store.saveDescriptions(descriptions, nullptr), QString());
    if (!survivorCover.isEmpty())
        QVERIFY(store.setCoverFile(survivorId, survivorCover));
    if (!absorbedCover.isEmpty())
        QVERIFY(store.setCoverFile(absorbedId, absorbedCover));

    // The details page brings the barcode: the two albums become one.
    discogs.barcode = barcode;
    discogs.sources.first().barcode = barcode;
    const UpsertResult result = store.upsertPage({discogs});
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.removedIds, QList<qint64> {absorbedId});

    const std::optional<Album> merged = store.album(survivorId);
    QVERIFY(merged);
    QCOMPARE(merged->aiDescription, expectedText);
    QCOMPARE(merged->aiEdited, expectedEdited);
    QCOMPARE(merged->coverFile, expectedCover);
    QCOMPARE(merged->aiGeneratedAt.isValid(), !expectedText.isEmpty());
}

void TestAlbumStore::orphanedJobsAreInterrupted_data()
{
    QTest::addColumn<QString>("owner");
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("expected");
    const QString host = QSysInfo::machineHostName();
    // pid 1 is alive on every Unix; a pid above the kernel's limit never is.
    QTest::newRow("running, process gone") << host + QStringLiteral(":99999999")
                                           << int(JobState::Running) << int(JobState::Interrupted);
    QTest::newRow("running, no owner (older AIME)")
        << QString() << int(JobState::Running) << int(JobState::Interrupted);
    QTest::newRow("queued, process gone") << host + QStringLiteral(":99999999")
                                          << int(JobState::Queued) << int(JobState::Interrupted);
    QTest::newRow("running in a live process")
        << host + QStringLiteral(":1") << int(JobState::Running) << int(JobState::Running);
    QTest::newRow("running on another host") << QStringLiteral("elsewhere.example:42")
                                             << int(JobState::Running) << int(JobState::Running);
    QTest::newRow("completed stays completed")
        << host + QStringLiteral(":99999999") << int(JobState::Completed)
        << int(JobState::Completed);
}

void TestAlbumStore::orphanedJobsAreInterrupted()
{
    QFETCH(QString, owner);
    QFETCH(int, state);
    QFETCH(int, expected);
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    AlbumStore &store = *temporary->store;
    std::optional<ImportJobRecord> job = store.createJob(QStringLiteral("discogs"), {});
    QVERIFY(job);
    job->state = JobState(state);
    job->owner = owner;
    QVERIFY(store.saveJob(*job));
    store.interruptOrphanedJobs();
    QCOMPARE(int(store.job(job->id)->state), expected);
}

QTEST_GUILESS_MAIN(TestAlbumStore)
#include "tst_albumstore.moc"
