#include "aimeapplication.h"
#include "albumgridview.h"
#include "albumlistmodel.h"
#include "detailspane.h"
#include "importprogresswidget.h"
#include "mainwindow.h"
#include "store/albumstore.h"
#include "testdata.h"

#include <QApplication>
#include <QDialog>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace aime;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loadSampleFilterAndOpenDetails();
    void providerTextIsShownAsPlainText();
    void unreadableStoreSaysWhy();
    void helpListsTheShortcuts_data();
    void helpListsTheShortcuts();
    void ctrlIOpensTheImportMenu();
    void csvHandedOverIsImportedAndLastAlbumRestored();

private:
    static AlbumListModel *gridModel(MainWindow *window)
    {
        return qobject_cast<AlbumListModel *>(window->gridView()->model());
    }
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestMainWindow::loadSampleFilterAndOpenDetails()
{
    QTemporaryDir dir;
    AimeApplication app(dir.path());
    app.start();
    MainWindow *window = app.mainWindow();
    QVERIFY(QTest::qWaitForWindowExposed(window));

    auto *sampleButton = window->findChild<QPushButton *>(QStringLiteral("loadSampleButton"));
    QVERIFY(sampleButton);
    QTRY_VERIFY(sampleButton->isVisible());
    QVERIFY(!window->gridView()->isVisible());
    // The empty collection's page has the window to itself; the details come with an album.
    auto *details = window->findChild<QDockWidget *>(QStringLiteral("detailsDock"));
    QVERIFY(details);
    QVERIFY(!details->isVisible());

    QTest::mouseClick(sampleButton, Qt::LeftButton);
    AlbumListModel *model = gridModel(window);
    QVERIFY(model);
    QTRY_VERIFY(window->gridView()->isVisible());
    QTRY_VERIFY(details->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!window->importProgress()->isRunning(), 60000);
    // The grid catches up with the store within its refresh interval.
    const int stored = app.store()->count({});
    QVERIFY(stored >= 300);
    QTRY_COMPARE(model->totalCount(), stored);
    const int total = model->totalCount();

    // Scrolling down makes the grid fetch page after page until it holds every album.
    QTRY_VERIFY_WITH_TIMEOUT((window->gridView()->scrollToBottom(), model->rowCount() == total),
                             30000);
    auto *countLabel = window->findChild<QLabel *>(QStringLiteral("albumCount"));
    QVERIFY(countLabel->text().contains(QLocale().toString(total)));

    QLineEdit *search = window->searchBox();
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("kind of blue"));
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0).data(AlbumListModel::ArtistRole).toString(),
             QStringLiteral("Miles Davis"));
    QVERIFY(countLabel->text().contains(QStringLiteral("1 album")));

    AlbumGridView *grid = window->gridView();
    grid->setFocus();
    grid->setCurrentIndex(model->index(0));
    QTest::keyClick(grid, Qt::Key_Return);
    // The album page is built for the first album shown.
    QLabel *title = nullptr;
    QTRY_VERIFY((title = window->findChild<QLabel *>(QStringLiteral("detailsTitle"))));
    QTRY_COMPARE(title->text(), QStringLiteral("Kind Of Blue"));
    QTRY_VERIFY(title->isVisible());
    QCOMPARE(window->findChild<QLabel *>(QStringLiteral("detailsArtist"))->text(),
             QStringLiteral("Miles Davis"));
    QCOMPARE(window->findChild<QLabel *>(QStringLiteral("detailsLabel"))->text(),
             QStringLiteral("Columbia"));
    QVERIFY(window->findChild<QLabel *>(QStringLiteral("detailsSources"))
                ->text()
                .contains(QStringLiteral("CL 1355")));

    // Esc in the search box brings every album back.
    QTest::keyClick(search, Qt::Key_Escape);
    QVERIFY(search->text().isEmpty());
    QTRY_COMPARE(model->totalCount(), total);
}

void TestMainWindow::providerTextIsShownAsPlainText()
{
    QTemporaryDir dir;
    AimeApplication app(dir.path());
    app.start();
    MainWindow *window = app.mainWindow();
    AlbumListModel *model = gridModel(window);
    QTRY_VERIFY(model->totalCount() == 0);

    Album hostile
        = testing::discogsAlbum(QStringLiteral("<img src=x>Artist"),
                                QStringLiteral("<b>Bold</b> & <a href=\"http://evil\">link</a>"),
                                2001, QStringLiteral("99"));
    hostile.label = QStringLiteral("<i>Label</i>");
    hostile.sources.first().catalogNumber = QStringLiteral("<script>x</script>");
    QVERIFY(app.store()->upsertPage({hostile}).ok());
    QTRY_COMPARE(model->rowCount(), 1);

    window->gridView()->setCurrentIndex(model->index(0));
    QLabel *title = nullptr;
    QTRY_VERIFY((title = window->findChild<QLabel *>(QStringLiteral("detailsTitle"))));
    QTRY_COMPARE(title->text(), hostile.title);
    QCOMPARE(title->textFormat(), Qt::PlainText);
    QCOMPARE(window->findChild<QLabel *>(QStringLiteral("detailsArtist"))->textFormat(),
             Qt::PlainText);
    QCOMPARE(window->findChild<QLabel *>(QStringLiteral("detailsLabel"))->text(), hostile.label);
    const QString sources = window->findChild<QLabel *>(QStringLiteral("detailsSources"))->text();
    QVERIFY(!sources.contains(QStringLiteral("<script>")));
    QVERIFY(sources.contains(QStringLiteral("&lt;script&gt;")));
}

void TestMainWindow::unreadableStoreSaysWhy()
{
    QTemporaryDir dir;
    QFile garbage(dir.filePath(QStringLiteral("collection.sqlite")));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write(QByteArray(4096, 'x'));
    garbage.close();
    AimeApplication app(dir.path());
    app.start();
    auto *message = app.mainWindow()->findChild<QLabel *>(QStringLiteral("storeMessage"));
    QVERIFY(message);
    QTRY_VERIFY(message->text().contains(QStringLiteral("cannot open")));
    QVERIFY(message->isVisible());
    QVERIFY(!app.mainWindow()->searchBox()->isEnabled());
}

void TestMainWindow::helpListsTheShortcuts_data()
{
    QTest::addColumn<QString>("actionName");
    QTest::addColumn<bool>("withGuide");
    QTest::newRow("F1") << QStringLiteral("helpAction") << true;
    QTest::newRow("Keyboard shortcuts") << QStringLiteral("keyboardShortcutsAction") << false;
}

void TestMainWindow::helpListsTheShortcuts()
{
    QFETCH(QString, actionName);
    QFETCH(bool, withGuide);
    QTemporaryDir dir;
    AimeApplication app(dir.path());
    app.start();
    MainWindow *window = app.mainWindow();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    auto *action = window->findChild<QAction *>(actionName);
    QVERIFY(action);
    if (withGuide) {
        QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::HelpContents));
        QTest::keyClick(window, Qt::Key_F1);
    } else {
        action->trigger();
    }
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window->findChild<QDialog *>(QStringLiteral("keyboardShortcutsDialog")))
                && dialog->isVisible());
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("helpGuide")) != nullptr, withGuide);
    auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("shortcutList"));
    QVERIFY(list);
    // Read from the actions: the ones the issue names are all there, with their keys.
    QStringList shown;
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        shown.append(list->topLevelItem(i)->text(1));
    const QString all = shown.join(u'|');
    for (const QKeySequence &key :
         {QKeySequence(QKeySequence::Find), QKeySequence(QStringLiteral("Ctrl+Shift+F")),
          QKeySequence(QStringLiteral("Ctrl+I")), QKeySequence(QStringLiteral("Ctrl+,")),
          QKeySequence(QKeySequence::HelpContents), QKeySequence(QKeySequence::Quit)})
        QVERIFY2(
            all.contains(key.toString(QKeySequence::NativeText)),
            qPrintable(key.toString(QKeySequence::NativeText) + QStringLiteral(" not in ") + all));
    QVERIFY(list->topLevelItemCount() >= 15);
    dialog->close();
}

void TestMainWindow::ctrlIOpensTheImportMenu()
{
    QTemporaryDir dir;
    AimeApplication app(dir.path());
    app.start();
    MainWindow *window = app.mainWindow();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(!window->menuBar()->activeAction());
    QTest::keyClick(window, Qt::Key_I, Qt::ControlModifier);
    QTRY_VERIFY(window->menuBar()->activeAction());
    QAction *active = window->menuBar()->activeAction();
    QVERIFY(active->menu());
    QVERIFY(active->menu()->findChild<QAction *>(QStringLiteral("importCsvAction"))
            || active->menu()->actions().contains(
                window->findChild<QAction *>(QStringLiteral("importCsvAction"))));
    QTest::keyClick(active->menu(), Qt::Key_Escape);
}

void TestMainWindow::csvHandedOverIsImportedAndLastAlbumRestored()
{
    // `aime FILE.csv` (or a second start handing the file over): the window imports it, even
    // when the file arrives before the store has opened.
    QTemporaryDir dir;
    const QString csv = qEnvironmentVariable("AIME_SAMPLE_CSV");
    QVERIFY(QFileInfo::exists(csv));
    qint64 chosen = 0;
    {
        AimeApplication app(dir.path());
        MainWindow *window = app.mainWindow();
        // Before the store is even asked to open, as `aime FILE.csv` does.
        window->openFiles({csv, QStringLiteral("/nowhere/cover.jpg")});
        app.start();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        AlbumListModel *model = gridModel(window);
        QTRY_VERIFY_WITH_TIMEOUT(model->totalCount() >= 300, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!window->importProgress()->isRunning(), 60000);
        QTRY_COMPARE(model->totalCount(), app.store()->count({}));

        // An album far down the grid is the current one when AIME closes.
        const int row = model->rowCount() - 3;
        QTRY_VERIFY(model->summaryAt(row));
        chosen = model->summaryAt(row)->id;
        window->gridView()->setCurrentIndex(model->index(row));
        window->close();
    }
    AimeApplication app(dir.path());
    app.start();
    MainWindow *window = app.mainWindow();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QTRY_COMPARE(window->gridView()->currentIndex().data(AlbumListModel::AlbumIdRole).toLongLong(),
                 chosen);
    QTRY_COMPARE(window->detailsPane()->albumId(), chosen);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
