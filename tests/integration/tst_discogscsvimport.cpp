#include "core/datalocation.h"
#include "export/discogscsvwriter.h"
#include "import/discogscsvimport.h"
#include "testdata.h"

#include <QFile>
#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using namespace aime;

namespace {

// A Discogs export of `count` rows; the rows whose index is in brokenEvery's multiples get a
// non-numeric release_id. Returns the 1-based lines of the broken records.
QList<int> writeExport(const QString &path, int count, int brokenEvery)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    const QStringList extras {QStringLiteral("Collection Notes")};
    file.write(DiscogsCsvWriter::headerLine(extras).toUtf8());
    QList<int> brokenLines;
    int line = 2;
    const QList<Album> albums = testing::generatedAlbums(count);
    for (int i = 0; i < count; ++i) {
        Album album = albums.at(i);
        SourceRef source = album.sources.first();
        // Every tenth note spans two lines, so record starts and line numbers differ.
        if (i % 10 == 0)
            source.extra.insert(QStringLiteral("Collection Notes"),
                                QStringLiteral("first\nsecond, \"quoted\""));
        QString row = DiscogsCsvWriter::rowLine(album, source, extras);
        if (brokenEvery > 0 && i % brokenEvery == brokenEvery - 1) {
            row.replace(QStringLiteral(",%1,").arg(source.externalId), QStringLiteral(",12ab,"));
            brokenLines.append(line);
        }
        file.write(row.toUtf8());
        line += int(row.count(u'\n'));
    }
    return brokenLines;
}

} // namespace

class TestDiscogsCsvImport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void brokenRowsAreCountedByLineAndGoodRowsStored();
    void reimportCountsAlreadyPresent();
    void cancelStopsBetweenPages();
    void progressRisesToTheEnd();
    void unreadableInputsGiveAClearMessage_data();
    void unreadableInputsGiveAClearMessage();
    void closedStoreIsAFatalError();
};

void TestDiscogsCsvImport::initTestCase_data()
{
    testing::addBackendRows();
}

void TestDiscogsCsvImport::brokenRowsAreCountedByLineAndGoodRowsStored()
{
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    const QString path = temporary->dir.filePath(QStringLiteral("export.csv"));
    const QList<int> brokenLines = writeExport(path, 10000, 997);
    QCOMPARE(brokenLines.size(), 10);

    const CsvImportReport report = DiscogsCsvImport::importFile(temporary->store.get(), path);
    QVERIFY2(report.fatalError.isEmpty(), qPrintable(report.fatalError));
    QCOMPARE(report.broken.size(), brokenLines.size());
    for (int i = 0; i < brokenLines.size(); ++i)
        QCOMPARE(report.broken.at(i).line, brokenLines.at(i));
    QCOMPARE(report.added, 10000 - 10);
    QCOMPARE(temporary->store->count({}), 10000 - 10);
    QVERIFY(report.summary().contains(QString::number(brokenLines.first())));
}

void TestDiscogsCsvImport::reimportCountsAlreadyPresent()
{
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    const QString path = temporary->dir.filePath(QStringLiteral("export.csv"));
    writeExport(path, 600, 0);
    QCOMPARE(DiscogsCsvImport::importFile(temporary->store.get(), path).added, 600);
    const CsvImportReport again = DiscogsCsvImport::importFile(temporary->store.get(), path);
    QCOMPARE(again.added, 0);
    QCOMPARE(again.alreadyPresent, 600);
    QCOMPARE(temporary->store->count({}), 600);
}

void TestDiscogsCsvImport::cancelStopsBetweenPages()
{
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    const QString path = temporary->dir.filePath(QStringLiteral("export.csv"));
    writeExport(path, 5000, 0);

    int pages = 0;
    const CsvImportReport report = DiscogsCsvImport::importFile(
        temporary->store.get(), path, [&](int, int) { ++pages; }, [&] { return pages >= 3; });
    QCOMPARE(pages, 3);
    QVERIFY(report.cancelled);
    QVERIFY(report.fatalError.isEmpty());
    // Whole pages only: nothing half-written.
    QCOMPARE(report.added, 3 * DiscogsCsvImport::pageSize);
    QCOMPARE(temporary->store->count({}), 3 * DiscogsCsvImport::pageSize);
    QVERIFY(report.summary().contains(QStringLiteral("cancelled")));
}

void TestDiscogsCsvImport::progressRisesToTheEnd()
{
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    const QString path = temporary->dir.filePath(QStringLiteral("export.csv"));
    writeExport(path, 2000, 0);

    QThreadPool pool;
    auto cancel = std::make_shared<std::atomic_bool>(false);
    QFutureWatcher<CsvImportReport> watcher;
    QSignalSpy progress(&watcher, &QFutureWatcher<CsvImportReport>::progressValueChanged);
    QSignalSpy finished(&watcher, &QFutureWatcher<CsvImportReport>::finished);
    watcher.setFuture(DiscogsCsvImport::start(&pool, temporary->store.get(), path, cancel));
    QVERIFY(finished.wait(60000));
    QCOMPARE(watcher.result().added, 2000);
    QVERIFY(!progress.isEmpty());
    int last = -1;
    for (const QList<QVariant> &value : std::as_const(progress)) {
        QVERIFY(value.first().toInt() >= last);
        last = value.first().toInt();
    }
    QCOMPARE(last, 1000);
    QVERIFY2(watcher.progressText().contains(QLocale().toString(2000)),
             qPrintable(watcher.progressText()));
}

void TestDiscogsCsvImport::unreadableInputsGiveAClearMessage_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing file") << QByteArray() << QStringLiteral("Cannot read");
    QTest::newRow("empty file") << QByteArray("")
                                << QStringLiteral("not a Discogs collection export");
    QTest::newRow("other csv") << QByteArray("name,age\nBob,3\n")
                               << QStringLiteral("not a Discogs collection export");
    QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                            << QStringLiteral("not a Discogs collection export");
}

void TestDiscogsCsvImport::unreadableInputsGiveAClearMessage()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, expected);
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    const QString path = temporary->dir.filePath(QStringLiteral("input.csv"));
    if (!contents.isNull()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
    }
    const CsvImportReport report = DiscogsCsvImport::importFile(temporary->store.get(), path);
    QVERIFY2(report.fatalError.contains(expected), qPrintable(report.fatalError));
    QVERIFY(report.fatalError.contains(path));
    QCOMPARE(temporary->store->count({}), 0);
}

void TestDiscogsCsvImport::closedStoreIsAFatalError()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("export.csv"));
    writeExport(path, 10, 0);
    AlbumStore closed(DataLocation::sqliteStore(dir.filePath(QStringLiteral("never-opened"))));
    const CsvImportReport report = DiscogsCsvImport::importFile(&closed, path);
    QVERIFY(!report.fatalError.isEmpty());
    QVERIFY2(report.fatalError.contains(QStringLiteral("line 2")), qPrintable(report.fatalError));
    QCOMPARE(report.added, 0);
}

QTEST_GUILESS_MAIN(TestDiscogsCsvImport)
#include "tst_discogscsvimport.moc"
