#include "ai/descriptionservice.h"
#include "aimeapplication.h"
#include "albumgridview.h"
#include "albumlistmodel.h"
#include "credentials/memorysecretbackend.h"
#include "descriptionpanel.h"
#include "detailspane.h"
#include "fakellm.h"
#include "import/importmanager.h"
#include "mainwindow.h"
#include "store/albumstore.h"

#include <QAction>
#include <QHostAddress>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace aime;

// The details pane's Description as a person uses it: a model's text shown strictly as plain
// text, Generate with its progress, Edit, Regenerate asking before it replaces edited text,
// "Why this text", and a clear message when the endpoint is away.
class TestDescriptionPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void markupIsShownLiterally_data();
    void markupIsShownLiterally();
    void generateShowsProgressThenText();
    void regenerateAsksBeforeReplacingEditedText();
    void unreachableEndpointSaysWhatToDo();
    void severalSelectedAlbumsAreDescribedAsAJob();

private:
    void startApp();
    qint64 addAlbum(const QString &title);
    DescriptionPanel *panel() const
    {
        return m_app->mainWindow()->detailsPane()->descriptionPanel();
    }
    void select(qint64 albumId);

    std::unique_ptr<fakes::FakeLlm> m_llm;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AimeApplication> m_app;
};

void TestDescriptionPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestDescriptionPanel::init()
{
    QSettings().clear();
    m_llm = std::make_unique<fakes::FakeLlm>();
    QVERIFY(m_llm->listen());
    qputenv("AIME_LLM_URL", m_llm->apiUrl().toString().toUtf8());
    qputenv("AIME_LLM_MODEL", m_llm->model().toUtf8());
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestDescriptionPanel::cleanup()
{
    m_app.reset();
    m_dir.reset();
    m_llm.reset();
    qunsetenv("AIME_LLM_URL");
    qunsetenv("AIME_LLM_MODEL");
    QSettings().clear();
}

void TestDescriptionPanel::startApp()
{
    m_app = std::make_unique<AimeApplication>(m_dir->path(), new MemorySecretBackend);
    m_app->start();
    QVERIFY(QTest::qWaitForWindowExposed(m_app->mainWindow()));
    QTRY_VERIFY(m_app->store()->status().ok());
}

qint64 TestDescriptionPanel::addAlbum(const QString &title)
{
    Album album;
    album.title = title;
    album.artist = QStringLiteral("The Testers");
    album.year = 1971;
    album.label = QStringLiteral("Fixture Records");
    album.tracks
        = {{1, 1, QStringLiteral("Opening"), 180000}, {1, 2, QStringLiteral("Closing"), 0}};
    SourceRef source;
    source.provider = QStringLiteral("discogs");
    source.externalId = title;
    album.sources = {source};
    const UpsertResult stored = m_app->store()->upsertPage({album});
    return stored.ok() ? stored.albumIds.first() : 0;
}

void TestDescriptionPanel::select(qint64 albumId)
{
    m_app->mainWindow()->detailsPane()->showAlbum(albumId);
}

void TestDescriptionPanel::markupIsShownLiterally_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("html") << QStringLiteral("<b>Bold</b> claims and <a href=\"https://x.test\">a "
                                            "link</a>.<br><img src=\"x.png\">");
    QTest::newRow("markdown") << QStringLiteral(
        "**Bold** and [a link](https://x.test) # no heading");
    QTest::newRow("entities") << QStringLiteral("Fish &amp; chips &lt;3 &#169;");
}

void TestDescriptionPanel::markupIsShownLiterally()
{
    QFETCH(QString, text);
    startApp();
    const qint64 albumId = addAlbum(QStringLiteral("Markup"));
    QVERIFY(albumId > 0);
    AlbumDescription description;
    description.albumId = albumId;
    description.text = text;
    description.model = m_llm->model();
    description.writtenAt = QDateTime::currentDateTimeUtc();
    QCOMPARE(m_app->store()->saveDescriptions({description}, nullptr), QString());
    select(albumId);
    QLabel *label = panel()->textLabel();
    QTRY_COMPARE(label->text(), text);
    QCOMPARE(label->textFormat(), Qt::PlainText);
    QVERIFY(!label->openExternalLinks());
    QVERIFY(!(label->textInteractionFlags() & Qt::LinksAccessibleByMouse));
}

void TestDescriptionPanel::generateShowsProgressThenText()
{
    // Slow enough to see the progress state, quick enough for the suite.
    m_llm->server().setLatency(std::chrono::milliseconds(400));
    startApp();
    const qint64 albumId = addAlbum(QStringLiteral("Fresh"));
    select(albumId);
    QPushButton *generate = panel()->generateButton();
    QTRY_VERIFY(generate->isEnabled());
    QCOMPARE(generate->text(), QStringLiteral("&Generate"));
    QCOMPARE(panel()->textLabel()->text(), QStringLiteral("No description yet."));

    QSignalSpy finished(m_app->descriptions(), &DescriptionService::finished);
    QTest::mouseClick(generate, Qt::LeftButton);
    QVERIFY(!generate->isEnabled());
    QVERIFY(panel()->findChild<QProgressBar *>(QStringLiteral("descriptionBusy"))->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QVERIFY(finished.first().at(1).toBool());

    // The pane reloads the album: the model's text, who wrote it, and Regenerate.
    QTRY_VERIFY(!panel()->textLabel()->text().startsWith(QStringLiteral("No description")));
    QVERIFY(panel()->textLabel()->text().contains(QStringLiteral("Fresh")));
    auto *caption = panel()->findChild<QLabel *>(QStringLiteral("descriptionCaption"));
    QVERIFY(caption->text().contains(m_llm->model()));
    QCOMPARE(generate->text(), QStringLiteral("&Regenerate"));
    QVERIFY(!panel()->findChild<QProgressBar *>(QStringLiteral("descriptionBusy"))->isVisible());

    // Why this text: the instructions and the facts sent.
    panel()->whyButton()->click();
    QVERIFY(panel()->whyText()->isVisible());
    QVERIFY(panel()->whyText()->toPlainText().contains(QStringLiteral("Label: Fixture Records")));
    QVERIFY(panel()->whyText()->toPlainText().contains(QStringLiteral("2. Closing")));
    const QString sent = m_llm->lastRequest()
                             .value(QStringLiteral("messages"))
                             .toArray()
                             .at(1)
                             .toObject()
                             .value(QStringLiteral("content"))
                             .toString();
    QVERIFY(sent.contains(QStringLiteral("Label: Fixture Records")));
}

void TestDescriptionPanel::regenerateAsksBeforeReplacingEditedText()
{
    startApp();
    const qint64 albumId = addAlbum(QStringLiteral("Edited"));
    select(albumId);
    QTRY_VERIFY(panel()->editButton()->isEnabled());

    // Write one's own text.
    QTest::mouseClick(panel()->editButton(), Qt::LeftButton);
    QVERIFY(panel()->editor()->isVisible());
    panel()->editor()->setPlainText(QStringLiteral("My own words about this record."));
    QSignalSpy changed(m_app->descriptions(), &DescriptionService::descriptionChanged);
    QTest::mouseClick(panel()->saveButton(), Qt::LeftButton);
    QTRY_COMPARE(changed.size(), 1);
    QTRY_COMPARE(panel()->textLabel()->text(), QStringLiteral("My own words about this record."));
    QTRY_VERIFY(m_app->store()->album(albumId)->aiEdited);

    // Regenerate asks; Cancel keeps the text and sends nothing.
    const int served = m_llm->completionsServed();
    QTest::mouseClick(panel()->generateButton(), Qt::LeftButton);
    QMessageBox *ask = nullptr;
    QTRY_VERIFY(
        (ask = panel()->findChild<QMessageBox *>(QStringLiteral("replaceEditedDescription")))
        && ask->isVisible());
    ask->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!panel()->findChild<QMessageBox *>(QStringLiteral("replaceEditedDescription")));
    QCOMPARE(m_llm->completionsServed(), served);
    QCOMPARE(m_app->store()->album(albumId)->aiDescription,
             QStringLiteral("My own words about this record."));

    // Yes replaces it with the model's.
    QTest::mouseClick(panel()->generateButton(), Qt::LeftButton);
    QTRY_VERIFY(
        (ask = panel()->findChild<QMessageBox *>(QStringLiteral("replaceEditedDescription")))
        && ask->isVisible());
    ask->button(QMessageBox::Yes)->click();
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, 20000);
    QTRY_VERIFY(!m_app->store()->album(albumId)->aiEdited);
    QCOMPARE(m_llm->completionsServed(), served + 1);
    QTRY_VERIFY(panel()->textLabel()->text() != QStringLiteral("My own words about this record."));
}

void TestDescriptionPanel::unreachableEndpointSaysWhatToDo()
{
    // Nothing listens where AIME looks for Ollama.
    m_llm.reset();
    QTcpServer placeholder;
    QVERIFY(placeholder.listen(QHostAddress::LocalHost));
    const quint16 port = placeholder.serverPort();
    placeholder.close();
    qputenv("AIME_LLM_URL", QStringLiteral("http://127.0.0.1:%1/v1").arg(port).toUtf8());
    startApp();
    const qint64 albumId = addAlbum(QStringLiteral("Offline"));
    select(albumId);
    QTRY_VERIFY(panel()->generateButton()->isEnabled());
    QTest::mouseClick(panel()->generateButton(), Qt::LeftButton);
    QLabel *message = panel()->messageLabel();
    QTRY_VERIFY_WITH_TIMEOUT(message->isVisible(), 20000);
    QVERIFY2(message->text().contains(QStringLiteral("ollama serve")), qPrintable(message->text()));
    QCOMPARE(message->textFormat(), Qt::PlainText);
    QVERIFY(m_app->store()->album(albumId)->aiDescription.isEmpty());
    QVERIFY(panel()->generateButton()->isEnabled());
}

void TestDescriptionPanel::severalSelectedAlbumsAreDescribedAsAJob()
{
    startApp();
    QTRY_VERIFY(m_app->imports()->isLoaded());
    const qint64 first = addAlbum(QStringLiteral("First"));
    const qint64 second = addAlbum(QStringLiteral("Second"));
    addAlbum(QStringLiteral("Third"));
    MainWindow *window = m_app->mainWindow();
    QAbstractItemModel *grid = window->gridView()->model();
    QTRY_COMPARE(grid->rowCount(), 3);
    // Select the first two albums of the grid, whichever order it shows them in.
    QItemSelection selection;
    QList<qint64> chosen;
    for (int row = 0; row < grid->rowCount(); ++row) {
        const QModelIndex index = grid->index(row, 0);
        const qint64 id = index.data(AlbumListModel::AlbumIdRole).toLongLong();
        if (id == first || id == second) {
            selection.select(index, index);
            chosen.append(id);
        }
    }
    window->gridView()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    auto *action = window->findChild<QAction *>(QStringLiteral("describeSelectedAction"));
    QVERIFY(action && action->isEnabled());
    QSignalSpy ended(m_app->imports(), &ImportManager::jobFinished);
    action->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 20000);
    const auto end = ended.first().first().value<ImportJobRecord>();
    QCOMPARE(end.source, QStringLiteral("describe"));
    QCOMPARE(end.state, JobState::Completed);
    QCOMPARE(end.params.value(QStringLiteral("albums")).toArray().size(), 2);
    for (const qint64 id : chosen)
        QVERIFY(!m_app->store()->album(id)->aiDescription.isEmpty());
    // The third was not chosen.
    QCOMPARE(m_app->store()->countWithoutDescription(), 1);
}

QTEST_MAIN(TestDescriptionPanel)
#include "tst_descriptionpanel.moc"
