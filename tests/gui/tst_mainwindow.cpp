#include "aimeapplication.h"
#include "albumgridview.h"
#include "albumlistmodel.h"
#include "detailspane.h"
#include "importprogresswidget.h"
#include "mainwindow.h"
#include "store/albumstore.h"
#include "testdata.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace aime;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loadSampleFilterAndOpenDetails();
    void providerTextIsShownAsPlainText();
    void unreadableStoreSaysWhy();

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

    QTest::mouseClick(sampleButton, Qt::LeftButton);
    AlbumListModel *model = gridModel(window);
    QVERIFY(model);
    QTRY_VERIFY(window->gridView()->isVisible());
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
    auto *title = window->findChild<QLabel *>(QStringLiteral("detailsTitle"));
    QVERIFY(title);
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
    auto *title = window->findChild<QLabel *>(QStringLiteral("detailsTitle"));
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

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
