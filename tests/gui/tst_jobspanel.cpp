#include "aimeapplication.h"
#include "albumgridview.h"
#include "albumlistmodel.h"
#include "core/datalocation.h"
#include "credentials/accountmanager.h"
#include "credentials/memorysecretbackend.h"
#include "fakediscogs.h"
#include "import/importmanager.h"
#include "importjobmodel.h"
#include "jobspanel.h"
#include "mainwindow.h"
#include "preferencesdialog.h"
#include "store/albumstore.h"

#include <QAction>
#include <QDockWidget>
#include <QInputDialog>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace aime;

// Import > Discogs collection as a person uses it: the menu, the user question, the jobs panel
// and the grid filling, then cancel and retry from the panel.
class TestJobsPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void importFromTheMenuFillsTheGrid();
    void cancelAndRetryFromThePanel();
    void interruptedImportResumesAtStartWhenAsked();

private:
    // Import > Discogs collection…, answered with `user`.
    bool startImport(const QString &user);
    ImportJobModel *jobModel() const;

    std::unique_ptr<fakes::FakeDiscogs> m_discogs;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AimeApplication> m_app;
};

void TestJobsPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Discogs' limit at a tenth of a second, so hundreds of requests take a moment.
    qputenv("AIME_DISCOGS_RATE", "60/0.1");
}

void TestJobsPanel::init()
{
    QSettings().clear();
    m_discogs = std::make_unique<fakes::FakeDiscogs>(fakes::FakeDiscogsOptions {.albumCount = 300});
    m_discogs->server().setRateLimit(60, std::chrono::milliseconds(100));
    QVERIFY(m_discogs->listen());
    qputenv("AIME_DISCOGS_API_URL", m_discogs->baseUrl().toString().toUtf8());
    qputenv("AIME_DISCOGS_TOKEN", m_discogs->token().toUtf8());
    qputenv("AIME_DISCOGS_USER", m_discogs->username().toUtf8());
    m_dir = std::make_unique<QTemporaryDir>();
    m_app = std::make_unique<AimeApplication>(m_dir->path(), new MemorySecretBackend);
    m_app->start();
    QVERIFY(QTest::qWaitForWindowExposed(m_app->mainWindow()));
    QTRY_VERIFY(m_app->imports()->isLoaded());
    QTRY_VERIFY(m_app->accounts()->isRestored());
}

void TestJobsPanel::cleanup()
{
    m_app.reset();
    m_dir.reset();
    m_discogs.reset();
    for (const char *name : {"AIME_DISCOGS_API_URL", "AIME_DISCOGS_TOKEN", "AIME_DISCOGS_USER"})
        qunsetenv(name);
    QSettings().clear();
}

ImportJobModel *TestJobsPanel::jobModel() const
{
    return qobject_cast<ImportJobModel *>(m_app->mainWindow()->jobsPanel()->view()->model());
}

bool TestJobsPanel::startImport(const QString &user)
{
    auto *action = m_app->mainWindow()->findChild<QAction *>(QStringLiteral("importDiscogsAction"));
    if (!action || !action->isEnabled())
        return false;
    action->trigger();
    auto *ask = m_app->mainWindow()->findChild<QInputDialog *>(QStringLiteral("discogsUserDialog"));
    if (!ask || !QTest::qWaitForWindowExposed(ask))
        return false;
    // Filled in from the account (here, the environment's).
    if (ask->textValue() != m_discogs->username())
        return false;
    ask->setTextValue(user);
    ask->accept();
    return true;
}

void TestJobsPanel::importFromTheMenuFillsTheGrid()
{
    MainWindow *window = m_app->mainWindow();
    QVERIFY(!window->jobsDock()->isVisible());
    QVERIFY(startImport(m_discogs->username()));
    // The panel opens by itself with the new job selected.
    QTRY_VERIFY(window->jobsDock()->isVisible());
    QTRY_COMPARE(jobModel()->rowCount(), 1);
    QTRY_COMPARE(window->jobsPanel()->view()->selectionModel()->selectedRows().size(), 1);

    // The grid fills while the job runs, and the panel follows it to the end.
    auto *albums = qobject_cast<AlbumListModel *>(window->gridView()->model());
    QVERIFY(albums);
    QTRY_VERIFY_WITH_TIMEOUT(albums->totalCount() > 0, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(jobModel()->index(0, ImportJobModel::StateColumn).data().toString(),
                              QStringLiteral("Done"), 60000);
    QCOMPARE(jobModel()->index(0, ImportJobModel::ProgressColumn).data().toString(),
             QStringLiteral("300 of 300"));
    QCOMPARE(jobModel()->index(0, 0).data(ImportJobModel::ProgressPermilleRole).toInt(), 1000);
    QTRY_VERIFY(albums->totalCount() >= 297);
    QCOMPARE(m_discogs->server().limitedCount(), 0);

    // Starting the same import while it runs would show it; now it is done, a new one starts.
    QVERIFY(startImport(m_discogs->username()));
    QTRY_COMPARE(jobModel()->rowCount(), 2);
}

void TestJobsPanel::cancelAndRetryFromThePanel()
{
    m_discogs->server().setLatency(std::chrono::milliseconds(300));
    MainWindow *window = m_app->mainWindow();
    QVERIFY(startImport(m_discogs->username()));
    QTRY_COMPARE(jobModel()->rowCount(), 1);
    JobsPanel *panel = window->jobsPanel();
    QTRY_VERIFY(panel->cancelButton()->isEnabled());
    QVERIFY(!panel->retryButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(jobModel()->recordAt(0).done >= 100, 20000);

    QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(jobModel()->recordAt(0).state, JobState::Cancelled, 1000);
    QTRY_VERIFY(panel->retryButton()->isEnabled());
    QVERIFY(!panel->cancelButton()->isEnabled());
    // The grid fetches covers through the same server; only the import's requests count here.
    const auto importRequests = [this] {
        int count = 0;
        for (const QByteArray &path : m_discogs->server().requestPaths())
            count += path.startsWith("/images/") ? 0 : 1;
        return count;
    };
    const int requestsAtCancel = importRequests();

    m_discogs->server().setLatency(std::chrono::milliseconds(0));
    QTest::mouseClick(panel->retryButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(jobModel()->recordAt(0).state, JobState::Completed, 60000);
    QCOMPARE(jobModel()->rowCount(), 1);
    // The retry went on from its cursor: the pages stored before the cancel were not fetched
    // again (3 collection pages and 300 releases at most).
    QVERIFY(importRequests() - requestsAtCancel <= 3 + 300);

    QTRY_VERIFY(panel->removeButton()->isEnabled());
    QTest::mouseClick(panel->removeButton(), Qt::LeftButton);
    QTRY_COMPARE(jobModel()->rowCount(), 0);
}

void TestJobsPanel::interruptedImportResumesAtStartWhenAsked()
{
    // A crash left an import running after its first page; AIME starts again.
    m_app.reset();
    {
        AlbumStore store(DataLocation::sqliteStore(m_dir->path()));
        QVERIFY(store.open().ok());
        std::optional<ImportJobRecord> job = store.createJob(
            QStringLiteral("discogs"), {{QStringLiteral("user"), m_discogs->username()}});
        QVERIFY(job);
        job->state = JobState::Running;
        job->owner = QSysInfo::machineHostName() + QStringLiteral(":99999999");
        job->cursor = {{QStringLiteral("phase"), QStringLiteral("collection")},
                       {QStringLiteral("page"), 2}};
        QVERIFY(store.saveJob(*job));
    }
    QSettings().setValue(PreferencesDialog::resumeAutomaticallyKey(), true);
    m_app = std::make_unique<AimeApplication>(m_dir->path(), new MemorySecretBackend);
    m_app->start();
    QVERIFY(QTest::qWaitForWindowExposed(m_app->mainWindow()));
    QTRY_COMPARE(jobModel()->rowCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(jobModel()->recordAt(0).state, JobState::Completed, 60000);
    // It went on from page 2: page 1 was never asked for again.
    for (const QByteArray &path : m_discogs->server().requestPaths())
        QVERIFY2(!path.contains("page=1&"), path.constData());
    // It ends full, counting the releases whose details it walked: pages 2 and 3 (this made-up
    // crash never stored page 1).
    QCOMPARE(jobModel()->recordAt(0).total, 200);
    QCOMPARE(jobModel()->recordAt(0).done, jobModel()->recordAt(0).total);
}

QTEST_MAIN(TestJobsPanel)
#include "tst_jobspanel.moc"
