#include "import/importjob.h"
#include "store/albumstore.h"
#include "testdata.h"

#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using namespace aime;

namespace {

// A job that starts and then waits: what is left to test is the base class's bookkeeping.
class IdleJob : public ImportJob
{
public:
    IdleJob(AlbumStore *store, QThreadPool *pool, ImportJobRecord record)
        : ImportJob(store, pool, std::move(record), nullptr)
    { }
    QString phase() const override { return QStringLiteral("idle"); }

protected:
    void run() override { }
};

} // namespace

class TestImportJob : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void stopRightAfterStartIsTheStoredState_data();
    void stopRightAfterStartIsTheStoredState();
};

void TestImportJob::initTestCase_data()
{
    testing::addBackendRows();
}

void TestImportJob::stopRightAfterStartIsTheStoredState_data()
{
    QTest::addColumn<bool>("interrupt");
    QTest::addColumn<int>("rounds");
    QTest::addColumn<int>("expected");
    QTest::newRow("cancel") << false << 1000 << int(JobState::Cancelled);
    QTest::newRow("interrupt (quit)") << true << 200 << int(JobState::Interrupted);
}

void TestImportJob::stopRightAfterStartIsTheStoredState()
{
    QFETCH(bool, interrupt);
    QFETCH(int, rounds);
    QFETCH(int, expected);
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    AlbumStore *store = temporary->store.get();
    // Two threads, so the job's two saves (running, then the end) could overtake each other.
    QThreadPool pool;
    pool.setMaxThreadCount(2);
    int wrong = 0;
    QString firstWrong;
    for (int round = 0; round < rounds; ++round) {
        const std::optional<ImportJobRecord> record
            = store->createJob(QStringLiteral("discogs"), {});
        QVERIFY(record);
        IdleJob job(store, &pool, *record);
        QSignalSpy finished(&job, &ImportJob::finished);
        job.start();
        job.cancel(interrupt);
        QVERIFY(finished.wait(10000) || !finished.isEmpty());
        QCOMPARE(int(finished.first().first().value<ImportJobRecord>().state), expected);
        // Whatever write is still queued lands before the row is read.
        pool.waitForDone();
        const JobState stored = store->job(record->id)->state;
        if (int(stored) != expected) {
            if (wrong++ == 0)
                firstWrong = ImportJobRecord::stateName(stored);
        }
    }
    QVERIFY2(wrong == 0,
             qPrintable(QStringLiteral("%1 of %2 jobs were stored as %3")
                            .arg(wrong)
                            .arg(rounds)
                            .arg(firstWrong)));
}

QTEST_GUILESS_MAIN(TestImportJob)
#include "tst_importjob.moc"
